// The hazard tracker: a state machine folded over time. Each observation opens the hazards
// that start to hold and closes the ones that stopped; a headless Service's DNS window is
// opened when a terminating pod leaves the ready set and closes by itself once the record
// TTL has passed (expire). `at` and `now` always come from the events, never a clock.

import { durationText } from '../duration.ts';
import { addMs, change, msBetween, naturalCompare } from './change.ts';
import { clockText } from '../time-of-day.ts';
import { activeHazards, allowedBySurge, endpointCount, type ActiveHazard, type StaleSource } from './hazards.ts';
import { fullDelta, inReadySet, type Delta, type Observed } from './observe.ts';
import type { Change, Hazard, HazardKind } from './types.ts';

export interface Segment {
  via: string;
  from: string;
}

export interface Tracked {
  key: string;
  hazard: Hazard;
  podKey: string | null;
  /** terminating-still-routed: how it was routed, from when. */
  segments: Segment[];
  /** Held already when watching began: `since` is when watching began, not when it started. */
  baseline: boolean;
  /** dns-stale-ip: the address, and when its DNS records expire. */
  ip: string | null;
  expires: string | null;
  /** endpoints-over-surge: the highest count while it held. */
  peak: number | null;
}

export interface HazardState {
  open: Record<string, Tracked>;
  closed: Tracked[];
  /**
   * Pod Ready -> its endpoint ready, in ms, for pods seen becoming Ready: how many samples had
   * each value (exact percentiles, in memory bounded by the distinct values, not by the length
   * of the watch).
   */
  lagCounts: Record<number, number>;
  maxEndpoints: number;
  /** replicas + maxSurge at the last observation. */
  allowed: number | null;
  /** When each pod that went away was last seen, by key. */
  gone: Record<string, string>;
}

export interface TrackInput {
  prev: Observed | null;
  next: Observed;
  stale: StaleSource[];
  at: string;
  /** This observation is the first of what it shows: hazards found now held before watching began. */
  baseline: boolean;
  dnsTtlMs: number;
  /**
   * What may differ between prev and next (every key when absent). With it, `terminating`
   * names every terminating pod of next: their routing depends on the other endpoints.
   */
  delta?: Delta;
  terminating?: Iterable<string>;
}

export interface TrackResult {
  state: HazardState;
  changes: Change[];
  /** Ready -> endpoint lags measured at this observation, by pod key. */
  lags: { podKey: string; ms: number }[];
}

/** Hazards that get their own timeline lines; the others show in the state, the report and other lines' wording. */
export const LOUD_HAZARDS: ReadonlySet<HazardKind> = new Set(['zero-ready-endpoints', 'terminating-still-routed', 'dns-stale-ip', 'endpoints-over-surge', 'source-stale']);

export function emptyHazards(): HazardState {
  return { open: {}, closed: [], lagCounts: {}, maxEndpoints: 0, allowed: null, gone: {} };
}

/**
 * How many ended `ready-not-in-slices` hazards are kept for the live view. The report never lists
 * ended ones (their lags are in `lagCounts`), and a pod whose readiness flaps would otherwise grow
 * the history with every flap for as long as the watch runs; the other kinds are kept whole.
 */
export const ENDED_READY_NOT_IN_SLICES_KEPT = 100;

/** `before` then `ended`, forgetting the oldest ended `ready-not-in-slices` hazards beyond the bound. */
function withEnded(before: Tracked[], ended: Tracked[]): Tracked[] {
  if (ended.length === 0) return before;
  const all = [...before, ...ended];
  let excess = all.reduce((n, t) => n + (t.hazard.kind === 'ready-not-in-slices' ? 1 : 0), 0) - ENDED_READY_NOT_IN_SLICES_KEPT;
  if (excess <= 0) return all;
  return all.filter((t) => !(t.hazard.kind === 'ready-not-in-slices' && excess-- > 0));
}

/** The lag samples, smallest first. */
export function lagSamples(state: HazardState): number[] {
  const out: number[] = [];
  for (const [ms, n] of Object.entries(state.lagCounts).map(([k, n]) => [Number(k), n] as const).sort((a, b) => a[0] - b[0])) {
    for (let i = 0; i < n; i++) out.push(ms);
  }
  return out;
}

function withLags(counts: Record<number, number>, lags: readonly { ms: number }[]): Record<number, number> {
  if (lags.length === 0) return counts;
  const out = { ...counts };
  for (const l of lags) out[l.ms] = (out[l.ms] ?? 0) + 1;
  return out;
}

