// Pods as a table for failure messages: what kubectl's orderings and the controller look at.
import type { Pod } from '../../src/core/types.ts';

/** A line per pod: what the orderings look at. */
export function podTable(pods: Pod[]): string {
  return pods.map((p) => {
    const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
    const restarts = Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
    return `  ${p.metadata?.name} node=${p.spec?.nodeName || '-'} phase=${p.status?.phase ?? '-'} ready=${ready?.status ?? '-'}@${ready?.lastTransitionTime ?? '-'} ` +
      `restarts=${restarts} created=${p.metadata?.creationTimestamp} deleted=${p.metadata?.deletionTimestamp ?? '-'} ` +
      `ips=${(p.status?.podIPs ?? []).map((x) => x.ip).join('/') || p.status?.podIP || '-'}${p.spec?.hostNetwork ? ` hostNetwork host=${p.status?.hostIP}` : ''}`;
  }).join('\n');
}
