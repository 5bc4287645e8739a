// The watch timeline: source events folded into the snapshot, each new observation diffed
// against the last, hazards tracked over time, and rollouts opened and closed. Pure and
// deterministic: the same events give the same changes, whatever the speed they come at.
//
// The first list of a kind (a `sync` of a kind not known yet) is a baseline: it says what
// already was, so it gives no change lines, and hazards it reveals are marked as held when
// watching began.

import { apply, type SourceEvent } from '../events.ts';
import { KUBEADM_COREDNS_TTL_SECONDS } from '../routing/dns.ts';
import type { Snapshot } from '../snapshot.ts';
import type { TargetQuery } from '../targets/resolve.ts';
import { durationText } from '../duration.ts';
import { change, msBetween } from './change.ts';
import { diffObserved, rolloutCompleteChange, rolloutStartedChange } from './diff.ts';
import type { StaleSource } from './hazards.ts';
import { observe, type Observed } from './observe.ts';
import { rolloutStatus } from './rollout.ts';
import { allHazards, emptyHazards, expire, track, type HazardState } from './tracker.ts';
import type { Change, Hazard } from './types.ts';

export interface TimelineOptions {
  /** How long DNS answers for a headless Service may be cached (§4.9): kubeadm's CoreDNS `ttl 30` by default. */
  dnsTtlSeconds: number;
}

export const DEFAULT_TIMELINE_OPTIONS: TimelineOptions = { dnsTtlSeconds: KUBEADM_COREDNS_TTL_SECONDS };

export interface RolloutWindow {
  from: string;
  to: string | null;
  /** It was under way when watching began. */
  alreadyRunning: boolean;
}

export interface Timeline {
  query: TargetQuery;
  options: TimelineOptions;
  snapshot: Snapshot;
  observed: Observed | null;
  hazards: HazardState;
  /** Watches that are down, by kind ("*" for the whole source). */
  stale: Record<string, StaleSource>;
  connected: boolean;
  startedAt: string | null;
  lastAt: string | null;
  rollouts: RolloutWindow[];
}

export interface StepResult {
  timeline: Timeline;
  changes: Change[];
}

export function newTimeline(query: TargetQuery, snapshot: Snapshot, options: TimelineOptions = DEFAULT_TIMELINE_OPTIONS): Timeline {
  return { query, options, snapshot, observed: null, hazards: emptyHazards(), stale: {}, connected: false, startedAt: null, lastAt: null, rollouts: [] };
}

/** Every hazard so far, the ones still holding with until null. */
export function hazardsOf(t: Timeline): Hazard[] {
  return allHazards(t.hazards).map((x) => x.hazard);
}

/** A rollout was seen and has completed, and none is under way. */
export function rolloutCompleted(t: Timeline): boolean {
  const last = t.rollouts[t.rollouts.length - 1];
  return last !== undefined && last.to !== null;
}

function kindWord(kind: string | null): string {
  return kind ? `${kind} watch` : 'watch';
}

function statusStep(t: Timeline, e: Extract<SourceEvent, { type: 'status' }>): { timeline: Timeline; changes: Change[] } {
  const key = e.kind ?? '*';
  const stale = { ...t.stale };
  const changes: Change[] = [];
  let connected = t.connected;
  const recover = (kind: Change['kind'], words: string) => {
    const keys = key === '*' ? Object.keys(stale) : stale[key] ? [key] : [];
    for (const k of keys.sort()) {
      const s = stale[k] as StaleSource;
      delete stale[k];
      changes.push(change(e.at, kind, null, `${kindWord(k === '*' ? null : k)} ${words} after a ${durationText(msBetween(s.since, e.at))} gap: ${e.message}`, { source: k, staleSince: s.since, gapMs: msBetween(s.since, e.at) }));
    }
    return keys.length > 0;
  };
  switch (e.state) {
    case 'connected':
      if (!recover('source-reconnected', 'reconnected') && !connected) changes.push(change(e.at, 'source-connected', null, e.message, { source: key }));
      connected = true;
      break;
    case 'relisted':
      if (!recover('source-relisted', 'relisted (a fresh list replaced what was known)')) changes.push(change(e.at, 'source-relisted', null, `${kindWord(e.kind)} relisted: ${e.message}`, { source: key }));
      break;
    case 'retrying':
    case 'stale':
      if (!stale[key]) {
        stale[key] = { kind: key === '*' ? 'source' : key, since: e.at, message: e.message };
        changes.push(change(e.at, 'source-stale', null, `${kindWord(e.kind)} stale: ${e.message}`, { source: key, state: e.state }));
      } else {
        stale[key] = { ...(stale[key] as StaleSource), message: e.message };
      }
      break;
    case 'forbidden':
      changes.push(change(e.at, 'source-forbidden', null, `${kindWord(e.kind)} forbidden: ${e.message}`, { source: key }));
      break;
    case 'bookmark':
      break;
  }
  return { timeline: { ...t, stale, connected }, changes };
}

