// One kind's list+watch: events in order, resume from the last resourceVersion, relist on 410
// Gone, reconnect with backoff on errors and stalls, and say so in status events.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAll, type SourceEvent } from '../../../src/core/events.ts';
import { emptySnapshot } from '../../../src/core/snapshot.ts';
import { TransportError } from '../../../src/sources/live/client.ts';
import { backoffMs, DEFAULT_STREAM_OPTIONS, newStream } from '../../../src/sources/live/watch-stream.ts';
import { fakeClock } from '../fake-clock.ts';
import { fakeWatchApi, listOk } from './fake-watch-api.ts';

const SPEC = { kind: 'Pod' as const, namespace: 'default', labelSelector: 'app=web' };
const pod = (name: string, rv: string) => ({ metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: rv } });

function setup(o: Partial<typeof DEFAULT_STREAM_OPTIONS> = {}) {
  const api = fakeWatchApi();
  const clock = fakeClock();
  const events: SourceEvent[] = [];
  let watching = 0;
  const stream = newStream(SPEC, { api, clock, random: () => 0.5, emit: (e) => events.push(e), options: { ...DEFAULT_STREAM_OPTIONS, ...o }, onWatching: () => { watching++; } });
  const said = () => events.map((e) => (e.type === 'status' ? `${e.state}: ${e.message}` : `${e.type}${e.type === 'sync' ? ` ${e.objects.length}` : ` ${(e.object.metadata?.name ?? '')}`}`));
  return { api, clock, events, stream, said, watching: () => watching };
}

test('list, then watch from the list\'s resourceVersion; events become upserts and deletes of normalised objects', async () => {
  const s = setup();
  s.api.answer('Pod', listOk([pod('web-1', '9') as never], '10'));
  const done = s.stream.run();
  await s.clock.settle();
  assert.deepEqual(s.api.lists, [SPEC]);
  const w = s.api.last('Pod');
  assert.equal(w?.resourceVersion, '10');
  w?.open();
  assert.equal(s.watching(), 1);
  w?.send('ADDED', pod('web-2', '11'));
  w?.send('MODIFIED', pod('web-2', '12'));
  w?.send('DELETED', pod('web-1', '13'));
  w?.send('BOOKMARK', { metadata: { resourceVersion: '15' } });
  assert.deepEqual(s.said(), ['sync 1', 'upsert web-2', 'upsert web-2', 'delete web-1', 'bookmark: bookmark at resourceVersion 15']);
  const up = s.events[1] as Extract<SourceEvent, { type: 'upsert' }>;
  assert.deepEqual([up.object.kind, up.object.apiVersion, up.at], ['Pod', 'v1', '2026-03-01T12:00:00.000Z']);
  // The server ends the watch (timeoutSeconds): resume from the bookmark, not at once in a loop.
  w?.end({ reason: 'closed' });
  await s.clock.settle();
  assert.equal(s.api.watches.length, 1, 'a watch that ended at once waits a second');
  await s.clock.advance(1_000);
  assert.equal(s.api.last('Pod')?.resourceVersion, '15');
  assert.equal(s.api.lists.length, 1, 'no relist');
  s.stream.stop();
  await done;
  assert.equal(s.api.last('Pod')?.aborted, true);
});

test('410 Gone, as an ERROR event or an HTTP answer: list again, and say it was relisted', async () => {
  const s = setup();
  s.api.answer('Pod', listOk([], '10'), listOk([pod('web-1', '50') as never], '50'), listOk([], '60'));
  const done = s.stream.run();
  await s.clock.settle();
  s.api.last('Pod')?.open();
  s.api.last('Pod')?.send('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 10 (40)' });
  await s.clock.settle();
  assert.equal(s.api.lists.length, 2);
  assert.equal(s.api.last('Pod')?.resourceVersion, '50');
  s.api.last('Pod')?.open();
  s.api.last('Pod')?.end({ reason: 'status', status: 410, body: { kind: 'Status', code: 410, message: 'gone' } });
  await s.clock.settle();
  assert.equal(s.api.lists.length, 3);
  assert.deepEqual(s.said().filter((x) => !x.startsWith('sync')), [
    'relisted: the watch of pods in default (app=web) fell behind (410 Gone: too old resource version: 10 (40)): listed again',
    'relisted: the watch of pods in default (app=web) fell behind (410 Gone): listed again',
  ]);
  s.stream.stop();
  await done;
});

test('errors: retrying with capped exponential backoff, resuming from the last resourceVersion, then connected again', async () => {
  const s = setup({ backoffMaxMs: 1_500 });
  s.api.answer('Pod', listOk([], '10'));
  const done = s.stream.run();
  await s.clock.settle();
  s.api.last('Pod')?.open();
  s.api.last('Pod')?.send('ADDED', pod('web-1', '12'));
  for (let i = 0; i < 3; i++) {
    s.api.last('Pod')?.end({ reason: 'error', message: 'ECONNRESET' });
    await s.clock.settle();
    await s.clock.advance(backoffMs(i + 1, { ...DEFAULT_STREAM_OPTIONS, backoffMaxMs: 1_500 }, () => 0.5));
    assert.equal(s.api.last('Pod')?.resourceVersion, '12');
  }
  s.api.last('Pod')?.open();
  assert.equal(s.said().length, 5, 'not connected again until the server has accepted the resourceVersion');
  await s.clock.advance(DEFAULT_STREAM_OPTIONS.resumeConfirmMs);
  assert.deepEqual(s.said().slice(2), [
    'retrying: watch pods in default (app=web) lost: ECONNRESET; retrying in 0.5s',
    'retrying: watch pods in default (app=web) lost: ECONNRESET; retrying in 1.0s',
    'retrying: watch pods in default (app=web) lost: ECONNRESET; retrying in 1.5s',
    'connected: watching pods in default (app=web) again from resourceVersion 12',
  ]);
  assert.equal(s.api.lists.length, 1, 'resumed, not relisted');
  s.stream.stop();
  await done;
});

