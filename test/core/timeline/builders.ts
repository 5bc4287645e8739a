// Builders for the timeline tests: a small rollout world (a Deployment, its ReplicaSets, its
// pods, a Service and its EndpointSlice kept as the controllers would write it), events at
// fixed times, and observations of it.

import type { SourceEvent, SourceState } from '../../../src/core/events.ts';
import type { Kind, Snapshot } from '../../../src/core/snapshot.ts';
import { observe, type Observed } from '../../../src/core/timeline/observe.ts';
import type { TargetQuery } from '../../../src/core/targets/resolve.ts';
import type { KubeObject, Pod, Service, Workload } from '../../../src/core/types.ts';
import { deploy, endpointFor, live, podOf, rsOf, slice, svc, type PodOpts } from '../builders.ts';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

/** RFC 3339 time `ms` milliseconds after the fixed test instant (with milliseconds, as watch events carry). */
export function t(ms: number): string {
  return new Date(T0 + ms).toISOString();
}

export const SVC: TargetQuery = { kind: 'Service', name: 'web', namespace: 'default' };

export function sync(ms: number, kind: Kind, objects: KubeObject[]): SourceEvent {
  return { type: 'sync', at: t(ms), kind, namespace: 'default', objects };
}

export function upsert(ms: number, kind: Kind, object: KubeObject): SourceEvent {
  return { type: 'upsert', at: t(ms), kind, object };
}

export function remove(ms: number, kind: Kind, object: KubeObject): SourceEvent {
  return { type: 'delete', at: t(ms), kind, object };
}

export function status(ms: number, state: SourceState, kind: Kind | null = null, message = 'because'): SourceEvent {
  return { type: 'status', at: t(ms), state, kind, message };
}

export interface PodState {
  ready?: boolean;
  terminating?: boolean;
  node?: string | null;
  ip?: string | null;
  phase?: string;
  preStop?: boolean;
}

/** A Deployment web (4 replicas, 25% surge) with ReplicaSet web-old, and a pod of it in a given state. */
export const D: Workload = deploy('web', { replicas: 4, podLabels: { app: 'web' }, preStop: false });
(D.spec as NonNullable<Workload['spec']>).strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
D.metadata = { ...D.metadata, generation: 1 };
D.status = { observedGeneration: 1, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 };
export const RS_OLD: Workload = rsOf(D, 'old', { replicas: 4 });
RS_OLD.status = { replicas: 4, readyReplicas: 4, availableReplicas: 4 };

let n = 0;
const ips = new Map<string, string>();

export function webPod(name: string, s: PodState = {}, owner: Workload = RS_OLD): Pod {
  if (!ips.has(name)) ips.set(name, `10.244.9.${++n}`);
  const o: PodOpts = { ready: s.ready ?? true, ip: s.ip === undefined ? (ips.get(name) as string) : s.ip };
  if (s.node !== undefined) o.node = s.node;
  if (s.phase) o.phase = s.phase;
  const p = podOf(owner, name, o);
  if (s.preStop) p.spec = { ...p.spec, containers: (p.spec?.containers ?? []).map((c) => ({ ...c, lifecycle: { preStop: { sleep: { seconds: 5 } } } })) };
  if (s.terminating) p.metadata = { ...p.metadata, deletionTimestamp: t(30_000).replace(/\.\d+Z$/, 'Z'), deletionGracePeriodSeconds: 30 };
  return p;
}

export interface EndpointState {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

/** The EndpointSlice of Service `service` with an endpoint per [pod, conditions]. */
export function sliceOf(entries: [Pod, EndpointState?][], service = 'web'): KubeObject {
  return slice(`${service}-abcde`, service, { endpoints: entries.map(([p, c]) => endpointFor(p, c ?? {})) });
}

/** As the EndpointSlice controller would write it for these pods (§4.2). */
export function controllerSlice(pods: Pod[], o: { service?: string; publishNotReadyAddresses?: boolean } = {}): KubeObject {
  const entries: [Pod, EndpointState][] = pods.filter((p) => p.status?.podIP).map((p) => {
    const serving = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
    const terminating = p.metadata?.deletionTimestamp !== undefined;
    return [p, { ready: o.publishNotReadyAddresses ? true : serving && !terminating, serving, terminating }];
  });
  return sliceOf(entries, o.service);
}

export function service(o: { headless?: boolean; publishNotReadyAddresses?: boolean; selector?: Record<string, string> | null } = {}): Service {
  return svc('web', {
    selector: o.selector === undefined ? { app: 'web' } : o.selector,
    ...(o.headless ? { clusterIP: 'None' } : {}),
    ...(o.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
  });
}

/** A live snapshot of the Service world, observed for svc/web. */
export function world(objects: KubeObject[]): Snapshot {
  return live(objects);
}

export function observed(objects: KubeObject[], q: TargetQuery = SVC): Observed {
  return observe(world(objects), q);
}
