// Whether the target has settled: every workload behind it done as `kubectl rollout status`
// says, and nothing left of the old pods. kubectl calls a Deployment done while its old pods
// are still terminating (the controllers no longer count them, §5.6), and the pod, workload
// and EndpointSlice watches report in any order (a busy apiserver can deliver a Deployment's
// whole rollout before a single ReplicaSet or pod change), so "settled" also waits for the
// ReplicaSet of the Deployment's revision to be seen and the older ones scaled down, for the
// pods of scaled-down ReplicaSets to be gone, and for the EndpointSlices to have caught up.

import { plural } from './change.ts';
import { statsOf, type Observed } from './observe.ts';
import type { WorkloadState } from './workloads.ts';

export interface RolloutStatus {
  settled: boolean;
  progressing: WorkloadState[];
  /** Why it has not settled, in plain words (empty when settled). */
  waitingFor: string[];
}


const memo = new WeakMap<Observed, RolloutStatus>();

/** The status, remembered for observations the timeline made (their records are later updated in place: see live.ts). */
export function rememberedRolloutStatus(o: Observed): RolloutStatus {
  let st = memo.get(o);
  if (!st) {
    st = rolloutStatus(o);
    memo.set(o, st);
  }
  return st;
}

export function rolloutStatus(o: Observed): RolloutStatus {
  const workloads = Object.values(o.workloads);
  const progressing = workloads.filter((w) => w.progressing);
  const waitingFor = progressing.map((w) => `${w.kind.toLowerCase()}/${w.ref.name} waiting for ${w.waitingFor}`);
  for (const d of workloads.filter((w) => w.kind === 'Deployment' && !w.progressing && w.revision !== null)) {
    const owned = workloads.filter((w) => w.kind === 'ReplicaSet' && w.ownerKey === d.key);
    if (!owned.some((w) => w.revision === d.revision)) waitingFor.push(`the ReplicaSet of deployment/${d.ref.name} revision ${d.revision} (not seen yet)`);
    const older = owned.filter((w) => w.revision !== d.revision && w.desired > 0).length;
    if (older > 0) waitingFor.push(`${plural(older, 'older ReplicaSet', 'older ReplicaSets')} of deployment/${d.ref.name} to scale down`);
  }
  const st = statsOf(o);
  if (st.terminatingPods > 0) waitingFor.push(`${plural(st.terminatingPods, 'pod', 'pods')} terminating`);
  const scaledDown = new Set(workloads.filter((w) => w.kind === 'ReplicaSet' && w.desired === 0).map((w) => w.key));
  let leftover = 0;
  for (const key of scaledDown) leftover += st.runningByOwner.get(key) ?? 0;
  if (leftover > 0) waitingFor.push(`${plural(leftover, 'pod', 'pods')} of scaled-down ReplicaSets still running`);
  if (o.endpoints) {
    if (st.goneEndpoints > 0) waitingFor.push(`${plural(st.goneEndpoints, 'endpoint', 'endpoints')} of pods that are gone`);
    if (st.terminatingEndpoints > 0) waitingFor.push(`${plural(st.terminatingEndpoints, 'terminating endpoint', 'terminating endpoints')}`);
  }
  return { settled: waitingFor.length === 0, progressing, waitingFor };
}