test('back after a gap: connected at the first event; a 410 right after the 200 is no reconnection, the relist ends the gap', async () => {
  const s = setup();
  s.api.answer('Pod', listOk([], '10'), listOk([pod('web-1', '60') as never], '60'));
  const done = s.stream.run();
  await s.clock.settle();
  s.api.last('Pod')?.open();
  s.api.last('Pod')?.end({ reason: 'error', message: 'ECONNRESET' });
  await s.clock.advance(backoffMs(1, DEFAULT_STREAM_OPTIONS, () => 0.5));
  // An apiserver that restarted: 200, then at once ERROR 410 (its new watch cache starts after rv 10).
  s.api.last('Pod')?.open();
  s.api.last('Pod')?.send('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 10 (40)' });
  await s.clock.advance(DEFAULT_STREAM_OPTIONS.resumeConfirmMs);
  // Back again later, and this time an event comes before the confirmation delay is over.
  s.api.last('Pod')?.end({ reason: 'error', message: 'ECONNRESET' });
  await s.clock.advance(backoffMs(1, DEFAULT_STREAM_OPTIONS, () => 0.5));
  s.api.last('Pod')?.open();
  s.api.last('Pod')?.send('MODIFIED', pod('web-1', '61'));
  assert.deepEqual(s.said().slice(1), [
    'retrying: watch pods in default (app=web) lost: ECONNRESET; retrying in 0.5s',
    'sync 1',
    'relisted: the watch of pods in default (app=web) fell behind (410 Gone: too old resource version: 10 (40)): listed again',
    'retrying: watch pods in default (app=web) lost: ECONNRESET; retrying in 0.5s',
    'connected: watching pods in default (app=web) again from resourceVersion 60',
    'upsert web-1',
  ]);
  s.stream.stop();
  await done;
});

test('a silent stall (no event, no bookmark) is stale: the watch is dropped and made again', async () => {
  const s = setup({ stallMs: 10_000 });
  s.api.answer('Pod', listOk([], '10'));
  const done = s.stream.run();
  await s.clock.settle();
  const first = s.api.last('Pod');
  first?.open();
  await s.clock.advance(9_000);
  first?.send('BOOKMARK', { metadata: { resourceVersion: '11' } });
  await s.clock.advance(9_000);
  assert.equal(first?.aborted, false, 'the bookmark kept it alive');
  await s.clock.advance(1_001);
  assert.equal(first?.aborted, true);
  assert.match(s.said().pop() ?? '', /^stale: no event and no bookmark from the watch of pods in default \(app=web\) for 10s; retrying in 0\.5s$/);
  await s.clock.advance(500);
  assert.equal(s.api.last('Pod')?.resourceVersion, '11');
  s.stream.stop();
  await done;
});

test('a forbidden list is said once, and retried; a transport failure is retried', async () => {
  const s = setup();
  const denied = { ok: false as const, status: 403, body: { kind: 'Status', message: 'pods is forbidden' } };
  s.api.answer('Pod', denied, denied, new TransportError('ECONNREFUSED', 'https://x', 'refused'), listOk([], '10'));
  const done = s.stream.run();
  await s.clock.advance(10_000);
  assert.deepEqual(s.said(), [
    'forbidden: may not list pods in default (app=web): pods is forbidden',
    'retrying: list pods in default (app=web) failed: HTTP 403 (pods is forbidden); retrying in 0.5s',
    'retrying: list pods in default (app=web) failed: HTTP 403 (pods is forbidden); retrying in 1.0s',
    'retrying: list pods in default (app=web) failed: ECONNREFUSED; retrying in 2.0s',
    'sync 0',
    'relisted: listed pods in default (app=web) again after the watch was down',
  ]);
  s.stream.stop();
  await done;
});

test('after a relist the state is the fresh list: what went away during the gap is gone, what came is there', async () => {
  const s = setup();
  const a = pod('web-a', '9');
  const b = pod('web-b', '9');
  const c = pod('web-c', '40');
  s.api.answer('Pod', listOk([a, b] as never[], '10'), listOk([b, c] as never[], '50'));
  const done = s.stream.run();
  await s.clock.settle();
  s.api.last('Pod')?.open();
  s.api.last('Pod')?.end({ reason: 'status', status: 410, body: {} });
  await s.clock.settle();
  const names = applyAll(emptySnapshot('live'), s.events).objects.Pod.map((p) => p.metadata?.name).sort();
  assert.deepEqual(names, ['web-b', 'web-c']);
  s.stream.stop();
  await done;
});
