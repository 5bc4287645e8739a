// A pod no controller manages: nothing recreates it when its node fails, it is drained
// away for good, and `kubectl drain` refuses it without --force (k/k
// staging/src/k8s.io/kubectl/pkg/drain/filters.go: unreplicatedFilter, "cannot delete Pods
// that declare no controller"). Managed means a controllerRef (an ownerReference with
// controller: true) of any kind; a static pod's mirror is owned by its Node.

import { controllerRef } from '../ownership.ts';
import { isTerminal } from '../pods.ts';
import type { Finding } from '../report.ts';
import { isTemplate, refOf, type Snapshot } from '../snapshot.ts';
import type { Pod } from '../types.ts';
import { finding, type Rule } from './context.ts';

const MIRROR = 'kubernetes.io/config.mirror';

export function barePodFinding(s: Snapshot, pod: Pod): Finding | null {
  if (isTemplate(s, pod) || controllerRef(pod) || pod.metadata?.annotations?.[MIRROR] !== undefined) return null;
  if (pod.metadata?.deletionTimestamp) return null;
  const ref = { ...refOf('Pod', pod), namespace: pod.metadata?.namespace ?? s.defaultNamespace };
  const done = isTerminal(pod);
  return finding('bare-pod', done ? 'info' : 'warning',
    `pod/${ref.name} is managed by no controller: nothing recreates it if its node fails or it is evicted, and kubectl drain refuses it without --force.`,
    [ref], [pod.metadata?.ownerReferences?.length ? `ownerReferences without controller: true: ${pod.metadata.ownerReferences.map((o) => `${o.kind}/${o.name}`).join(', ')}` : 'no ownerReferences',
      done ? `phase ${pod.status?.phase}: it has finished; delete it when done` : 'run it from a Deployment, StatefulSet, DaemonSet or Job instead'].filter(Boolean));
}

export const barePod: Rule = (ctx) => {
  const r = ctx.resolution;
  if (r.target.kind !== 'Pod' || !r.object) return [];
  const f = barePodFinding(ctx.snapshot, r.object as Pod);
  return f ? [f] : [];
};
