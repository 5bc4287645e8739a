// The incremental observation (src/core/timeline/live.ts) against the full one: the same
// logs stepped through the timeline both ways give the same lines at every step, the same
// observation, the same hazards and the same report. Random logs (fast-check) move pods
// in and out of Ready, termination, the selector and their ReplicaSets, create and delete
// them (names reused with new UIDs, IPs handed on), rewrite, move and delete EndpointSlices
// (addresses in several slices, endpoints of gone pods), change the ReplicaSets, the
// Deployment and the Service, and report the source's health.

import assert from 'node:assert/strict';
import test from 'node:test';
import fc from 'fast-check';
import type { SourceEvent } from '../../../src/core/events.ts';
import { emptySnapshot, type Kind } from '../../../src/core/snapshot.ts';
import { rolloutReport } from '../../../src/core/timeline/report.ts';
import { hazardsOf, newTimeline, step, type Timeline } from '../../../src/core/timeline/timeline.ts';
import { observe } from '../../../src/core/timeline/observe.ts';
import type { TargetQuery } from '../../../src/core/targets/resolve.ts';
import type { Endpoint, EndpointSlice, KubeObject, Pod, Service, Workload } from '../../../src/core/types.ts';
import { deploy, podOf, rsOf, svc } from '../builders.ts';
import { fuzzParams } from '../../fuzz/params.ts';
import { watchLog } from '../../../bench/watch.ts';
import { parseLog } from '../../../src/sources/replay/log.ts';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const clone = <T>(x: T): T => structuredClone(x);

/** Steps every event twice: the timeline's own way, and from a copy (which has no incremental state, so it observes in full). */
function compare(q: TargetQuery, events: SourceEvent[]): void {
  let inc: Timeline = newTimeline(q, emptySnapshot('live', q.namespace));
  let full: Timeline = inc;
  events.forEach((e, i) => {
    const a = step(inc, e);
    const b = step({ ...full }, e);
    assert.deepEqual(a.changes, b.changes, `event ${i} (${e.type} ${'kind' in e ? e.kind : ''}): the lines differ`);
    inc = a.timeline;
    full = b.timeline;
    assert.deepEqual(hazardsOf(inc), hazardsOf(full), `event ${i}: the hazards differ`);
    assert.deepEqual(inc.hazards.gone, full.hazards.gone, `event ${i}: gone pods differ`);
    assert.deepEqual(inc.hazards.lagCounts, full.hazards.lagCounts, `event ${i}: lags differ`);
    assert.deepEqual(inc.rollouts, full.rollouts, `event ${i}: rollouts differ`);
    assert.deepEqual(inc.observed?.workloads, full.observed?.workloads, `event ${i}: the workloads differ`);
  });
  assert.deepEqual(inc.observed, observe(inc.snapshot, q), 'the final observation differs from a full one');
  assert.deepEqual(inc.snapshot, full.snapshot);
  const end = events[events.length - 1]?.at ?? at(0);
  assert.deepEqual(rolloutReport(inc, end), rolloutReport(full, end));
}

// ---------------------------------------------------------------- a random world

interface World {
  d: Workload;
  rss: Workload[];
  service: Service;
  pods: Map<string, Pod>;
  slices: Map<string, EndpointSlice>;
  serial: number;
}

type Op =
  | { op: 'ready'; pod: number; ready: boolean }
  | { op: 'terminate'; pod: number }
  | { op: 'label'; pod: number; on: boolean }
  | { op: 'owner'; pod: number; rs: number }
  | { op: 'podOwner'; pod: number; of: number }
  | { op: 'phantom'; on: boolean }
  | { op: 'twin'; rs: number; on: boolean }
  | { op: 'ip'; pod: number; ip: number }
  | { op: 'create'; name: number; rs: number; ip: number }
  | { op: 'delete'; pod: number }
  | { op: 'slice'; slice: number; picks: { pod: number; ready: boolean; serving: boolean; terminating: boolean; ip: number | null }[] }
  | { op: 'dropSlice'; slice: number }
  | { op: 'flip'; slice: number; at: number; ready: boolean; serving: boolean; terminating: boolean; node: boolean }
  | { op: 'rs'; rs: number; replicas: number; ready: number }
  | { op: 'deploy'; replicas: number; updated: number }
  | { op: 'service'; headless: boolean; local: boolean }
  | { op: 'status'; state: 'stale' | 'connected' | 'relisted' | 'retrying'; kind: Kind | null };

