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
import { liveStep, startLive, unchanged, type LiveObservation } from './live.ts';
import { observe, type Delta, type Observed } from './observe.ts';
import { rememberedRolloutStatus } from './rollout.ts';
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
  const status = rememberedRolloutStatus(next);
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

/**
 * The incremental observation of the latest timeline of a line of steps. Its records are
 * updated in place, so only the timeline that owns it may use it; the observations it shared
 * them with are remembered, and an older timeline is observed again from its snapshot.
 */
const lives = new WeakMap<Timeline, LiveObservation>();
const shared = new WeakSet<Observed>();

function handOn(from: Timeline, to: Timeline): Timeline {
  const live = lives.get(from);
  if (live && live.observed === to.observed) {
    lives.delete(from);
    lives.set(to, live);
  }
  return to;
}

/** The timeline's observation, as it was when the timeline was made. */
function observedOf(t: Timeline): Observed | null {
  if (t.observed === null || !shared.has(t.observed) || lives.get(t)?.observed === t.observed) return t.observed;
  return observe(t.snapshot, t.query);
}

export function step(t0: Timeline, e: SourceEvent): StepResult {
  const live = lives.get(t0)?.observed === t0.observed ? (lives.get(t0) as LiveObservation) : null;
  const expired = expire(t0.hazards, e.at);
  const t: Timeline = { ...t0, observed: observedOf(t0), hazards: expired.state, startedAt: t0.startedAt ?? e.at, lastAt: t0.lastAt && t0.lastAt > e.at ? t0.lastAt : e.at };
  const dnsTtlMs = t.options.dnsTtlSeconds * 1000;
  if (e.type === 'status') {
    const s = statusStep(t, e);
    const same = live ? unchanged(live) : null;
    const tr = t.observed ? track(s.timeline.hazards, { prev: t.observed, next: t.observed, stale: Object.values(s.timeline.stale), at: e.at, baseline: false, dnsTtlMs, ...(same ?? {}) }) : null;
    const timeline = tr ? { ...s.timeline, hazards: tr.state } : s.timeline;
    return { timeline: handOn(t0, timeline), changes: [...expired.changes, ...s.changes, ...(tr?.changes ?? [])] };
  }
  const baseline = t.observed === null || (e.type === 'sync' && !t.snapshot.known.includes(e.kind));
  let prev = t.observed;
  let snapshot: Snapshot;
  let next: Observed;
  let delta: Delta | undefined;
  let terminating: Iterable<string> | undefined;
  const incremental = live && !baseline ? liveStep(live, t.snapshot, e) : null;
  lives.delete(t0);
  if (incremental) {
    ({ snapshot, next, delta, terminating } = incremental);
    shared.add(next);
  } else {
    // A failed incremental step may have begun to update the records prev shares.
    if (live && prev) prev = observe(t.snapshot, t.query);
    snapshot = apply(t.snapshot, e);
    next = observe(snapshot, t.query);
  }
  const found = prev && !baseline ? diffObserved(prev, next, e.at, snapshot, delta).filter((c) => c.kind !== 'rollout-started' && c.kind !== 'rollout-complete') : [];
  const tr = track(t.hazards, { prev, next, stale: Object.values(t.stale), at: e.at, baseline, dnsTtlMs, ...(delta && terminating ? { delta, terminating } : {}) });
  const r = rolloutStep(t, next, e.at, baseline);
  const changes = [...expired.changes, ...r.started, ...annotateLags(found, tr.lags), ...tr.changes, ...r.completed];
  const timeline: Timeline = { ...t, snapshot, observed: next, hazards: tr.state, rollouts: r.rollouts };
  const carried = incremental ? live : startLive(snapshot, t.query, next);
  if (carried) {
    shared.add(next);
    lives.set(timeline, carried);
  }
  return { timeline, changes };
}

/** Moves the clock on without an event: DNS windows that expired by `now` close. */
export function advance(t: Timeline, now: string): StepResult {
  const expired = expire(t.hazards, now);
  return { timeline: handOn(t, { ...t, hazards: expired.state }), changes: expired.changes };
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
