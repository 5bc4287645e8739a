// The interactive view: `kubectl whoselects TARGET` on a terminal without -o or --no-tui.
// Loaded lazily by the command line, so the static outputs never load Ink or React. It is given
// the first report (already analysed) and resolves to the last report shown, whose findings
// the command line turns into the exit code.
//
// WIRING A WATCH LOOP (watch mode, replay). Pass `startWatch` in the deps:
//
//   runTui(args, { ...deps, watch: opts.watch, startWatch: (screen, ctx) => {
//     // screen is a TuiController (src/tui/store.ts). After each batch of SourceEvents
//     // (or in a screen.beforeFrame(hook), once per frame, after screen.requestFrame()):
//     screen.setReport(analyze(snapshot, ctx.args.query, at));   // the tables, findings, kubectl line
//     screen.pushChanges(changes);          // timeline lines, append-only, each with its `at`
//     screen.setHazards(hazards);           // all of them; active ones have until: null
//     screen.setHeader({ staleSince });     // while reconnecting; null once reconnected
//     screen.setNow(at);                    // replay only: the log's clock (live: runTui ticks the wall clock)
//     screen.setHeader({ replay: { clock, speed, stepping } });   // replay only
//     screen.on('pause', …) / on('resume', …) / on('step', …)     // replay: hold, go on, one event
//     return { stop: async () => { screen.setRollout(finalReport); }, refresh: () => relist() };
//   } });
//
// `w` calls startWatch (or stops the handle it returned); -w (deps.watch) starts at once.
// runTui sets header.watching itself, and clears it when the handle's `ended` settles. `stop()` runs when the user stops watching or quits;
// a rollout report set before it resolves is printed after the screen is left. `r` calls
// the handle's refresh() while watching, else reads the source again (args.reload).

import React from 'react';
import { render } from 'ink';
import { analyze, type AnalysisQuery } from '../core/analyze.ts';
import { Failure } from '../core/failure.ts';
import type { Report } from '../core/report.ts';
import type { Snapshot } from '../core/snapshot.ts';
import type { RolloutReport } from '../core/timeline/types.ts';
import { refText } from '../render/model/owners.ts';
import { severityCounts } from '../render/model/findings.ts';
import { Root } from './root.ts';
import { headerOf, TuiStore, type TuiController } from './store.ts';
import { clockText } from '../core/time-of-day.ts';
import { chooseTuiTheme } from './theme.ts';
import { renderReportText } from '../render/text.ts';
import { chooseTheme } from '../render/theme.ts';
import { escapeAtOnce } from './escape-key.ts';

export { App, type AppProps } from './app.ts';
export { TuiStore, type TuiController, type SourceHeader, type UserRequest } from './store.ts';

export interface TuiArgs {
  /** The first report, of the source as read. */
  report: Report;
  /** What `r` analyses the source again for. */
  query: AnalysisQuery;
  /** --color: NO_COLOR and TERM=dumb are honoured under auto. */
  color: 'auto' | 'always' | 'never';
  /** Reads the source again (`r`). */
  reload(): Promise<{ snapshot: Snapshot }>;
}

export interface WatchHandle {
  stop(): void | Promise<void>;
  /** `r` while watching: relist. Without it, `r` reads the source again. */
  refresh?(): void;
  /**
   * Settles when the watch ends by itself (the rollout completed with --until-rollout-complete,
   * a replayed log ran out, the watch failed): the header then stops saying "watching", and
   * `w` starts a new watch.
   */
  ended?: Promise<unknown>;
}

export interface WatchContext {
  args: TuiArgs;
  now(): Date;
}

export interface TuiDeps {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WriteStream | (NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number });
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  now(): Date;
  /** Reads the source again for `r` (default: args.reload). */
  reload?(): Promise<{ snapshot: Snapshot }>;
  /** Starts the watch loop; without it, `w` says watching is not available. */
  startWatch?(screen: TuiController, context: WatchContext): WatchHandle | Promise<WatchHandle>;
  /** Start watching at once (-w). */
  watch?: boolean;
  /** Prints the rollout report after the screen is left (default: its summary lines). */
  printRollout?(rollout: RolloutReport): string;
}

