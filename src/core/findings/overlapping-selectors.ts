// Workloads whose selectors overlap: both controllers' selectors match the same pods (§3.4).

import { contains, matches } from '../labels.ts';
import { ownerChain, sameObject } from '../ownership.ts';
import { inNamespace, refOf, type Kind, type ObjectRef } from '../snapshot.ts';
import { selectorOf } from '../targets/resolve.ts';
import type { KubeObject } from '../types.ts';
import { finding, rootOf, show, type AnalysisContext, type Rule } from './context.ts';

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
  const shared = inNamespace(ctx.snapshot.objects.Pod, namespace).filter((p) => matches(selA, p.metadata?.labels) && matches(selB, p.metadata?.labels));
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
  return finding('overlapping-selectors', severity, message, [a.ref, b.ref],
    [`${show(a.ref)}: ${o.selectorA}`, `${show(b.ref)}: ${o.selectorB}`, ...(podNames.length ? [`matched by both: ${podNames.join(', ')}`] : [])]);
}

/** Controlled by another workload in the snapshot (a Deployment's ReplicaSet): compared through its owner. */
function controlled(ctx: AnalysisContext, w: Workload): boolean {
  return ownerChain(ctx.graph, w.object).some((l) => l.present && WORKLOAD_KINDS.includes(l.ref.kind as Kind));
}

export const overlappingSelectors: Rule = (ctx) => {
  const namespace = ctx.resolution.target.namespace ?? ctx.snapshot.defaultNamespace;
  // Only top-level workloads: a foreign Deployment's ReplicaSet overlaps exactly where the Deployment does.
  const all = workloads(ctx, namespace).filter((w) => !controlled(ctx, w));
  // The workloads in question: the target itself, or the owners of the pods it selects.
  const roots = new Set(ctx.selection.map((v) => `${rootOf(v).kind}/${rootOf(v).name}`));
  const t = ctx.resolution.target;
  const involved = all.filter((w) => (w.kind === t.kind && w.ref.name === t.name) || roots.has(`${w.kind}/${w.ref.name}`));
  const out = [];
  const seen = new Set<string>();
  for (const a of involved) {
    for (const b of all) {
      if (a === b) continue;
      const key = [show(a.ref), show(b.ref)].sort().join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const f = overlapFinding(ctx, a, b, namespace);
      if (f) out.push(f);
    }
  }
  return out;
};