function order(a: Tracked, b: Tracked): number {
  return naturalCompare(a.hazard.object?.name ?? '', b.hazard.object?.name ?? '') || naturalCompare(a.hazard.kind, b.hazard.kind) || naturalCompare(a.key, b.key);
}

export function segmentsText(t: Tracked, until: string): string {
  return t.segments.map((s, i) => `${s.via.replace(/ \(.*\)$/, '')} ${durationText(msBetween(s.from, t.segments[i + 1]?.from ?? until))}`).join(', then ');
}

function startedChange(t: Tracked): Change {
  const h = t.hazard;
  const note = t.baseline ? ' (already so when watching began)' : '';
  return change(h.since, 'hazard-started', h.object, `${h.kind}: ${h.message}${note}`, { hazard: h.kind, since: h.since, until: null, via: t.segments[0]?.via ?? null, expires: t.expires });
}

function endedChange(t: Tracked): Change {
  const h = t.hazard;
  const until = h.until ?? h.since;
  const ms = msBetween(h.since, until);
  const how = h.kind === 'terminating-still-routed' ? `: ${segmentsText(t, until)}`
    : h.kind === 'dns-stale-ip' ? `: cached DNS answers with ${t.ip} have expired`
      : h.kind === 'endpoints-over-surge' && t.peak !== null ? ` (peak ${t.peak})` : '';
  return change(until, 'hazard-ended', h.object, `${h.kind} over after ${durationText(ms)}${t.baseline ? ' (or more: it held when watching began)' : ''}${how}`,
    { hazard: h.kind, since: h.since, until, durationMs: ms, via: t.segments.map((s) => s.via).join('; ') || null });
}

function open(a: ActiveHazard, at: string, baseline: boolean): Tracked {
  return {
    key: a.key, podKey: a.podKey, baseline, ip: null, expires: null, peak: a.count,
    hazard: { kind: a.kind, object: a.object, since: at, until: null, message: a.message },
    segments: a.via ? [{ via: a.via, from: at }] : [],
  };
}

function close(t: Tracked, at: string): Tracked {
  return { ...t, hazard: { ...t.hazard, until: at } };
}

/** DNS windows: a headless Service's pod that leaves the ready set while terminating (or gone) stays in caches for the TTL. */
function dnsOpens(input: TrackInput, state: HazardState, d: Delta): Tracked[] {
  const { prev, next, at } = input;
  if (!prev || !next.service?.headless || !next.endpoints) return [];
  const out: Tracked[] = [];
  const readyIn = (eps: { ready: boolean }[]) => eps.some((e) => e.ready);
  for (const key of d.routing) {
    if (!key || state.open[`dns-stale-ip|${key}`] || out.some((t) => t.podKey === key)) continue;
    const pod = d.after.pod(key);
    const before = d.before.endpointsOf(key);
    const after = d.after.endpointsOf(key);
    // Terminating as the pod says, or as its endpoints say: the pod and EndpointSlice watches
    // report in any order, and the slice often tells first.
    const terminating = !pod || pod.terminating || after.some((e) => e.terminating);
    if (!readyIn(before) || readyIn(after) || !terminating) continue;
    const was = before.filter((e) => e.ready);
    const ip = was[0]?.address ?? null;
    const ref = d.before.pod(key)?.ref ?? was[0]?.pod ?? null;
    const expires = addMs(at, input.dnsTtlMs);
    out.push({
      key: `dns-stale-ip|${key}`, podKey: key, baseline: false, ip, expires, segments: [], peak: null,
      hazard: { kind: 'dns-stale-ip', object: ref, since: at, until: null, message: `DNS answers may still hold ${ip} until ${clockText(expires)} (it left the ready set; record TTL ${durationText(input.dnsTtlMs)})` },
    });
  }
  return out;
}

/** The pods whose hazards can have changed: those the delta names, every terminating pod, and those with an open hazard. */
function hazardPods(state: HazardState, d: Delta, terminating: Iterable<string>): Set<string> {
  const out = new Set<string>([...d.pods, ...d.routing, ...terminating]);
  for (const t of Object.values(state.open)) if (t.podKey) out.add(t.podKey);
  return out;
}

