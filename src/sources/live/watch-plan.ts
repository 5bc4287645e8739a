// Which list+watch streams a target needs, one per kind (a kind's list replaces all that was
// known of it in the namespace, so two streams of one kind would undo each other): the
// target itself (by name), its pods (server-side label selector), its Service's
// EndpointSlices (by kubernetes.io/service-name) and the workloads that can be behind the
// pods (Deployments, ReplicaSets, StatefulSets, Jobs, namespace-wide). Computed again after
// every event, so a Service whose selector changes gets its pod watch restarted.

import type { Kind, Snapshot } from '../../core/snapshot.ts';
import { resolveTarget, type TargetQuery } from '../../core/targets/resolve.ts';
import { podList, SERVICE_NAME_LABEL } from './reader.ts';
import type { StreamSpec } from './watch-api.ts';

export const WORKLOAD_KINDS: Kind[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'Job'];

/** Kinds whose pods come from no single selector: watch every pod of the namespace. */
const ALL_PODS: ReadonlySet<Kind> = new Set(['CronJob', 'Ingress']);

function byName(kind: Kind, q: TargetQuery): StreamSpec {
  return { kind, namespace: q.namespace, fieldSelector: `metadata.name=${q.name}` };
}

function sliceSpec(names: string[], namespace: string): StreamSpec | null {
  const unique = [...new Set(names)].sort();
  if (unique.length === 0) return null;
  const labelSelector = unique.length === 1 ? `${SERVICE_NAME_LABEL}=${unique[0]}` : `${SERVICE_NAME_LABEL} in (${unique.join(',')})`;
  return { kind: 'EndpointSlice', namespace, labelSelector };
}

export function watchPlan(s: Snapshot, q: TargetQuery): StreamSpec[] {
  const ns = q.namespace;
  const specs: (StreamSpec | null)[] = [];
  if (q.kind === 'Pod') return [byName('Pod', q), ...WORKLOAD_KINDS.map((kind) => ({ kind, namespace: ns }))];
  if (q.kind === 'Ingress') specs.push(byName('Ingress', q), { kind: 'Service', namespace: ns });
  else if (!WORKLOAD_KINDS.includes(q.kind)) specs.push(byName(q.kind, q));
  const r = resolveTarget(s, q);
  if (r.object) {
    if (ALL_PODS.has(q.kind)) specs.push({ kind: 'Pod', namespace: ns });
    else {
      const list = podList(r.selector, ns);
      if (list) specs.push({ kind: 'Pod', namespace: ns, ...(list.labelSelector ? { labelSelector: list.labelSelector } : {}) });
    }
  }
  specs.push(sliceSpec(q.kind === 'Service' ? [q.name] : r.services.map((svc) => svc.metadata?.name ?? '').filter(Boolean), ns));
  specs.push(...WORKLOAD_KINDS.map((kind) => ({ kind, namespace: ns })));
  return specs.filter((x): x is StreamSpec => x !== null);
}

export function sameSpec(a: StreamSpec, b: StreamSpec): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && (a.labelSelector ?? '') === (b.labelSelector ?? '') && (a.fieldSelector ?? '') === (b.fieldSelector ?? '');
}
