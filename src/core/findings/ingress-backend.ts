// An Ingress backend that names a Service the namespace lacks, or a port the Service does
// not declare: requests on that path cannot reach a pod. A backend port names a Service
// port by its number (`port.number` = ServicePort.port, not targetPort) or by its name
// (`port.name` = ServicePort.name) — networking/v1 ServiceBackendPort.

import { finding, show, type Rule } from './context.ts';
import { findByName, isKnown } from '../snapshot.ts';
import type { Finding } from '../report.ts';
import type { Service } from '../types.ts';

function declared(svc: Service): string {
  const ports = (svc.spec?.ports ?? []).map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol || 'TCP'}`);
  return ports.length ? ports.join(', ') : 'no ports';
}

export const ingressBackend: Rule = (ctx) => {
  const t = ctx.resolution.target;
  if (t.kind !== 'Ingress' || !ctx.resolution.object) return [];
  const namespace = t.namespace ?? ctx.snapshot.defaultNamespace;
  const out: Finding[] = [];
  for (const b of ctx.resolution.backends) {
    if (!b.service) continue;
    const svc = findByName(ctx.snapshot.objects.Service, namespace, b.service);
    const ref = { kind: 'Service', name: b.service, namespace };
    if (!svc) {
      if (!isKnown(ctx.snapshot, 'Service')) continue;
      out.push(finding('ingress-backend-service-missing', 'error',
        `${show(t)} sends ${b.rule} to service/${b.service}, which does not exist in namespace ${namespace}: requests on that path cannot reach a pod.`,
        [t, ref], [`backend: service/${b.service} port ${b.port ?? '(none)'}`, 'the ingress controller answers them with an error (often 503) or its default backend']));
      continue;
    }
    // An ExternalName Service has no endpoints: the controller forwards to its DNS name at the given port.
    if ((svc.spec?.type ?? 'ClusterIP') === 'ExternalName' || b.port === null) continue;
    const ports = svc.spec?.ports ?? [];
    const hit = typeof b.port === 'number' ? ports.find((p) => p.port === b.port) : ports.find((p) => (p.name ?? '') === b.port);
    if (hit) continue;
    const how = typeof b.port === 'number' ? `port number ${b.port}` : `port name "${b.port}"`;
    const near = typeof b.port === 'number' ? ports.find((p) => p.targetPort === b.port) : ports.find((p) => String(p.port) === b.port);
    out.push(finding('ingress-backend-port-missing', 'error',
      `${show(t)} sends ${b.rule} to service/${b.service} ${how}, which the Service does not declare: requests on that path cannot reach a pod.`,
      [t, ref], [`service/${b.service} declares ${declared(svc)}`,
        ...(near ? [typeof b.port === 'number' ? `${b.port} is the targetPort of Service port ${near.name || near.port} (${near.port}); a backend names the Service port` : `"${b.port}" is a port number written as a name; use port.number`] : []),
        'the ingress controller finds no such Service port and answers with an error (often 503) or its default backend']));
  }
  return out;
};
