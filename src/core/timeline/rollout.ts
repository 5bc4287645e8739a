// Whether the target has settled: every workload behind it done as `kubectl rollout status`
// says, and nothing left of the old pods. kubectl calls a Deployment done while its old pods
// are still terminating (the controllers no longer count them, §5.6), and the pod, workload
// and EndpointSlice watches report in any order, so "settled" also waits for the pods of
// scaled-down ReplicaSets to be gone and for the EndpointSlices to have caught up.

import { plural } from './change.ts';
import type { Observed } from './observe.ts';
import type { WorkloadState } from './workloads.ts';

export interface RolloutStatus {
  settled: boolean;
  progressing: WorkloadState[];
  /** Why it has not settled, in plain words (empty when settled). */
  waitingFor: string[];
}


export function rolloutStatus(o: Observed): RolloutStatus {
  const workloads = Object.values(o.workloads);
  const progressing = workloads.filter((w) => w.progressing);
  const waitingFor = progressing.map((w) => `${w.kind.toLowerCase()}/${w.ref.name} waiting for ${w.waitingFor}`);
  const pods = Object.values(o.pods);
  const terminating = pods.filter((p) => p.terminating).length;
  if (terminating > 0) waitingFor.push(`${plural(terminating, 'pod', 'pods')} terminating`);
  const scaledDown = new Set(workloads.filter((w) => w.kind === 'ReplicaSet' && w.desired === 0).map((w) => w.key));
  const leftover = pods.filter((p) => !p.terminating && p.ownerKey !== null && scaledDown.has(p.ownerKey)).length;
  if (leftover > 0) waitingFor.push(`${plural(leftover, 'pod', 'pods')} of scaled-down ReplicaSets still running`);
  if (o.endpoints) {
    const eps = Object.values(o.endpoints);
    const stale = eps.filter((e) => e.podKey !== null && !o.pods[e.podKey]).length;
    if (stale > 0) waitingFor.push(`${plural(stale, 'endpoint', 'endpoints')} of pods that are gone`);
    const terminatingEps = eps.filter((e) => e.terminating && (e.podKey === null || o.pods[e.podKey])).length;
    if (terminatingEps > 0) waitingFor.push(`${plural(terminatingEps, 'terminating endpoint', 'terminating endpoints')}`);
  }
  return { settled: waitingFor.length === 0, progressing, waitingFor };
}
