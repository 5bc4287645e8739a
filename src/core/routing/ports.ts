// targetPort resolution per pod, as the EndpointSlice controller does it
// (`endpointslice utils.go: FindPort`, called from getEndpointPorts).
//
// Named: the first port in spec.containers[*].ports with that name AND the Service
// port's protocol; then, from 1.33 on (`endpointslice` commit 10a8309), the same search
// in init containers with restartPolicy Always (sidecars) only. Numeric: used as-is,
// never checked against declared ports (trap 22). Omitted: the API server set it to port.

import { DEFAULT_MINOR } from './wellknown.ts';
import { protocolOf, targetPortOf } from './service.ts';
import type { Container, Pod, ServicePort } from '../types.ts';

export interface FindPortOptions {
  /** kube-controller-manager minor version (sidecar ports count from 1.33). */
  controllerMinor?: number;
}

export type FoundPort =
  | { port: number; declared: boolean; container?: string }
  | { missing: string };

export function isFound(r: FoundPort): r is { port: number; declared: boolean; container?: string } {
  return 'port' in r;
}

function sidecars(pod: Pod): Container[] {
  return (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
}

function findNamed(containers: Container[], name: string, protocol: string): { port: number; container: string } | null {
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (p.name === name && protocolOf(p) === protocol && typeof p.containerPort === 'number') {
        return { port: p.containerPort, container: c.name };
      }
    }
  }
  return null;
}

function whyMissing(pod: Pod, name: string, protocol: string, sidecarsCount: boolean): string {
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const sameName = all.flatMap((c) => (c.ports ?? []).filter((p) => p.name === name).map((p) => ({ c, p })));
  const base = `no container port named "${name}" with protocol ${protocol}`;
  if (/^[0-9]+$/.test(name)) return `${base} (the quoted targetPort "${name}" is a port name, not a number)`;
  const wrongProto = sameName.find(({ c, p }) => protocolOf(p) !== protocol && (pod.spec?.containers ?? []).includes(c));
  if (wrongProto) return `${base}: container "${wrongProto.c.name}" declares "${name}" with protocol ${protocolOf(wrongProto.p)}`;
  const inInit = sameName.find(({ c }) => (pod.spec?.initContainers ?? []).includes(c));
  if (inInit && inInit.c.restartPolicy !== 'Always') {
    return `${base}: only init container "${inInit.c.name}" declares it, and it is not a sidecar (restartPolicy: Always)`;
  }
  if (inInit && !sidecarsCount) {
    return `${base}: only sidecar "${inInit.c.name}" declares it, and sidecar ports count only from Kubernetes 1.33`;
  }
  return base;
}

/** Whether any container (or sidecar) declares containerPort `port` with `protocol`. */
function declares(pod: Pod, port: number, protocol: string): string | null {
  for (const c of [...(pod.spec?.containers ?? []), ...sidecars(pod)]) {
    if ((c.ports ?? []).some((p) => p.containerPort === port && protocolOf(p) === protocol)) return c.name;
  }
  return null;
}

export function findPort(pod: Pod, servicePort: ServicePort, opts: FindPortOptions = {}): FoundPort {
  const protocol = protocolOf(servicePort);
  const target = targetPortOf(servicePort);
  if (typeof target === 'number') {
    const container = declares(pod, target, protocol);
    return container ? { port: target, declared: true, container } : { port: target, declared: false };
  }
  const sidecarsCount = (opts.controllerMinor ?? DEFAULT_MINOR) >= 33;
  const hit = findNamed(pod.spec?.containers ?? [], target, protocol)
    ?? (sidecarsCount ? findNamed(sidecars(pod), target, protocol) : null);
  if (hit) return { port: hit.port, declared: true, container: hit.container };
  return { missing: whyMissing(pod, target, protocol, sidecarsCount) };
}
