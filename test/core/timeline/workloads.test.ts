// Workload progress as `kubectl rollout status` decides it, and the counts the timeline shows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workloadState } from '../../../src/core/timeline/workloads.ts';
import type { Workload } from '../../../src/core/types.ts';
import { deploy, job, rsOf, sts } from '../builders.ts';

const withStatus = (w: Workload, generation: number, status: Workload['status'], spec: Partial<NonNullable<Workload['spec']>> = {}): Workload =>
  ({ ...w, metadata: { ...w.metadata, generation }, spec: { ...w.spec, ...spec }, status });

test('Deployment: waits for the new spec to be observed, updated, old replicas to go, and availability', () => {
  const d = deploy('web', { replicas: 4 });
  const cases: [Workload['status'], number, string | null][] = [
    [{ observedGeneration: 1, replicas: 4, updatedReplicas: 4, availableReplicas: 4 }, 2, 'the Deployment controller to observe the new spec'],
    [{ observedGeneration: 2, replicas: 5, updatedReplicas: 2, availableReplicas: 4 }, 2, '2 of 4 new replicas updated'],
    [{ observedGeneration: 2, replicas: 5, updatedReplicas: 4, availableReplicas: 4 }, 2, '1 old replicas pending termination'],
    [{ observedGeneration: 2, replicas: 4, updatedReplicas: 4, availableReplicas: 3 }, 2, '3 of 4 updated replicas available'],
    [{ observedGeneration: 2, replicas: 4, updatedReplicas: 4, availableReplicas: 4 }, 2, null],
  ];
  for (const [status, generation, want] of cases) {
    const w = workloadState('Deployment', withStatus(d, generation, status), 'k');
    assert.equal(w.waitingFor, want);
    assert.equal(w.progressing, want !== null);
  }
  assert.equal(workloadState('Deployment', d, 'k').allowedPods, 5);
});

test('StatefulSet: ready replicas, partitions, revisions; OnDelete has no rollout status', () => {
  const s = sts('db', { replicas: 3 });
  const ok = { observedGeneration: 1, replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentRevision: 'a', updateRevision: 'a' };
  assert.equal(workloadState('StatefulSet', withStatus(s, 1, ok), 'k').progressing, false);
  assert.equal(workloadState('StatefulSet', withStatus(s, 1, { ...ok, readyReplicas: 2 }), 'k').waitingFor, '2 of 3 pods ready');
  assert.match(workloadState('StatefulSet', withStatus(s, 1, { ...ok, updateRevision: 'b' }), 'k').waitingFor ?? '', /revision b to replace a/);
  const partitioned = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } as never } };
  assert.equal(workloadState('StatefulSet', withStatus(s, 1, { ...ok, updatedReplicas: 1, updateRevision: 'b' }, partitioned), 'k').progressing, false);
  assert.equal(workloadState('StatefulSet', withStatus(s, 1, { ...ok, readyReplicas: 0 }, { updateStrategy: { type: 'OnDelete' } }), 'k').progressing, false);
});

test('a Deployment\'s ReplicaSet never rolls out by itself; a Job counts active, succeeded and failed pods', () => {
  const d = deploy('web', { replicas: 2 });
  const rs = withStatus(rsOf(d, 'abc', { replicas: 2 }), 1, { replicas: 1, readyReplicas: 0 });
  const w = workloadState('ReplicaSet', rs, 'k');
  assert.equal(w.progressing, false);
  assert.deepEqual([w.desired, w.current, w.ready], [2, 1, 0]);
  assert.ok(w.ownerKey, 'it knows its Deployment');
  const j = workloadState('Job', withStatus(job('once', { parallelism: 2 }), 1, { active: 1, succeeded: 3, failed: 1 }), 'k');
  assert.deepEqual([j.desired, j.current, j.succeeded, j.failed, j.progressing], [2, 1, 3, 1, false]);
});
