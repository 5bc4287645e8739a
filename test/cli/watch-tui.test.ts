// Watch mode inside the TUI: a replay pushed into the screen's controller, paused and stepped
// from the screen, with the rollout report set when it completes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type AnalysisQuery } from '../../src/core/analyze.ts';
import type { Report } from '../../src/core/report.ts';
import type { Change, Hazard, RolloutReport } from '../../src/core/timeline/types.ts';
import { buildRequest } from '../../src/cli/request.ts';
import { invocation } from '../sources/live/helpers.ts';
import type { CliDeps } from '../../src/cli/run.ts';
import { tuiWatchStarter } from '../../src/cli/watch-tui.ts';
import { loadReplay } from '../../src/sources/replay/load.ts';
import type { SourceHeader, TuiController, UserRequest } from '../../src/tui/store.ts';
import { fakeClock } from '../sources/fake-clock.ts';

const LOG = new URL('../golden/watch/logs/rollout-headless.ndjson', import.meta.url).pathname;

function screen() {
  const frames = new Set<() => void>();
  const s = {
    changes: [] as Change[], hazards: [] as readonly Hazard[], rollout: null as RolloutReport | null, reports: [] as Report[],
    header: {} as Partial<SourceHeader>, status: null as string | null, now: null as Date | null,
    listeners: new Map<UserRequest, () => void>(),
  };
  const c: TuiController = {
    setReport: (r) => { s.reports.push(r); },
    pushChanges: (cs) => { s.changes.push(...cs); },
    setHazards: (h) => { s.hazards = h; },
    setRollout: (r) => { s.rollout = r; },
    setHeader: (p) => { s.header = { ...s.header, ...p }; },
    setNow: (d) => { s.now = d; },
    setStatus: (x) => { s.status = x; },
    on: (req, fn) => { s.listeners.set(req, fn); return () => s.listeners.delete(req); },
    // A frame at once each time one is asked for: the hooks hand over what they gathered.
    beforeFrame: (fn) => { frames.add(fn); return () => frames.delete(fn); },
    requestFrame: () => { for (const f of [...frames]) f(); },
  };
  return { s, c };
}


const query: AnalysisQuery = {
  target: { kind: 'Service', name: 'web-headless', namespace: 'default' },
  kubectl: { version: { major: 1, minor: 34, patch: 1, raw: 'v1.34.1' }, from: 'test' },
  source: { context: 'crafted', cluster: null, inputs: [LOG], problems: [] },
};

test('a replay in the TUI: timeline, hazards, replay clock, reports, and the rollout report at the end', async () => {
  const clock = fakeClock();
  const deps: CliDeps = { argv: [], env: {}, stdout: { write: () => true }, stderr: { write: () => true }, now: () => clock.now(), clock };
  const { s, c } = screen();
  const request = buildRequest(invocation(['service/web-headless', '--replay', LOG, '--speed', '0', '--step', '--color', 'never']));
  const loaded = loadReplay(LOG);
  const args = { report: analyze(loaded.snapshot, query, clock.now()), query, color: 'never' as const, reload: async () => loadReplay(LOG) };
  const handle = await tuiWatchStarter(request, loaded, query, deps)(c, { args, now: () => clock.now() });
  await clock.settle();
  assert.equal(s.changes.length, 0, '--step starts paused');
  assert.deepEqual(s.header.replay, { clock: null, speed: null, stepping: true });
  s.listeners.get('step')?.();
  await clock.settle();
  assert.equal(s.header.replay?.clock, '2026-03-01T12:00:00.000Z', 'one event went through');
  s.listeners.get('resume')?.();
  await clock.advance(1_000);
  assert.ok(s.changes.some((c) => c.kind === 'rollout-complete'));
  assert.ok(s.changes.some((c) => c.kind === 'hazard-ended' && c.details.hazard === 'dns-stale-ip'));
  assert.equal(s.rollout?.complete, true);
  assert.equal(s.rollout?.to, '2026-03-01T12:00:56.105Z', 'the end of the log');
  assert.ok(s.hazards.length > 0);
  assert.equal(s.now?.toISOString(), '2026-03-01T12:00:56.105Z', 'the screen runs on the log\'s clock');
  assert.equal(s.reports[s.reports.length - 1]?.target.found, true);
  assert.equal(s.status, 'end of the replayed log');
  await handle.stop();
});
