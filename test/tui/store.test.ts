import './no-ci.ts';
// The store tells the screen of changes at most every NOTIFY_EVERY_MS: the first at once, the
// ones that follow together at the end of the interval, and nothing is lost on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTIFY_EVERY_MS, TuiStore } from '../../src/tui/store.ts';
import type { Change } from '../../src/core/timeline/types.ts';
import { liveReport, NOW } from './fixtures.ts';
import { tick } from './render.ts';

const change = (i: number): Change => ({ at: `2026-05-01T11:59:${String(i).padStart(2, '0')}Z`, kind: 'endpoint-removed', object: null, message: `change ${i}`, details: {} });

test('a burst of updates is drawn twice: at once, and once more with all the rest', async () => {
  const store = new TuiStore({ report: liveReport(), now: NOW });
  const seen: number[] = [];
  store.subscribe(() => seen.push(store.get().timeline.length));
  for (let i = 1; i <= 5; i++) store.pushChanges([change(i)]);
  assert.deepEqual(seen, [1], 'the first at once');
  assert.equal(store.get().timeline.length, 5, 'the data is there to read at any time');
  await tick(NOTIFY_EVERY_MS + 20);
  assert.deepEqual(seen, [1, 5], 'the rest together');
  await tick(NOTIFY_EVERY_MS);
  store.setHeader({ watching: true });
  assert.deepEqual(seen, [1, 5, 5], 'after a quiet interval, at once again');
});

test('a loop hands over its batch just before each frame, on the store\'s one frame clock', async () => {
  const store = new TuiStore({ report: liveReport(), now: NOW });
  const seen: number[] = [];
  store.subscribe(() => seen.push(store.get().timeline.length));
  let gathered: Change[] = [];
  let prepared = 0;
  const off = store.beforeFrame(() => {
    prepared++;
    store.pushChanges(gathered);
    gathered = [];
  });
  gathered.push(change(1));
  store.requestFrame();
  assert.deepEqual(seen, [1], 'the first frame at once, with what the hook handed over');
  for (let i = 2; i <= 4; i++) {
    gathered.push(change(i));
    store.requestFrame();
  }
  assert.deepEqual(seen, [1], 'within the interval: nothing yet');
  assert.equal(store.get().timeline.length, 1, 'the batch waits in the loop until the frame');
  await tick(NOTIFY_EVERY_MS + 20);
  assert.deepEqual(seen, [1, 4], 'the rest in one frame at the end of the interval');
  assert.equal(prepared, 2, 'the hook ran once per frame, and its updates asked for no frame of their own');
  await tick(NOTIFY_EVERY_MS * 2);
  assert.deepEqual(seen, [1, 4], 'no frame nobody asked for');
  off();
  gathered.push(change(5));
  store.requestFrame();
  assert.equal(prepared, 2, 'a removed hook runs no more');
});