function annotateLags(changes: Change[], lags: { podKey: string; ms: number }[]): Change[] {
  return changes.map((c) => {
    const lag = lags.find((l) => c.object?.uid === l.podKey || (c.object && `Pod/${c.object.namespace ?? ''}/${c.object.name}` === l.podKey));
    if (!lag) return c;
    const becameReady = (c.kind === 'endpoint-added' || c.kind === 'endpoint-conditions') && c.details.ready === true;
    if (becameReady) return { ...c, message: `${c.message} (${durationText(lag.ms)} after the pod became Ready)`, details: { ...c.details, readyLagMs: lag.ms } };
    if (c.kind === 'pod-ready' && lag.ms === 0) return { ...c, message: `${c.message}, already a ready endpoint`, details: { ...c.details, readyLagMs: 0 } };
    return c;
  });
}

function rolloutStep(t: Timeline, next: Observed, at: string, baseline: boolean): { rollouts: RolloutWindow[]; started: Change[]; completed: Change[] } {
  const status = rolloutStatus(next);
  const rollouts = [...t.rollouts];
  const last = rollouts[rollouts.length - 1];
  const running = last !== undefined && last.to === null;
  if (!status.settled && !running) {
    rollouts.push({ from: at, to: null, alreadyRunning: baseline });
    return { rollouts, started: baseline ? [] : [rolloutStartedChange(next, status, at)], completed: [] };
  }
  if (status.settled && running && last) {
    if (baseline && last.alreadyRunning) return { rollouts: rollouts.slice(0, -1), started: [], completed: [] };
    rollouts[rollouts.length - 1] = { ...last, to: at };
    const c = rolloutCompleteChange(next, at);
    const ms = msBetween(last.from, at);
    const took = last.alreadyRunning ? `at least ${durationText(ms)}` : durationText(ms);
    return { rollouts, started: [], completed: [{ ...c, message: `${c.message} (took ${took})`, details: { ...c.details, durationMs: ms, startedAt: last.from } }] };
  }
  return { rollouts, started: [], completed: [] };
}

export function step(t0: Timeline, e: SourceEvent): StepResult {
  const expired = expire(t0.hazards, e.at);
  const t: Timeline = { ...t0, hazards: expired.state, startedAt: t0.startedAt ?? e.at, lastAt: t0.lastAt && t0.lastAt > e.at ? t0.lastAt : e.at };
  const dnsTtlMs = t.options.dnsTtlSeconds * 1000;
  if (e.type === 'status') {
    const s = statusStep(t, e);
    const tr = t.observed ? track(s.timeline.hazards, { prev: t.observed, next: t.observed, stale: Object.values(s.timeline.stale), at: e.at, baseline: false, dnsTtlMs }) : null;
    return { timeline: tr ? { ...s.timeline, hazards: tr.state } : s.timeline, changes: [...expired.changes, ...s.changes, ...(tr?.changes ?? [])] };
  }
  const baseline = t.observed === null || (e.type === 'sync' && !t.snapshot.known.includes(e.kind));
  const snapshot = apply(t.snapshot, e);
  const next = observe(snapshot, t.query);
  const prev = t.observed;
  const found = prev && !baseline ? diffObserved(prev, next, e.at, snapshot).filter((c) => c.kind !== 'rollout-started' && c.kind !== 'rollout-complete') : [];
  const tr = track(t.hazards, { prev, next, stale: Object.values(t.stale), at: e.at, baseline, dnsTtlMs });
  const r = rolloutStep(t, next, e.at, baseline);
  const changes = [...expired.changes, ...r.started, ...annotateLags(found, tr.lags), ...tr.changes, ...r.completed];
  return { timeline: { ...t, snapshot, observed: next, hazards: tr.state, rollouts: r.rollouts }, changes };
}

/** Moves the clock on without an event: DNS windows that expired by `now` close. */
export function advance(t: Timeline, now: string): StepResult {
  const expired = expire(t.hazards, now);
  return { timeline: { ...t, hazards: expired.state }, changes: expired.changes };
}

export function stepAll(t: Timeline, events: SourceEvent[]): StepResult {
  let timeline = t;
  const changes: Change[] = [];
  for (const e of events) {
    const r = step(timeline, e);
    timeline = r.timeline;
    changes.push(...r.changes);
  }
  return { timeline, changes };
}