const idx = fc.nat({ max: 7 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('ready' as const), pod: idx, ready: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('terminate' as const), pod: idx }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('label' as const), pod: idx, on: fc.boolean() }) },
  // rs 3 is the phantom ReplicaSet: absent until a 'phantom' op creates it.
  { weight: 3, arbitrary: fc.record({ op: fc.constant('owner' as const), pod: idx, rs: fc.nat({ max: 3 }) }) },
  // Pods owned by pods: a pod joining or leaving moves the chains of others.
  { weight: 2, arbitrary: fc.record({ op: fc.constant('podOwner' as const), pod: idx, of: idx }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('phantom' as const), on: fc.boolean() }) },
  // A ReplicaSet sharing another one's UID (the ownership graph is then built whole).
  { weight: 1, arbitrary: fc.record({ op: fc.constant('twin' as const), rs: fc.nat({ max: 2 }), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('ip' as const), pod: idx, ip: fc.nat({ max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('create' as const), name: idx, rs: fc.nat({ max: 2 }), ip: fc.nat({ max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), pod: idx }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('slice' as const), slice: fc.nat({ max: 2 }),
      picks: fc.array(fc.record({ pod: idx, ready: fc.boolean(), serving: fc.boolean(), terminating: fc.boolean(), ip: fc.option(fc.nat({ max: 9 }), { freq: 4 }) }), { maxLength: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dropSlice' as const), slice: fc.nat({ max: 2 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('flip' as const), slice: fc.nat({ max: 2 }), at: fc.nat({ max: 5 }), ready: fc.boolean(), serving: fc.boolean(), terminating: fc.boolean(), node: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rs' as const), rs: fc.nat({ max: 2 }), replicas: fc.nat({ max: 4 }), ready: fc.nat({ max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deploy' as const), replicas: fc.nat({ max: 4 }), updated: fc.nat({ max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('service' as const), headless: fc.boolean(), local: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('status' as const), state: fc.constantFrom('stale' as const, 'connected' as const, 'relisted' as const, 'retrying' as const), kind: fc.constantFrom<Kind | null>(null, 'Pod', 'EndpointSlice') }) },
);

function newWorld(): World {
  const d = deploy('web', { replicas: 3, podLabels: { app: 'web' } });
  d.metadata = { ...d.metadata, generation: 1 };
  d.status = { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 };
  const rss = ['a1', 'b2', 'c3'].map((h, i) => {
    const r = rsOf(d, h, { replicas: i === 0 ? 3 : 0 });
    r.metadata = { ...r.metadata, annotations: { 'deployment.kubernetes.io/revision': String(i + 1) } };
    r.status = { replicas: i === 0 ? 3 : 0, readyReplicas: i === 0 ? 3 : 0, availableReplicas: i === 0 ? 3 : 0 };
    return r;
  });
  d.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
  const w: World = { d, rss, service: svc('web', { selector: { app: 'web' } }), pods: new Map(), slices: new Map(), serial: 0 };
  for (let i = 0; i < 4; i++) addPod(w, i, 0, i);
  return w;
}

/** A ReplicaSet of no Deployment, which pods may name before it exists: a workload only while a selected pod's chain reaches it. */
function phantom(w: World): Workload {
  const r = rsOf(w.d, 'ph4', { replicas: 0 });
  r.metadata = { ...r.metadata, uid: 'uid-rs-phantom', ownerReferences: [] };
  return r;
}

function addPod(w: World, name: number, rs: number, ip: number): Pod {
  const p = podOf(w.rss[rs] as Workload, `web-${name}`, { ip: `10.0.0.${ip}`, node: `node-${ip % 3}` });
  p.metadata = { ...p.metadata, uid: `uid-${name}-${++w.serial}` };
  w.pods.set(p.metadata.name as string, p);
  return p;
}

function podAt(w: World, i: number): Pod | undefined {
  const all = [...w.pods.values()];
  return all.length ? all[i % all.length] : undefined;
}

function endpointOf(p: Pod, c: { ready: boolean; serving: boolean; terminating: boolean }, ip: number | null): Endpoint {
  const e: Endpoint = {
    addresses: [ip === null ? (p.status?.podIP ?? '10.0.0.99') : `10.0.0.${ip}`],
    conditions: c,
    targetRef: { kind: 'Pod', name: p.metadata?.name ?? '', namespace: 'default', uid: p.metadata?.uid ?? '' },
  };
  if (p.spec?.nodeName) e.nodeName = p.spec.nodeName;
  return e;
}

function sliceNamed(n: number, endpoints: Endpoint[], rv: number): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
    metadata: { name: `web-s${n}`, namespace: 'default', uid: `uid-slice-${n}`, resourceVersion: String(rv), labels: { 'kubernetes.io/service-name': 'web' } },
    endpoints, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  } as EndpointSlice;
}

/** The events one op makes (the world moves on). */
function eventsOf(w: World, o: Op, ms: number, gone: Pod[]): SourceEvent[] {
  const t = at(ms);
  const up = (kind: Kind, object: KubeObject): SourceEvent => ({ type: 'upsert', at: t, kind, object: clone(object) });
  const setPod = (p: Pod, change: (p: Pod) => void): SourceEvent[] => {
    const n = clone(p);
    change(n);
    w.pods.set(n.metadata?.name as string, n);
    return [up('Pod', n)];
  };
  switch (o.op) {
    case 'ready': {
      const p = podAt(w, o.pod);
      return p ? setPod(p, (n) => {
        const c = n.status?.conditions?.find((x) => x.type === 'Ready');
        if (c) c.status = o.ready ? 'True' : 'False';
      }) : [];
    }
    case 'terminate': {
      const p = podAt(w, o.pod);
      return p ? setPod(p, (n) => {
        n.metadata = { ...n.metadata, deletionTimestamp: at(ms).replace(/\.\d+Z$/, 'Z'), deletionGracePeriodSeconds: 30 };
      }) : [];
    }
    case 'label': {
      const p = podAt(w, o.pod);
      return p ? setPod(p, (n) => {
        n.metadata = { ...n.metadata, labels: { ...n.metadata?.labels, app: o.on ? 'web' : 'other' } };
      }) : [];
    }
    case 'owner': {
      const p = podAt(w, o.pod);
      const r = w.rss[o.rs] ?? phantom(w);
      return p ? setPod(p, (n) => {
        n.metadata = { ...n.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: r.metadata?.name ?? '', uid: r.metadata?.uid ?? '', controller: true }] };
      }) : [];
    }
    case 'podOwner': {
      const p = podAt(w, o.pod);
      const q = podAt(w, o.of);
      return p && q ? setPod(p, (n) => {
        n.metadata = { ...n.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: q.metadata?.name ?? '', uid: q.metadata?.uid ?? '', controller: true }] };
      }) : [];
    }
    case 'phantom':
      return o.on ? [up('ReplicaSet', phantom(w))] : [{ type: 'delete', at: t, kind: 'ReplicaSet', object: clone(phantom(w)) }];
    case 'twin': {
      const r = w.rss[o.rs] as Workload;
      const twin = rsOf(w.d, 'twin', { replicas: 0 });
      twin.metadata = { ...twin.metadata, uid: r.metadata?.uid ?? '' };
      return o.on ? [up('ReplicaSet', twin)] : [{ type: 'delete', at: t, kind: 'ReplicaSet', object: twin }];
    }
    case 'ip': {
      const p = podAt(w, o.pod);
      return p ? setPod(p, (n) => {
        n.status = { ...n.status, podIP: `10.0.0.${o.ip}`, podIPs: [{ ip: `10.0.0.${o.ip}` }] };
      }) : [];
    }
    case 'create': {
      const old = w.pods.get(`web-${o.name}`);
      if (old) gone.push(old);
      return [up('Pod', addPod(w, o.name, o.rs, o.ip))];
    }
    case 'delete': {
      const p = podAt(w, o.pod);
      if (!p) return [];
      w.pods.delete(p.metadata?.name as string);
      gone.push(p);
      return [{ type: 'delete', at: t, kind: 'Pod', object: clone(p) }];
    }
    case 'slice': {
      const eps = o.picks.map((pk) => {
        const p = podAt(w, pk.pod) ?? gone[pk.pod % Math.max(1, gone.length)];
        return p ? endpointOf(p, pk, pk.ip) : null;
      }).filter((e): e is Endpoint => e !== null);
      const s = sliceNamed(o.slice, eps, ms);
      w.slices.set(s.metadata?.name as string, s);
      return [up('EndpointSlice', s)];
    }
    case 'flip': {
      // The same slice rewritten in place: one endpoint's conditions (or node) change, the addresses stay.
      const old = w.slices.get(`web-s${o.slice}`);
      const eps = old?.endpoints ?? [];
      if (!old || eps.length === 0) return [];
      const s = clone(old);
      const e = (s.endpoints as Endpoint[])[o.at % eps.length] as Endpoint;
      e.conditions = { ready: o.ready, serving: o.serving, terminating: o.terminating };
      if (o.node) e.nodeName = e.nodeName === 'node-0' ? 'node-1' : 'node-0';
      s.metadata = { ...s.metadata, resourceVersion: String(ms) };
      w.slices.set(s.metadata.name as string, s);
      return [up('EndpointSlice', s)];
    }
    case 'dropSlice': {
      const s = w.slices.get(`web-s${o.slice}`);
      if (!s) return [];
      w.slices.delete(`web-s${o.slice}`);
      return [{ type: 'delete', at: t, kind: 'EndpointSlice', object: clone(s) }];
    }
    case 'rs': {
      const r = clone(w.rss[o.rs] as Workload);
      r.spec = { ...r.spec, replicas: o.replicas };
      r.status = { replicas: o.replicas, readyReplicas: Math.min(o.ready, o.replicas), availableReplicas: Math.min(o.ready, o.replicas) };
      w.rss[o.rs] = r;
      return [up('ReplicaSet', r)];
    }
    case 'deploy': {
      const d = clone(w.d);
      d.status = { observedGeneration: 1, replicas: o.replicas, updatedReplicas: o.updated, readyReplicas: o.replicas, availableReplicas: o.updated };
      w.d = d;
      return [up('Deployment', d)];
    }
    case 'service': {
      const s = clone(w.service);
      s.spec = { ...s.spec, clusterIP: o.headless ? 'None' : '10.96.0.10', internalTrafficPolicy: o.local ? 'Local' : 'Cluster' };
      w.service = s;
      return [up('Service', s)];
    }
    case 'status':
      return [{ type: 'status', at: t, state: o.state, kind: o.kind, message: 'because' }];
  }
}

function logOf(ops: Op[], opening: { headless: boolean; local: boolean; slices?: boolean }): SourceEvent[] {
  const w = newWorld();
  if (opening.headless || opening.local) eventsOf(w, { op: 'service', ...opening }, 0, []);
  const pods = [...w.pods.values()];
  const first = sliceNamed(0, pods.map((p) => endpointOf(p, { ready: true, serving: true, terminating: false }, null)), 1);
  w.slices.set('web-s0', first);
  const sync = (kind: Kind, objects: KubeObject[]): SourceEvent => ({ type: 'sync', at: at(0), kind, namespace: 'default', objects: clone(objects) });
  // Without the slice list (a watch that could not list them), slices come only as upserts.
  const out: SourceEvent[] = [
    sync('Pod', pods), sync('Service', [w.service]), ...(opening.slices === false ? [] : [sync('EndpointSlice', [first])]), sync('Deployment', [w.d]), sync('ReplicaSet', w.rss),
    sync('StatefulSet', []), sync('Job', []),
  ];
  const gone: Pod[] = [];
  ops.forEach((o, i) => out.push(...eventsOf(w, o, 1000 + i * 250, gone)));
  return out;
}

test('random logs: the incremental observation gives the same lines, hazards and report as the full one (Service)', () => {
  fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), fc.boolean(), fc.boolean(), fc.boolean(), (ops, headless, local, slices) => {
    compare({ kind: 'Service', name: 'web', namespace: 'default' }, logOf(ops, { headless, local, slices }));
  }), fuzzParams(150));
});

