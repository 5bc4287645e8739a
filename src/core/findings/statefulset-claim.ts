// A pod a StatefulSet's selector matches but the StatefulSet will never claim (its name is
// not <sts>-<ordinal>): Services, PDBs and kubectl still select it (trap 15).

import { finding, show, type Rule } from './context.ts';

export const statefulSetClaim: Rule = (ctx) => {
  const t = ctx.resolution.target;
  if (t.kind !== 'StatefulSet') return [];
  return ctx.selection.filter((v) => !v.template && !new RegExp(`^${t.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9]+$`).test(v.ref.name)).map((v) =>
    finding('statefulset-will-not-claim', 'warning', `pod/${v.ref.name} matches ${show(t)}'s selector, but the StatefulSet only claims pods named ${t.name}-<ordinal>.`,
      [t, v.ref], ['Services, PodDisruptionBudgets and kubectl logs/exec still select it']));
};
