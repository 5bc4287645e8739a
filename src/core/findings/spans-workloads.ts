// A Service (or PDB, NetworkPolicy, autoscaler, Ingress) whose pods belong to more than one workload.

import { finding, groupByRoot, show, type Rule } from './context.ts';

const CONSUMERS = new Set(['Service', 'PodDisruptionBudget', 'NetworkPolicy', 'HorizontalPodAutoscaler', 'Ingress']);

export const spansWorkloads: Rule = (ctx) => {
  const target = ctx.resolution.target;
  if (!CONSUMERS.has(target.kind) || ctx.selection.length === 0) return [];
  // An autoscaler through its scale target's selector, or an Ingress through several Services, may span on purpose only when
  // the Services differ; for one consumer, pods of more than one workload are the smell.
  const groups = [...groupByRoot(ctx.selection).values()];
  if (groups.length < 2) return [];
  if (target.kind === 'NetworkPolicy' && ctx.resolution.selector?.selector?.kind === 'everything') return [];
  if (target.kind === 'Ingress') {
    // Across Services is normal; within one Service it is reported on the Service.
    return [];
  }
  const names = groups.map((g) => (g.bare ? `${g.views.length} bare ${g.views.length === 1 ? 'pod' : 'pods'}` : show(g.root)));
  const severity = target.kind === 'NetworkPolicy' ? 'info' : 'warning';
  const what = target.kind === 'Service' ? 'sends traffic to' : target.kind === 'HorizontalPodAutoscaler' ? 'measures' : 'selects';
  return [finding('selects-several-workloads', severity,
    `${show(target)} ${what} pods of ${groups.length} different owners: ${names.join(', ')}.`,
    [target, ...groups.flatMap((g) => (g.bare ? g.views.map((v) => v.ref) : [g.root]))],
    groups.map((g) => `${g.bare ? 'no controller' : show(g.root)}: ${g.views.map((v) => (v.template ? 'template' : `pod/${v.ref.name}`)).join(', ')}`))];
};
