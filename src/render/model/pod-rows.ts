// One row per selected pod: the facts the selection table shows, derived from the report
// and nothing else.

import type { EndpointView, PodView, Report, RoutingView } from '../../core/report.ts';
import type { ObjectRef } from '../../core/snapshot.ts';
import { age, type Cell } from './line.ts';
import { actualChain, isForeign, rootOf, shortRef, type MeantOwner } from './owners.ts';

export type { Cell } from './line.ts';

export interface PodRow {
  key: string;
  pod: PodView;
  /** The workload at the top of the pod's owner chain; null for a bare pod. A view names it long (`refText`) or short (`shortRef`), in `owner`'s role. */
  ownerRef: ObjectRef | null;
  owner: Cell;
  chain: string;
  /** The chain in kubectl's short names, without the pod: `rs/web-7d4 → deploy/web`. */
  shortChain: string;
  foreign: boolean;
  name: Cell;
  /** `(terminating)` beside the name of a terminating pod (not a template); null otherwise. */
  nameNote: Cell | null;
  /** The pod's phase as its status says it (the `status` cell says Terminating or template instead). */
  phase: Cell;
  status: Cell;
  ready: Cell;
  /** In the Service's EndpointSlices (live), or what the controller would publish (offline); null without a Service. */
  slice: Cell | null;
  /** Whether the endpoint serves the Service's target port(s); null without a Service. */
  port: Cell | null;
  node: Cell;
  zone: Cell;
  ip: Cell;
  restarts: Cell;
  age: Cell;
  labels: string;
  /** The declared container ports, `name:port/protocol`; `<none>` dimmed when there are none. */
  ports: Cell;
  /** Each label, the ones the selector requires in the `title` role. */
  labelCells: Cell[];
  /** Lower-case text the `/` filter searches. */
  search: string;
}

const DASH: Cell = { text: '-', role: 'dim' };

/** Each list's endpoints by pod name (the first one naming the pod), made once per list: a row per pod must not scan every endpoint. */
const byPod = new WeakMap<EndpointView[], Map<string, EndpointView>>();

function endpointOf(list: EndpointView[] | undefined, v: PodView): EndpointView | undefined {
  if (!list) return undefined;
  let index = byPod.get(list);
  if (!index) {
    index = new Map();
    for (const e of list) if (e.pod && !index.has(e.pod.name)) index.set(e.pod.name, e);
    byPod.set(list, index);
  }
  return index.get(v.ref.name);
}

/** The names of the pods each routing view excludes, made once per view. */
const excludedOf = new WeakMap<RoutingView, Set<string>>();

function isExcluded(rv: RoutingView, v: PodView): boolean {
  let names = excludedOf.get(rv);
  if (!names) {
    names = new Set(rv.excluded.map((x) => x.pod.name));
    excludedOf.set(rv, names);
  }
  return names.has(v.ref.name);
}

export function endpointState(e: EndpointView): Cell {
  if (e.template) return { text: 'yes', role: 'ok' };
  if (e.ready) return { text: e.terminating ? 'ready·term' : 'ready', role: e.terminating ? 'warning' : 'ok' };
  if (e.serving && e.terminating) return { text: 'serving·term', role: 'warning' };
  if (e.terminating) return { text: 'terminating', role: 'dim' };
  return { text: 'not ready', role: 'warning' };
}

function sliceCell(rv: RoutingView, v: PodView): Cell {
  const live = rv.actual !== null;
  const e = endpointOf(live ? rv.actual?.endpoints : rv.predicted, v);
  if (e) {
    const c = endpointState(e);
    return live ? c : { text: c.text, role: c.role === 'ok' ? 'dim' : (c.role ?? 'dim') };
  }
  if (isExcluded(rv, v)) return { text: 'excluded', role: 'dim' };
  if (!live) return { text: 'no', role: 'dim' };
  // Ready and not terminating, yet not published: the slices lag behind (or something overrides them).
  return v.ready && !v.terminating ? { text: 'absent', role: 'error' } : { text: 'absent', role: 'dim' };
}

