// Well-known names the routing rules key on, with where upstream defines them.

/** EndpointSlice label naming the owning Service (`api discovery/v1/well_known_labels.go: LabelServiceName`). */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** EndpointSlice label naming the manager (`LabelManagedBy`). */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** The EndpointSlice controller's managed-by value (`endpointslice reconciler.go` controllerName). */
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** The EndpointSliceMirroring controller's managed-by value. */
export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
/** Set (empty value) on slices of a Service without a ClusterIP (`api core/v1/well_known_labels.go: IsHeadlessService`). */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
/** Services or slices carrying it are left to another proxy (`k/k pkg/proxy/apis/well_known_labels.go: LabelServiceProxyName`). */
export const LABEL_SERVICE_PROXY_NAME = 'service.kubernetes.io/service-proxy-name';
/** Set by the controller on every write (`api core/v1/annotation_key_constants.go: EndpointsLastChangeTriggerTime`). */
export const ANNOTATION_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
/** Topology Aware Routing ("Auto" hints, CPU-proportional) and its deprecated predecessor. */
export const ANNOTATION_TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
export const ANNOTATION_TOPOLOGY_AWARE_HINTS = 'service.kubernetes.io/topology-aware-hints';
/** Node label copied into Endpoint.zone (`api core/v1/well_known_labels.go: LabelTopologyZone`). */
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** `--max-endpoints-per-slice` default of kube-controller-manager. */
export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;
/** The Kubernetes minor version the model follows unless told otherwise. */
export const DEFAULT_MINOR = 34;
/** `api core/v1/types.go: DefaultClientIPServiceAffinitySeconds`. */
export const DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10800;
