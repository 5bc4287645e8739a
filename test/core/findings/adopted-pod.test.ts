// adopted-pod, stale-owner-reference and orphan-will-be-adopted (§3.2, traps 15–17).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/types.ts';
import { deploy, ds, findings, job, live, pod, podOf, rc, refs, rs, rsOf, run, sts, svc } from '../builders.ts';

test('adopted-pod: a pod whose name its controller would not have given', () => {
  const r = rs('web', { podLabels: { app: 'web' } });
  const s = live([r, podOf(r, 'web-x1'), pod('hand-made', { owner: r, labels: { app: 'web' } }), svc('web')]);
  const f = findings(run(s, 'ReplicaSet', 'web'), 'adopted-pod');
  assert.equal(f.length, 1);
  assert.equal(f[0]?.severity, 'warning');
  assert.match(f[0]?.message ?? '', /^pod\/hand-made was adopted by replicaset\/web, not created by it: it has no generateName, while ReplicaSet\/web creates its pods as web-<random>/);
  assert.deepEqual(refs(f[0]?.objects ?? []), ['Pod/hand-made', 'ReplicaSet/web']);
  assert.deepEqual(findings(run(s, 'Service', 'web'), 'adopted-pod').length, 1, 'reported from a Service too');
});

test('stale-owner-reference names the object holding the reference', () => {
  const old = deploy('web', { uid: 'old' });
  const r = rsOf(old, 'h1');
  const p = podOf(r, 'web-h1-a');
  const f = findings(run(live([deploy('web', { uid: 'new' }), r, p, svc('web', { selector: { app: 'web' } })]), 'Service', 'web'), 'stale-owner-reference');
  assert.equal(f[0]?.message, 'replicaset/web-h1 (above pod/web-h1-a) names deployment/web as its controller by a UID that no longer exists; an object of that name exists with another UID.');
  assert.deepEqual(f[0]?.evidence, ['ownerReference uid: old']);
  const oldRs = rs('web-h1', { uid: 'old-rs' });
  const q = podOf(oldRs, 'web-h1-b');
  const g = findings(run(live([rs('web-h1', { uid: 'new-rs' }), q, svc('web', { selector: { app: 'web-h1' } })]), 'Service', 'web'), 'stale-owner-reference');
  assert.match(g[0]?.message ?? '', /^pod\/web-h1-b names replicaset\/web-h1 as its controller/);
});

function orphans(objects: KubeObject[], target: [string, string] = ['Service', 'web']) {
  return findings(run(live([...objects, svc('web', { selector: { app: 'web' } })]), target[0] as never, target[1]), 'orphan-will-be-adopted');
}

test('orphan-will-be-adopted: by every pod-claiming controller whose selector matches', () => {
  const p = pod('stray', { labels: { app: 'web' } });
  const cases: [KubeObject, RegExp][] = [
    [rs('web-rs', { podLabels: { app: 'web' } }), /matches replicaset\/web-rs's selector: the ReplicaSet will adopt it, count it as a replica and may delete a real one/],
    [rc('web-rc', { podLabels: { app: 'web' } }), /replicationcontroller\/web-rc/],
    [ds('web-ds', { podLabels: { app: 'web' } }), /daemonset\/web-ds/],
    [job('web-job', { manualSelector: true, selector: { matchLabels: { app: 'web' } }, podLabels: { app: 'web' } }), /job\/web-job/],
  ];
  for (const [o, want] of cases) {
    const f = orphans([o, p]);
    assert.equal(f.length, 1, String(o.kind));
    assert.match(f[0]?.message ?? '', want);
    assert.equal(f[0]?.severity, 'warning');
    assert.deepEqual(refs(f[0]?.objects ?? []), ['Pod/stray', `${o.kind}/${o.metadata?.name}`]);
  }
});

test('orphan-will-be-adopted: not by a Deployment, nor a StatefulSet for a name it never claims', () => {
  const st = sts('web', { podLabels: { app: 'web' } });
  assert.deepEqual(orphans([deploy('web', { podLabels: { app: 'web' } }), pod('stray', { labels: { app: 'web' } })]), []);
  assert.deepEqual(orphans([st, pod('stray', { labels: { app: 'web' } })]), []);
  const f = orphans([st, pod('web-3', { labels: { app: 'web' } })]);
  assert.equal(f.length, 1);
  assert.match(f[0]?.message ?? '', /statefulset\/web's selector: the StatefulSet will adopt it\.$/);
});

test('orphan-will-be-adopted: never a terminating orphan, nor by a controller being deleted (trap 17)', () => {
  const r = rs('web-rs', { podLabels: { app: 'web' } });
  assert.deepEqual(orphans([r, pod('stray', { labels: { app: 'web' }, deleted: 10 })]), []);
  assert.deepEqual(orphans([rs('web-rs', { podLabels: { app: 'web' }, deleted: 5 }), pod('stray', { labels: { app: 'web' } })]), []);
});

test('orphan-will-be-adopted: ReplicaSets and RCs claim only active pods; Jobs claim finished ones too', () => {
  const done = pod('stray', { labels: { app: 'web' }, phase: 'Succeeded', ready: false });
  assert.deepEqual(orphans([rs('web-rs', { podLabels: { app: 'web' } }), done]), []);
  assert.deepEqual(orphans([rc('web-rc', { podLabels: { app: 'web' } }), done]), []);
  const j = job('web-job', { manualSelector: true, selector: { matchLabels: { app: 'web' } }, podLabels: { app: 'web' } });
  assert.equal(orphans([j, done]).length, 1);
});

test('adoption evidence: from a cluster a missing generateName is enough; from manifests the name decides', async () => {
  const { adoptionEvidence } = await import('../../../src/core/ownership.ts');
  const owner = { kind: 'ReplicaSet', name: 'cache' };
  const debug = { metadata: { name: 'cache-debug' } };
  assert.match(adoptionEvidence(debug, owner, true) ?? '', /no generateName/);
  assert.equal(adoptionEvidence(debug, owner, false), null, 'a manifest pod named cache-… may well be the ReplicaSet\'s');
  assert.equal(adoptionEvidence({ metadata: { name: 'cache-x1', generateName: 'cache-' } }, owner, true), null);
  assert.match(adoptionEvidence({ metadata: { name: 'other' } }, owner, false) ?? '', /does not come from ReplicaSet\/cache/);
});
