// Pods adopted by a controller that did not create them, and ownerReferences that point
// at a deleted predecessor of their owner.

import { matches } from '../labels.ts';
import { isTerminal } from '../pods.ts';
import { inNamespace, refOf, type Kind } from '../snapshot.ts';
import { selectorOf } from '../targets/resolve.ts';
import type { KubeObject } from '../types.ts';
import { finding, perSelection, show, type Rule } from './context.ts';

// Controllers that claim pods themselves (a Deployment claims ReplicaSets, a CronJob Jobs).
const ADOPTERS: Kind[] = ['ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job'];

// The findings read the selected pods' views alone: made once per selection.
export const adoptedPod: Rule = (ctx) => perSelection(ctx, 'adopted-pod', () => ctx.selection.flatMap((v) => {
  const out = [];
  const owner = v.owners[0];
  if (v.adopted && owner) {
    out.push(finding('adopted-pod', 'warning',
      `pod/${v.ref.name} was adopted by ${show(owner.ref)}, not created by it: ${v.adopted}.`,
      [v.ref, owner.ref], ['a controller adopts any orphan its selector matches (§3.2); the pod keeps its own spec, image and ports']));
  }
  const staleAt = v.owners.findIndex((o) => o.staleUid);
  const stale = v.owners[staleAt];
  if (stale) {
    // The reference may sit higher up the chain (a ReplicaSet naming its Deployment).
    const holder = staleAt === 0 ? `pod/${v.ref.name}` : `${show((v.owners[staleAt - 1] as typeof stale).ref)} (above pod/${v.ref.name})`;
    out.push(finding('stale-owner-reference', 'warning',
      `${holder} names ${show(stale.ref)} as its controller by a UID that no longer exists; an object of that name exists with another UID.`,
      [v.ref, stale.ref], [`ownerReference uid: ${stale.ref.uid ?? '?'}`]));
  }
  if (v.owners.length === 0 && !v.template && !v.terminating) {
    const pod = ctx.pods.find((p) => p.metadata?.name === v.ref.name);
    const namespace = v.ref.namespace ?? ctx.snapshot.defaultNamespace;
    for (const kind of ADOPTERS) {
      for (const o of inNamespace(ctx.snapshot.objects[kind] as KubeObject[], namespace)) {
        const spec = selectorOf(kind, o);
        if (!pod || !spec?.selector || !spec.selectsPods || !matches(spec.selector, pod.metadata?.labels)) continue;
        // A controller being deleted adopts nothing (trap 17); ReplicaSets and RCs claim only active pods (FilterActivePods).
        if (o.metadata?.deletionTimestamp || ((kind === 'ReplicaSet' || kind === 'ReplicationController') && isTerminal(pod))) continue;
        if (kind === 'StatefulSet' && !new RegExp(`^${(o.metadata?.name ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9]+$`).test(v.ref.name)) continue;
        const ref = { ...refOf(kind, o), namespace };
        out.push(finding('orphan-will-be-adopted', 'warning',
          `pod/${v.ref.name} has no controller and matches ${show(ref)}'s selector: the ${kind} will adopt it${kind === 'StatefulSet' ? '' : ', count it as a replica and may delete a real one to keep the count'}.`,
          [v.ref, ref], [`${show(ref)} selector: ${spec.text}`, 'terminating orphans are never adopted; the others are, by the first matching controller to sync']));
      }
    }
  }
  return out;
}));
