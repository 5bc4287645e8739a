// Replay pacing: the same events in the same order at any speed; real time scaled by speed,
// as fast as possible at 0, one per key press, or held by the TUI's pause.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceEvent } from '../../../src/core/events.ts';
import { pauseGate } from '../../../src/sources/replay/gate.ts';
import { replaySource, YIELD_EVERY_MS, type StepKeys } from '../../../src/sources/replay/play.ts';
import { fakeClock } from '../fake-clock.ts';

const at = (ms: number) => new Date(Date.parse('2026-03-01T12:00:00Z') + ms).toISOString();
const EVENTS: SourceEvent[] = [0, 1_000, 1_000, 4_000].map((ms, i) => ({ type: 'status', at: at(ms), state: 'bookmark', kind: 'Pod', message: String(i) }));
const msg = (e: SourceEvent) => (e.type === 'status' ? e.message : '');

test('speed 2 waits half the recorded gaps; speed 0 does not wait at all', async () => {
  const clock = fakeClock();
  const got: string[] = [];
  const done = replaySource({ events: EVENTS, speed: 2, clock }).run((e) => got.push(msg(e)));
  await clock.settle();
  assert.deepEqual(got, ['0']);
  await clock.advance(499);
  assert.deepEqual(got, ['0']);
  await clock.advance(1);
  assert.deepEqual(got, ['0', '1', '2']);
  await clock.advance(1_500);
  await done;
  assert.deepEqual(got, ['0', '1', '2', '3']);
  assert.deepEqual(clock.delays, [500, 1_500]);
  const fast = fakeClock();
  const all: string[] = [];
  await replaySource({ events: EVENTS, speed: 0, clock: fast }).run((e) => all.push(msg(e)));
  assert.deepEqual([all, fast.delays], [['0', '1', '2', '3'], []]);
});

test('step keys: one event per key, q ends it and closes the keys', async () => {
  const answers: ('next' | 'quit')[] = ['next', 'next', 'quit'];
  let closed = false;
  const keys: StepKeys = { next: async () => answers.shift() ?? 'quit', close: () => { closed = true; } };
  const got: string[] = [];
  await replaySource({ events: EVENTS, speed: 0, keys, clock: fakeClock() }).run((e) => got.push(msg(e)));
  assert.deepEqual(got, ['0', '1']);
  assert.equal(closed, true);
});

test('the TUI\'s gate: paused holds, a step lets one through, resume lets the rest go; stop ends it', async () => {
  const gate = pauseGate();
  gate.pause();
  const clock = fakeClock();
  const got: string[] = [];
  const source = replaySource({ events: EVENTS, speed: 0, keys: gate, clock });
  const done = source.run((e) => got.push(msg(e)));
  await clock.settle();
  assert.deepEqual(got, []);
  gate.step();
  await clock.settle();
  assert.deepEqual(got, ['0']);
  gate.resume();
  await done;
  assert.deepEqual(got, ['0', '1', '2', '3']);

  const held = pauseGate();
  held.pause();
  const s2 = replaySource({ events: EVENTS, speed: 1, keys: held, clock });
  const d2 = s2.run(() => {});
  s2.stop();
  held.close();
  await d2;
});

test('speed 1 keeps to the log\'s schedule when handling events takes time: the gaps shrink, nothing drifts', async () => {
  const fake = fakeClock();
  // Handling each event takes 300 ms of the clock (a busy screen).
  let busy = 0;
  const clock = { ...fake, now: () => new Date(fake.now().getTime() + busy) };
  const events: SourceEvent[] = [0, 1_000, 2_000, 2_100].map((ms, i) => ({ type: 'status', at: at(ms), state: 'bookmark', kind: 'Pod', message: String(i) }));
  const start = clock.now().getTime();
  const emitted: number[] = [];
  const done = replaySource({ events, speed: 1, clock }).run(() => {
    emitted.push(clock.now().getTime() - start);
    busy += 300;
  });
  await fake.advance(3_000);
  await done;
  // Each due at its offset from the first; the last is due before the one before it was handled:
  // at once, after letting timers run (the handler kept the loop busy for 300 ms).
  assert.deepEqual(emitted, [0, 1_000, 2_000, 2_300]);
  assert.deepEqual(fake.delays, [700, 700, 0]);
});

test('after a pause the replay goes on at pace from where it was held, not all at once', async () => {
  const gate = pauseGate();
  const clock = fakeClock();
  const events: SourceEvent[] = [0, 1_000, 2_000, 3_000].map((ms, i) => ({ type: 'status', at: at(ms), state: 'bookmark', kind: 'Pod', message: String(i) }));
  const got: string[] = [];
  const done = replaySource({ events, speed: 1, keys: gate, clock }).run((e) => got.push(msg(e)));
  await clock.settle();
  assert.deepEqual(got, ['0']);
  gate.pause();
  await clock.advance(1_000);
  assert.deepEqual(got, ['0', '1'], 'the event already waited for still comes');
  await clock.advance(5_000);
  assert.deepEqual(got, ['0', '1'], 'held');
  gate.resume();
  await clock.advance(999);
  assert.deepEqual(got, ['0', '1'], 'the next event is due its gap after the resume');
  await clock.advance(1);
  assert.deepEqual(got, ['0', '1', '2']);
  await clock.advance(1_000);
  await done;
  assert.deepEqual(got, ['0', '1', '2', '3']);
});

test('as fast as possible, events are handed over in spells of YIELD_EVERY_MS, timers running between them', async () => {
  const fake = fakeClock();
  let busy = 0;
  const clock = { ...fake, now: () => new Date(fake.now().getTime() + busy) };
  const events: SourceEvent[] = Array.from({ length: 10 }, (_, i) => ({ type: 'status', at: at(i), state: 'bookmark', kind: 'Pod', message: String(i) }));
  const got: string[] = [];
  // Each event takes a third of the spell: three go, then the loop waits for a timer.
  const done = replaySource({ events, speed: 0, clock }).run((e) => { got.push(msg(e)); busy += YIELD_EVERY_MS / 3 + 0.1; });
  await fake.settle();
  assert.deepEqual(got, ['0', '1', '2']);
  assert.equal(fake.pending(), 1, 'waiting for a timer');
  await fake.advance(0);
  await done;
  assert.equal(got.length, 10);
  assert.deepEqual(fake.delays, [0, 0, 0]);
});
