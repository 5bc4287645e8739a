// A pod matched by more than one PodDisruptionBudget: the eviction API refuses it with
// a 500 ("more than one PodDisruptionBudget"), which kubectl drain does not retry (§6.2).

import { matches } from '../labels.ts';
import { isTerminating } from '../pods.ts';
import { isTemplate, refOf } from '../snapshot.ts';
import type { Pod, PodDisruptionBudget } from '../types.ts';
import { selectorOf } from '../targets/resolve.ts';
import { selectingPod } from '../targets/selecting.ts';
import { describePod, finding, perPods, type AnalysisContext, type Rule } from './context.ts';
import { sharedBy } from './shared-by.ts';

function pdbPodSelector(pdb: PodDisruptionBudget) {
  const spec = selectorOf('PodDisruptionBudget', pdb);
  return spec?.selector && spec.selectsPods ? spec.selector : null;
}

/** Eviction deletes Pending, terminal and terminating pods without looking at PDBs (canIgnorePDB). */
function bypassesPdbs(ctx: AnalysisContext, pod: Pod): boolean {
  if (isTemplate(ctx.snapshot, pod)) return false;
  return isTerminating(pod) || ['Pending', 'Succeeded', 'Failed'].includes(pod.status?.phase ?? '');
}

const namespaceOf = (ctx: AnalysisContext, pod: Pod) => pod.metadata?.namespace ?? ctx.snapshot.defaultNamespace;

export const multiplePdbs: Rule = (ctx) => perPods(ctx, 'multiple-pdbs', () => {
  const out = [];
  const selecting = (pod: Pod) => (bypassesPdbs(ctx, pod) ? null
    : selectingPod<PodDisruptionBudget>(ctx.snapshot, 'PodDisruptionBudget', namespaceOf(ctx, pod), pod, 'selector', pdbPodSelector).map((x) => x.object));
  for (const { pod, view, group: pdbs } of sharedBy(ctx, selecting, (p) => p.metadata?.name ?? '')) {
    const ns = namespaceOf(ctx, pod);
    const refs = pdbs.map((p) => ({ ...refOf('PodDisruptionBudget', p), namespace: ns }));
    const podsHit = ctx.pods.filter((p) => !bypassesPdbs(ctx, p) && pdbs.every((pdb) => { const s = selectorOf('PodDisruptionBudget', pdb); return s?.selector && matches(s.selector, p.metadata?.labels); }));
    out.push(finding('multiple-pdbs', 'warning',
      `${view.template ? `Pods of ${describePod(view).replace('the pod template of ', '')} are` : `pod/${view.ref.name}${podsHit.length > 1 ? ` and ${podsHit.length - 1} more are` : ' is'}`} matched by ${pdbs.length} PodDisruptionBudgets (${refs.map((r) => r.name).join(', ')}): evicting them fails with HTTP 500, which kubectl drain does not retry.`,
      [...refs, view.ref], [`eviction API: "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."`, 'the disruption controller picks one of them arbitrarily for status']));
  }
  return out;
});
