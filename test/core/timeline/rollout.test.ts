// "Settled": every workload done and nothing left of the old pods, in the pods and in the slices.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rolloutStatus } from '../../../src/core/timeline/rollout.ts';
import type { Workload } from '../../../src/core/types.ts';
import { rsOf } from '../builders.ts';
import { controllerSlice, D, observed, RS_OLD, service, webPod } from './builders.ts';

test('settled only when no workload progresses, no pod terminates, no scaled-down ReplicaSet has pods, and the slices caught up', () => {
  const p = webPod('web-1');
  const dying = webPod('web-1', { terminating: true });
  const scaledDown: Workload = { ...RS_OLD, spec: { ...RS_OLD.spec, replicas: 0 } };
  const bumped: Workload = { ...D, metadata: { ...D.metadata, generation: 2 } };
  const cases: [string, Parameters<typeof observed>[0], string[]][] = [
    ['steady', [service(), D, RS_OLD, p, controllerSlice([p])], []],
    ['new spec', [service(), bumped, RS_OLD, p, controllerSlice([p])], ['deployment/web waiting for the Deployment controller to observe the new spec']],
    ['terminating pod', [service(), D, RS_OLD, dying, controllerSlice([dying])], ['1 pod terminating', '1 terminating endpoint']],
    ['old pod not yet told to stop', [service(), D, scaledDown, p, controllerSlice([p])], ['1 pod of scaled-down ReplicaSets still running']],
    ['endpoint of a gone pod', [service(), D, RS_OLD, controllerSlice([p])], ['1 endpoint of pods that are gone']],
  ];
  for (const [name, objects, want] of cases) {
    const s = rolloutStatus(observed(objects));
    assert.deepEqual(s.waitingFor, want, name);
    assert.equal(s.settled, want.length === 0, name);
  }
});

test('the watches report in any order: a Deployment done before its new ReplicaSet or the old one scaled down is seen is not settled', () => {
  const revision = (w: Workload, r: string): Workload => ({ ...w, metadata: { ...w.metadata, annotations: { ...w.metadata?.annotations, 'deployment.kubernetes.io/revision': r } } });
  // kubectl rollout status says done: observed, all updated and available.
  const d2 = revision(D, '2');
  const old = revision(RS_OLD, '1');
  const oldScaledDown = revision({ ...RS_OLD, spec: { ...RS_OLD.spec, replicas: 0 } }, '1');
  const rsNew = revision(rsOf(D, 'new', { replicas: 4 }), '2');
  const oldPod = webPod('web-1', {}, old);
  const newPod = webPod('web-2', {}, rsNew);
  const cases: [string, Parameters<typeof observed>[0], string[]][] = [
    ['only the Deployment caught up', [service(), d2, old, oldPod, controllerSlice([oldPod])],
      ['the ReplicaSet of deployment/web revision 2 (not seen yet)', '1 older ReplicaSet of deployment/web to scale down']],
    ['the new ReplicaSet seen, the old one not yet scaled down', [service(), d2, old, rsNew, oldPod, newPod, controllerSlice([oldPod, newPod])], ['1 older ReplicaSet of deployment/web to scale down']],
    ['all caught up', [service(), d2, oldScaledDown, rsNew, newPod, controllerSlice([newPod])], []],
    ['no revisions known (manifests, old objects)', [service(), D, RS_OLD, oldPod, controllerSlice([oldPod])], []],
  ];
  for (const [name, objects, want] of cases) assert.deepEqual(rolloutStatus(observed(objects)).waitingFor, want, name);
});
