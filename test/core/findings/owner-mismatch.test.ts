// owner-mismatch: a pod the controller target's selector matches but another controller
// owns, or none does (trap 4: selection ignores ownership).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy, findings, live, offline, pod, podOf, refs, rsOf, run, svc } from '../builders.ts';
import { xdmodLive, xdmodOffline } from '../scenarios.ts';

test('xdmod: each Deployment matches the other\'s pod, live and offline', () => {
  const live1 = findings(run(xdmodLive(), 'Deployment', 'moc-xdmod'), 'owner-mismatch');
  assert.equal(live1.length, 1);
  assert.equal(live1[0]?.severity, 'warning');
  assert.equal(live1[0]?.message, 'pod/mariadb-5d8f7c-x2x7q matches deployment/moc-xdmod\'s selector but is owned by deployment/mariadb.');
  assert.deepEqual(refs(live1[0]?.objects ?? []), ['Deployment/moc-xdmod', 'Pod/mariadb-5d8f7c-x2x7q', 'Deployment/mariadb']);
  assert.deepEqual(live1[0]?.evidence, [
    'deployment/moc-xdmod selector: app=xdmod',
    'labels: app=xdmod, pod-template-hash=5d8f7c',
    'owner chain: replicaset/mariadb-5d8f7c <- deployment/mariadb',
  ]);
  const off = findings(run(xdmodOffline(), 'Deployment', 'mariadb'), 'owner-mismatch');
  assert.deepEqual(off.map((f) => f.message), ['the pod template of deployment/moc-xdmod matches deployment/mariadb\'s selector but is owned by deployment/moc-xdmod.']);
});

test('a bare pod is "a bare pod", named without an owner', () => {
  const d = deploy('web');
  const f = findings(run(live([d, pod('debug', { labels: { app: 'web' } })]), 'Deployment', 'web'), 'owner-mismatch');
  assert.equal(f[0]?.message, 'pod/debug matches deployment/web\'s selector but has no controller (a bare pod).');
  assert.deepEqual(refs(f[0]?.objects ?? []), ['Deployment/web', 'Pod/debug']);
});

test('silent for the target\'s own pods, across a rollout\'s ReplicaSets, and for non-controller targets', () => {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const old = rsOf(d, 'h1');
  const cur = rsOf(d, 'h2');
  const s = live([d, old, cur, podOf(old, 'web-h1-a'), podOf(cur, 'web-h2-a'), svc('web', { selector: { app: 'web' } }), pod('bare', { labels: { app: 'web' } })]);
  assert.deepEqual(findings(run(s, 'Deployment', 'web'), 'owner-mismatch').map((f) => f.objects[1]?.name), ['bare']);
  assert.deepEqual(findings(run(s, 'Service', 'web'), 'owner-mismatch'), []);
  assert.deepEqual(findings(run(offline([d]), 'Deployment', 'web'), 'owner-mismatch'), []);
  // A ReplicaSet's selector carries its pod-template-hash: the other revision is not matched.
  assert.deepEqual(findings(run(s, 'ReplicaSet', 'web-h1'), 'owner-mismatch'), []);
});
