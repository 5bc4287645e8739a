// A pod matched by more than one PodDisruptionBudget: the eviction API refuses it with
// a 500 ("more than one PodDisruptionBudget"), which kubectl drain does not retry (§6.2).

import { matches } from '../labels.ts';
import { isTerminating } from '../pods.ts';
import { isTemplate, refOf } from '../snapshot.ts';
import type { Pod, PodDisruptionBudget } from '../types.ts';
import { selectorOf } from '../targets/resolve.ts';
import { selectingPod } from '../targets/selecting.ts';
import { describePod, finding, type AnalysisContext, type Rule } from './context.ts';

function pdbPodSelector(pdb: PodDisruptionBudget) {
  const spec = selectorOf('PodDisruptionBudget', pdb);
  return spec?.selector && spec.selectsPods ? spec.selector : null;
}

/** Eviction deletes Pending, terminal and terminating pods without looking at PDBs (canIgnorePDB). */
function bypassesPdbs(ctx: AnalysisContext, pod: Pod): boolean {
  if (isTemplate(ctx.snapshot, pod)) return false;
  return isTerminating(pod) || ['Pending', 'Succeeded', 'Failed'].includes(pod.status?.phase ?? '');
}

export const multiplePdbs: Rule = (ctx) => {
  const out = [];
  const seen = new Set<string>();
  for (let i = 0; i < ctx.pods.length; i++) {
    const pod = ctx.pods[i];
    const view = ctx.selection[i];
    if (!pod || !view) continue;
    if (bypassesPdbs(ctx, pod)) continue;
    const ns = pod.metadata?.namespace ?? ctx.snapshot.defaultNamespace;
    const pdbs = selectingPod<PodDisruptionBudget>(ctx.snapshot, 'PodDisruptionBudget', ns, pod, 'selector', pdbPodSelector).map((x) => x.object);
    if (pdbs.length < 2) continue;
    const key = pdbs.map((p) => p.metadata?.name).sort().join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const refs = pdbs.map((p) => ({ ...refOf('PodDisruptionBudget', p), namespace: ns }));
    const podsHit = ctx.pods.filter((p) => !bypassesPdbs(ctx, p) && pdbs.every((pdb) => { const s = selectorOf('PodDisruptionBudget', pdb); return s?.selector && matches(s.selector, p.metadata?.labels); }));
    out.push(finding('multiple-pdbs', 'warning',
      `${view.template ? `Pods of ${describePod(view).replace('the pod template of ', '')} are` : `pod/${view.ref.name}${podsHit.length > 1 ? ` and ${podsHit.length - 1} more are` : ' is'}`} matched by ${pdbs.length} PodDisruptionBudgets (${refs.map((r) => r.name).join(', ')}): evicting them fails with HTTP 500, which kubectl drain does not retry.`,
      [...refs, view.ref], [`eviction API: "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."`, 'the disruption controller picks one of them arbitrarily for status']));
  }
  return out;
};
