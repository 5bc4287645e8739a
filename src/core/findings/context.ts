// What every finding rule reads: the analysed target and the views built from it.

import type { OwnershipGraph } from '../ownership.ts';
import type { Finding, KubectlPickView, NearMiss, PodView, RoutingView, Severity } from '../report.ts';
import type { ObjectRef, Snapshot } from '../snapshot.ts';
import type { Resolution } from '../targets/resolve.ts';
import type { SelectorMatch } from '../targets/selected-by.ts';
import type { Pod } from '../types.ts';
import { refText, rootOf as ownerRoot } from '../refs.ts';
import { kept, snapshotCache } from '../indexes.ts';
import { nameList } from '../name-list.ts';

export interface AnalysisContext {
  snapshot: Snapshot;
  graph: OwnershipGraph;
  resolution: Resolution;
  /** The selected pods and their views, index for index. */
  pods: Pod[];
  selection: PodView[];
  routing: RoutingView[];
  kubectl: KubectlPickView[];
  selectedBy: SelectorMatch[];
  nearMisses: NearMiss[];
}

export type Rule = (ctx: AnalysisContext) => Finding[];

export function finding(id: string, severity: Severity, message: string, objects: ObjectRef[], evidence: string[]): Finding {
  return { id, severity, message, objects, evidence };
}

/** `kind/name` (core/refs.ts). */
export const show = refText;

/** The workload a pod belongs to: the top of its owner chain, or the pod itself when bare. */
export function rootOf(view: PodView): ObjectRef {
  return ownerRoot(view) ?? view.ref;
}

const namedViews = new WeakMap<PodView[], Map<string, PodView>>();

/** The selected pod view of that name (the first, as Array.find would give), from a map built once per selection. */
export function viewNamed(ctx: AnalysisContext, name: string | undefined): PodView | undefined {
  if (name === undefined) return undefined;
  let byName = namedViews.get(ctx.selection);
  if (!byName || byName.size > ctx.selection.length) {
    byName = new Map();
    for (const v of ctx.selection) if (!byName.has(v.ref.name)) byName.set(v.ref.name, v);
    namedViews.set(ctx.selection, byName);
  }
  return byName.get(name);
}

/**
 * The findings of a rule that reads only the selected pods (which pods, their views' target-free
 * parts, the namespace they are in), never which target selected them: computed once per list
 * of pods (targets with the same selector in a namespace share one) and snapshot.
 */
export function perPods(ctx: AnalysisContext, name: string, make: () => Finding[]): Finding[] {
  return kept(snapshotCache(ctx.snapshot, `rule\u0000${name}`, () => new WeakMap<Pod[], Finding[]>()), ctx.pods, make);
}

/**
 * A value made from the selection alone (the selected pods, their views' target-free parts,
 * the snapshot), never from which target selected them: made once per selection, which
 * targets with the same selector in a namespace share. Shared: do not modify.
 */
export function perSelection<T>(ctx: AnalysisContext, name: string, make: () => T): T {
  return kept(snapshotCache(ctx.snapshot, `selection\u0000${name}`, () => new WeakMap<PodView[], T>()), ctx.selection, make);
}

const podLists = new WeakMap<PodView[], string>();

/**
 * `template` or `pod/NAME` for each view, comma-separated, the first few and how many more when
 * there are many (kept per list of views: the same groups come up behind many targets).
 */
export function podList(views: PodView[]): string {
  return kept(podLists, views, () => nameList(views.map((v) => (v.template ? 'template' : `pod/${v.ref.name}`))));
}

export function describePod(view: PodView): string {
  return view.template ? `the pod template of ${show(rootOf(view))}` : `pod/${view.ref.name}`;
}

/** Pods grouped by workload; bare pods (no controller) form one group of their own. */
export function groupByRoot(views: PodView[]): Map<string, { root: ObjectRef; views: PodView[]; bare: boolean }> {
  const groups = new Map<string, { root: ObjectRef; views: PodView[]; bare: boolean }>();
  for (const v of views) {
    const bare = v.owners.length === 0;
    const root = bare ? { kind: 'Pod', name: '(bare pods)' } : rootOf(v);
    const key = bare ? 'bare' : `${root.kind}/${root.name}`;
    const g = groups.get(key) ?? { root, views: [], bare };
    g.views.push(v);
    groups.set(key, g);
  }
  return groups;
}

export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
