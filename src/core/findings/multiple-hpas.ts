// Pods measured by more than one HorizontalPodAutoscaler: the HPA controller refuses to
// scale any of them (ScalingActive=False, AmbiguousSelector: "pods by selector … are
// controlled by multiple HPAs"), trap 38, §6.9.

import { matches, type Selector } from '../labels.ts';
import { remember } from '../indexes.ts';
import { inNamespace, refOf, type ObjectRef, type Snapshot } from '../snapshot.ts';
import { resolveTarget } from '../targets/resolve.ts';
import { selectingFrom } from '../targets/selecting.ts';
import type { Pod } from '../types.ts';
import { finding, perPods, rootOf, show, type Rule } from './context.ts';
import { sharedBy } from './shared-by.ts';

interface Measuring { ref: ObjectRef; selector: Selector; text: string; via: ObjectRef | undefined }

/** The namespace's autoscalers with the selector each measures by, once per snapshot. */
function autoscalers(s: Snapshot, namespace: string): Measuring[] {
  return remember(s.objects, `hpas\u0000${namespace}`, () => inNamespace(s.objects.HorizontalPodAutoscaler, namespace).flatMap((hpa) => {
    const r = resolveTarget(s, { kind: 'HorizontalPodAutoscaler', name: hpa.metadata?.name ?? '', namespace });
    const sel: Selector | null = r.selector?.selectsPods && r.selector.selector ? r.selector.selector : null;
    return sel ? [{ ref: { ...refOf('HorizontalPodAutoscaler', hpa), namespace }, selector: sel, text: r.selector?.text ?? '', via: r.via[0] }] : [];
  }));
}

export const multipleHpas: Rule = (ctx) => {
  const namespace = ctx.resolution.target.namespace ?? ctx.snapshot.defaultNamespace;
  const hpas = autoscalers(ctx.snapshot, namespace);
  if (hpas.length < 2) return [];
  return perPods(ctx, 'multiple-hpas', () => {
  const out = [];
  const selecting = (pod: Pod) => selectingFrom(ctx.snapshot, namespace, `hpas-by-pod\u0000${namespace}`, hpas, pod);
  for (const { view, group: measuring } of sharedBy(ctx, selecting, (h) => h.ref.name)) {
    const podsHit = ctx.pods.filter((p) => measuring.every((h) => matches(h.selector, p.metadata?.labels))).length;
    const who = view.template ? `Pods of ${show(rootOf(view))} are` : `pod/${view.ref.name}${podsHit > 1 ? ` and ${podsHit - 1} more are` : ' is'}`;
    out.push(finding('multiple-hpas', 'warning',
      `${who} measured by ${measuring.length} HorizontalPodAutoscalers (${measuring.map((h) => h.ref.name).join(', ')}): the HPA controller stops scaling all of them (AmbiguousSelector).`,
      [...measuring.map((h) => ({ ...h.ref })), view.ref],
      [...measuring.map((h) => `${h.ref.name} → ${h.via ? `${h.via.kind}/${h.via.name}` : '?'}: ${h.text}`), 'condition ScalingActive=False, reason AmbiguousSelector: "pods by selector … are controlled by multiple HPAs"']));
  }
  return out;
  });
};
