// A Service (or PDB, NetworkPolicy, autoscaler, Ingress) whose pods belong to more than one workload.

import { finding, groupByRoot, perSelection, podList, show, type Rule } from './context.ts';
import type { PortRouteView, PodView } from '../report.ts';
import { standsForNoPod } from '../template-pods.ts';
import { kept } from '../indexes.ts';
import { nameList } from '../name-list.ts';

const CONSUMERS = new Set(['Service', 'PodDisruptionBudget', 'NetworkPolicy', 'HorizontalPodAutoscaler', 'Ingress']);

type Group = ReturnType<typeof groupByRoot> extends Map<string, infer G> ? G : never;

/** The groups some port of the Service's routing gives a share of new connections. */
function receivingGroups(groups: Group[], ports: PortRouteView[][]): Group[] {
  // The pods some port gives a share, gathered once (asked per selected pod, a scan of every share cost pods × shares).
  const sharing = new Set<string>();
  for (const list of ports) for (const p of list) for (const x of p.shares) if (x.share > 0 && x.pod) sharing.add(x.pod.name);
  const receives = (v: PodView) => sharing.has(v.ref.name);
  return groups.filter((g) => g.views.some(receives));
}

const received = new WeakMap<Group[], WeakMap<PortRouteView[], Group[]>>();

/** receivingGroups for one routing's ports, once per groups and ports (Services alike but for their name share both). */
function receivingOnce(groups: Group[], ports: PortRouteView[]): Group[] {
  return kept(kept(received, groups, () => new WeakMap<PortRouteView[], Group[]>()), ports, () => receivingGroups(groups, [ports]));
}

export const spansWorkloads: Rule = (ctx) => {
  const target = ctx.resolution.target;
  if (!CONSUMERS.has(target.kind) || ctx.selection.length === 0) return [];
  // An autoscaler through its scale target's selector, or an Ingress through several Services, may span on purpose only when
  // the Services differ; for one consumer, pods of more than one workload are the smell.
  // A template that stands for no pod (a workload scaled to 0) is no pod of that owner.
  const all = perSelection(ctx, 'spans-workloads', () => {
    const withPods = ctx.selection.filter((_, i) => !(ctx.pods[i] && standsForNoPod(ctx.snapshot, ctx.pods[i])));
    return [...groupByRoot(withPods).values()];
  });
  let groups = all;
  if (groups.length < 2) return [];
  if (target.kind === 'NetworkPolicy' && ctx.resolution.selector?.selector?.kind === 'everything') return [];
  if (target.kind === 'Ingress') {
    // Across Services is normal; within one Service it is reported on the Service.
    return [];
  }
  // A Service sends traffic only to the owners some port gives a share of new connections.
  const idle: typeof groups = [];
  let routed = false;
  if (target.kind === 'Service') {
    const own = ctx.routing.filter((r) => r.service.name === target.name);
    const receiving = own.length === 1 ? receivingOnce(all, (own[0] as (typeof own)[number]).ports) : receivingGroups(all, own.map((r) => r.ports));
    // One owner routed to: the others are selected but idle. None at all (no endpoints yet): the selection alone is the smell.
    if (receiving.length === 1) {
      const only = receiving[0] as (typeof groups)[number];
      const others = groups.filter((g) => g !== only);
      const label = (g: (typeof groups)[number]) => (g.bare ? `${g.views.length} bare ${g.views.length === 1 ? 'pod' : 'pods'}` : show(g.root));
      return [finding('selects-several-workloads', 'info',
        `${show(target)} selects pods of ${groups.length} different owners, but only ${label(only)} gets new connections; ${nameList(others.map(label))} ${others.length === 1 ? 'gets' : 'get'} none on any port.`,
        [target, ...groups.flatMap((g) => (g.bare ? g.views.map((v) => v.ref) : [g.root]))],
        groups.map((g) => `${g.bare ? 'no controller' : show(g.root)}: ${podList(g.views)}${g === only ? '' : '; no port sends it new connections'}`))];
    }
    if (receiving.length > 1) {
      routed = true;
      idle.push(...groups.filter((g) => !receiving.includes(g)));
      groups = receiving;
    }
  }
  const names = groups.map((g) => (g.bare ? `${g.views.length} bare ${g.views.length === 1 ? 'pod' : 'pods'}` : show(g.root)));
  const severity = target.kind === 'NetworkPolicy' ? 'info' : 'warning';
  const what = target.kind === 'Service' ? (routed ? 'sends traffic to' : 'selects') : target.kind === 'HorizontalPodAutoscaler' ? 'measures' : 'selects';
  return [finding('selects-several-workloads', severity,
    `${show(target)} ${what} pods of ${groups.length} different owners: ${nameList(names)}.`,
    [target, ...groups.flatMap((g) => (g.bare ? g.views.map((v) => v.ref) : [g.root]))],
    [...groups.map((g) => `${g.bare ? 'no controller' : show(g.root)}: ${podList(g.views)}`),
      ...idle.map((g) => `${g.bare ? 'bare pods' : show(g.root)}: selected too, but no port sends it new connections`)])];
};
