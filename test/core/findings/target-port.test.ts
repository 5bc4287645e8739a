// target-port-not-declared (trap 22): a numeric targetPort no container declares still gets
// traffic; target-port-not-served (trap 21): a named targetPort a pod lacks gets it none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy, findings, offline, pod, refs, run, svc } from '../builders.ts';
import { xdmodLive, xdmodOffline } from '../scenarios.ts';

test('xdmod: moc-xdmod declares no 3306, yet gets 50% of new connections', () => {
  const off = findings(run(xdmodOffline(), 'Service', 'mariadb'), 'target-port-not-declared');
  assert.equal(off.length, 1);
  assert.equal(off[0]?.severity, 'warning');
  assert.equal(off[0]?.message, 'the pod template of deployment/moc-xdmod declares no port 3306, yet service/mariadb port 3306 sends it 1 of 2 shares (50%) of new connections.');
  assert.deepEqual(refs(off[0]?.objects ?? []), ['Service/mariadb', 'Pod/moc-xdmod-(deployment-template)']);
  assert.ok(off[0]?.evidence.includes('connections hitting it: 50% (uniform per connection in iptables/nftables mode)'));
  const lv = findings(run(xdmodLive(), 'Service', 'mariadb'), 'target-port-not-declared');
  assert.equal(lv[0]?.message, 'pod/moc-xdmod-6b9d4f-9kq2w declares no port 3306, yet service/mariadb port 3306 sends it 1 of 2 shares (50%) of new connections.');
  for (const s of [xdmodLive(true), xdmodOffline(true)]) assert.deepEqual(findings(run(s, 'Service', 'mariadb'), 'target-port-not-declared'), []);
});

test('shares are weighted by replicas; all of them undeclared is an error', () => {
  const a = deploy('a', { podLabels: { app: 'web' }, replicas: 3, ports: [{ containerPort: 3306 }] });
  const b = deploy('b', { podLabels: { app: 'web' }, replicas: 1 });
  const port = [{ name: 'db', port: 3306, targetPort: 3306 }];
  const f = findings(run(offline([a, b, svc('web', { ports: port })]), 'Service', 'web'), 'target-port-not-declared');
  assert.match(f[0]?.message ?? '', /sends it 1 of 4 shares \(25%\)/);
  const all = findings(run(offline([b, svc('web', { ports: port })]), 'Service', 'web'), 'target-port-not-declared');
  assert.equal(all[0]?.severity, 'error');
  assert.match(all[0]?.message ?? '', /1 of 1 shares \(100%\)/);
});

test('a named targetPort some pods lack: no endpoint port for them (warning), for all (error)', () => {
  const a = deploy('a', { podLabels: { app: 'web' } });
  const b = deploy('b', { podLabels: { app: 'web' }, ports: [{ name: 'web', containerPort: 8080 }] });
  const f = findings(run(offline([a, b, svc('web')]), 'Service', 'web'), 'target-port-not-served');
  assert.equal(f.length, 1);
  assert.equal(f[0]?.severity, 'warning');
  assert.equal(f[0]?.message, 'the pod template of deployment/b cannot serve service/web port http: no container port named "http" with protocol TCP; 1 of 2 endpoints get no traffic on it.');
  const all = findings(run(offline([b, svc('web')]), 'Service', 'web'), 'target-port-not-served');
  assert.equal(all[0]?.severity, 'error');
  // A named port with the wrong protocol does not resolve either (§4.3).
  const udp = deploy('u', { podLabels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080, protocol: 'UDP' }] });
  assert.equal(findings(run(offline([udp, svc('web')]), 'Service', 'web'), 'target-port-not-served').length, 1);
  assert.deepEqual(findings(run(offline([a, svc('web')]), 'Service', 'web'), 'target-port-not-served'), []);
});

test('a bare pod manifest is named as a pod, never as the template of an unknown owner', () => {
  const db = pod('db', { labels: { app: 'web' }, phase: null, ports: [{ name: 'pg', containerPort: 5433 }] });
  const r = run(offline([db, svc('web', { ports: [{ name: 'pg', port: 5432, targetPort: 5432 }] })]), 'Service', 'web');
  const f = findings(r, 'target-port-not-declared');
  assert.match(f[0]?.message ?? '', /^pod\/db declares no port 5432, yet service\/web port pg sends it 1 of 1 shares/);
  assert.doesNotMatch(JSON.stringify(r.findings), /template of \?|\?/);
});
