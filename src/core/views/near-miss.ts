// When a selector matches nothing: the pods that come closest, and what they miss.

import { explain, matches, type Requirement, type Selector } from '../labels.ts';
import { inListOrder, podsSelected } from '../indexes.ts';
import type { NearMiss } from '../report.ts';
import { inNamespace, isTemplate, refOf, type Snapshot } from '../snapshot.ts';
import type { Pod } from '../types.ts';

/** Requirements a pod meets only by carrying a label: the label index lists the pods that meet each. */
function positive(r: Requirement): boolean {
  return r.operator === 'Equals' || r.operator === 'In' || r.operator === 'Exists';
}

/**
 * The pods worth explaining: those that may be among the `limit` closest. When every
 * requirement asks for a label (no NotIn or DoesNotExist, which pods without the label meet),
 * a pod meets as many requirements as the index lists it under, and one that meets none is no
 * near miss; only the pods meeting the most are kept, and of those meeting as many as the last
 * one kept, the first by name (every one of that name). Null: every pod of the namespace.
 */
function candidates(pods: readonly Pod[], selector: Selector & { kind: 'requirements' }, limit: number): Pod[] | null {
  if (!selector.requirements.every(positive)) return null;
  if (limit <= 0) return [];
  const met = new Map<Pod, number>();
  for (const r of selector.requirements) {
    for (const p of podsSelected(pods, { kind: 'requirements', requirements: [r] })) met.set(p, (met.get(p) ?? 0) + 1);
  }
  const total = selector.requirements.length;
  const near = [...met].filter(([, n]) => n < total);
  if (near.length <= limit) return near.map(([p]) => p);
  // The number of requirements met by the limit-th closest: those meeting more are all kept.
  const counts = near.map(([, n]) => n).sort((a, b) => b - a);
  const cut = counts[limit - 1] as number;
  const above = near.filter(([, n]) => n > cut).map(([p]) => p);
  // Of those meeting exactly `cut`, the order is by name: the first `limit - above` names.
  const names = near.filter(([, n]) => n === cut).map(([p]) => p.metadata?.name ?? '');
  const wanted = new Set(smallest(names, limit - above.length));
  return [...above, ...near.filter(([p, n]) => n === cut && wanted.has(p.metadata?.name ?? '')).map(([p]) => p)];
}

/** The `k` smallest of the strings (each once), without sorting them all. */
function smallest(names: string[], k: number): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (out.includes(name)) continue;
    if (out.length < k) out.push(name);
    else if (name < (out[k - 1] as string)) out[k - 1] = name;
    else continue;
    out.sort();
  }
  return out;
}

export function nearMisses(s: Snapshot, namespace: string, selector: Selector | null, limit = 5): NearMiss[] {
  if (!selector || selector.kind !== 'requirements') return [];
  const all = inNamespace(s.objects.Pod, namespace);
  const some = candidates(all, selector, limit);
  const pods = some === null ? all : inListOrder(all, some);
  const out: NearMiss[] = [];
  for (const pod of pods) {
    if (matches(selector, pod.metadata?.labels)) continue;
    const verdicts = explain(selector, pod.metadata?.labels);
    const matched = verdicts.filter((v) => v.matched).length;
    if (matched === 0) continue;
    out.push({ pod: refOf('Pod', pod), template: isTemplate(s, pod), missing: verdicts.filter((v) => !v.matched).map((v) => v.why), matched, total: verdicts.length });
  }
  return out.sort((a, b) => b.matched / b.total - a.matched / a.total || a.missing.length - b.missing.length || (a.pod.name < b.pod.name ? -1 : 1)).slice(0, limit);
}
