// Pods adopted by a controller that did not create them, and ownerReferences that point
// at a deleted predecessor of their owner.

import { finding, show, type Rule } from './context.ts';

export const adoptedPod: Rule = (ctx) => ctx.selection.flatMap((v) => {
  const out = [];
  const owner = v.owners[0];
  if (v.adopted && owner) {
    out.push(finding('adopted-pod', 'warning',
      `pod/${v.ref.name} was adopted by ${show(owner.ref)}, not created by it: ${v.adopted}.`,
      [v.ref, owner.ref], ['a controller adopts any orphan its selector matches (§3.2); the pod keeps its own spec, image and ports']));
  }
  const stale = v.owners.find((o) => o.staleUid);
  if (stale) {
    out.push(finding('stale-owner-reference', 'warning',
      `pod/${v.ref.name} names ${show(stale.ref)} as its controller by a UID that no longer exists; an object of that name exists with another UID.`,
      [v.ref, stale.ref], [`ownerReference uid: ${stale.ref.uid ?? '?'}`]));
  }
  return out;
});
