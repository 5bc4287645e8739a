// A crafted event log: a `kubectl rollout restart` of a 4-replica Deployment (maxSurge and
// maxUnavailable 25%, no preStop hook, pods that stay Ready for 20 s after their deletion,
// as kwok's terminate-delay plays it) behind a ClusterIP or a headless Service. A small
// discrete-event simulation of the ReplicaSet, Deployment and EndpointSlice controllers
// writes the events a watch would have seen, with fixed times.
//
// `node test/golden/watch/craft.ts --write` rewrites test/golden/watch/logs/*.ndjson from it.

import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { SourceEvent } from '../../../src/core/events.ts';
import type { Kind } from '../../../src/core/snapshot.ts';
import type { Endpoint, EndpointSlice, KubeObject, Pod, Service, Workload } from '../../../src/core/types.ts';
import { EVENT_LOG_KIND, EVENT_LOG_SCHEMA_VERSION, encodeLine, type EventLogHeader } from '../../../src/sources/replay/log.ts';
import { deploy, endpointFor, ownerRef, rsOf, slice, svc } from '../../core/builders.ts';

export const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();

export interface CraftOptions {
  headless: boolean;
  replicas?: number;
  /** How long a deleted pod stays (Running and Ready) before it is removed. */
  terminateMs?: number;
  /** From scheduled to Ready. */
  readyMs?: number;
}

interface Sim {
  now: number;
  seq: number;
  queue: { t: number; seq: number; fn: () => void }[];
  events: SourceEvent[];
  pods: Map<string, Pod>;
  sliceDue: boolean;
  controllersDue: boolean;
}

const OLD = ['x2k9p', 'b7q4m', 'c3r8t', 'd9w2z', 'f4n6v', 'g8h2j'];
const NEW = ['k5m3q', 'm2p7s', 'p9t4w', 'r6v8y', 's3x5z', 't7b9c'];
const NODES = ['kwok-node-a', 'kwok-node-b', 'kwok-node-c'];

