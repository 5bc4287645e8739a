// Pods several objects of one kind claim at once (two PodDisruptionBudgets, two autoscalers):
// each distinct set of two or more is reported once, on the first selected pod it covers.

import type { PodView } from '../report.ts';
import type { Pod } from '../types.ts';
import type { AnalysisContext } from './context.ts';

export interface SharedBy<T> {
  pod: Pod;
  view: PodView;
  group: T[];
}

/** `selecting(pod)` for every selected pod (null: the pod does not count); sets of two or more, each once by its names. */
export function sharedBy<T>(ctx: AnalysisContext, selecting: (pod: Pod) => T[] | null, nameOf: (t: T) => string): SharedBy<T>[] {
  const out: SharedBy<T>[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < ctx.pods.length; i++) {
    const pod = ctx.pods[i];
    const view = ctx.selection[i];
    if (!pod || !view) continue;
    const group = selecting(pod);
    if (!group || group.length < 2) continue;
    const key = group.map(nameOf).sort().join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pod, view, group });
  }
  return out;
}
