// When a selector matches nothing: the pods that come closest, and what they miss.

import { explain, matches, type Selector } from '../labels.ts';
import type { NearMiss } from '../report.ts';
import { inNamespace, isTemplate, refOf, type Snapshot } from '../snapshot.ts';

export function nearMisses(s: Snapshot, namespace: string, selector: Selector | null, limit = 5): NearMiss[] {
  if (!selector || selector.kind !== 'requirements') return [];
  const out: NearMiss[] = [];
  for (const pod of inNamespace(s.objects.Pod, namespace)) {
    if (matches(selector, pod.metadata?.labels)) continue;
    const verdicts = explain(selector, pod.metadata?.labels);
    const matched = verdicts.filter((v) => v.matched).length;
    if (matched === 0) continue;
    out.push({ pod: refOf('Pod', pod), template: isTemplate(s, pod), missing: verdicts.filter((v) => !v.matched).map((v) => v.why), matched, total: verdicts.length });
  }
  return out.sort((a, b) => b.matched / b.total - a.matched / a.total || a.missing.length - b.missing.length || (a.pod.name < b.pod.name ? -1 : 1)).slice(0, limit);
}
