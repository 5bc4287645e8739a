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
  const names = groups.map((g) => show(g.root));
  const severity = target.kind === 'NetworkPolicy' ? 'info' : 'warning';
  const what = target.kind === 'Service' ? 'sends traffic to' : target.kind === 'HorizontalPodAutoscaler' ? 'measures' : 'selects';
  return [finding('selects-several-workloads', severity,
    `${show(target)} ${what} pods of ${groups.length} different workloads: ${names.join(', ')}.`,
    [target, ...groups.map((g) => g.root)],
    groups.map((g) => `${show(g.root)}: ${g.views.map((v) => (v.template ? 'template' : v.ref.name)).join(', ')}`))];
};