/** The line left in the terminal after the screen closes. */
export function epilogue(r: Report): string {
  const counts = severityCounts(r.findings).map((c) => c.text).join(' ');
  return `whoselects: ${refText(r.target.ref)} in ${r.source.namespace}: ${r.summary.selected} ${r.summary.selected === 1 ? 'pod' : 'pods'} of ${r.summary.owners} ${r.summary.owners === 1 ? 'owner' : 'owners'}; ${counts ? `findings ${counts}` : 'no findings'}\n`;
}

function defaultRollout(r: RolloutReport): string {
  return [`rollout of ${refText(r.target)} ${r.complete ? 'complete' : 'not complete'} (${r.from} → ${r.to})`, ...r.summary.map((s) => `  ${s}`)].join('\n') + '\n';
}

/** Runs the screen until the user leaves it; resolves to the last report shown. */
export async function runTui(args: TuiArgs, deps: TuiDeps): Promise<Report> {
  const { query } = args;
  const first = args.report;
  if (!first.target.found && !deps.watch) {
    const t = query.target;
    throw new Failure('bad-input', `${t.kind.toLowerCase()} "${t.name}" not found in namespace ${t.namespace}`, 'run with --no-tui for suggestions');
  }
  // No keyboard (stdin redirected): a screen nobody can leave is no use; print the static view.
  if (deps.stdin.isTTY !== true && !deps.watch) {
    deps.stdout.write(renderReportText(first, { theme: chooseTheme(args.color, deps.env, true), wide: false, now: deps.now() }));
    return first;
  }
  const theme = chooseTuiTheme(args.color, deps.env);
  const store = new TuiStore({ report: first, now: deps.now(), header: headerOf(first) });
  const reload = deps.reload ?? args.reload;

  // A message of ours shows for a few seconds, unless something else has replaced it.
  const flash = (message: string) => {
    store.setStatus(message);
    setTimeout(() => {
      if (store.get().status === message) store.setStatus(null);
    }, 4000).unref?.();
  };

  let handle: WatchHandle | null = null;
  let starting = false;
  const startWatch = async () => {
    if (!deps.startWatch || handle || starting) return;
    starting = true;
    try {
      const h = await deps.startWatch(store, { args, now: deps.now });
      handle = h;
      store.setHeader({ watching: true });
      const ended = () => {
        if (handle !== h) return;
        handle = null;
        store.setHeader({ watching: false, staleSince: null });
      };
      h.ended?.then(ended, ended);
    } catch (e) {
      store.setStatus(`watch failed: ${(e as Error).message}`);
    } finally {
      starting = false;
    }
  };
  const stopWatch = async () => {
    const h = handle;
    handle = null;
    store.setHeader({ watching: false, staleSince: null });
    await h?.stop();
  };

  store.on('watch', () => void (handle ? stopWatch() : startWatch()));
  store.on('refresh', () => {
    if (handle?.refresh) {
      handle.refresh();
      return;
    }
    store.setStatus('reading the source again…');
    reload().then((loaded) => {
      const at = deps.now();
      store.setReport(analyze(loaded.snapshot, query, at));
      flash(`read again at ${clockText(at.toISOString(), 'glance')}Z`);
    }, (e: unknown) => flash(`could not read again: ${(e as Error).message}`));
  });

  // The wall clock moves ages and hazard durations on; a replay sets its own clock.
  const tick = setInterval(() => {
    if (store.get().header.origin !== 'replay') store.setNow(deps.now());
  }, 1000);
  tick.unref?.();

  const instance = render(React.createElement(Root, { store, theme, watchable: deps.startWatch !== undefined }), {
    stdout: deps.stdout as NodeJS.WriteStream,
    stdin: escapeAtOnce(deps.stdin as NodeJS.ReadStream),
    stderr: deps.stderr as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: 50,
    incrementalRendering: true,
    alternateScreen: true,
  });
  if (deps.watch) void startWatch();
  try {
    await instance.waitUntilExit();
  } finally {
    clearInterval(tick);
    await stopWatch();
  }
  const last = store.get();
  deps.stdout.write(epilogue(last.report));
  if (last.rollout) deps.stdout.write((deps.printRollout ?? defaultRollout)(last.rollout));
  return last.report;
}
