// overlapping-selectors (§3.4): two workloads whose selectors match the same pods, or nest.
// A Deployment and its own ReplicaSets nest by design and are not reported; another
// Deployment's ReplicaSet is reported once, through its Deployment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy, ds, findings, job, live, offline, pod, podOf, refs, rsOf, run, sts, svc } from '../builders.ts';
import { xdmodLive, xdmodOffline } from '../scenarios.ts';

const ID = 'overlapping-selectors';

test('xdmod: one finding naming both Deployments, from every target that involves them', () => {
  for (const s of [xdmodLive(), xdmodOffline()]) {
    for (const [kind, name] of [['Service', 'mariadb'], ['Deployment', 'moc-xdmod'], ['Deployment', 'mariadb']] as const) {
      const f = findings(run(s, kind, name), ID);
      assert.equal(f.length, 1, `${s.origin} ${kind}/${name}: ${f.map((x) => x.message).join(' | ')}`);
      assert.equal(f[0]?.severity, 'warning');
      assert.equal(f[0]?.message, 'The selectors of deployment/mariadb and deployment/moc-xdmod overlap: both match 2 pods.');
      assert.deepEqual(refs(f[0]?.objects ?? []).sort(), ['Deployment/mariadb', 'Deployment/moc-xdmod']);
      assert.deepEqual(f[0]?.evidence.slice(0, 2), ['deployment/mariadb: app=xdmod', 'deployment/moc-xdmod: app=xdmod']);
    }
  }
  assert.deepEqual(findings(run(xdmodLive(), 'ReplicaSet', 'moc-xdmod-6b9d4f'), ID).length, 1, 'a ReplicaSet target: once, through its Deployment');
  for (const s of [xdmodLive(true), xdmodOffline(true)]) assert.deepEqual(findings(run(s, 'Deployment', 'moc-xdmod'), ID), []);
});

test('a Deployment and its own ReplicaSets (a rollout) do not overlap', () => {
  const d = deploy('web');
  const a = rsOf(d, 'h1');
  const b = rsOf(d, 'h2');
  const s = live([d, a, b, podOf(a, 'web-h1-a'), podOf(b, 'web-h2-a'), svc('web')]);
  for (const [kind, name] of [['Deployment', 'web'], ['ReplicaSet', 'web-h1'], ['Service', 'web']] as const) {
    assert.deepEqual(findings(run(s, kind, name), ID), [], `${kind}/${name}`);
  }
});

test('nested selectors without shared pods are an info; shared pods a warning, named', () => {
  const broad = deploy('web', { podLabels: { app: 'web' } });
  const canary = deploy('web-canary', { podLabels: { app: 'web', track: 'canary' } });
  const f = findings(run(live([broad, canary]), 'Deployment', 'web'), ID);
  assert.equal(f[0]?.severity, 'info');
  assert.match(f[0]?.message ?? '', /are nested: every pod one of them matches, the other matches too, though none exists now/);
  const off = findings(run(offline([broad, canary]), 'Deployment', 'web'), ID);
  assert.equal(off[0]?.severity, 'warning');
  assert.equal(off[0]?.message, 'The selectors of deployment/web and deployment/web-canary overlap: both match template of deployment/web-canary.');
});

test('other kinds overlap too; disjoint selectors, other namespaces and generated Job selectors do not', () => {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const cases: [Parameters<typeof live>[0], number][] = [
    [[d, sts('web-db', { podLabels: { app: 'web' } }), pod('x', { labels: { app: 'web' } })], 1],
    [[d, ds('agent', { podLabels: { app: 'web' } }), pod('x', { labels: { app: 'web' } })], 1],
    [[d, deploy('db', { podLabels: { app: 'db' } }), pod('x', { labels: { app: 'web' } })], 0],
    [[d, deploy('web', { ns: 'prod', podLabels: { app: 'web' } }), pod('x', { labels: { app: 'web' } }), pod('y', { ns: 'prod', labels: { app: 'web' } })], 0],
    [[d, job('web', { podLabels: { app: 'web' } }), pod('x', { labels: { app: 'web' } })], 0],
  ];
  for (const [objects, want] of cases) {
    assert.equal(findings(run(live(objects), 'Deployment', 'web'), ID).length, want, objects.map((o) => `${o.kind}/${o.metadata?.namespace}/${o.metadata?.name}`).join(' '));
  }
});