/** The Service ports an endpoint carries: a slice names its ports after the Service's ('' for a lone unnamed one). */
function unpublishedPorts(rv: RoutingView, e: EndpointView): string[] {
  return rv.ports.filter((p) => !e.ports.some((x) => x.name === p.servicePort || (x.name === '' && p.servicePort === String(p.port)))).map((p) => p.servicePort);
}

function portCell(rv: RoutingView, v: PodView): Cell {
  const actual = endpointOf(rv.actual?.endpoints, v);
  const predicted = endpointOf(rv.predicted, v);
  const e = actual ?? predicted;
  if (!e) return DASH;
  // Live, the slice the pod is in says which ports it got; the prediction says why.
  const missing = actual ? unpublishedPorts(rv, actual) : e.missingPorts.map((m) => m.servicePort);
  if (missing.length) return { text: `✗ no ${missing.join(',')}`, role: 'error' };
  const undeclared = (predicted ?? e).undeclaredPorts;
  if (undeclared.length) return { text: `▲ ${undeclared.map((u) => u.port).join(',')} undeclared`, role: 'warning' };
  return { text: '✓ yes', role: 'ok' };
}

/** The Service whose endpoints the table shows: the one that selects the most of these pods. */
export function tableService(r: Report): RoutingView | null {
  return r.routing[0] ?? null;
}

/** The AGE cell of a pod at `now`: a view that keeps rows across clock ticks draws it from the row's pod at draw time. */
export function ageCell(v: PodView, now: Date, createdMs?: number): Cell {
  return v.createdAt ? { text: age(v.createdAt, now, createdMs) } : DASH;
}

export function podRows(r: Report, meant: MeantOwner | null, now: Date): PodRow[] {
  const rv = tableService(r);
  return r.selection.map((v) => {
    const root = rootOf(v);
    const foreign = isForeign(v, meant);
    const chain = actualChain(v);
    const ownerText = root ? shortRef(root) : '<none>';
    const owner: Cell = foreign ? { text: `≠ ${ownerText}`, role: 'foreign' } : root ? { text: ownerText } : { text: ownerText, role: 'dim' };
    const status: Cell = v.template ? { text: 'template', role: 'dim' }
      : v.terminating ? { text: 'Terminating', role: 'warning' }
        : { text: v.phase ?? '-', role: v.phase === 'Running' || v.phase === 'Succeeded' ? undefined : 'warning' };
    const ready: Cell = v.template || v.ready === null ? DASH : v.ready ? { text: 'yes', role: 'ok' } : { text: 'no', role: 'warning' };
    const labels = v.labels.map((l) => `${l.key}=${l.value}`).join(',');
    const row: PodRow = {
      key: v.ref.name,
      pod: v,
      ownerRef: root,
      owner,
      chain: chain.length ? ['pod', ...chain].join(' → ') : 'pod (no controller)',
      shortChain: chain.length ? actualChain(v, true).join(' → ') : '<none>',
      foreign,
      name: v.template ? { text: '(template)', role: 'dim' } : { text: v.ref.name },
      nameNote: v.terminating && !v.template ? { text: '(terminating)', role: 'warning' } : null,
      phase: v.phase === null || v.phase === undefined ? DASH : { text: v.phase },
      status,
      ready,
      slice: rv ? sliceCell(rv, v) : null,
      port: rv ? portCell(rv, v) : null,
      node: v.node ? { text: v.node } : DASH,
      zone: v.zone ? { text: v.zone } : DASH,
      ip: v.ip ? { text: v.ip } : DASH,
      restarts: v.restarts === null ? DASH : { text: String(v.restarts), role: v.restarts > 0 ? 'warning' : undefined },
      age: ageCell(v, now),
      labels,
      ports: v.ports.length ? { text: v.ports.map((x) => `${x.name ? `${x.name}:` : ''}${x.port}/${x.protocol}`).join(',') } : { text: '<none>', role: 'dim' },
      labelCells: v.labels.map((l) => (l.matched ? { text: `${l.key}=${l.value}`, role: 'title' } : { text: `${l.key}=${l.value}` })),
      search: '',
    };
    row.search = [v.ref.name, ownerText, row.chain, v.phase ?? '', status.text, v.node ?? '', v.zone ?? '', v.ip ?? '', labels].join(' ').toLowerCase();
    return row;
  });
}
