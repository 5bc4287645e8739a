// NetworkPolicy, EndpointSlice and Ingress defaults as the API server applies them.

import type { EndpointSlice, Ingress, IngressBackend, NetworkPolicy } from '../../core/types.ts';

/**
 * podSelector is a non-pointer field: absent reads back as {} (all pods in the namespace)
 * (api networking/v1/types.go: NetworkPolicySpec.PodSelector). policyTypes and port
 * protocols per k/k pkg/apis/networking/v1/defaults.go: SetDefaults_NetworkPolicy,
 * SetDefaults_NetworkPolicyPort.
 */
export function defaultNetworkPolicy(np: NetworkPolicy): void {
  const spec = (np.spec ??= {});
  if (spec.podSelector === undefined || spec.podSelector === null) spec.podSelector = {};
  if (!spec.policyTypes?.length) {
    spec.policyTypes = ['Ingress'];
    if (Array.isArray(spec.egress) && spec.egress.length > 0) spec.policyTypes.push('Egress');
  }
  const rules = [...(Array.isArray(spec.ingress) ? spec.ingress : []), ...(Array.isArray(spec.egress) ? spec.egress : [])];
  for (const rule of rules) for (const port of Array.isArray(rule?.ports) ? rule.ports : []) if (port && !port.protocol) port.protocol = 'TCP';
}

/** k/k pkg/apis/discovery/v1/defaults.go: SetDefaults_EndpointPort (name "", protocol TCP). */
export function defaultEndpointSlice(slice: EndpointSlice): void {
  for (const p of Array.isArray(slice.ports) ? slice.ports : []) {
    if (!p) continue;
    if (p.name === undefined || p.name === null) p.name = '';
    if (!p.protocol) p.protocol = 'TCP';
  }
}

interface LegacyBackend {
  serviceName?: string;
  servicePort?: number | string;
  resource?: IngressBackend['resource'];
}

function convertBackend(b: unknown): IngressBackend | undefined {
  if (!b || typeof b !== 'object') return undefined;
  const legacy = b as LegacyBackend;
  if (legacy.resource) return { resource: legacy.resource };
  if (legacy.serviceName === undefined) return b as IngressBackend;
  const port = typeof legacy.servicePort === 'number' ? { number: legacy.servicePort } : legacy.servicePort !== undefined ? { name: String(legacy.servicePort) } : undefined;
  return { service: port ? { name: legacy.serviceName, port } : { name: legacy.serviceName } };
}

/**
 * extensions/v1beta1 and networking.k8s.io/v1beta1 Ingresses name backends as
 * serviceName/servicePort and the default backend as spec.backend; read them in the
 * networking.k8s.io/v1 shape (k/k release-1.21 pkg/apis/networking/v1beta1/conversion.go).
 */
export function convertLegacyIngress(ing: Ingress): void {
  const spec = ing.spec as (Ingress['spec'] & { backend?: unknown }) | undefined;
  if (!spec || typeof spec !== 'object') return;
  if (spec.backend !== undefined && spec.defaultBackend === undefined) {
    const converted = convertBackend(spec.backend);
    if (converted) spec.defaultBackend = converted;
  }
  delete spec.backend;
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    for (const path of Array.isArray(rule?.http?.paths) ? rule.http.paths : []) {
      if (!path) continue;
      const converted = convertBackend(path.backend);
      if (converted) path.backend = converted;
      path.pathType ||= 'ImplementationSpecific';
    }
  }
}