export function craftRollout(o: CraftOptions): { header: EventLogHeader; events: SourceEvent[] } {
  const R = o.replicas ?? 4;
  const terminateMs = o.terminateMs ?? 20_000;
  const readyMs = o.readyMs ?? 1_500;
  const name = o.headless ? 'web-headless' : 'web';
  const sim: Sim = { now: 0, seq: 0, queue: [], events: [], pods: new Map(), sliceDue: false, controllersDue: false };
  const at = (dt: number, fn: () => void) => sim.queue.push({ t: sim.now + dt, seq: sim.seq++, fn });
  const emit = (type: 'upsert' | 'delete', kind: Kind, object: KubeObject) => sim.events.push({ type, at: iso(sim.now), kind, object: structuredClone(object) } as SourceEvent);

  const d: Workload = deploy('web', { replicas: R, preStop: false, podLabels: { app: 'web' } });
  (d.metadata as NonNullable<Workload['metadata']>).generation = 1;
  (d.spec as NonNullable<Workload['spec']>).strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  d.status = { observedGeneration: 1, replicas: R, updatedReplicas: R, readyReplicas: R, availableReplicas: R };
  const rsA = rsOf(d, '5d8f7c', { replicas: R });
  rsA.status = { replicas: R, readyReplicas: R, availableReplicas: R };
  const rsB = rsOf(d, '6c9a4e', { replicas: 0 });
  rsB.status = { replicas: 0, readyReplicas: 0, availableReplicas: 0 };
  let rsBSeen = false;
  const service: Service = svc(name, { selector: { app: 'web' }, ...(o.headless ? { clusterIP: 'None' } : {}) });
  let sliceRv = 500;
  const sl: EndpointSlice = slice(`${name}-8xq2v`, name, { ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] });
  if (o.headless) (sl.metadata?.labels as Record<string, string>)['service.kubernetes.io/headless'] = '';

  const makePod = (rs: Workload, suffix: string, i: number, ready: boolean): Pod => {
    const podName = `${rs.metadata?.name}-${suffix}`;
    const p: Pod = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: podName, generateName: `${rs.metadata?.name}-`, namespace: 'default', uid: `uid-pod-${podName}`, labels: { ...(rs.spec?.template?.metadata?.labels ?? {}) }, ownerReferences: [ownerRef(rs)], creationTimestamp: iso(sim.now).replace(/\.\d+Z$/, 'Z') },
      spec: { containers: structuredClone(rs.spec?.template?.spec?.containers ?? []), terminationGracePeriodSeconds: 30 },
      status: { phase: 'Pending' },
    };
    if (ready) {
      schedule(p, i);
      setReady(p);
    }
    return p;
  };
  const ipOf = (p: Pod) => p.status?.podIP;
  function schedule(p: Pod, i: number) {
    (p.spec as NonNullable<Pod['spec']>).nodeName = NODES[i % NODES.length];
    const octet = p.metadata?.name?.includes('5d8f7c') ? 1 : 2;
    const ip = `10.244.${octet}.${10 + i}`;
    p.status = { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: iso(sim.now).replace(/\.\d+Z$/, 'Z') }] };
  }
  function setReady(p: Pod) {
    const c = p.status?.conditions?.[0];
    if (c) Object.assign(c, { status: 'True', lastTransitionTime: iso(sim.now).replace(/\.\d+Z$/, 'Z') });
  }
  const isReady = (p: Pod) => p.status?.conditions?.[0]?.status === 'True';
  const terminating = (p: Pod) => p.metadata?.deletionTimestamp !== undefined;
  const ownedBy = (rs: Workload) => [...sim.pods.values()].filter((p) => p.metadata?.ownerReferences?.[0]?.uid === rs.metadata?.uid);
  const active = (rs: Workload) => ownedBy(rs).filter((p) => !terminating(p));

  const endpoints = (): Endpoint[] => [...sim.pods.values()].filter((p) => ipOf(p)).sort((a, b) => (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1).map((p) => {
    const e = endpointFor(p, { ready: isReady(p) && !terminating(p), serving: isReady(p), terminating: terminating(p) });
    e.zone = `zone-${(p.spec?.nodeName ?? 'a').slice(-1)}`;
    return e;
  });
  const syncSlice = () => {
    sim.sliceDue = false;
    sl.endpoints = endpoints();
    (sl.metadata as NonNullable<EndpointSlice['metadata']>).resourceVersion = String(++sliceRv);
    emit('upsert', 'EndpointSlice', sl);
  };
  const changed = () => {
    if (!sim.sliceDue) {
      sim.sliceDue = true;
      at(35, syncSlice);
    }
    if (!sim.controllersDue) {
      sim.controllersDue = true;
      at(10, controllers);
    }
  };

  let created = 0;
  const createPod = (rs: Workload) => {
    const i = created++;
    const p = makePod(rs, NEW[i] as string, i, false);
    sim.pods.set(p.metadata?.name as string, p);
    emit('upsert', 'Pod', p);
    at(15, () => { schedule(p, i + 1); emit('upsert', 'Pod', p); changed(); });
    at(15 + readyMs, () => { setReady(p); emit('upsert', 'Pod', p); changed(); });
  };
  const deletePod = (p: Pod) => {
    (p.metadata as NonNullable<Pod['metadata']>).deletionTimestamp = iso(sim.now + 30_000).replace(/\.\d+Z$/, 'Z');
    (p.metadata as NonNullable<Pod['metadata']>).deletionGracePeriodSeconds = 30;
    emit('upsert', 'Pod', p);
    changed();
    at(terminateMs, () => { sim.pods.delete(p.metadata?.name as string); emit('delete', 'Pod', p); changed(); });
  };

  const statusOf = (rs: Workload) => {
    const pods = active(rs);
    const ready = pods.filter(isReady).length;
    return { replicas: pods.length, readyReplicas: ready, availableReplicas: ready };
  };
  const setStatus = (w: Workload, kind: Kind, st: Record<string, number>) => {
    if (JSON.stringify(w.status) === JSON.stringify(st)) return;
    w.status = st;
    emit('upsert', kind, w);
  };
  function controllers() {
    sim.controllersDue = false;
    if ((d.metadata?.generation ?? 1) < 2) return;
    const spec = (w: Workload) => w.spec as NonNullable<Workload['spec']>;
    // The Deployment controller: scale the new ReplicaSet up within replicas + maxSurge, the old one down within maxUnavailable.
    const surge = Math.ceil(R / 4);
    const unavailable = Math.floor(R / 4);
    const total = (spec(rsA).replicas ?? 0) + (spec(rsB).replicas ?? 0);
    if (!rsBSeen) {
      rsBSeen = true;
      emit('upsert', 'ReplicaSet', rsB);
    }
    if ((spec(rsB).replicas ?? 0) < R && total < R + surge) {
      spec(rsB).replicas = Math.min(R, (spec(rsB).replicas ?? 0) + (R + surge - total));
      emit('upsert', 'ReplicaSet', rsB);
    }
    const newUnavailable = (spec(rsB).replicas ?? 0) - active(rsB).filter(isReady).length;
    const maxDown = (spec(rsA).replicas ?? 0) + (spec(rsB).replicas ?? 0) - (R - unavailable) - newUnavailable;
    if ((spec(rsA).replicas ?? 0) > 0 && maxDown > 0) {
      spec(rsA).replicas = Math.max(0, (spec(rsA).replicas ?? 0) - maxDown);
      emit('upsert', 'ReplicaSet', rsA);
    }
    // The ReplicaSet controller: create or delete pods to match.
    while (active(rsB).length < (spec(rsB).replicas ?? 0)) createPod(rsB);
    for (const p of active(rsA).slice(spec(rsA).replicas ?? 0).reverse()) deletePod(p);
    setStatus(rsA, 'ReplicaSet', statusOf(rsA));
    setStatus(rsB, 'ReplicaSet', statusOf(rsB));
    const a = statusOf(rsA);
    const b = statusOf(rsB);
    setStatus(d, 'Deployment', { observedGeneration: 2, replicas: a.replicas + b.replicas, updatedReplicas: b.replicas, readyReplicas: a.readyReplicas + b.readyReplicas, availableReplicas: a.availableReplicas + b.availableReplicas });
  }

  // What watching began with: the lists, then the watches connected.
  OLD.slice(0, R).forEach((suffix, i) => {
    const p = makePod(rsA, suffix, i, true);
    sim.pods.set(p.metadata?.name as string, p);
  });
  sl.endpoints = endpoints();
  const sync = (kind: Kind, objects: KubeObject[]) => sim.events.push({ type: 'sync', at: iso(sim.now), kind, namespace: 'default', objects: structuredClone(objects) });
  sync('Pod', [...sim.pods.values()]);
  sync('Service', [service]);
  sync('EndpointSlice', [sl]);
  sync('Deployment', [d]);
  sync('ReplicaSet', [rsA]);
  sync('StatefulSet', []);
  sync('Job', []);
  sim.now = 120;
  sim.events.push({ type: 'status', at: iso(sim.now), state: 'connected', kind: null, message: `watching service/${name} in default: Pod, EndpointSlice, Deployment, ReplicaSet, StatefulSet, Job` });

  // kubectl rollout restart deploy/web.
  sim.now = 2_000;
  (d.metadata as NonNullable<Workload['metadata']>).generation = 2;
  const tpl = d.spec?.template as NonNullable<NonNullable<Workload['spec']>['template']>;
  tpl.metadata = { ...tpl.metadata, annotations: { 'kubectl.kubernetes.io/restartedAt': iso(sim.now) } };
  emit('upsert', 'Deployment', d);
  at(10, controllers);
  while (sim.queue.length > 0) {
    sim.queue.sort((a, b) => a.t - b.t || a.seq - b.seq);
    const next = sim.queue.shift() as Sim['queue'][number];
    sim.now = next.t;
    next.fn();
  }
  // Watching goes on a little longer: a bookmark after the last DNS records expired.
  sim.now += 31_000;
  sim.events.push({ type: 'status', at: iso(sim.now), state: 'bookmark', kind: 'Pod', message: 'bookmark' });
  const header: EventLogHeader = {
    kind: EVENT_LOG_KIND, schemaVersion: EVENT_LOG_SCHEMA_VERSION, target: { kind: 'Service', name }, namespace: 'default',
    context: 'crafted', startedAt: iso(0), kubectlVersion: 'v1.34.1',
  };
  return { header, events: sim.events };
}

export const LOGS = [
  { file: 'rollout-clusterip.ndjson', options: { headless: false } },
  { file: 'rollout-headless.ndjson', options: { headless: true } },
] as const;

export function logText(o: CraftOptions): string {
  const { header, events } = craftRollout(o);
  return [header, ...events].map(encodeLine).join('');
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  for (const l of LOGS) await writeFile(new URL(`./logs/${l.file}`, import.meta.url), logText(l.options));
}
