// Watch mode without the TUI: one line per change (or one JSON object per line with -o json)
// as the source reports them, and the rollout report when watching ends: on ctrl-c, when the
// rollout completes with --until-rollout-complete, or at the end of a replayed log.

import type { AnalysisQuery } from '../core/analyze.ts';
import { chooseTheme } from '../render/theme.ts';
import { renderRolloutText } from '../render/rollout-text.ts';
import { escapeJSONText } from '../core/escape.ts';
import { changeJSON, changeLine } from '../render/watch-lines.ts';
import type { Change } from '../core/timeline/types.ts';
import { errorLine, EXIT_OK } from './errors.ts';
import type { SourceResult } from '../sources/result.ts';
import type { CliDeps } from './deps.ts';
import type { Request } from './request.ts';
import { openWatchSession, watchIo, type WatchIo } from './watch-session.ts';

/** How often a live watch moves the timeline's clock on when nothing happens. */
export const TICK_MS = 1000;

export async function runWatch(request: Request, loaded: SourceResult, query: AnalysisQuery, deps: CliDeps, io: WatchIo = watchIo(deps)): Promise<number> {
  io = { ...io, skipped: io.skipped ?? ((p) => deps.stderr.write(`${errorLine(`${p.source}${p.line ? ` line ${p.line}` : ''}: ${p.message}`, p.hint ?? null)}\n`)) };
  const json = request.output.format === 'json';
  const theme = chooseTheme(request.output.color, deps.env, deps.stdout.isTTY === true);
  const print = (changes: Change[]) => {
    for (const c of changes) deps.stdout.write(json ? changeJSON(c) : changeLine(c, theme));
  };
  if (request.watch.step && loaded.recorded && !io.stepKeys && deps.stdin?.isTTY && deps.stdin.setRawMode) {
    const { ttyStepKeys } = await import('./step-keys.ts');
    io = { ...io, stepKeys: ttyStepKeys(deps.stdin) };
  }
  const session = await openWatchSession(request, loaded, query, deps, io);
  const release = deps.onInterrupt?.(() => session.stop()) ?? (() => {});
  let timer: unknown = null;
  const tick = () => {
    print(session.tick(io.clock.now()));
    timer = io.clock.setTimeout(tick, TICK_MS);
  };
  if (session.origin === 'live') timer = io.clock.setTimeout(tick, TICK_MS);
  try {
    await session.run(({ changes }) => {
      print(changes);
      if (request.watch.untilRolloutComplete && changes.some((c) => c.kind === 'rollout-complete')) session.stop();
    });
  } finally {
    if (timer !== null) io.clock.clearTimeout(timer);
    release();
  }
  const report = session.report();
  deps.stdout.write(json ? `${escapeJSONText(JSON.stringify(report))}\n` : renderRolloutText(report, theme));
  return EXIT_OK;
}
