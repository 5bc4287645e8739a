// Whose pods these are meant to be. A controller target owns its pods, so a pod of anyone
// else stands out. A Service, PDB or NetworkPolicy owns nothing: the owner it is meant for is
// taken from the report itself — the workload an HPA scales, the owner whose name the target
// shares, or else the owner of most (or all) of the selected pods; with no such owner (a tie)
// nothing stands out.

import type { PodView, Report } from '../../core/report.ts';
import { refText, rootOf } from '../../core/refs.ts';
import type { ObjectRef } from '../../core/snapshot.ts';

export const CONTROLLER_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'CronJob']);

const SHORT: Record<string, string> = {
  Deployment: 'deploy', ReplicaSet: 'rs', StatefulSet: 'sts', DaemonSet: 'ds', Job: 'job', CronJob: 'cronjob',
  ReplicationController: 'rc', Service: 'svc', Pod: 'pod', PodDisruptionBudget: 'pdb', NetworkPolicy: 'netpol',
  Ingress: 'ing', HorizontalPodAutoscaler: 'hpa',
};

export { refText, rootOf };

/** `deploy/web`, for tight columns. */
export function shortRef(r: ObjectRef): string {
  return `${(Object.hasOwn(SHORT, r.kind) ? SHORT[r.kind] : undefined) ?? r.kind.toLowerCase()}/${r.name}`;
}

const same = (a: ObjectRef | null, b: ObjectRef | null) => a !== null && b !== null && a.kind === b.kind && a.name === b.name;

export interface MeantOwner {
  ref: ObjectRef;
  /** Why this owner: `the target`, `scaled by hpa/x`, `same name as the target`, `owns most of the pods`. */
  why: string;
}

export function meantOwner(r: Report): MeantOwner | null {
  const t = r.target.ref;
  if (CONTROLLER_KINDS.has(t.kind)) return { ref: t, why: 'the target' };
  const via = r.target.via.find((v) => CONTROLLER_KINDS.has(v.kind));
  if (via) return { ref: via, why: `${t.kind === 'HorizontalPodAutoscaler' ? 'scaled' : 'reached'} by ${shortRef(t)}` };
  if (t.kind === 'Pod') return null;
  const roots = new Map<string, { ref: ObjectRef; pods: number }>();
  for (const v of r.selection) {
    const root = rootOf(v);
    if (!root) continue;
    const k = `${root.kind}/${root.name}`;
    const g = roots.get(k) ?? { ref: root, pods: 0 };
    g.pods++;
    roots.set(k, g);
  }
  const groups = [...roots.values()];
  const named = groups.find((g) => g.ref.name === t.name);
  if (named) return { ref: named.ref, why: 'same name as the target' };
  const sorted = groups.sort((a, b) => b.pods - a.pods);
  const [first, second] = sorted;
  if (first && (!second || first.pods > second.pods)) {
    return { ref: first.ref, why: r.selection.every((v) => same(rootOf(v), first.ref)) ? 'owns all of the pods' : 'owns most of the pods' };
  }
  return null;
}

/** The pod belongs to someone other than the owner the target is meant for. */
export function isForeign(v: PodView, meant: MeantOwner | null): boolean {
  if (v.ownedByTarget !== null) return !v.ownedByTarget;
  if (!meant) return false;
  const chain = v.owners.map((o) => o.ref);
  return !chain.some((o) => same(o, meant.ref));
}

/**
 * The owner chain, nearest first, a pod of `owner` would have: a Deployment's pods hang from
 * one of its ReplicaSets (named after the pod-template-hash), a CronJob's from one of its Jobs.
 */
export function expectedChain(owner: ObjectRef, pod: PodView | null, short = false): string[] {
  const text = short ? shortRef : refText;
  // Offline a template stands for the pods: its chain is the workload alone.
  if (pod?.template) return [text(owner)];
  if (owner.kind === 'Deployment') {
    const hash = pod?.labels.find((l) => l.key === 'pod-template-hash')?.value;
    return [`${short ? 'rs' : 'replicaset'}/${owner.name}-${hash ?? '<hash>'}`, text(owner)];
  }
  if (owner.kind === 'CronJob') return [`job/${owner.name}-<time>`, text(owner)];
  return [text(owner)];
}

/** The pod's real chain, nearest first, with missing owners and stale UIDs said so. */
export function actualChain(v: PodView, short = false): string[] {
  return v.owners.map((o) => `${(short ? shortRef : refText)(o.ref)}${o.present ? '' : ' (missing)'}${o.staleUid ? ' (stale uid)' : ''}`);
}
