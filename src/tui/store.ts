// What the screen shows, held outside React so a watch loop, a replay or a test can push
// into it: the latest Report, the timeline (append-only), the hazards, the rollout report,
// the source header, the clock and a status line. The screen tells the loop what the user
// asked for (refresh, watch, pause, step, quit) through the same object.
// Everything that comes in is escaped for the terminal here (core/escape.ts), once: names,
// labels and messages are anyone's to write, and every panel draws from this store.

import type { Report } from '../core/report.ts';
import { escapeDeep } from '../core/escape.ts';
import type { Origin } from '../core/snapshot.ts';
import type { Change, Hazard, RolloutReport } from '../core/timeline/types.ts';

export interface SourceHeader {
  origin: Origin;
  context: string | null;
  cluster: string | null;
  namespace: string;
  /** Manifest inputs (-f/-k), or the replayed log. */
  inputs: string[];
  /** Watch mode is running. */
  watching: boolean;
  /** Replay: the log's clock (RFC 3339), pace (null: step by step) and whether it waits for `n`. */
  replay: { clock: string | null; speed: number | null; stepping: boolean } | null;
  /** The watch lost its connection at this time (RFC 3339) and is reconnecting. */
  staleSince: string | null;
}

export interface TuiData {
  report: Report;
  header: SourceHeader;
  /** The clock ages and hazard durations are measured against (the replay clock in a replay). */
  now: Date;
  timeline: readonly Change[];
  hazards: readonly Hazard[];
  rollout: RolloutReport | null;
  /** One transient line for the footer (refreshing…, refresh failed: …). */
  status: string | null;
  /** Changes dropped from the front of the timeline to bound memory. */
  dropped: number;
}

export type UserRequest = 'refresh' | 'watch' | 'pause' | 'resume' | 'step' | 'quit';

/** The watch loop's handle on the screen. */
export interface TuiController {
  setReport(report: Report): void;
  /** Appends to the timeline; lines are never rewritten. */
  pushChanges(changes: readonly Change[]): void;
  /** Replaces the hazards (active ones have `until: null`). */
  setHazards(hazards: readonly Hazard[]): void;
  setRollout(rollout: RolloutReport | null): void;
  setHeader(patch: Partial<SourceHeader>): void;
  setNow(now: Date): void;
  setStatus(status: string | null): void;
  /** Listens for what the user asks: returns a function that stops listening. */
  on(request: UserRequest, listener: () => void): () => void;
  /**
   * Runs `prepare` just before each frame, so a loop hands over what it gathered since the
   * last frame in one go, on the screen's own frame clock (what it sets there is in that
   * frame). Returns a function that removes it.
   */
  beforeFrame(prepare: () => void): () => void;
  /** Asks for a frame (at once, or at the end of the frame interval) whose data the beforeFrame hooks bring. */
  requestFrame(): void;
}

export const TIMELINE_LIMIT = 10_000;

/**
 * The screen is told of changes at most this often (the first at once, the rest together at
 * the end of the interval): a watch pushes several updates per event and hundreds of events a
 * second during a rollout, and drawing a 200×50 screen for each kept the program so busy that
 * it read the cluster's events seconds late (and stamped them late). A frame costs little
 * (the rows of a report are made once, only the visible ones are laid out), so this is a frame
 * budget: 25 frames a second at most, an event on screen within 40 ms. It is the only frame
 * clock: a watch loop hands over its batch in a beforeFrame hook rather than on a timer of its
 * own (two clocks drift apart, and an update that just missed one waited for the other too).
 * Keys redraw at once.
 */
export const NOTIFY_EVERY_MS = 40;

export function headerOf(report: Report): SourceHeader {
  const s = report.source;
  return { origin: s.origin, context: s.context, cluster: s.cluster, namespace: s.namespace, inputs: s.inputs, watching: false, replay: null, staleSince: null };
}

export class TuiStore implements TuiController {
  private data: TuiData;
  private readonly listeners = new Set<() => void>();
  private readonly requests = new Map<UserRequest, Set<() => void>>();
  private notified = 0;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private preparing = false;
  private readonly preparers = new Set<() => void>();
  private readonly escapedHazards = new WeakMap<Hazard, Hazard>();

  constructor(initial: Pick<TuiData, 'report' | 'now'> & Partial<TuiData>) {
    this.data = escapeDeep({ header: headerOf(initial.report), timeline: [], hazards: [], rollout: null, status: null, dropped: 0, ...initial });
  }

  /** For React's useSyncExternalStore: the same object until something changes. */
  readonly get = (): TuiData => this.data;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(patch: Partial<TuiData>): void {
    this.data = { ...this.data, ...patch };
    // Set by a beforeFrame hook: the frame being made carries it.
    if (this.preparing) return;
    this.requestFrame();
  }

  requestFrame(): void {
    if (this.pending || this.preparing) return;
    const wait = this.notified + NOTIFY_EVERY_MS - Date.now();
    if (wait <= 0) this.notify();
    else {
      this.pending = setTimeout(() => this.notify(), wait);
      this.pending.unref?.();
    }
  }

  beforeFrame(prepare: () => void): () => void {
    this.preparers.add(prepare);
    return () => this.preparers.delete(prepare);
  }

  private notify(): void {
    this.pending = null;
    this.notified = Date.now();
    this.preparing = true;
    try {
      for (const p of [...this.preparers]) p();
    } finally {
      this.preparing = false;
    }
    for (const l of [...this.listeners]) l();
  }

  setReport(report: Report): void { this.update({ report: escapeDeep(report) }); }

  pushChanges(unsafe: readonly Change[]): void {
    if (unsafe.length === 0) return;
    const changes = escapeDeep(unsafe);
    const all = [...this.data.timeline, ...changes];
    const over = Math.max(0, all.length - TIMELINE_LIMIT);
    this.update({ timeline: over ? all.slice(over) : all, dropped: this.data.dropped + over });
  }

  /**
   * A watch hands over every hazard, ended ones included, at every frame; most are the same
   * objects as last time (the timeline never changes a hazard in place, it makes a new one),
   * so each is escaped once.
   */
  setHazards(hazards: readonly Hazard[]): void {
    this.update({ hazards: hazards.map((h) => {
      let safe = this.escapedHazards.get(h);
      if (!safe) {
        safe = escapeDeep(h);
        this.escapedHazards.set(h, safe);
      }
      return safe;
    }) });
  }
  setRollout(rollout: RolloutReport | null): void { this.update({ rollout: escapeDeep(rollout) }); }
  setHeader(patch: Partial<SourceHeader>): void { this.update({ header: { ...this.data.header, ...escapeDeep(patch) } }); }
  setNow(now: Date): void { this.update({ now }); }
  setStatus(status: string | null): void { this.update({ status: status === null ? null : escapeDeep(status) }); }

  on(request: UserRequest, listener: () => void): () => void {
    const set = this.requests.get(request) ?? new Set();
    set.add(listener);
    this.requests.set(request, set);
    return () => set.delete(listener);
  }

  /** Called by the screen. */
  request(request: UserRequest): boolean {
    const set = this.requests.get(request);
    for (const l of [...(set ?? [])]) l();
    return (set?.size ?? 0) > 0;
  }
}
