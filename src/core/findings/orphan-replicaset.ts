// A ReplicaSet with no controller whose labels a Deployment's selector matches: the
// Deployment controller claims it (`ClaimReplicaSets` in getReplicaSetsForDeployment:
// orphans whose own metadata.labels match the selector, neither side being deleted).
// Once adopted it is a revision of that Deployment: the current one when its template
// equals the Deployment's ignoring pod-template-hash (`FindNewReplicaSet`,
// `EqualIgnoreHash`; the oldest such wins), else an old one, scaled down to 0 by the
// rollout — its pods then go, as they do for any old revision.

import { matches } from '../labels.ts';
import { podsSelected } from '../indexes.ts';
import { controllerRef } from '../ownership.ts';
import type { Finding } from '../report.ts';
import { findByName, inNamespace, refOf } from '../snapshot.ts';
import { selectorOf } from '../targets/resolve.ts';
import type { PodTemplateSpec, Workload } from '../types.ts';
import { finding, perSelection, show, type AnalysisContext, type Rule } from './context.ts';

const HASH = 'pod-template-hash';

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, canonical(x)]));
  return v;
}

/** Template equality ignoring the pod-template-hash label (`EqualIgnoreHash`). */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) {
      delete c.metadata.labels[HASH];
      if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
    }
    return JSON.stringify(canonical(c));
  };
  return strip(a) === strip(b);
}

/** The ReplicaSets at the top of the selected pods' owner chains, by name, in order: once per selection (a Service over thousands of pods names a few). */
function rootReplicaSets(ctx: AnalysisContext): string[] {
  return perSelection(ctx, 'root-replicasets', () => {
    const names = new Set<string>();
    for (const v of ctx.selection) {
      const root = v.owners[v.owners.length - 1]?.ref;
      if (root?.kind === 'ReplicaSet') names.add(root.name);
    }
    return [...names];
  });
}

export const orphanReplicaSet: Rule = (ctx) => {
  const s = ctx.snapshot;
  const t = ctx.resolution.target;
  const namespace = t.namespace ?? s.defaultNamespace;
  const sets = new Map<string, Workload>();
  const add = (name: string) => {
    const rs = findByName(s.objects.ReplicaSet, namespace, name);
    if (rs && !controllerRef(rs) && !rs.metadata?.deletionTimestamp) sets.set(name, rs);
  };
  if (t.kind === 'ReplicaSet') add(t.name);
  for (const name of rootReplicaSets(ctx)) add(name);
  if (t.kind === 'Deployment') {
    const spec = ctx.resolution.selector?.selector;
    // The ReplicaSets whose labels the selector matches, in list order, from the label index.
    if (spec) for (const rs of podsSelected(inNamespace(s.objects.ReplicaSet, namespace), spec)) add(rs.metadata?.name ?? '');
  }
  const out: Finding[] = [];
  if (sets.size === 0) return out;
  const deployments = inNamespace(s.objects.Deployment, namespace).filter((d) => !d.metadata?.deletionTimestamp);
  for (const rs of sets.values()) {
    const claimers = deployments.filter((d) => {
      const spec = selectorOf('Deployment', d);
      return spec?.selector !== undefined && spec.selector !== null && spec.selectsPods && matches(spec.selector, rs.metadata?.labels);
    });
    for (const d of claimers) {
      const rsRef = { ...refOf('ReplicaSet', rs), namespace };
      const dRef = { ...refOf('Deployment', d), namespace };
      const same = equalIgnoreHash(rs.spec?.template, d.spec?.template);
      const replicas = rs.spec?.replicas ?? 1;
      out.push(finding('orphan-replicaset-will-be-adopted', same ? 'warning' : 'error',
        same
          ? `${show(rsRef)} has no controller and its labels match ${show(dRef)}'s selector: the Deployment will adopt it, and as its template equals the Deployment's it may become the current revision, scaled to the Deployment's replicas (${d.spec?.replicas ?? 1}).`
          : `${show(rsRef)} has no controller and its labels match ${show(dRef)}'s selector: the Deployment will adopt it as an old revision (its template differs) and scale it to 0, removing its ${replicas} ${replicas === 1 ? 'pod' : 'pods'}.`,
        [rsRef, dRef],
        [`${show(dRef)} selector: ${selectorOf('Deployment', d)?.text ?? '?'}`, `${show(rsRef)} labels: ${Object.entries(rs.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || '(none)'}`,
          'the Deployment controller claims orphan ReplicaSets whose own labels match its selector (ClaimReplicaSets)',
          ...(claimers.length > 1 ? [`${claimers.length} Deployments match; the first to sync adopts it`] : [])]));
    }
  }
  return out;
};
