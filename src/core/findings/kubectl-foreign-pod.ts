// kubectl logs/exec/attach/port-forward TYPE/NAME would (or may) land on a pod the named
// object does not own: kubectl selects by labels only (trap 4).

import type { Finding, KubectlPickView, PodView } from '../report.ts';
import { kept } from '../indexes.ts';
import { nameList } from '../name-list.ts';
import { finding, show, viewNamed, type AnalysisContext, type Rule } from './context.ts';

function ownerOfPod(ctx: AnalysisContext, name: string) {
  const v = viewNamed(ctx, name);
  return v ? (v.owners[v.owners.length - 1]?.ref ?? null) : null;
}

function foreignCandidates(ctx: AnalysisContext, k: KubectlPickView) {
  const target = k.target;
  const pods = k.template || k.candidates.length > 1 ? k.candidates : k.pod ? [k.pod] : [];
  return pods.filter((p) => {
    const v = viewNamed(ctx, p.name);
    const chain = v ? v.owners.map((o) => o.ref) : (p.name === k.pod?.name ? k.owners : []);
    return !chain.some((o) => o.kind === target.kind && o.name === target.name);
  });
}

const foreignByView = new WeakMap<KubectlPickView, WeakMap<PodView[], string[]>>();

/**
 * The names of foreignCandidates, once per pick view and selection: the views of what
 * `kubectl logs|exec WORKLOAD` picks are shared by every target behind which that workload
 * comes up. Shared: do not modify.
 */
function foreignNames(ctx: AnalysisContext, k: KubectlPickView): string[] {
  return kept(kept(foreignByView, k, () => new WeakMap<PodView[], string[]>()), ctx.selection, () => foreignCandidates(ctx, k).map((p) => p.name));
}

export const kubectlForeignPod: Rule = (ctx) => {
  const groups = new Map<string, { views: KubectlPickView[]; foreign: string[]; certain: boolean }>();
  for (const k of ctx.kubectl) {
    if (k.error || !k.pod || k.ownedByTarget === null) continue;
    const certain = k.ownedByTarget === false && !k.template && k.candidates.length <= 1;
    const foreign = certain ? [k.pod.name] : foreignNames(ctx, k);
    if (foreign.length === 0) continue;
    const key = `${show(k.target)}|${certain}|${foreign.join(',')}`;
    const g = groups.get(key) ?? { views: [], foreign, certain };
    g.views.push(k);
    groups.set(key, g);
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const k = g.views[0] as KubectlPickView;
    const verbs = g.views.map((v) => v.command).join('/');
    const line = `kubectl ${verbs} ${k.commandLine.split(' ').slice(2).join(' ')}`;
    const owners = [...new Set(g.foreign.map((n) => { const o = ownerOfPod(ctx, n) ?? (n === k.pod?.name ? (k.owners[k.owners.length - 1] ?? null) : null); return o ? show(o) : `bare pod/${n}`; }))];
    const message = g.certain
      ? `\`${line}\` would use pod/${k.pod?.name}, which belongs to ${owners[0]}, not ${show(k.target)}.`
      : `\`${line}\` may land on a pod of ${nameList(owners)}, not ${show(k.target)}: kubectl selects by labels only.`;
    // kubectl lists pods in the target's namespace only.
    const pods = g.foreign.map((n) => ({ kind: 'Pod', name: n, ...(k.target.namespace ? { namespace: k.target.namespace } : {}) }));
    out.push(finding('kubectl-picks-foreign-pod', 'warning', message, [k.target, ...pods], [k.decidedBy]));
  }
  return out;
};
