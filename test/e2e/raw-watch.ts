// The tests' own watches of the cluster, independent of the program under test: raw HTTPS
// list+watch with the static token, every event stamped with the time this process saw it,
// and what a person would compute from them by hand — when each pod was seen deleted and
// gone, and, from the EndpointSlices, which endpoints each Service had at every moment.

import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { Cluster } from '../cluster/harness.ts';
import type { EndpointSlice, Pod } from '../../src/core/types.ts';

export interface RawEvent<T> {
  at: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export interface RawWatch<T> {
  events: RawEvent<T>[];
  /** Resolves once the first event arrived (the objects already there come first, as ADDED). */
  ready: Promise<void>;
  stop(): void;
}

/** Watches `path` (e.g. /api/v1/namespaces/default/pods?labelSelector=app%3Dweb) from now on. */
export function rawWatch<T>(cluster: Cluster, path: string): RawWatch<T> {
  const url = new URL(`${cluster.server}${path}${path.includes('?') ? '&' : '?'}watch=1`);
  const events: RawEvent<T>[] = [];
  let onReady = () => {};
  const ready = new Promise<void>((resolve) => { onReady = resolve; });
  const req = https.request(url, { ca: readFileSync(cluster.pki.caCert), headers: { Authorization: `Bearer ${cluster.pki.token}` } }, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const at = Date.now();
      buf += chunk;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const e = JSON.parse(buf.slice(0, nl)) as { type: RawEvent<T>['type']; object: T };
        buf = buf.slice(nl + 1);
        events.push({ at, type: e.type, object: e.object });
        onReady();
      }
    });
  });
  req.on('error', () => {});
  req.end();
  return { events, ready, stop: () => req.destroy() };
}

export interface PodSeen {
  /** First event with deletionTimestamp set: when, and its resourceVersion. */
  deleting: number | null;
  deletingRv: string | null;
  /** The DELETED event. */
  gone: number | null;
  goneRv: string | null;
}

export function podTimes(events: RawEvent<Pod>[]): Map<string, PodSeen> {
  const out = new Map<string, PodSeen>();
  for (const e of events) {
    const name = e.object.metadata?.name ?? '';
    const rv = e.object.metadata?.resourceVersion ?? null;
    const p = out.get(name) ?? { deleting: null, deletingRv: null, gone: null, goneRv: null };
    if (e.object.metadata?.deletionTimestamp && p.deleting === null) {
      p.deleting = e.at;
      p.deletingRv = rv;
    }
    if (e.type === 'DELETED') {
      p.gone = e.at;
      p.goneRv = rv;
    }
    out.set(name, p);
  }
  return out;
}

export interface EndpointState {
  pod: string;
  address: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** The Service's endpoints over all its slices, after each event: a step function of time. */
export interface SliceState {
  at: number;
  /** The event that made this state: its slice and resourceVersion. */
  slice: string;
  rv: string;
  endpoints: Map<string, EndpointState>;
}

export function sliceStates(events: RawEvent<EndpointSlice>[]): SliceState[] {
  const slices = new Map<string, EndpointState[]>();
  const out: SliceState[] = [];
  for (const e of events) {
    const name = e.object.metadata?.name ?? '';
    if (e.type === 'DELETED') slices.delete(name);
    else if (e.type === 'ADDED' || e.type === 'MODIFIED') {
      slices.set(name, (e.object.endpoints ?? []).map((p) => ({
        pod: p.targetRef?.name ?? '', address: p.addresses?.[0] ?? '',
        ready: p.conditions?.ready !== false, serving: p.conditions?.serving ?? p.conditions?.ready !== false, terminating: p.conditions?.terminating === true,
      })));
    } else continue;
    const endpoints = new Map<string, EndpointState>();
    for (const list of slices.values()) for (const ep of list) endpoints.set(ep.pod || ep.address, ep);
    out.push({ at: e.at, slice: name, rv: e.object.metadata?.resourceVersion ?? '', endpoints });
  }
  return out;
}

/** The state in which `on` last turned from true to false (e.g. an endpoint leaving the ready set); null if it never did. */
export function turnedOff(states: SliceState[], on: (s: SliceState) => boolean): SliceState | null {
  let out: SliceState | null = null;
  let was = false;
  for (const s of states) {
    const now = on(s);
    if (was && !now) out = s;
    was = now;
  }
  return out;
}
