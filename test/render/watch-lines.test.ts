// Watch lines as stern prints them, coloured by meaning; -o json is the Change itself.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Change } from '../../src/core/timeline/types.ts';
import { changeJSON, changeLine } from '../../src/render/watch-lines.ts';
import { renderRolloutText } from '../../src/render/rollout-text.ts';
import { COLOR, PLAIN } from '../../src/render/theme.ts';
import { rolloutReport } from '../../src/core/timeline/report.ts';
import { newTimeline } from '../../src/core/timeline/timeline.ts';
import { emptySnapshot } from '../../src/core/snapshot.ts';

const c: Change = { at: '2026-03-01T12:00:02.045Z', kind: 'pod-deletion-requested', object: { kind: 'Pod', name: 'web-1' }, message: 'deletion requested: grace 30s', details: {} };

test('HH:MM:SS.mmm  KIND  object  message, in UTC', () => {
  assert.equal(changeLine(c, PLAIN), '12:00:02.045  pod-deletion-requested  pod/web-1  deletion requested: grace 30s\n');
  assert.equal(changeLine({ ...c, kind: 'source-connected', object: null, message: 'watching' }, PLAIN), '12:00:02.045  source-connected        -  watching\n');
  assert.equal(changeLine({ ...c, at: '2026-03-01T23:59:59+02:00' }, PLAIN).slice(0, 14), '21:59:59.000  ', 'a fixed-width column, in UTC');
});

test('colour follows meaning: hazards red, deletions yellow, readiness green', () => {
  assert.ok(changeLine({ ...c, kind: 'hazard-started' }, COLOR).includes(COLOR.red('hazard-started'.padEnd(22))));
  assert.ok(changeLine(c, COLOR).includes(COLOR.yellow('pod-deletion-requested'.padEnd(22))));
  assert.ok(changeLine({ ...c, kind: 'pod-ready' }, COLOR).includes(COLOR.green('pod-ready'.padEnd(22))));
});

test('-o json: one Change per line', () => {
  assert.deepEqual(JSON.parse(changeJSON(c)), c);
  assert.equal(changeJSON(c).split('\n').length, 2);
});

test('the rollout report as text starts with its target and state', () => {
  const r = rolloutReport(newTimeline({ kind: 'Service', name: 'web', namespace: 'default' }, emptySnapshot('live')), '2026-03-01T12:00:00Z');
  const text = renderRolloutText(r, PLAIN);
  assert.ok(text.startsWith('\nRollout report: service/web in default  no completed rollout  (12:00:00.000 → 12:00:00.000 UTC, 0ms)\n  No rollout or disruption while watching.\n'), text);
});
