// The helpers every rule shares: a pod's workload is the top of its owner chain, bare
// pods form one group, and templates are named after their workload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePod, finding, groupByRoot, pct, rootOf, show } from '../../../src/core/findings/context.ts';
import type { PodView } from '../../../src/core/report.ts';
import type { ObjectRef } from '../../../src/core/snapshot.ts';

function view(name: string, owners: ObjectRef[], template = false): PodView {
  return {
    ref: { kind: 'Pod', name, namespace: 'default' }, template, phase: null, ready: null, readySince: null, terminating: false, deletionTimestamp: null,
    node: null, zone: null, ip: null, restarts: null, createdAt: null, owners: owners.map((ref) => ({ ref, present: true, staleUid: false })),
    ownedByTarget: null, adopted: null, labels: [], ports: [], readinessProbe: true, preStop: null, terminationGracePeriodSeconds: 30,
  };
}

const D = { kind: 'Deployment', name: 'web' };
const RS1 = { kind: 'ReplicaSet', name: 'web-h1' };
const RS2 = { kind: 'ReplicaSet', name: 'web-h2' };

test('rootOf is the top of the owner chain, or the pod itself', () => {
  assert.deepEqual(rootOf(view('a', [RS1, D])), D);
  assert.deepEqual(rootOf(view('a', [])), { kind: 'Pod', name: 'a', namespace: 'default' });
});

test('groupByRoot: a rollout\'s ReplicaSets are one workload; bare pods are one group', () => {
  const groups = [...groupByRoot([view('a', [RS1, D]), view('b', [RS2, D]), view('x', []), view('y', []), view('j', [{ kind: 'Job', name: 'j' }])]).values()];
  assert.deepEqual(groups.map((g) => [g.root.kind, g.root.name, g.bare, g.views.map((v) => v.ref.name)]), [
    ['Deployment', 'web', false, ['a', 'b']],
    ['Pod', '(bare pods)', true, ['x', 'y']],
    ['Job', 'j', false, ['j']],
  ]);
});

test('names in findings', () => {
  assert.equal(show({ kind: 'StatefulSet', name: 'db' }), 'statefulset/db');
  assert.equal(describePod(view('web-h1-a', [RS1, D])), 'pod/web-h1-a');
  assert.equal(describePod(view('web-(deployment-template)', [D], true)), 'the pod template of deployment/web');
  assert.equal(pct(0.5), '50%');
  assert.equal(pct(1 / 3), '33%');
  assert.deepEqual(finding('x', 'info', 'm', [D], ['e']), { id: 'x', severity: 'info', message: 'm', objects: [D], evidence: ['e'] });
});
