// One watch: a source (the live cluster, or a replayed log) feeding the timeline, with every
// event recorded first when --record is given. The line output (watch.ts) and the TUI
// (watch-tui.ts) both drive it, so a replay goes through exactly the code a live watch does.

import type { AnalysisQuery } from '../core/analyze.ts';
import type { SourceEvent } from '../core/events.ts';
import { emptySnapshot } from '../core/snapshot.ts';
import { rolloutReport } from '../core/timeline/report.ts';
import { advance, DEFAULT_TIMELINE_OPTIONS, newTimeline, step, type Timeline } from '../core/timeline/timeline.ts';
import type { Change, RolloutReport } from '../core/timeline/types.ts';
import { realClock, type Clock, type EventSource } from '../sources/event-source.ts';
import type { StreamOptions } from '../sources/live/watch-stream.ts';
import { openRecorder, type Recorder } from '../sources/replay/files.ts';
import { EVENT_LOG_KIND, EVENT_LOG_SCHEMA_VERSION, type EventLogHeader } from '../sources/replay/log.ts';
import { replaySource, type StepKeys } from '../sources/replay/play.ts';
import type { InputProblemLine, SourceResult } from '../sources/result.ts';
import { skippedLine } from '../sources/replay/load.ts';
import type { LogProblem } from '../sources/replay/log.ts';
import type { CliDeps } from './deps.ts';
import type { Request } from './request.ts';
import { liveDeps } from './source.ts';

export interface WatchIo {
  clock: Clock;
  random?: () => number;
  /** Replay pacing: --step key presses on a terminal, or the TUI's pause and step. */
  stepKeys?: StepKeys | null;
  /** A replayed log's line skipped after its opening, when the replay reaches it (it is also added to the loaded problems). */
  skipped?: (line: InputProblemLine) => void;
  /** Overrides of the live streams' stall and backoff timing (tests). */
  stream?: Partial<StreamOptions>;
}

export interface WatchStep {
  event: SourceEvent;
  changes: Change[];
  timeline: Timeline;
}

export interface WatchSession {
  origin: 'live' | 'replay';
  header: EventLogHeader;
  readonly timeline: Timeline;
  /** Runs until the source ends (a replay ran out) or stop() is called. */
  run(onStep: (s: WatchStep) => void): Promise<void>;
  /** Moves the timeline's clock on (live: call it on a timer, so DNS windows close on time). */
  tick(now: Date): Change[];
  stop(): void;
  /** The rollout report up to `to` (default: now when live, the last event when replaying). */
  report(to?: string): RolloutReport;
}

export function watchIo(deps: CliDeps): WatchIo {
  return { clock: deps.clock ?? realClock };
}

async function liveSource(request: Request, loaded: SourceResult, query: AnalysisQuery, deps: CliDeps, io: WatchIo): Promise<{ source: EventSource; close(): void }> {
  if (request.source.from !== 'live') throw new Error('a live watch needs a cluster source');
  const { connectWatch } = await import('../sources/live/watch-connect.ts');
  const { liveWatchSource } = await import('../sources/live/watch.ts');
  const conn = await connectWatch(request.source.live.connection, liveDeps(deps, request.output.verbose));
  const source = liveWatchSource({ api: conn.api, query: query.target, initial: loaded.snapshot, clock: io.clock, random: io.random, stream: { ...conn.stream, ...io.stream } });
  return { source, close: conn.close };
}

export async function openWatchSession(request: Request, loaded: SourceResult, query: AnalysisQuery, deps: CliDeps, io: WatchIo): Promise<WatchSession> {
  const w = request.watch;
  const options = { ...DEFAULT_TIMELINE_OPTIONS, ...(w.dnsTtlSeconds !== undefined ? { dnsTtlSeconds: w.dnsTtlSeconds } : {}) };
  const origin = loaded.recorded ? 'replay' : 'live';
  let source: EventSource;
  let close = () => {};
  let header: EventLogHeader;
  if (loaded.recorded) {
    const log = loaded.recorded;
    header = log.header;
    const path = loaded.inputs[0] ?? '';
    // Lines skipped past the opening are met while playing: counted with the others (the exit
    // code) and reported as they are reached.
    const skipped = (p: LogProblem) => {
      const line = skippedLine(path, p);
      loaded.problems.push(line);
      io.skipped?.(line);
    };
    source = replaySource({ events: log.events(skipped), speed: w.step ? 0 : w.speed, keys: io.stepKeys ?? null, clock: io.clock });
  } else {
    header = {
      kind: EVENT_LOG_KIND, schemaVersion: EVENT_LOG_SCHEMA_VERSION, target: { kind: query.target.kind, name: query.target.name },
      namespace: query.target.namespace, context: loaded.context, startedAt: io.clock.now().toISOString(), kubectlVersion: query.kubectl.version.raw,
    };
    ({ source, close } = await liveSource(request, loaded, query, deps, io));
  }
  const recorder: Recorder | null = w.record !== undefined ? await openRecorder(w.record, header) : null;
  let timeline = newTimeline(query.target, emptySnapshot(origin, query.target.namespace), options);
  return {
    origin,
    header,
    get timeline() {
      return timeline;
    },
    async run(onStep) {
      try {
        await source.run((event) => {
          recorder?.write(event);
          const r = step(timeline, event);
          timeline = r.timeline;
          onStep({ event, changes: r.changes, timeline });
        });
      } finally {
        close();
        await recorder?.close();
      }
    },
    tick(now) {
      const r = advance(timeline, now.toISOString());
      timeline = r.timeline;
      return r.changes;
    },
    stop: () => source.stop(),
    report(to) {
      const end = to ?? (origin === 'replay' ? (timeline.lastAt ?? header.startedAt) : io.clock.now().toISOString());
      return rolloutReport(timeline, end);
    },
  };
}
