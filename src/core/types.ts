// The Kubernetes objects the core reads, in their wire format (JSON as the API
// server returns it: RFC 3339 strings for times, IntOrString as number | string).
// Only the fields the rules of docs/semantics.md use are named; everything is
// optional because manifests and partial reads omit fields freely.

export type IntOrString = number | string;

export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** metav1.LabelSelector. `null`/absent and `{}` differ: see labels.ts. */
export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

// ---------------------------------------------------------------- Pod

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  protocol?: string;
}

export interface Probe {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  [handler: string]: unknown;
}

export interface LifecycleHandler {
  exec?: { command?: string[] };
  httpGet?: unknown;
  tcpSocket?: unknown;
  sleep?: { seconds?: number };
}

export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[];
  readinessProbe?: Probe | null;
  livenessProbe?: Probe | null;
  startupProbe?: Probe | null;
  restartPolicy?: string;
  lifecycle?: { preStop?: LifecycleHandler | null; postStart?: LifecycleHandler | null; stopSignal?: string } | null;
}

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
}

export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  started?: boolean;
  state?: Record<string, unknown>;
}

export interface PodSpec {
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
  hostNetwork?: boolean;
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  readinessGates?: { conditionType: string }[];
  terminationGracePeriodSeconds?: number;
  restartPolicy?: string;
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  podIP?: string;
  podIPs?: { ip: string }[];
  hostIP?: string;
  startTime?: string;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
}

export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: PodStatus;
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec?: PodSpec;
}

// ---------------------------------------------------------------- Service

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: IntOrString;
  nodePort?: number;
  appProtocol?: string;
}

export interface Service extends KubeObject {
  spec?: {
    type?: string;
    selector?: Record<string, string> | null;
    ports?: ServicePort[];
    clusterIP?: string;
    clusterIPs?: string[];
    ipFamilies?: string[];
    externalName?: string;
    externalIPs?: string[];
    publishNotReadyAddresses?: boolean;
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
    healthCheckNodePort?: number;
    sessionAffinity?: string;
    sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
    trafficDistribution?: string;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string; ipMode?: string }[] } };
}

// ---------------------------------------------------------------- EndpointSlice

export interface EndpointConditions {
  ready?: boolean | null;
  serving?: boolean | null;
  terminating?: boolean | null;
}

export interface Endpoint {
  addresses: string[];
  conditions?: EndpointConditions;
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef?: { kind?: string; name?: string; namespace?: string; uid?: string };
  hints?: { forZones?: { name: string }[]; forNodes?: { name: string }[] };
}

export interface EndpointPort {
  name?: string | null;
  port?: number | null;
  protocol?: string | null;
  appProtocol?: string;
}

export interface EndpointSlice extends KubeObject {
  addressType?: string;
  endpoints?: Endpoint[] | null;
  ports?: EndpointPort[] | null;
}

// ---------------------------------------------------------------- Workloads

export interface RollingUpdate {
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
}

export interface WorkloadSpec {
  replicas?: number;
  selector?: LabelSelector | null;
  template?: PodTemplateSpec;
  minReadySeconds?: number;
  strategy?: { type?: string; rollingUpdate?: RollingUpdate };
  updateStrategy?: { type?: string; rollingUpdate?: RollingUpdate };
  serviceName?: string;
  /** StatefulSet: the first ordinal (spec.ordinals.start, default 0). */
  ordinals?: { start?: number };
  manualSelector?: boolean;
  parallelism?: number;
  completions?: number;
  completionMode?: string;
}

/** Deployment, ReplicaSet, StatefulSet, DaemonSet, Job. */
export interface Workload extends KubeObject {
  spec?: WorkloadSpec;
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number; updatedReplicas?: number; selector?: string; [k: string]: unknown };
}

export interface ReplicationController extends KubeObject {
  spec?: { replicas?: number; selector?: Record<string, string> | null; template?: PodTemplateSpec; minReadySeconds?: number };
  status?: { replicas?: number; readyReplicas?: number };
}

export interface CronJob extends KubeObject {
  spec?: { schedule?: string; jobTemplate?: { metadata?: ObjectMeta; spec?: WorkloadSpec } };
}

// ---------------------------------------------------------------- Policy and routing kinds

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector | null;
  namespaceSelector?: LabelSelector | null;
  ipBlock?: { cidr: string; except?: string[] };
}

export interface NetworkPolicyPort {
  protocol?: string;
  port?: IntOrString;
  endPort?: number;
}

export interface NetworkPolicy extends KubeObject {
  spec?: {
    podSelector?: LabelSelector | null;
    policyTypes?: string[];
    ingress?: { from?: NetworkPolicyPeer[] | null; ports?: NetworkPolicyPort[] | null }[] | null;
    egress?: { to?: NetworkPolicyPeer[] | null; ports?: NetworkPolicyPort[] | null }[] | null;
  };
}

export interface PodDisruptionBudget extends KubeObject {
  spec?: { selector?: LabelSelector | null; minAvailable?: IntOrString; maxUnavailable?: IntOrString; unhealthyPodEvictionPolicy?: string };
  status?: { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number };
}

export interface IngressBackend {
  service?: { name: string; port?: { name?: string; number?: number } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
}

export interface Ingress extends KubeObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend: IngressBackend }[] } }[];
  };
}

export interface HorizontalPodAutoscaler extends KubeObject {
  spec?: { scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string }; minReplicas?: number; maxReplicas?: number };
}

export interface Node extends KubeObject {
  spec?: { unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[] };
  status?: { conditions?: { type: string; status: string }[]; addresses?: { type: string; address: string }[] };
}

export interface Namespace extends KubeObject {
  status?: { phase?: string };
}
