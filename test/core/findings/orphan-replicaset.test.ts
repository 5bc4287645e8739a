// orphan-replicaset-will-be-adopted: a ReplicaSet without a controller whose own labels a
// Deployment's selector matches is claimed by it (ClaimReplicaSets); a template that
// differs (ignoring pod-template-hash) makes it an old revision, scaled to 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy, findings, live, offline, podOf, refs, rs, rsOf, run, svc } from '../builders.ts';

const ID = 'orphan-replicaset-will-be-adopted';

test('an ownerless ReplicaSet with another template becomes an old revision scaled to 0, from every angle', () => {
  const d = deploy('web', { podLabels: { app: 'web' }, replicas: 3 });
  const orphan = rs('legacy', { labels: { app: 'web' }, podLabels: { app: 'web' }, replicas: 2, ports: [{ name: 'http', containerPort: 9000 }] });
  const objects = [d, orphan, svc('web')];
  for (const s of [offline(objects), live([...objects, podOf(orphan, 'legacy-a')])]) {
    for (const [kind, name] of [['ReplicaSet', 'legacy'], ['Deployment', 'web'], ['Service', 'web']] as const) {
      const f = findings(run(s, kind, name), ID);
      assert.equal(f.length, 1, `${s.origin} ${kind}/${name}`);
      assert.equal(f[0]?.message, 'replicaset/legacy has no controller and its labels match deployment/web\'s selector: the Deployment will adopt it as an old revision (its template differs) and scale it to 0, removing its 2 pods.');
      assert.equal(f[0]?.severity, 'error');
      assert.deepEqual(refs(f[0]?.objects ?? []), ['ReplicaSet/legacy', 'Deployment/web']);
    }
  }
});

test('the same template (ignoring pod-template-hash) may become the current revision', () => {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const twin = rs('twin', { labels: { app: 'web' }, podLabels: { app: 'web', 'pod-template-hash': 'abc' }, selector: { matchLabels: { app: 'web' } } });
  const f = findings(run(offline([d, twin]), 'ReplicaSet', 'twin'), ID);
  assert.match(f[0]?.message ?? '', /template equals the Deployment's it may become the current revision/);
  assert.equal(f[0]?.severity, 'warning');
});

test('silent for owned ReplicaSets, labels that do not match, and a ReplicaSet being deleted', () => {
  const d = deploy('web', { podLabels: { app: 'web' } });
  assert.deepEqual(findings(run(offline([d, rsOf(d, 'h1')]), 'Deployment', 'web'), ID), []);
  // Template labels match, but the ReplicaSet's own labels do not: ClaimReplicaSets reads metadata.labels.
  assert.deepEqual(findings(run(offline([d, rs('other', { labels: { app: 'other' }, podLabels: { app: 'web' } })]), 'Deployment', 'web'), ID), []);
  assert.deepEqual(findings(run(offline([d, rs('going', { labels: { app: 'web' }, podLabels: { app: 'web' }, deleted: 5 })]), 'Deployment', 'web'), ID), []);
});
