// Watch mode inside the TUI: the same session as the line output, pushed into the screen's
// controller: timeline lines, hazards, "stale since", the report of the latest snapshot
// (at most every REPORT_EVERY_MS), the replay clock, pause and single steps, and the
// rollout report when the rollout completes or watching stops. What events change is told
// to the screen a frame at a time (FLUSH_EVERY_MS), never lost or reordered.

import { analyze, type AnalysisQuery } from '../core/analyze.ts';
import { hazardsOf, type Timeline } from '../core/timeline/timeline.ts';
import type { Change } from '../core/timeline/types.ts';
import { pauseGate } from '../sources/replay/gate.ts';
import type { InputProblemLine, SourceResult } from '../sources/result.ts';
import type { CliDeps, TuiWatchStarter } from './deps.ts';
import type { Request } from './request.ts';
import { TICK_MS } from './watch.ts';
import { openWatchSession, watchIo } from './watch-session.ts';

export type { TuiWatchStarter } from './deps.ts';

export const REPORT_EVERY_MS = 200;

/**
 * The screen is told what the events changed at most this often (the first event after a quiet
 * spell at once, the ones that follow together at the end of the interval): a rollout brings
 * hundreds of events a second, and the hazards (all of them, escaped for the terminal) are
 * worth making once per frame, not once per event. The store draws at the same pace
 * (NOTIFY_EVERY_MS in src/tui/store.ts).
 */
export const FLUSH_EVERY_MS = 40;

function staleSince(t: Timeline): string | null {
  const since = Object.values(t.stale).map((s) => s.since).sort();
  return since[0] ?? null;
}

export function tuiWatchStarter(request: Request, loaded: SourceResult, query: AnalysisQuery, deps: CliDeps): TuiWatchStarter {
  return async (screen) => {
    const replay = loaded.recorded !== undefined;
    const gate = replay ? pauseGate() : null;
    if (gate && request.watch.step) gate.pause();
    // A bad line met while replaying: counted with the loaded problems (the exit code) and shown at the bottom.
    const io = { ...watchIo(deps), stepKeys: gate, skipped: (p: InputProblemLine) => screen.setStatus(`${p.source} line ${p.line ?? '?'}: ${p.message}`) };
    const clock = io.clock;
    const session = await openWatchSession(request, loaded, query, deps, io);
    const speed = request.watch.step ? null : request.watch.speed;
    let lastAt: string | null = null;
    let reportDue: unknown = null;
    const nowOf = () => (replay && lastAt ? new Date(lastAt) : clock.now());
    const showReport = () => {
      reportDue = null;
      screen.setReport(analyze(session.timeline.snapshot, query, nowOf()));
    };
    const header = () => {
      screen.setHeader({ staleSince: staleSince(session.timeline), ...(replay ? { replay: { clock: lastAt, speed, stepping: gate?.paused ?? false } } : {}) });
    };
    const offs = gate ? [
      screen.on('pause', () => { gate.pause(); header(); }),
      screen.on('resume', () => { gate.resume(); header(); }),
      screen.on('step', () => gate.step()),
    ] : [];
    // What the events since the last flush changed, told to the screen together.
    let pending: Change[] = [];
    let dirty = false;
    let flushDue: unknown = null;
    let flushedAt = -Infinity;
    const flush = () => {
      if (flushDue !== null) clock.clearTimeout(flushDue);
      flushDue = null;
      flushedAt = clock.now().getTime();
      if (!dirty) return;
      dirty = false;
      const changes = pending;
      pending = [];
      if (changes.length) screen.pushChanges(changes);
      screen.setHazards(hazardsOf(session.timeline));
      if (replay && lastAt) screen.setNow(new Date(lastAt));
      header();
    };
    let timer: unknown = null;
    const tick = () => {
      const changes = session.tick(clock.now());
      if (changes.length) {
        // After what events changed before it, in order.
        for (const c of changes) pending.push(c);
        dirty = true;
        flush();
      }
      timer = clock.setTimeout(tick, TICK_MS);
    };
    if (!replay) timer = clock.setTimeout(tick, TICK_MS);
    header();
    const running = session.run(({ event, changes }) => {
      lastAt = event.at;
      for (const c of changes) pending.push(c);
      dirty = true;
      const wait = flushedAt + FLUSH_EVERY_MS - clock.now().getTime();
      if (wait <= 0) flush();
      else flushDue ??= clock.setTimeout(flush, wait);
      reportDue ??= clock.setTimeout(showReport, REPORT_EVERY_MS);
      if (changes.some((c) => c.kind === 'rollout-complete')) {
        flush();
        screen.setRollout(session.report(event.at));
        if (request.watch.untilRolloutComplete) session.stop();
      }
    }).catch((e: unknown) => screen.setStatus(`watch failed: ${(e as Error).message}`)).finally(() => {
      if (timer !== null) clock.clearTimeout(timer);
      if (reportDue !== null) clock.clearTimeout(reportDue);
      flush();
      showReport();
      screen.setRollout(session.report());
      if (replay) screen.setStatus('end of the replayed log');
    });
    return {
      ended: running,
      async stop() {
        for (const off of offs) off();
        gate?.close();
        session.stop();
        await running;
      },
    };
  };
}
