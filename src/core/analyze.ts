// analyze(snapshot, query, now) -> Report: the one entry point of the core.

import { runRules } from './findings/index.ts';
import { withRootCauses } from './findings/root-causes.ts';
import type { AnalysisContext } from './findings/context.ts';
import type { KubectlVersion } from './kubectl/version.ts';
import { buildOwnershipGraph, ownerChain } from './ownership.ts';
import { requirementString, type Selector } from './labels.ts';
import type { CommandQuery, PodCommand } from './kubectl/command.ts';

export type { CommandQuery } from './kubectl/command.ts';
import {
  REPORT_KIND, SCHEMA_VERSION, type KubectlPickView, type OwnerGroup, type PodView, type Report, type Severity, type SourceView,
} from './report.ts';
import { findByName, type ObjectRef, type Snapshot } from './snapshot.ts';
import { kept, snapshotCache } from './indexes.ts';
import { resolveTarget, selectorOf, type Resolution, type TargetQuery } from './targets/resolve.ts';
import { selectedBy } from './targets/selected-by.ts';
import { withoutSupersededTemplates } from './template-pods.ts';
import type { NetworkPolicy, Pod, Service } from './types.ts';
import { networkPolicyPeers, policyTypes } from './targets/network-policy.ts';
import { kubectlView } from './views/kubectl-view.ts';
import { nearMisses } from './views/near-miss.ts';
import { isControllerKind, podViews } from './views/pod-view.ts';
import { routingView } from './views/routing-view.ts';
import { refText } from './refs.ts';

export interface AnalysisQuery {
  target: TargetQuery;
  kubectl: { version: KubectlVersion; from: string };
  /** The kubectl commands whose pick to predict (default: logs and exec). */
  commands?: CommandQuery[];
  source: Omit<SourceView, 'origin' | 'namespace' | 'gaps'>;
  /**
   * Only the findings are read (check): the parts of the report no rule reads are left empty
   * (owner groups, a NetworkPolicy's peers, the selected pods' labels), so thousands of targets
   * do not build them.
   */
  findingsOnly?: boolean;
}

export function defaultCommands(t: { name: string; kind?: string; namespace?: string | null }, typeText: string): CommandQuery[] {
  const arg = `${typeText}/${t.name}`;
  return (['logs', 'exec'] as PodCommand[]).map((command) => ({ command, commandLine: `kubectl ${command} ${arg}` }));
}

/** The commands predicted when none is pasted: logs and exec for the kinds kubectl takes, named as the user typed the type. */
export function commandsFor(t: Pick<TargetQuery, 'kind' | 'name'>, typeText: string): CommandQuery[] {
  return KUBECTL_KINDS.has(t.kind) ? defaultCommands(t, typeText) : [];
}

