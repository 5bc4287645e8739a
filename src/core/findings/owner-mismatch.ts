// A pod the target's selector matches, owned by another controller (the ownerReference mismatch).

import { isControllerKind } from '../views/pod-view.ts';
import { describePod, finding, rootOf, show, type Rule } from './context.ts';

export const ownerMismatch: Rule = (ctx) => {
  const target = ctx.resolution.target;
  if (!isControllerKind(target.kind) || !ctx.resolution.object) return [];
  return ctx.selection.flatMap((v, i) => {
    if (v.ownedByTarget !== false) return [];
    const owner = v.owners[0]?.ref;
    const root = rootOf(v);
    const whose = owner ? `is owned by ${show(root)}` : 'has no controller (a bare pod)';
    // The pod's own labels (its view leaves them out under check), in their order.
    const labels = Object.entries(ctx.pods[i]?.metadata?.labels ?? {});
    return [finding('owner-mismatch', 'warning',
      `${describePod(v)} matches ${show(target)}'s selector but ${whose}.`,
      [target, v.ref, ...(owner ? [root] : [])],
      [`${show(target)} selector: ${ctx.resolution.selector?.text ?? '?'}`,
        `labels: ${labels.map(([k, value]) => `${k}=${value}`).join(', ') || '<none>'}`,
        `owner chain: ${v.owners.map((o) => show(o.ref)).join(' <- ') || '<none>'}`])];
  });
};
