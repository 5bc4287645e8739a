// The hazards that hold in one observation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeHazards, routedVia } from '../../../src/core/timeline/hazards.ts';
import { controllerSlice, D, observed, RS_OLD, service, sliceOf, webPod } from './builders.ts';

const kinds = (objects: Parameters<typeof observed>[0]) => activeHazards(observed(objects), []).map((h) => `${h.kind} ${h.object?.name}`).sort();

test('zero ready endpoints: a Service with a selector and no ready endpoint; not a selectorless one', () => {
  const p = webPod('web-1', { ready: false });
  assert.deepEqual(kinds([service(), p, controllerSlice([p])]), ['zero-ready-endpoints web']);
  assert.deepEqual(kinds([service({ selector: null }), sliceOf([])]), []);
  const [h] = activeHazards(observed([service({ headless: true }), sliceOf([])]), []);
  assert.match(h?.message ?? '', /NXDOMAIN/);
});

test('a terminating pod is routed through a ready endpoint, or a serving one, and how', () => {
  const dying = webPod('web-1', { terminating: true });
  const other = webPod('web-2');
  const via = (objects: Parameters<typeof observed>[0]) => routedVia(observed(objects), dying.metadata?.uid as string);
  assert.match(via([service(), dying, sliceOf([[dying]])]) ?? '', /^ready endpoint \(the EndpointSlice is not updated yet; each node's kube-proxy uses it until it applies the update\)$/);
  assert.match(via([service({ publishNotReadyAddresses: true }), dying, controllerSlice([dying], { publishNotReadyAddresses: true })]) ?? '', /publishNotReadyAddresses/);
  // Serving and terminating beside a ready endpoint: kube-proxy sends it no new connection (CategorizeEndpoints).
  assert.equal(via([service(), dying, other, controllerSlice([dying, other])]), null);
  assert.match(via([service(), dying, controllerSlice([dying])]) ?? '', /terminating fallback \(no endpoint is ready\)/);
  // Headless: CoreDNS answers ready endpoints only, so it left the answer at once (stale caches are dns-stale-ip).
  assert.equal(via([service({ headless: true }), dying, controllerSlice([dying])]), null);
  assert.equal(via([service(), dying, sliceOf([[dying, { ready: false, serving: false, terminating: true }]])]), null, 'not serving: not routed');
  assert.deepEqual(kinds([service(), D, RS_OLD, dying, other, controllerSlice([dying, other])]), ['terminating-without-prestop web-1']);
  assert.deepEqual(kinds([service(), D, RS_OLD, dying, other, sliceOf([[dying], [other]])]), ['terminating-still-routed web-1', 'terminating-without-prestop web-1'], 'still a ready endpoint: routed');
});

test('with a Local traffic policy the fallback is per node: a serving pod with no ready endpoint beside it on its node is routed', () => {
  const dying = webPod('web-1', { terminating: true, node: 'node-a' });
  const far = webPod('web-2', { node: 'node-b' });
  const near = webPod('web-3', { node: 'node-a' });
  const local = service();
  if (local.spec) local.spec.internalTrafficPolicy = 'Local';
  const via = (objects: Parameters<typeof observed>[0]) => routedVia(observed(objects), dying.metadata?.uid as string);
  assert.match(via([local, dying, far, controllerSlice([dying, far])]) ?? '', /terminating fallback for Local traffic on node node-a/);
  assert.equal(via([local, dying, far, near, controllerSlice([dying, far, near])]), null);
  assert.equal(via([service(), dying, far, controllerSlice([dying, far])]), null, 'Cluster policy: the ready endpoint on node-b takes it all');
});

test('a preStop hook removes the no-preStop hazard but not the routing one', () => {
  const dying = webPod('web-1', { terminating: true, preStop: true });
  assert.deepEqual(kinds([service(), dying, controllerSlice([dying])]), ['terminating-still-routed web-1', 'zero-ready-endpoints web']);
});

test('Ready but not yet a ready endpoint', () => {
  const p = webPod('web-1');
  const q = webPod('web-2');
  assert.deepEqual(kinds([service(), p, q, sliceOf([[q]])]), ['ready-not-in-slices web-1']);
  assert.deepEqual(kinds([service(), p, q, sliceOf([[p, { ready: false }], [q]])]), ['ready-not-in-slices web-1']);
});

test('more endpoints than replicas + maxSurge: terminating endpoints count (trap 39)', () => {
  const pods = [1, 2, 3, 4].map((i) => webPod(`web-${i}`));
  const dying = [5, 6].map((i) => webPod(`web-${i}`, { terminating: true, preStop: true }));
  const all = [service(), D, RS_OLD, ...pods, ...dying];
  const over = activeHazards(observed([...all, controllerSlice([...pods, ...dying])]), []).find((h) => h.kind === 'endpoints-over-surge');
  assert.equal(over?.count, 6);
  assert.equal(over?.object?.kind, 'Deployment');
  assert.match(over?.message ?? '', /^6 endpoints, more than the 5 that replicas \+ maxSurge allow/);
  assert.ok(!activeHazards(observed([...all, controllerSlice([...pods, dying[0] as never])]), []).some((h) => h.kind === 'endpoints-over-surge'), '5 is allowed');
});

test('a stale source is a hazard of its own', () => {
  const [h] = activeHazards(observed([service(), sliceOf([[webPod('web-1')]]), webPod('web-1')]), [{ kind: 'Pod', since: '2026-03-01T12:00:00Z', message: 'connection refused' }]);
  assert.equal(h?.kind, 'source-stale');
  assert.match(h?.message ?? '', /^Pod watch stale since 2026-03-01T12:00:00Z: connection refused$/);
});
