// A pod the target's selector matches, owned by another controller (the ownerReference mismatch).

import { isControllerKind } from '../views/pod-view.ts';
import { describePod, finding, rootOf, show, type Rule } from './context.ts';

export const ownerMismatch: Rule = (ctx) => {
  const target = ctx.resolution.target;
  if (!isControllerKind(target.kind) || !ctx.resolution.object) return [];
  return ctx.selection.filter((v) => v.ownedByTarget === false).map((v) => {
    const owner = v.owners[0]?.ref;
    const root = rootOf(v);
    const whose = owner ? `is owned by ${show(root)}` : 'has no controller (a bare pod)';
    return finding('owner-mismatch', 'warning',
      `${describePod(v)} matches ${show(target)}'s selector but ${whose}.`,
      [target, v.ref, ...(owner ? [root] : [])],
      [`${show(target)} selector: ${ctx.resolution.selector?.text ?? '?'}`,
        `labels: ${v.labels.map((l) => `${l.key}=${l.value}`).join(', ') || '<none>'}`,
        `owner chain: ${v.owners.map((o) => show(o.ref)).join(' <- ') || '<none>'}`]);
  });
};
