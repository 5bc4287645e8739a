// The timeline fold: baselines give no lines, the source's health becomes lines and a hazard,
// rollouts open and close, and the same events always give the same changes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceEvent } from '../../../src/core/events.ts';
import { emptySnapshot } from '../../../src/core/snapshot.ts';
import { advance, hazardsOf, newTimeline, rolloutCompleted, step, stepAll } from '../../../src/core/timeline/timeline.ts';
import type { Workload } from '../../../src/core/types.ts';
import { rsOf } from '../builders.ts';
import { controllerSlice, D, remove, RS_OLD, service, status, SVC, sync, t, upsert, webPod } from './builders.ts';

const start = () => newTimeline(SVC, emptySnapshot('live'));
const p = webPod('web-1');
const baseline: SourceEvent[] = [
  sync(0, 'Pod', [p]), sync(0, 'Service', [service()]), sync(0, 'EndpointSlice', [controllerSlice([p])]),
  sync(0, 'Deployment', [D]), sync(0, 'ReplicaSet', [RS_OLD]),
];

test('the first list of each kind is a baseline: no lines', () => {
  const r = stepAll(start(), baseline);
  assert.deepEqual(r.changes, []);
  assert.equal(r.timeline.startedAt, t(0));
  const again = stepAll(r.timeline, [sync(100, 'Pod', [p])]);
  assert.deepEqual(again.changes, [], 'a relist that finds the same is quiet');
  const gone = stepAll(r.timeline, [sync(100, 'Pod', [])]);
  assert.deepEqual(gone.changes.map((c) => c.kind), ['rollout-started', 'pod-removed'], 'a relist that misses a pod says so (its endpoint is left behind: not settled)');
});

test('hazards found in the baseline start at once, marked as held when watching began', () => {
  const unready = webPod('web-1', { ready: false });
  const r = stepAll(start(), [sync(0, 'Pod', [unready]), sync(0, 'Service', [service()]), sync(0, 'EndpointSlice', [controllerSlice([unready])])]);
  assert.deepEqual(r.changes.map((c) => [c.kind, c.details.hazard]), [['hazard-started', 'zero-ready-endpoints']]);
  assert.match(r.changes[0]?.message ?? '', /\(already so when watching began\)$/);
});

test('the source\'s health: connected once, stale with the gap marked, reconnected, relisted, forbidden; bookmarks are quiet', () => {
  const r = stepAll(stepAll(start(), baseline).timeline, [
    status(100, 'connected', null, 'watching service/web'),
    status(200, 'bookmark', 'Pod'),
    status(5_000, 'retrying', 'Pod', 'connection refused; retrying in 0.5s'),
    status(5_600, 'retrying', 'Pod', 'connection refused; retrying in 1.0s'),
    status(7_000, 'connected', 'Pod', 'watching again from resourceVersion 42'),
    status(8_000, 'stale', 'EndpointSlice', 'no event and no bookmark for 90s'),
    status(8_500, 'relisted', 'EndpointSlice', 'listed again'),
    status(9_000, 'forbidden', 'Job', 'may not list jobs'),
  ]);
  assert.deepEqual(r.changes.map((c) => `${c.at} ${c.kind}${c.details.hazard ? ` ${c.details.hazard}` : ''}`), [
    `${t(100)} source-connected`,
    `${t(5_000)} source-stale`,
    `${t(5_000)} hazard-started source-stale`,
    `${t(7_000)} source-reconnected`,
    `${t(7_000)} hazard-ended source-stale`,
    `${t(8_000)} source-stale`,
    `${t(8_000)} hazard-started source-stale`,
    `${t(8_500)} source-relisted`,
    `${t(8_500)} hazard-ended source-stale`,
    `${t(9_000)} source-forbidden`,
  ]);
  assert.match(r.changes[3]?.message ?? '', /^Pod watch reconnected after a 2\.0s gap: watching again from resourceVersion 42$/);
  assert.deepEqual(r.timeline.stale, {});
});