export function track(state: HazardState, input: TrackInput): TrackResult {
  const { next, at } = input;
  const d = input.delta ?? (input.prev ? fullDelta(input.prev, next) : null);
  const subset = input.delta && input.terminating ? hazardPods(state, input.delta, input.terminating) : null;
  const now = new Map(activeHazards(next, input.stale, subset).map((a) => [a.key, a]));
  const openNext: Record<string, Tracked> = {};
  const closed: Tracked[] = [];
  const opened: Tracked[] = [];
  const lags: { podKey: string; ms: number }[] = [];

  for (const t of Object.values(state.open)) {
    if (t.hazard.kind === 'dns-stale-ip') {
      // Back in the ready set: its IP is rightly answered again.
      if (t.podKey && inReadySet(next, t.podKey)) closed.push(close(t, at));
      else openNext[t.key] = t;
      continue;
    }
    const a = now.get(t.key);
    if (!a) {
      closed.push(close(t, at));
      const pod = t.podKey ? next.pods[t.podKey] : undefined;
      if (t.hazard.kind === 'ready-not-in-slices' && !t.baseline && pod?.ready && !pod.terminating && t.podKey && inReadySet(next, t.podKey)) {
        lags.push({ podKey: t.podKey, ms: msBetween(t.hazard.since, at) });
      }
      continue;
    }
    let segments = t.segments;
    if (a.via && segments[segments.length - 1]?.via !== a.via) segments = [...segments, { via: a.via, from: at }];
    const higher = a.count !== null && (t.peak === null || a.count > t.peak);
    const message = a.count === null || higher ? a.message : t.hazard.message;
    openNext[t.key] = { ...t, segments, peak: higher ? a.count : t.peak, hazard: { ...t.hazard, message } };
  }
  for (const a of now.values()) {
    if (openNext[a.key] || closed.some((t) => t.key === a.key)) continue;
    const t = open(a, at, input.baseline);
    openNext[a.key] = t;
    opened.push(t);
  }
  if (d) {
    for (const t of dnsOpens(input, state, d)) {
      openNext[t.key] = t;
      opened.push(t);
    }
  }
  // A pod seen becoming Ready that is in the ready set at once: the endpoint came first (or together).
  if (d && !input.baseline && next.endpoints) {
    for (const key of d.pods) {
      const p = d.after.pod(key);
      if (!p) continue;
      const before = d.before.pod(key);
      if (p.ready && !p.terminating && !before?.ready && inReadySet(next, p.key) && !closed.some((t) => t.podKey === p.key && t.hazard.kind === 'ready-not-in-slices')) {
        lags.push({ podKey: p.key, ms: 0 });
      }
    }
  }

  let gone = state.gone;
  if (d) {
    for (const key of d.pods) {
      if (!d.before.pod(key) || next.pods[key]) continue;
      if (gone === state.gone) gone = { ...state.gone };
      gone[key] = at;
    }
  }
  const count = endpointCount(next);
  const limit = allowedBySurge(next);
  const changes = [
    ...closed.filter((t) => LOUD_HAZARDS.has(t.hazard.kind)).sort(order).map(endedChange),
    ...opened.filter((t) => LOUD_HAZARDS.has(t.hazard.kind)).sort(order).map(startedChange),
  ];
  return {
    state: {
      open: openNext,
      closed: withEnded(state.closed, closed.sort(order)),
      lagCounts: withLags(state.lagCounts, lags),
      maxEndpoints: Math.max(state.maxEndpoints, count),
      allowed: limit ? limit.allowed : state.allowed,
      gone,
    },
    changes,
    lags,
  };
}

/** Closes the DNS windows whose records have expired by `now`, each at its own expiry time. */
export function expire(state: HazardState, now: string): { state: HazardState; changes: Change[] } {
  const due = Object.values(state.open).filter((t) => t.expires !== null && Date.parse(t.expires) <= Date.parse(now));
  if (due.length === 0) return { state, changes: [] };
  due.sort((a, b) => Date.parse(a.expires ?? '') - Date.parse(b.expires ?? '') || order(a, b));
  const open = { ...state.open };
  const closed = due.map((t) => {
    delete open[t.key];
    return close(t, t.expires as string);
  });
  return { state: { ...state, open, closed: withEnded(state.closed, closed) }, changes: closed.map(endedChange) };
}

/** Every hazard, open ones (until null) included, in the order they started. */
export function allHazards(state: HazardState): Tracked[] {
  // Each start parsed once, not at every comparison (a screen asks for thousands of hazards many times a second).
  const all = [...state.closed, ...Object.values(state.open)].map((t) => ({ t, since: Date.parse(t.hazard.since) }));
  return all.sort((a, b) => a.since - b.since || order(a.t, b.t)).map((x) => x.t);
}