function ownerGroups(selection: PodView[], r: Resolution): OwnerGroup[] {
  const groups = new Map<string, OwnerGroup>();
  for (const v of selection) {
    const bare = v.owners.length === 0 && !(r.target.kind === 'Pod' && r.target.name === v.ref.name);
    const root = bare ? { kind: 'Pod', name: '(bare pods)' } : (v.owners[v.owners.length - 1]?.ref ?? v.ref);
    const key = bare ? 'bare' : `${root.kind}/${root.name}`;
    const g = groups.get(key) ?? { owner: root, isTarget: v.ownedByTarget === true || (root.kind === r.target.kind && root.name === r.target.name), pods: [] };
    const middle = v.owners.slice(0, -1).map((o) => `${refText(o.ref)}`).reverse();
    g.pods.push([...middle, v.template ? 'pod template' : `pod/${v.ref.name}`].join(' → '));
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Kinds `kubectl logs/exec TYPE/NAME` is worth predicting for by default (CronJob: to say kubectl refuses it). */
export const KUBECTL_KINDS = new Set(['Pod', 'Service', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);

const WORKLOAD_SHORT: Record<string, string> = { Deployment: 'deploy', ReplicaSet: 'rs', StatefulSet: 'sts', DaemonSet: 'ds', Job: 'job', ReplicationController: 'rc' };

/**
 * When the target's pods belong to several workloads, what `kubectl logs|exec WORKLOAD`
 * would pick for each of them: with overlapping selectors it may be another's pod.
 */
function behindViews(s: Snapshot, graph: ReturnType<typeof buildOwnershipGraph>, selection: PodView[], r: Resolution, q: AnalysisQuery) {
  // The workloads at the top of the selected pods' chains, in order: once per selection (targets with one selector share it).
  const all = kept(snapshotCache(s, 'behind-roots', () => new WeakMap<PodView[], { kind: string; name: string }[]>()), selection, () => {
    const found = new Map<string, { kind: string; name: string }>();
    for (const v of selection) {
      const root = v.owners[v.owners.length - 1]?.ref;
      if (root && Object.hasOwn(WORKLOAD_SHORT, root.kind)) found.set(`${root.kind}/${root.name}`, root);
    }
    return [...found.values()];
  });
  const isTarget = (root: { kind: string; name: string }) => root.kind === r.target.kind && root.name === r.target.name;
  if (all.length - (all.some(isTarget) ? 1 : 0) < 2) return [];
  // Each root's answer, once per selection: the targets sharing one (every Service over a shared
  // label) each take all of them but their own, without a lookup per root and target.
  const answers = snapshotCache(s, 'behind-answers', () => new WeakMap<object, { graph: typeof graph; version: KubectlVersion; namespace: string; views: (KubectlPickView[] | undefined)[] }>());
  let answered = answers.get(all);
  if (!answered || answered.graph !== graph || answered.version !== q.kubectl.version || answered.namespace !== q.target.namespace) {
    answered = { graph, version: q.kubectl.version, namespace: q.target.namespace, views: [] };
    answers.set(all, answered);
  }
  const out: KubectlPickView[] = [];
  for (let i = 0; i < all.length; i++) {
    const root = all[i] as { kind: string; name: string };
    if (isTarget(root)) continue;
    answered.views[i] ??= behindRoot(s, graph, root, q);
    out.push(...(answered.views[i] as KubectlPickView[]));
  }
  return out;
}

/** What `kubectl logs|exec` would pick for one workload behind a target. */
function behindRoot(s: Snapshot, graph: ReturnType<typeof buildOwnershipGraph>, root: { kind: string; name: string }, q: AnalysisQuery): KubectlPickView[] {
  // The same workloads come up behind many targets (every Service over a shared label): one answer per workload.
  const known = snapshotCache(s, 'behind-views', () => new Map<string, { graph: typeof graph; version: AnalysisQuery['kubectl']['version']; views: KubectlPickView[] }>());
  const key = `${root.kind}\u0000${q.target.namespace}\u0000${root.name}\u0000${q.kubectl.version.raw}`;
  const hit = known.get(key);
  if (hit && hit.graph === graph && hit.version === q.kubectl.version) return hit.views;
  const wr = resolveTarget(s, { kind: root.kind as TargetQuery['kind'], name: root.name, namespace: q.target.namespace });
  const views = wr.object ? (['logs', 'exec'] as PodCommand[]).map((command) => kubectlView(s, graph, wr, wr.pods, { command, commandLine: `kubectl ${command} ${WORKLOAD_SHORT[root.kind]}/${root.name}` }, q.kubectl.version)) : [];
  known.set(key, { graph, version: q.kubectl.version, views });
  return views;
}

/**
 * The views of the selected pods. A target that owns no pods by nature (a Service, a policy)
 * sees them the same way as every other such target with the same selector in the namespace:
 * those share one array (do not modify it).
 */
function selectionOf(s: Snapshot, graph: ReturnType<typeof buildOwnershipGraph>, pods: Pod[], target: ObjectRef | null, selector: Selector | null, labels: boolean): PodView[] {
  if (target && isControllerKind(target.kind)) return podViews(s, graph, pods, target, selector, labels);
  const known = snapshotCache(s, 'selections', () => ({ graph, byPods: new WeakMap<Pod[], Map<string, PodView[]>>() }));
  if (known.graph !== graph) return podViews(s, graph, pods, target, selector, labels);
  const bySelector = kept(known.byPods, pods, () => new Map<string, PodView[]>());
  return kept(bySelector, `${labels ? 'labels' : 'none'}\u0000${JSON.stringify(selector)}`, () => podViews(s, graph, pods, target, selector, labels));
}

const counted = new WeakMap<PodView[], { templates: number; owners: number }>();

/** How many of the selected pods are templates, and how many owners they have: once per selection (shared by targets with one selector). */
function selectionCounts(selection: PodView[]): { templates: number; owners: number } {
  return kept(counted, selection, () => ({
    templates: selection.filter((v) => v.template).length,
    owners: new Set(selection.map((v) => { const r = v.owners[v.owners.length - 1]?.ref; return r ? `${r.kind}/${r.name}` : 'bare'; })).size,
  }));
}

function countBySeverity(findings: { severity: Severity }[]): Record<Severity, number> {
  return { error: findings.filter((f) => f.severity === 'error').length, warning: findings.filter((f) => f.severity === 'warning').length, info: findings.filter((f) => f.severity === 'info').length };
}

export function analyze(input: Snapshot, q: AnalysisQuery, now: Date): Report {
  const s = withoutSupersededTemplates(input);
  const graph = buildOwnershipGraph(s);
  const resolution = resolveTarget(s, q.target);
  const namespace = q.target.namespace;
  let pods: Pod[] = resolution.pods;
  const isPod = q.target.kind === 'Pod' && resolution.object !== null;
  if (isPod) pods = [resolution.object as Pod];
  const selector = resolution.selector?.selector ?? null;
  const selection = selectionOf(s, graph, pods, resolution.object ? resolution.target : null, selector, q.findingsOnly !== true);
  const matchesForPod = isPod ? selectedBy(s, resolution.object as Pod, ownerChain(graph, resolution.object as Pod)) : [];

  // Routing: the target Service, an Ingress's Services, or for a pod every Service that selects it.
  let services: Service[] = resolution.services;
  if (isPod) services = matchesForPod.filter((m) => m.object.kind === 'Service').map((m) => findByName(s.objects.Service, namespace, m.object.name)).filter((x): x is Service => x !== undefined);
  const routing = services.map((svc) => {
    const spec = selectorOf('Service', svc);
    const svcPods = resolution.target.kind === 'Service' ? pods : (spec ? resolveTarget(s, { kind: 'Service', name: svc.metadata?.name ?? '', namespace }).pods : []);
    return routingView(s, svc, svcPods);
  });

  const commands = resolution.object ? (q.commands ?? commandsFor(q.target, q.target.kind.toLowerCase())) : [];
  const kubectl = commands.map((c) => kubectlView(s, graph, resolution, pods, c, q.kubectl.version));
  if (!q.commands?.some((c) => c.commandLine.startsWith('kubectl port-forward') || c.commandLine.startsWith('kubectl attach'))) {
    kubectl.push(...behindViews(s, graph, selection, resolution, q));
  }
  const misses = selection.length === 0 && resolution.object ? nearMisses(s, namespace, selector) : [];

  const ctx: AnalysisContext = { snapshot: s, graph, resolution, pods, selection, routing, kubectl, selectedBy: matchesForPod, nearMisses: misses };
  const findings = resolution.object ? withRootCauses(s, runRules(ctx)) : [];
  const sel = resolution.selector;
  return {
    kind: REPORT_KIND,
    schemaVersion: SCHEMA_VERSION,
    generatedAt: now.toISOString(),
    kubectlVersion: { version: q.kubectl.version.raw, from: q.kubectl.from },
    source: { origin: s.origin, namespace, gaps: s.gaps, ...q.source },
    target: {
      ref: resolution.target,
      found: resolution.object !== null,
      selector: sel ? { field: sel.field, text: sel.text, meaning: sel.meaning, requirements: sel.selector?.kind === 'requirements' ? sel.selector.requirements.map(requirementString) : [], error: sel.error } : null,
      via: resolution.via,
      backends: resolution.backends,
      policy: q.target.kind === 'NetworkPolicy' && resolution.object ? { policyTypes: policyTypes(resolution.object as NetworkPolicy), peers: q.findingsOnly ? [] : networkPolicyPeers(s, resolution.object as NetworkPolicy) } : null,
      notes: resolution.notes,
    },
    selection,
    owners: q.findingsOnly ? [] : ownerGroups(selection, resolution),
    routing,
    kubectl,
    selectedBy: matchesForPod,
    nearMisses: misses,
    findings,
    summary: {
      selected: selection.length,
      ...selectionCounts(selection),
      findings: countBySeverity(findings),
    },
  };
}
