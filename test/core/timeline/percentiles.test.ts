// Nearest-rank percentiles.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearestRank, percentiles } from '../../../src/core/timeline/percentiles.ts';

test('nearest rank: the smallest sample with p% at or below it', () => {
  const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  assert.equal(nearestRank(ten, 50), 50);
  assert.equal(nearestRank(ten, 95), 100);
  assert.equal(nearestRank([7], 95), 7);
  assert.equal(nearestRank([], 50), null);
  assert.deepEqual(percentiles([30, 10, 20]), { count: 3, p50Ms: 20, p95Ms: 30, maxMs: 30 });
  assert.deepEqual(percentiles([]), { count: 0, p50Ms: null, p95Ms: null, maxMs: null });
});
