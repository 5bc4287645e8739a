// A selector that matches no pod, with the nearest misses and why they miss.

import { finding, show, type Rule } from './context.ts';

export const matchesNothing: Rule = (ctx) => {
  const r = ctx.resolution;
  if (!r.object || !r.selector?.selector || !r.selector.selectsPods || ctx.selection.length > 0) return [];
  if (r.selector.selector.kind === 'nothing') return [];
  const near = ctx.nearMisses.slice(0, 3);
  return [finding('selector-matches-nothing', r.target.kind === 'NetworkPolicy' ? 'info' : 'warning',
    `${show(r.target)} selects no pods${near.length ? `; the nearest is ${near[0]?.template ? 'the template ' : ''}pod/${near[0]?.pod.name}, which misses ${near[0]?.missing.join(' and ')}` : ' and no pod comes close'}.`,
    [r.target, ...near.map((n) => n.pod)],
    [`selector: ${r.selector.text}`, ...near.map((n) => `${n.pod.name}: matches ${n.matched} of ${n.total}; ${n.missing.join('; ')}`)])];
};