test('random logs: the same for a Deployment target (no endpoints; the target itself changes)', () => {
  fc.assert(fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => {
    compare({ kind: 'Deployment', name: 'web', namespace: 'default' }, logOf(ops, { headless: false, local: false }));
  }), fuzzParams(80));
});

test('the bench log (readiness flapping over 500 pods, slices of 100) gives the same lines both ways', () => {
  const log = parseLog(watchLog(120));
  compare({ kind: 'Service', name: 'web', namespace: 'default' }, log.events);
});

test('stepping twice from one timeline: the second step observes the first timeline as it was', () => {
  const q: TargetQuery = { kind: 'Service', name: 'web', namespace: 'default' };
  const events = logOf([{ op: 'ready', pod: 0, ready: false }, { op: 'ready', pod: 1, ready: false }], { headless: false, local: false });
  let t = newTimeline(q, emptySnapshot('live', 'default'));
  for (const e of events.slice(0, -2)) t = step(t, e).timeline;
  const branchPoint = t;
  const last = events.slice(-2);
  const one = step(step(branchPoint, last[0] as SourceEvent).timeline, last[1] as SourceEvent);
  const again = step(step(branchPoint, last[0] as SourceEvent).timeline, last[1] as SourceEvent);
  assert.deepEqual(again.changes, one.changes);
  assert.ok(one.changes.some((c) => c.kind === 'pod-not-ready'), 'the steps did change something');
});