test('a rollout: started with the new spec, complete when the old pods are gone and the slices caught up, with its duration', () => {
  const bumped: Workload = { ...D, metadata: { ...D.metadata, generation: 2 } };
  const rsNew = rsOf(D, 'new', { replicas: 1 });
  const fresh = webPod('web-2', {}, rsNew);
  const dying = webPod('web-1', { terminating: true });
  const done: Workload = { ...D, metadata: { ...D.metadata, generation: 2 }, status: { ...D.status, observedGeneration: 2 } };
  const r = stepAll(start(), [
    ...baseline,
    upsert(1_000, 'Deployment', bumped),
    upsert(1_100, 'ReplicaSet', rsNew),
    upsert(1_200, 'Pod', fresh),
    upsert(1_300, 'EndpointSlice', controllerSlice([p, fresh])),
    upsert(1_400, 'Pod', dying),
    upsert(1_450, 'Deployment', done),
    upsert(1_500, 'EndpointSlice', controllerSlice([dying, fresh])),
    remove(9_000, 'Pod', dying),
    upsert(9_040, 'EndpointSlice', controllerSlice([fresh])),
  ]);
  const kinds = r.changes.map((c) => c.kind);
  assert.equal(kinds[0], 'rollout-started');
  assert.equal(kinds[kinds.length - 1], 'rollout-complete');
  assert.match(r.changes[r.changes.length - 1]?.message ?? '', /\(took 8\.0s\)$/);
  assert.equal(r.changes[r.changes.length - 1]?.at, t(9_040), 'complete only once the endpoint of the old pod is gone');
  assert.deepEqual(r.timeline.rollouts, [{ from: t(1_000), to: t(9_040), alreadyRunning: false }]);
  assert.equal(rolloutCompleted(r.timeline), true);
  const lag = r.changes.find((c) => c.kind === 'endpoint-added');
  assert.match(lag?.message ?? '', /\(100ms after the pod became Ready\)$/, 'the endpoint line carries the Ready → endpoint lag');
  assert.equal(lag?.details.readyLagMs, 100);
});

test('a rollout under way when watching began completes as "at least"', () => {
  const dying = webPod('web-1', { terminating: true });
  const r = stepAll(start(), [sync(0, 'Pod', [dying]), sync(0, 'Service', [service()]), sync(0, 'EndpointSlice', [controllerSlice([dying])]), remove(3_000, 'Pod', dying), upsert(3_010, 'EndpointSlice', controllerSlice([]))]);
  assert.deepEqual(r.timeline.rollouts, [{ from: t(0), to: t(3_010), alreadyRunning: true }]);
  assert.match(r.changes.find((c) => c.kind === 'rollout-complete')?.message ?? '', /took at least 3\.0s/);
  assert.ok(!r.changes.some((c) => c.kind === 'rollout-started'));
});

test('DNS windows close on time: before the next event, or when the clock is advanced', () => {
  const s = service({ headless: true });
  const dying = webPod('web-1', { terminating: true });
  const base = stepAll(start(), [sync(0, 'Pod', [p]), sync(0, 'Service', [s]), sync(0, 'EndpointSlice', [controllerSlice([p])])]).timeline;
  const left = stepAll(base, [upsert(1_000, 'Pod', dying), upsert(1_010, 'EndpointSlice', controllerSlice([dying]))]).timeline;
  assert.ok(hazardsOf(left).some((h) => h.kind === 'dns-stale-ip' && h.until === null));
  const later = step(left, status(40_000, 'bookmark', 'Pod'));
  assert.deepEqual(later.changes.map((c) => [c.at, c.details.hazard]), [[t(31_010), 'dns-stale-ip']]);
  const ticked = advance(left, t(31_010));
  assert.deepEqual(ticked.changes.map((c) => c.at), [t(31_010)]);
  assert.deepEqual(advance(ticked.timeline, t(50_000)).changes, [], 'once');
});

test('the same events give the same changes and state', () => {
  const events = [...baseline, upsert(1_000, 'Pod', webPod('web-1', { terminating: true })), remove(5_000, 'Pod', p)];
  assert.deepEqual(stepAll(start(), events), stepAll(start(), events));
});
