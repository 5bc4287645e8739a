// Watch mode inside the TUI: the same session as the line output, pushed into the screen's
// controller: timeline lines, hazards, "stale since", the report of the latest snapshot
// (at most every REPORT_EVERY_MS), the replay clock, pause and single steps, and the
// rollout report when the rollout completes or watching stops. What events change is handed
// to the screen once per frame, on the screen's frame clock (its beforeFrame hook), never
// lost or reordered.

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

/**
 * The report of the latest snapshot is made again at most this often. Analysing it takes
 * tens of milliseconds with a thousand pods, so it runs just after a frame has been drawn:
 * the events that arrive meanwhile wait for the next frame anyway, and no frame waits for it.
 */
export const REPORT_EVERY_MS = 200;

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
    let reportWanted = false;
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
    // What the events since the last frame changed, handed to the screen together just before
    // the next frame (the hazards, all of them escaped for the terminal, once per frame).
    let pending: Change[] = [];
    let dirty = false;
    const flush = () => {
      if (reportWanted) {
        // Analysed after this frame is drawn (a timer of 0 runs once the frame's render is done).
        reportWanted = false;
        reportDue = clock.setTimeout(showReport, 0);
      }
      if (!dirty) return;
      dirty = false;
      const changes = pending;
      pending = [];
      if (changes.length) screen.pushChanges(changes);
      screen.setHazards(hazardsOf(session.timeline));
      if (replay && lastAt) screen.setNow(new Date(lastAt));
      header();
    };
    offs.push(screen.beforeFrame(flush));
    let timer: unknown = null;
    const tick = () => {
      const changes = session.tick(clock.now());
      if (changes.length) {
        // After what events changed before it, in order.
        for (const c of changes) pending.push(c);
        dirty = true;
        screen.requestFrame();
      }
      timer = clock.setTimeout(tick, TICK_MS);
    };
    if (!replay) timer = clock.setTimeout(tick, TICK_MS);
    header();
    const running = session.run(({ event, changes }) => {
      lastAt = event.at;
      for (const c of changes) pending.push(c);
      dirty = true;
      screen.requestFrame();
      reportDue ??= clock.setTimeout(() => {
        reportWanted = true;
        screen.requestFrame();
      }, REPORT_EVERY_MS);
      if (changes.some((c) => c.kind === 'rollout-complete')) {
        flush();
        screen.setRollout(session.report(event.at));
        if (request.watch.untilRolloutComplete) session.stop();
      }
    }).catch((e: unknown) => screen.setStatus(`watch failed: ${(e as Error).message}`)).finally(() => {
      if (timer !== null) clock.clearTimeout(timer);
      if (reportDue !== null) clock.clearTimeout(reportDue);
      reportWanted = false;
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
