// rolloutReport(timeline, to): the windows, the lag percentiles, DNS windows and the sentences.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptySnapshot } from '../../../src/core/snapshot.ts';
import { rolloutReport } from '../../../src/core/timeline/report.ts';
import { newTimeline, stepAll } from '../../../src/core/timeline/timeline.ts';
import type { Workload } from '../../../src/core/types.ts';
import { rsOf } from '../builders.ts';
import { controllerSlice, D, remove, RS_OLD, service, sliceOf, status, SVC, sync, t, upsert, webPod } from './builders.ts';

function rollout(headless: boolean) {
  const s = service({ headless });
  const old = webPod('web-1');
  const dying = webPod('web-1', { terminating: true });
  const rsNew = rsOf(D, 'new', { replicas: 1 });
  const fresh = webPod('web-2', { ready: false }, rsNew);
  const ready = webPod('web-2', {}, rsNew);
  const bumped: Workload = { ...D, metadata: { ...D.metadata, generation: 2 } };
  const done: Workload = { ...bumped, status: { ...D.status, observedGeneration: 2 } };
  const tl = stepAll(newTimeline(SVC, emptySnapshot('replay'), { dnsTtlSeconds: 30 }), [
    sync(0, 'Pod', [old]), sync(0, 'Service', [s]), sync(0, 'EndpointSlice', [controllerSlice([old])]), sync(0, 'Deployment', [D]), sync(0, 'ReplicaSet', [RS_OLD]),
    upsert(1_000, 'Deployment', bumped), upsert(1_010, 'ReplicaSet', rsNew), upsert(1_020, 'Pod', fresh),
    upsert(2_000, 'Pod', ready), upsert(2_060, 'EndpointSlice', controllerSlice([old, ready])),
    upsert(2_100, 'Pod', dying), upsert(2_100, 'Deployment', done), upsert(2_130, 'EndpointSlice', controllerSlice([dying, ready])),
    status(5_000, 'retrying', 'Pod', 'connection reset'), status(6_500, 'connected', 'Pod', 'again'),
    remove(12_100, 'Pod', dying), upsert(12_120, 'EndpointSlice', controllerSlice([ready])),
  ]).timeline;
  return { tl, dying };
}

test('ClusterIP: the routed window, lag percentiles, no DNS windows, and the sentences', () => {
  const { tl } = rollout(false);
  const r = rolloutReport(tl, t(20_000));
  assert.deepEqual([r.kind, r.schemaVersion, r.from, r.to, r.complete], ['WhoSelectsRolloutReport', 1, t(0), t(20_000), true]);
  assert.deepEqual(r.terminatingRouted.map((w) => [w.pod.name, w.from, w.to, w.durationMs, w.via]), [['web-1', t(2_100), t(2_130), 30, 'ready endpoint 30ms']], 'web-2 was ready beside it: no fallback');
  assert.deepEqual(r.readyToEndpoint, { count: 1, p50Ms: 60, p95Ms: 60, maxMs: 60 });
  assert.deepEqual(r.dnsStale, []);
  assert.equal(r.dnsTtlSeconds, null);
  assert.deepEqual(r.withoutPreStop.map((p) => p.name), ['web-1']);
  assert.deepEqual(r.rollouts, [{ from: t(1_000), to: t(12_120), durationMs: 11_120, alreadyRunning: false }]);
  assert.deepEqual([r.maxEndpoints, r.maxAllowedBySurge], [2, 5]);
  assert.deepEqual(r.summary, [
    `Rollout completed at ${t(12_120)} after 11.1s.`,
    '1 terminating pod was still routed new connections: the longest window was 30ms (pod/web-1: ready endpoint 30ms), plus the time each node\'s kube-proxy took to apply the update.',
    'Once their endpoints were no longer ready, kube-proxy sent them no new connections: a ready endpoint always remained, so the terminating fallback never applied.',
    '1 pod terminated without a preStop delay: SIGTERM and endpoint removal race, so it may have received requests after being told to stop.',
    'The Service always had a ready endpoint.',
    'Pod Ready → ready endpoint lag: p50 60ms, p95 60ms, max 60ms over 1 pod.',
    'Endpoints peaked at 2 (replicas + maxSurge allow 5).',
    'The watch was down for 1.5s in 1 gap; changes in it are known only from the relist or resumed watch.',
  ]);
});

test('headless: how long each terminated pod\'s IP may still be answered, and for how long after it was gone', () => {
  const { tl } = rollout(true);
  const r = rolloutReport(tl, t(20_000));
  assert.equal(r.dnsTtlSeconds, 30);
  assert.deepEqual(r.dnsStale.map((d) => [d.pod.name, d.until, d.durationMs, d.afterRemovalMs]), [['web-1', t(32_130), 30_000, 20_030]]);
  assert.ok(r.summary.includes('1 pod was already gone while DNS answers could still hold its IP, for up to 20.0s: clients dialing it then get connection refused or time out.'), r.summary.join('\n'));
  assert.ok(r.summary.includes('Still holding at the end: dns-stale-ip.'));
  assert.equal(r.hazards.find((h) => h.kind === 'dns-stale-ip')?.until, null);
});

test('zero ready endpoints become windows; a watch with nothing happening says so', () => {
  const p = webPod('web-1');
  const unready = webPod('web-1', { ready: false });
  const tl = stepAll(newTimeline(SVC, emptySnapshot('live')), [
    sync(0, 'Pod', [p]), sync(0, 'Service', [service()]), sync(0, 'EndpointSlice', [controllerSlice([p])]),
    upsert(1_000, 'EndpointSlice', sliceOf([[unready, { ready: false, serving: false }]])), upsert(1_500, 'EndpointSlice', controllerSlice([p])),
  ]).timeline;
  const r = rolloutReport(tl, t(2_000));
  assert.deepEqual(r.zeroReadyWindows, [{ from: t(1_000), to: t(1_500), durationMs: 500 }]);
  assert.ok(r.summary.includes('The Service had no ready endpoint for 500ms in 1 window.'));
  const quiet = rolloutReport(newTimeline(SVC, emptySnapshot('live')), t(0));
  assert.equal(quiet.summary[0], 'No rollout or disruption while watching.');
  assert.equal(quiet.complete, false);
});
