// An Ingress's backends: each names a Service port in the Ingress's namespace (§6.7).

import type { Ingress, IngressBackend } from '../types.ts';

export interface IngressBackendRef {
  /** Where it appears: "default backend" or "host/path". */
  rule: string;
  service: string | null;
  /** The Service port, by name or number. */
  port: string | number | null;
  /** A non-Service backend (resource) is named here. */
  resource: string | null;
}

function one(rule: string, b: IngressBackend): IngressBackendRef {
  if (b.service) {
    const port = b.service.port?.name ?? b.service.port?.number ?? null;
    return { rule, service: b.service.name, port, resource: null };
  }
  const res = b.resource ? `${b.resource.kind ?? '?'}/${b.resource.name ?? '?'}` : null;
  return { rule, service: null, port: null, resource: res };
}

export function ingressBackends(ing: Ingress): IngressBackendRef[] {
  const out: IngressBackendRef[] = [];
  if (ing.spec?.defaultBackend) out.push(one('default backend', ing.spec.defaultBackend));
  for (const rule of ing.spec?.rules ?? []) {
    for (const path of rule.http?.paths ?? []) {
      // A path without a backend never reaches a cluster (the API server requires one); skip it.
      if (path.backend) out.push(one(`${rule.host ?? '*'}${path.path ?? '/'}`, path.backend));
    }
  }
  return out;
}
