// The live source: the one-shot snapshot first, then one stream per kind, "connected" once all
// of them watch, and a Service's pod stream restarted when its selector changes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceEvent } from '../../../src/core/events.ts';
import { liveWatchSource, snapshotEvents } from '../../../src/sources/live/watch.ts';
import { live, pod, svc } from '../../core/builders.ts';
import { fakeClock } from '../fake-clock.ts';
import { fakeWatchApi, listOk } from './fake-watch-api.ts';

const Q = { kind: 'Service' as const, name: 'web', namespace: 'default' };

test('a snapshot as sync events: every kind that was read, and its permission gaps', () => {
  const s = live([svc('web'), pod('web-1')], { known: ['Pod', 'Service', 'Job'], gaps: [{ kind: 'Job', reason: 'forbidden', message: 'list jobs: 403' }] });
  const events = snapshotEvents(s, '2026-03-01T12:00:00Z');
  assert.deepEqual(events.map((e) => `${e.type} ${e.type === 'status' ? e.state : e.kind} ${e.type === 'sync' ? e.objects.length : ''}`.trim()), ['sync Pod 1', 'sync Service 1', 'sync Job 0', 'status forbidden']);
});

test('baseline first, then the streams; connected once every stream watches; a new selector restarts the pod stream', async () => {
  const api = fakeWatchApi();
  const clock = fakeClock();
  const web = svc('web');
  api.answer('Service', listOk([web], '20'));
  api.answer('Pod', listOk([pod('web-1')], '20'));
  const events: SourceEvent[] = [];
  const source = liveWatchSource({ api, query: Q, initial: live([web, pod('web-1')], { known: ['Pod', 'Service'] }), clock, random: () => 0.5 });
  const done = source.run((e) => events.push(e));
  await clock.settle();
  assert.deepEqual(events.slice(0, 2).map((e) => e.type === 'sync' && e.kind), ['Pod', 'Service'], 'the baseline comes first');
  assert.deepEqual(api.lists.map((s) => s.kind).sort(), ['Deployment', 'EndpointSlice', 'Job', 'Pod', 'ReplicaSet', 'Service', 'StatefulSet']);
  for (const w of api.watches.slice(0, -1)) w.open();
  assert.ok(!events.some((e) => e.type === 'status' && e.state === 'connected'), 'not until every stream watches');
  api.watches[api.watches.length - 1]?.open();
  const connected = events.filter((e) => e.type === 'status' && e.state === 'connected');
  assert.equal(connected.length, 1);
  assert.match((connected[0] as { message: string }).message, /^watching service\/web in default: services \(metadata\.name=web\), pods \(app=web\), endpointslices/);

  const oldPods = api.last('Pod');
  api.answer('Pod', listOk([], '30'));
  api.last('Service')?.send('MODIFIED', { ...web, metadata: { ...web.metadata, resourceVersion: '25' }, spec: { ...web.spec, selector: { app: 'web', tier: 'front' } } });
  await clock.settle();
  assert.equal(oldPods?.aborted, true, 'the old pod watch is dropped');
  assert.deepEqual(api.lists.filter((s) => s.kind === 'Pod').map((s) => s.labelSelector), ['app=web', 'app=web,tier=front']);
  oldPods?.send('ADDED', { metadata: { name: 'late', namespace: 'default', resourceVersion: '26' } });
  assert.ok(!events.some((e) => e.type === 'upsert' && e.object.metadata?.name === 'late'), 'events of the replaced stream are dropped');

  source.stop();
  await done;
  assert.ok(api.watches.every((w) => w.aborted), 'stop ends every watch');
});

test('a kind that may not be listed does not hold back "connected"', async () => {
  const api = fakeWatchApi();
  const clock = fakeClock();
  api.answer('Job', { ok: false, status: 403, body: { kind: 'Status', message: 'jobs.batch is forbidden' } });
  const events: SourceEvent[] = [];
  const source = liveWatchSource({ api, query: Q, initial: live([svc('web')]), clock, random: () => 0.5 });
  const done = source.run((e) => events.push(e));
  await clock.settle();
  for (const w of api.watches) w.open();
  const connected = events.find((e) => e.type === 'status' && e.state === 'connected' && e.kind === null);
  assert.match((connected as { message: string } | undefined)?.message ?? '', /; forbidden: jobs\.batch$/);
  source.stop();
  await done;
});
