// Service defaults as the API server applies them on create:
// - k/k pkg/apis/core/v1/defaults.go: SetDefaults_Service (sessionAffinity, type, port
//   protocol, targetPort, external/internalTrafficPolicy, LB ingress ipMode);
// - k/k pkg/registry/core/service/storage/alloc.go: initIPFamilyFields (ipFamilies);
// - clusterIP and clusterIPs kept in step (k/k pkg/registry/core/service/storage/storage.go: normalizeClusterIPs).
// The cluster is assumed single-stack IPv4; no clusterIP or nodePort is allocated offline.

import type { Service } from '../../core/types.ts';

type ServiceSpec = NonNullable<Service['spec']>;
type LooseSpec = ServiceSpec & { ipFamilyPolicy?: string };

/** v1.DefaultClientIPServiceAffinitySeconds: three hours. */
const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/** k/k pkg/api/v1/service/util.go: ExternallyAccessible. */
function externallyAccessible(spec: LooseSpec): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);
}

function defaultAffinity(spec: ServiceSpec): void {
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
}

function defaultPorts(spec: ServiceSpec): void {
  if (!Array.isArray(spec.ports)) return;
  for (const p of spec.ports) {
    if (!p || typeof p !== 'object') continue;
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
}

function familyOf(ip: string): string {
  return ip.includes(':') ? 'IPv6' : 'IPv4';
}

function defaultIPFamilies(spec: LooseSpec): void {
  if (spec.type === 'ExternalName') return; // "can not do anything here"
  if (spec.clusterIP && !(spec.clusterIPs?.length)) spec.clusterIPs = [spec.clusterIP];
  if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (spec.ipFamilies?.length) return;
  const fromIPs = (spec.clusterIPs ?? []).filter((ip) => ip && ip !== 'None').map(familyOf);
  if (fromIPs.length > 0) {
    spec.ipFamilies = fromIPs;
    return;
  }
  const headlessSelectorless = spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0;
  // Headless and selectorless defaults to RequireDualStack and gets both families, even on a single-stack cluster.
  spec.ipFamilies = headlessSelectorless && spec.ipFamilyPolicy !== 'SingleStack' ? ['IPv4', 'IPv6'] : ['IPv4'];
}

export function defaultService(svc: Service): void {
  if (!svc.spec || typeof svc.spec !== 'object') svc.spec = {};
  const spec = svc.spec as LooseSpec;
  defaultAffinity(spec);
  if (!spec.type) spec.type = 'ClusterIP';
  defaultPorts(spec);
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (!spec.internalTrafficPolicy && (spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer')) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing?.ip && !ing.ipMode) ing.ipMode = 'VIP';
  }
  defaultIPFamilies(spec);
}
