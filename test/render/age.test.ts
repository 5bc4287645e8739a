// The AGE column against kubectl's (apimachinery duration.HumanDuration): every boundary of its
// ladder, on both sides, and the clock-skew cases. Expected texts are worked out from the rules
// (seconds below 2m; m+s below 10m; m below 3h; h+m below 8h; h below 48h; d+h below 8d; d below
// 2y; y+d below 8y; y after), each unit truncated toward zero as Go's integer division does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { age, humanDuration } from '../../src/render/model/line.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

const cases: [number, string][] = [
  [-2 * S, '<invalid>'], [-1999, '0s'], [-1 * S, '0s'], [-999, '0s'], [0, '0s'], [999, '0s'],
  [45 * S, '45s'], [119 * S + 999, '119s'], [120 * S, '2m'], [150 * S, '2m30s'], [9 * M + 59 * S, '9m59s'],
  [10 * M, '10m'], [10 * M + 30 * S, '10m'], [179 * M + 59 * S, '179m'], [180 * M, '3h'], [3 * H + 20 * M + 5 * S, '3h20m'],
  [7 * H + 59 * M, '7h59m'], [8 * H, '8h'], [8 * H + 30 * M, '8h'], [47 * H + 59 * M, '47h'], [48 * H, '2d'],
  [2 * D + 3 * H + 59 * M, '2d3h'], [7 * D + 23 * H, '7d23h'], [8 * D, '8d'], [8 * D + 5 * H, '8d'], [729 * D + 23 * H, '729d'],
  [2 * Y, '2y'], [2 * Y + 45 * D + 3 * H, '2y45d'], [7 * Y + 364 * D, '7y364d'], [8 * Y, '8y'], [8 * Y + 200 * D, '8y'], [30 * Y + 1, '30y'],
];

test('durations read as kubectl reads them in its AGE column', () => {
  for (const [ms, text] of cases) assert.equal(humanDuration(ms), text, `${ms} ms`);
});

test('age: from a creation timestamp to now; no timestamp or an unreadable one is "-"', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  assert.equal(age('2026-03-01T11:57:30Z', now), '2m30s');
  assert.equal(age('2026-02-27T09:00:00Z', now), '2d3h');
  assert.equal(age('2026-03-01T12:00:05Z', now), '<invalid>');
  assert.equal(age('2026-03-01T11:00:00Z', now, Date.parse('2026-03-01T08:40:00Z')), '3h20m');
  assert.equal(age(null, now), '-');
  assert.equal(age('yesterday', now), '-');
});
