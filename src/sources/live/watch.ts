// The live cluster as an event source for watch mode. It starts from what the one-shot
// reads found (sent as `sync` events, the baseline), then runs one list+watch stream per
// kind of the watch plan, restarting a stream whose plan changed (a Service's new
// selector), and says once that everything is being watched.

import { apply, type SourceEvent } from '../../core/events.ts';
import { emptySnapshot, KINDS, type Snapshot } from '../../core/snapshot.ts';
import type { TargetQuery } from '../../core/targets/resolve.ts';
import type { Clock, EventSource } from '../event-source.ts';
import { resourceName } from './resources.ts';
import type { StreamSpec, WatchApi } from './watch-api.ts';
import { sameSpec, watchPlan } from './watch-plan.ts';
import { DEFAULT_STREAM_OPTIONS, newStream, type Stream, type StreamOptions } from './watch-stream.ts';
import { refText } from '../../core/refs.ts';

export interface LiveWatchOptions {
  api: WatchApi;
  query: TargetQuery;
  /** What the one-shot reads found: sent first, as the baseline. */
  initial: Snapshot;
  clock: Clock;
  random?: () => number;
  stream?: Partial<StreamOptions>;
}

/** A snapshot as the `sync` events that rebuild it (and `forbidden` statuses for its permission gaps). */
export function snapshotEvents(s: Snapshot, at: string): SourceEvent[] {
  const out: SourceEvent[] = [];
  for (const kind of KINDS) {
    const objects = s.objects[kind];
    if (objects.length > 0 || s.known.includes(kind)) out.push({ type: 'sync', at, kind, namespace: null, objects: [...objects] });
  }
  for (const g of s.gaps) {
    if (g.reason === 'forbidden' && (KINDS as readonly string[]).includes(g.kind)) out.push({ type: 'status', at, state: 'forbidden', kind: g.kind as (typeof KINDS)[number], message: g.message });
  }
  return out;
}

function specText(spec: StreamSpec): string {
  const sel = [spec.labelSelector, spec.fieldSelector].filter(Boolean).join(',');
  return `${resourceName(spec.kind)}${sel ? ` (${sel})` : ''}`;
}

export function liveWatchSource(o: LiveWatchOptions): EventSource {
  const q = o.query;
  const options: StreamOptions = { ...DEFAULT_STREAM_OPTIONS, ...o.stream };
  const streams = new Map<string, { stream: Stream; watching: boolean; forbidden: boolean }>();
  let snapshot = emptySnapshot('live', q.namespace);
  let stopped = false;
  let announced = false;
  let finish: () => void = () => {};
  let emit: (e: SourceEvent) => void = () => {};

  // Once every stream watches (or may not list its kind at all), say so once.
  const announce = () => {
    const all = [...streams.values()];
    if (announced || stopped || all.some((s) => !s.watching && !s.forbidden)) return;
    announced = true;
    const what = all.filter((s) => s.watching).map((s) => specText(s.stream.spec)).join(', ');
    const denied = all.filter((s) => !s.watching).map((s) => resourceName(s.stream.spec.kind));
    emit({ type: 'status', at: o.clock.now().toISOString(), state: 'connected', kind: null, message: `watching ${refText(q)} in ${q.namespace}: ${what}${denied.length ? `; forbidden: ${denied.join(', ')}` : ''}` });
  };

  const start = (spec: StreamSpec) => {
    const entry = { stream: null as unknown as Stream, watching: false, forbidden: false };
    entry.stream = newStream(spec, {
      api: o.api, clock: o.clock, random: o.random ?? Math.random, options,
      // Events of a stream that was replaced are dropped.
      emit: (e) => {
        if (streams.get(spec.kind) !== entry) return;
        send(e);
        if (e.type === 'status' && e.state === 'forbidden') {
          entry.forbidden = true;
          announce();
        }
      },
      onWatching: () => {
        entry.watching = true;
        announce();
      },
    });
    streams.set(spec.kind, entry);
    void entry.stream.run();
  };

  const replan = () => {
    if (stopped) return;
    const plan = watchPlan(snapshot, q);
    for (const spec of plan) {
      const have = streams.get(spec.kind);
      if (have && sameSpec(have.stream.spec, spec)) continue;
      have?.stream.stop();
      start(spec);
    }
    for (const [kind, s] of streams) {
      if (!plan.some((p) => p.kind === kind)) {
        s.stream.stop();
        streams.delete(kind);
      }
    }
  };

  function send(e: SourceEvent) {
    if (stopped) return;
    snapshot = apply(snapshot, e);
    emit(e);
    if (e.type !== 'status') replan();
  }

  return {
    run(out) {
      emit = out;
      const done = new Promise<void>((resolve) => { finish = resolve; });
      const at = o.clock.now().toISOString();
      for (const e of snapshotEvents(o.initial, at)) {
        snapshot = apply(snapshot, e);
        emit(e);
      }
      replan();
      return done;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const s of streams.values()) s.stream.stop();
      streams.clear();
      finish();
    },
  };
}
