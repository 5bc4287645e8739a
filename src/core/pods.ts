// Facts about one pod, read the way the controllers and kubectl read them.

import type { Container, Node, Pod } from './types.ts';
import { groupedBy } from './indexes.ts';

export function condition(pod: Pod, type: string) {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** Pod Ready condition True (all containers ready and every readiness gate True). */
export function isReady(pod: Pod): boolean {
  return condition(pod, 'Ready')?.status === 'True';
}

export function readySince(pod: Pod): string | null {
  const c = condition(pod, 'Ready');
  return c?.status === 'True' ? (c.lastTransitionTime ?? null) : null;
}

export function isTerminating(pod: Pod): boolean {
  return pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
}

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function podIP(pod: Pod): string | null {
  return pod.status?.podIP ?? pod.status?.podIPs?.[0]?.ip ?? null;
}

export function maxRestarts(pod: Pod): number | null {
  const statuses = pod.status?.containerStatuses;
  if (!statuses || statuses.length === 0) return pod.status ? 0 : null;
  return Math.max(...statuses.map((s) => s.restartCount ?? 0));
}

export function allContainers(pod: Pod): Container[] {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
}

export function hasReadinessProbe(pod: Pod): boolean {
  return allContainers(pod).some((c) => c.readinessProbe !== undefined && c.readinessProbe !== null);
}

/** The pod's preStop delay, described; null when no container of it has one. */
export function preStopOf(pod: Pod): string | null {
  for (const c of pod.spec?.containers ?? []) {
    const h = c.lifecycle?.preStop;
    if (!h) continue;
    if (h.sleep) return `${c.name}: sleep ${h.sleep.seconds ?? 0}s`;
    if (h.exec) return `${c.name}: exec ${(h.exec.command ?? []).join(' ')}`;
    if (h.httpGet) return `${c.name}: httpGet`;
    if (h.tcpSocket) return `${c.name}: tcpSocket`;
    return `${c.name}: hook`;
  }
  return null;
}

export function gracePeriodSeconds(pod: Pod): number {
  return pod.spec?.terminationGracePeriodSeconds ?? 30;
}

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export function zoneOf(nodeName: string | undefined, nodes: Node[]): string | null {
  if (!nodeName) return null;
  const node = groupedBy(nodes, 'name', (n) => n.metadata?.name ?? null).get(nodeName)?.[0];
  return node?.metadata?.labels?.[ZONE_LABEL] ?? null;
}

/** Every port a pod's containers declare (regular containers, then init containers). */
export function declaredPorts(pod: Pod) {
  const out: { container: string; name: string | null; port: number; protocol: string }[] = [];
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (typeof p.containerPort === 'number') out.push({ container: c.name, name: p.name ?? null, port: p.containerPort, protocol: p.protocol ?? 'TCP' });
    }
  }
  return out;
}
