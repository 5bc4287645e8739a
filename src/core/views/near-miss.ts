// When a selector matches nothing: the pods that come closest, and what they miss.

import { explain, matches, requirementMatches, type Requirement, type Selector } from '../labels.ts';
import { inListOrder, kept, podsSelected } from '../indexes.ts';
import type { NearMiss } from '../report.ts';
import { inNamespace, isTemplate, refOf, type Snapshot } from '../snapshot.ts';
import type { Pod } from '../types.ts';
import { listOrder } from '../targets/resolve.ts';

/** Requirements a pod meets only by carrying a label: the label index lists the pods that meet each. */
function positive(r: Requirement): boolean {
  return r.operator === 'Equals' || r.operator === 'In' || r.operator === 'Exists';
}

/** Per list of pods: per requirement, the pods that meet it (the label index's answer, kept: targets of one namespace share requirements). */
const metBy = new WeakMap<readonly Pod[], Map<string, Pod[]>>();
/** Per list from metBy: the same pods by name (kept the same way). */
const byName = new WeakMap<readonly Pod[], Pod[]>();

function meeting(pods: readonly Pod[], r: Requirement): Pod[] {
  return kept(kept(metBy, pods, () => new Map<string, Pod[]>()), JSON.stringify(r), () => podsSelected(pods, { kind: 'requirements', requirements: [r] }));
}

function named(list: Pod[]): Pod[] {
  return kept(byName, list, () => listOrder(list));
}

/**
 * The pods worth explaining: those that may be among the `limit` closest. When every
 * requirement asks for a label (no NotIn or DoesNotExist, which pods without the label meet),
 * a pod meets as many requirements as the index lists it under, and one that meets none (or
 * all) is no near miss; only the pods meeting the most are kept, and of those meeting as many
 * as the last one kept, the first by name (every one of that name). The pods of the longest
 * list are counted only where a shorter list names them too: the others meet one requirement,
 * and their first names come from that list kept by name. Null: every pod of the namespace.
 */
function candidates(pods: readonly Pod[], selector: Selector & { kind: 'requirements' }, limit: number): Pod[] | null {
  if (!selector.requirements.every(positive)) return null;
  const total = selector.requirements.length;
  // With one requirement, a pod meets it all or not at all.
  if (limit <= 0 || total < 2) return [];
  const lists = selector.requirements.map((r) => meeting(pods, r));
  let longest = 0;
  lists.forEach((l, i) => { if (l.length > (lists[longest] as Pod[]).length) longest = i; });
  const widest = selector.requirements[longest] as Requirement;
  // Pods some shorter list names, with the number of requirements they meet.
  const met = new Map<Pod, number>();
  lists.forEach((l, i) => {
    if (i === longest) return;
    for (const p of l) met.set(p, (met.get(p) ?? 0) + 1);
  });
  let inLongest = 0;
  for (const [p, n] of met) {
    if (requirementMatches(widest, p.metadata?.labels ?? {})) {
      met.set(p, n + 1);
      inLongest++;
    }
  }
  // How many pods meet each number of requirements short of all.
  const byMet = new Array<number>(total).fill(0);
  for (const n of met.values()) if (n < total) byMet[n] = (byMet[n] as number) + 1;
  byMet[1] = (byMet[1] as number) + (lists[longest] as Pod[]).length - inLongest;
  const near = byMet.reduce((a, b) => a + b, 0);
  // The number met by the limit-th closest (or by the last, with fewer): those meeting more are all kept.
  let cut = total - 1;
  for (let reached = byMet[cut] as number; reached < Math.min(limit, near) && cut > 1; reached += byMet[cut] as number) cut--;
  const out = [...met].filter(([, n]) => n > cut && n < total).map(([p]) => p);
  // Of those meeting exactly `cut`, the first `limit - out.length` names (every pod of each).
  const tied = [...met].filter(([, n]) => n === cut).map(([p]) => p);
  if (cut === 1) {
    const sorted = named(lists[longest] as Pod[]);
    // Enough of the longest list's first names that the names wanted are among them with the others'.
    let taken = 0;
    for (let i = 0; i < sorted.length && taken < limit - out.length; i++) {
      const p = sorted[i] as Pod;
      if (met.has(p)) continue;
      tied.push(p);
      taken++;
      // Every pod of the last name taken.
      while (i + 1 < sorted.length && (sorted[i + 1] as Pod).metadata?.name === p.metadata?.name) if (!met.has(sorted[++i] as Pod)) tied.push(sorted[i] as Pod);
    }
  }
  const wanted = new Set(smallest(tied.map((p) => p.metadata?.name ?? ''), limit - out.length));
  return [...out, ...tied.filter((p) => wanted.has(p.metadata?.name ?? ''))];
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
