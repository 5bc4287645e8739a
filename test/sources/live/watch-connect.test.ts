// The watch timing --request-timeout sets: the server is asked to end each watch before the
// stall limit, so only a watch that went silent is ever abandoned.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchTiming } from '../../../src/sources/live/watch-connect.ts';
import { DEFAULT_STREAM_OPTIONS } from '../../../src/sources/live/watch-stream.ts';

test('without --request-timeout: one-minute watches, the 90 s stall limit', () => {
  assert.deepEqual(watchTiming(0), { timeoutSeconds: 60, stallMs: DEFAULT_STREAM_OPTIONS.stallMs });
});

test('with --request-timeout: silence for that long is a stall; the server ends healthy watches a second or more before', () => {
  for (const ms of [2_000, 2_500, 3_000, 10_000, 45_500, 61_000, 600_000, 36_000_000]) {
    const t = watchTiming(ms);
    assert.equal(t.stallMs, ms, `${ms}`);
    assert.ok(t.timeoutSeconds >= 1 && t.timeoutSeconds <= 60, `${ms}: ${t.timeoutSeconds}`);
    assert.ok(t.timeoutSeconds * 1000 + 1000 <= t.stallMs, `${ms}: the server's end comes first`);
    assert.ok(Number.isInteger(t.timeoutSeconds));
  }
});

test('below two seconds the stall limit is two seconds: the server cannot end a watch sooner than one', () => {
  assert.deepEqual(watchTiming(1_000), { timeoutSeconds: 1, stallMs: 2_000 });
  assert.deepEqual(watchTiming(1), { timeoutSeconds: 1, stallMs: 2_000 });
});
