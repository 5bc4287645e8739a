// Workloads whose selectors overlap: both controllers' selectors match the same pods (§3.4).

import { contains, matches, requirementString } from '../labels.ts';
import { podsInNamespaceSelected, remember } from '../indexes.ts';
import { nameList } from '../name-list.ts';
import { ownerChain, sameObject } from '../ownership.ts';
import { inNamespace, refOf, type Kind, type ObjectRef } from '../snapshot.ts';
import { selectorOf } from '../targets/resolve.ts';
import type { SelectorSpec } from '../targets/selector-spec.ts';
import type { KubeObject, Pod } from '../types.ts';
import { finding, perSelection, rootOf, show, type AnalysisContext, type Rule } from './context.ts';

export const WORKLOAD_KINDS: Kind[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'];

interface Workload { ref: ObjectRef; object: KubeObject; kind: Kind }

function workloads(ctx: AnalysisContext, namespace: string): Workload[] {
  return WORKLOAD_KINDS.flatMap((kind) => inNamespace(ctx.snapshot.objects[kind] as KubeObject[], namespace).map((object) => {
    const ref = refOf(kind, object);
    ref.namespace = namespace;
    return { ref, object, kind };
  }));
}

/** One controls the other (a Deployment and its ReplicaSets): their selectors nest by design. */
function related(ctx: AnalysisContext, a: Workload, b: Workload): boolean {
  const up = (w: Workload) => ownerChain(ctx.graph, w.object).map((l) => l.ref);
  return up(a).some((r) => sameObject(r, b.ref)) || up(b).some((r) => sameObject(r, a.ref));
}

/** Pods (or templates) matched by both selectors and their owners. */
export function overlapBetween(ctx: AnalysisContext, a: Workload, b: Workload, namespace: string) {
  const sa = selectorOf(a.kind, a.object);
  const sb = selectorOf(b.kind, b.object);
  if (!sa?.selector || !sb?.selector || !sa.selectsPods || !sb.selectsPods) return null;
  const selA = sa.selector;
  const selB = sb.selector;
  const shared = podsInNamespaceSelected(ctx.snapshot.objects.Pod, namespace, selA).filter((p) => matches(selB, p.metadata?.labels));
  if (shared.length === 0 && !contains(selA, selB) && !contains(selB, selA)) return null;
  return { shared, selectorA: sa.text, selectorB: sb.text };
}

export function overlapFinding(ctx: AnalysisContext, a: Workload, b: Workload, namespace: string) {
  if (related(ctx, a, b)) return null;
  const o = overlapBetween(ctx, a, b, namespace);
  if (!o) return null;
  const podNames = o.shared.map((p) => {
    const tpl = p.metadata?.uid ? ctx.snapshot.templateOf[p.metadata.uid] : undefined;
    return tpl ? `template of ${show(tpl)}` : `pod/${p.metadata?.name}`;
  });
  const severity = o.shared.length > 0 ? 'warning' : 'info';
  const message = o.shared.length > 0
    ? `The selectors of ${show(a.ref)} and ${show(b.ref)} overlap: both match ${podNames.length === 1 ? podNames[0] : `${podNames.length} pods`}.`
    : `The selectors of ${show(a.ref)} and ${show(b.ref)} are nested: every pod one of them matches, the other matches too, though none exists now.`;
  return finding('overlapping-selectors', severity, message, [{ ...a.ref }, { ...b.ref }],
    [`${show(a.ref)}: ${o.selectorA}`, `${show(b.ref)}: ${o.selectorB}`, ...(podNames.length ? [`matched by both: ${nameList(podNames)}`] : [])]);
}

/** Controlled by another workload in the snapshot (a Deployment's ReplicaSet): compared through its owner. */
function controlled(ctx: AnalysisContext, w: Workload): boolean {
  return ownerChain(ctx.graph, w.object).some((l) => l.present && WORKLOAD_KINDS.includes(l.ref.kind as Kind));
}

interface NamespaceWorkloads {
  /** Top-level workloads, in kind order then list order. */
  all: Workload[];
  position: Map<Workload, number>;
  /** For each workload, the others whose selectors may overlap with its own, in the order of `all`. */
  partners: Map<Workload, Workload[]>;
  /** `kind/name` -> the workloads of `all` so named, in the order of `all`. */
  named: Map<string, Workload[]>;
}

function workloadKey(kind: string, name: string): string {
  return `${kind}/${name}`;
}

/**
 * The pairs overlapBetween can accept, found without comparing every pair: two usable
 * selectors overlap when some pod matches both (pods grouped by the set of workloads
 * selecting them, each set once), or when one selector contains the other (a selector
 * with requirements can only contain one that repeats its first requirement; an empty
 * selector contains every other).
 */
function namespaceWorkloads(ctx: AnalysisContext, namespace: string): NamespaceWorkloads {
  return remember(ctx.snapshot.objects, `overlap\u0000${namespace}`, () => {
    const all = workloads(ctx, namespace).filter((w) => !controlled(ctx, w));
    const position = new Map(all.map((w, i) => [w, i]));
    const specs = new Map<Workload, SelectorSpec>();
    for (const w of all) {
      const spec = selectorOf(w.kind, w.object);
      if (spec?.selector && spec.selectsPods) specs.set(w, spec);
    }
    const pairs = new Map<Workload, Set<Workload>>();
    const pair = (a: Workload, b: Workload) => {
      if (a === b) return;
      (pairs.get(a) ?? pairs.set(a, new Set()).get(a) as Set<Workload>).add(b);
      (pairs.get(b) ?? pairs.set(b, new Set()).get(b) as Set<Workload>).add(a);
    };
    // Shared pods.
    const selecting = new Map<Pod, Workload[]>();
    for (const [w, spec] of specs) {
      for (const p of podsInNamespaceSelected(ctx.snapshot.objects.Pod, namespace, spec.selector as NonNullable<SelectorSpec['selector']>)) {
        const list = selecting.get(p);
        if (list) list.push(w);
        else selecting.set(p, [w]);
      }
    }
    const groups = new Map<string, Workload[]>();
    for (const list of selecting.values()) if (list.length > 1) groups.set(list.map((w) => position.get(w)).join(','), list);
    for (const list of groups.values()) for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) pair(list[i] as Workload, list[j] as Workload);
    // Nested selectors.
    const byRequirement = new Map<string, Workload[]>();
    const universal: Workload[] = [];
    for (const [w, spec] of specs) {
      const sel = spec.selector;
      if (sel?.kind === 'requirements') {
        for (const r of new Set(sel.requirements.map(requirementString))) (byRequirement.get(r) ?? byRequirement.set(r, []).get(r) as Workload[]).push(w);
      } else {
        universal.push(w);
      }
    }
    for (const u of universal) for (const w of specs.keys()) pair(u, w);
    for (const [a, spec] of specs) {
      const sel = spec.selector;
      if (sel?.kind !== 'requirements' || sel.requirements.length === 0) continue;
      for (const b of byRequirement.get(requirementString(sel.requirements[0] as (typeof sel.requirements)[number])) ?? []) {
        if (b !== a && contains(sel, (specs.get(b) as SelectorSpec).selector as NonNullable<SelectorSpec['selector']>)) pair(a, b);
      }
    }
    const partners = new Map<Workload, Workload[]>();
    for (const [w, set] of pairs) partners.set(w, [...set].sort((x, y) => (position.get(x) as number) - (position.get(y) as number)));
    const named = new Map<string, Workload[]>();
    for (const w of all) {
      const k = workloadKey(w.kind, w.ref.name);
      const same = named.get(k);
      if (same) same.push(w);
      else named.set(k, [w]);
    }
    return { all, position, partners, named };
  });
}

