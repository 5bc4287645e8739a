import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationText } from '../../src/core/duration.ts';

test('message style (report and timeline sentences): tenths to a minute, then m/ss, then h/mm', () => {
  const cases: [number, string][] = [[-5, '0ms'], [0, '0ms'], [999.4, '999ms'], [1000, '1.0s'], [12_340, '12.3s'], [59_949, '59.9s'],
    [60_000, '1m00s'], [95_000, '1m35s'], [3_599_999, '59m59s'], [3_600_000, '1h00m'], [3 * 3600_000 + 61_000, '3h01m']];
  for (const [ms, want] of cases) assert.equal(durationText(ms), want, `${ms}`);
});

test('glance style (the live views): whole seconds from 10 s, m/ss to two hours, "-" when unknown', () => {
  const cases: [number, string][] = [[-1, '-'], [Number.NaN, '-'], [450, '450ms'], [4200, '4.2s'], [12_340, '12s'], [95_000, '95s'],
    [120_000, '2m00s'], [61 * 60_000, '61m00s'], [120 * 60_000, '2h00m']];
  for (const [ms, want] of cases) assert.equal(durationText(ms, 'glance'), want, `${ms}`);
});
