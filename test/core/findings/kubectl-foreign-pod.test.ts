// kubectl-picks-foreign-pod (trap 4): kubectl logs/exec TYPE/NAME selects by labels only,
// so it can land on a pod the named workload does not own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy, findings, live, offline, pod, podOf, refs, rsOf, run } from '../builders.ts';
import { xdmodLive, xdmodOffline } from '../scenarios.ts';

const ID = 'kubectl-picks-foreign-pod';

test('xdmod live: `kubectl logs deploy/moc-xdmod` would read mariadb\'s pod (ready longer)', () => {
  const f = findings(run(xdmodLive(), 'Deployment', 'moc-xdmod', {
    commands: [{ command: 'logs', commandLine: 'kubectl logs deploy/moc-xdmod' }, { command: 'exec', commandLine: 'kubectl exec deploy/moc-xdmod' }],
  }), ID);
  assert.equal(f.length, 1);
  assert.equal(f[0]?.severity, 'warning');
  assert.equal(f[0]?.message, '`kubectl logs/exec deploy/moc-xdmod` would use pod/mariadb-5d8f7c-x2x7q, which belongs to deployment/mariadb, not deployment/moc-xdmod.');
  assert.deepEqual(refs(f[0]?.objects ?? []), ['Deployment/moc-xdmod', 'Pod/mariadb-5d8f7c-x2x7q']);
  assert.equal(f[0]?.objects[1]?.namespace, 'default', 'kubectl lists pods in the target\'s namespace');
  assert.match(f[0]?.evidence[0] ?? '', /ready the longest/);
  // deploy/mariadb picks its own pod: silent.
  assert.deepEqual(findings(run(xdmodLive(), 'Deployment', 'mariadb'), ID), []);
});

test('xdmod from the Service: the workloads behind it are checked too', () => {
  const live1 = findings(run(xdmodLive(), 'Service', 'mariadb'), ID);
  assert.deepEqual(live1.map((f) => f.message), ['`kubectl logs/exec deploy/moc-xdmod` would use pod/mariadb-5d8f7c-x2x7q, which belongs to deployment/mariadb, not deployment/moc-xdmod.']);
  const off = findings(run(xdmodOffline(), 'Service', 'mariadb'), ID);
  assert.deepEqual(off.map((f) => f.message), [
    '`kubectl logs/exec deploy/mariadb` may land on a pod of deployment/moc-xdmod, not deployment/mariadb: kubectl selects by labels only.',
    '`kubectl logs/exec deploy/moc-xdmod` may land on a pod of deployment/mariadb, not deployment/moc-xdmod: kubectl selects by labels only.',
  ]);
  assert.deepEqual(refs(off[1]?.objects ?? []), ['Deployment/moc-xdmod', 'Pod/mariadb-(deployment-template)']);
  for (const s of [xdmodLive(true), xdmodOffline(true)]) assert.deepEqual(findings(run(s, 'Service', 'mariadb'), ID), []);
});

test('a bare pod kubectl would pick is named as such', () => {
  const d = deploy('web');
  const r = rsOf(d, 'h1');
  const s = live([d, r, podOf(r, 'web-h1-a', { readyAt: 50 }), pod('debug-copy', { labels: { app: 'web' }, readyAt: 1 })]);
  const f = findings(run(s, 'Deployment', 'web', { commands: [{ command: 'logs', commandLine: 'kubectl logs deploy/web' }] }), ID);
  assert.equal(f[0]?.message, '`kubectl logs deploy/web` would use pod/debug-copy, which belongs to bare pod/debug-copy, not deployment/web.');
  // exec prefers the same pod here (ready longest): one finding per verb set.
  const both = findings(run(s, 'Deployment', 'web'), ID);
  assert.equal(both.length, 1);
  assert.match(both[0]?.message ?? '', /^`kubectl logs\/exec deployment\/web` would use pod\/debug-copy/);
});

test('silent when kubectl lands on the target\'s own pods, or the target owns no pods by nature', () => {
  const d = deploy('web');
  const r = rsOf(d, 'h1');
  const s = live([d, r, podOf(r, 'web-h1-a', { readyAt: 1 }), pod('debug', { labels: { app: 'web' }, readyAt: 50 })]);
  assert.deepEqual(findings(run(s, 'Deployment', 'web', { commands: [{ command: 'logs', commandLine: 'kubectl logs deploy/web' }] }), ID), []);
  assert.deepEqual(findings(run(offline([deploy('web')]), 'Deployment', 'web'), ID), []);
});