export const overlappingSelectors: Rule = (ctx) => {
  const namespace = ctx.resolution.target.namespace ?? ctx.snapshot.defaultNamespace;
  // Only top-level workloads: a foreign Deployment's ReplicaSet overlaps exactly where the Deployment does.
  const { position, partners, named } = namespaceWorkloads(ctx, namespace);
  // The workloads in question: the target itself, or the owners of the pods it selects,
  // in the order of `all` (looked up by name, not by scanning the namespace per target).
  const t = ctx.resolution.target;
  const owners = perSelection(ctx, 'overlapping-selectors', () => new Set(ctx.selection.map((v) => workloadKey(rootOf(v).kind, rootOf(v).name))));
  const picked = new Set<Workload>();
  for (const k of [workloadKey(t.kind, t.name), ...owners]) for (const w of named.get(k) ?? []) picked.add(w);
  const involved = [...picked].sort((x, y) => (position.get(x) as number) - (position.get(y) as number));
  const out = [];
  const seen = new Set<string>();
  for (const a of involved) {
    // Only pairs that can overlap: every other pair gives no finding, so skipping it changes nothing.
    for (const b of partners.get(a) ?? []) {
      const key = [show(a.ref), show(b.ref)].sort().join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const f = overlapFinding(ctx, a, b, namespace);
      if (f) out.push(f);
    }
  }
  return out;
};
