// diff(prev, next, query, at): one line per fact that changed for the target, in a fixed order.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diff } from '../../../src/core/timeline/diff.ts';
import type { Change } from '../../../src/core/timeline/types.ts';
import type { KubeObject, Workload } from '../../../src/core/types.ts';
import { rsOf } from '../builders.ts';
import { controllerSlice, D, RS_OLD, service, sliceOf, SVC, t, webPod, world } from './builders.ts';

const AT = t(5_000);
const lines = (cs: Change[]) => cs.map((c) => `${c.kind} ${c.object ? `${c.object.kind}/${c.object.name}` : '-'}: ${c.message}`);
const run = (before: KubeObject[], after: KubeObject[]) => diff(world(before), world(after), SVC, AT);
/** Without the rollout lines a lone pod's change also brings. */
const facts = (cs: Change[]) => cs.filter((c) => !c.kind.startsWith('rollout-'));
const kinds = (cs: Change[]) => cs.map((c) => c.kind);

test('pod lifecycle: created, scheduled, Ready, not Ready, deletion requested, terminated, removed', () => {
  const cases: { name: string; before: KubeObject[]; after: KubeObject[]; want: RegExp[] }[] = [
    { name: 'created', before: [], after: [webPod('web-1', { node: null, ip: null, ready: false })], want: [/^pod-created Pod\/web-1: created, not scheduled yet$/] },
    { name: 'appears Ready on a node', before: [], after: [webPod('web-1')], want: [/^pod-created Pod\/web-1: created on node-a, IP 10\.244\.9\.\d+, Ready$/] },
    { name: 'scheduled', before: [webPod('web-1', { node: null, ip: null, ready: false })], after: [webPod('web-1', { ready: false })], want: [/^pod-scheduled Pod\/web-1: scheduled to node-a, IP /] },
    { name: 'Ready', before: [webPod('web-1', { ready: false })], after: [webPod('web-1')], want: [/^pod-ready Pod\/web-1: Ready \(IP /] },
    { name: 'not Ready', before: [webPod('web-1')], after: [webPod('web-1', { ready: false })], want: [/^pod-not-ready Pod\/web-1: no longer Ready$/] },
    { name: 'deletion requested, no preStop', before: [webPod('web-1')], after: [webPod('web-1', { terminating: true })], want: [/^pod-deletion-requested Pod\/web-1: deletion requested: grace 30s, no preStop hook: SIGTERM at once/] },
    { name: 'deletion requested, preStop', before: [webPod('web-1', { preStop: true })], after: [webPod('web-1', { terminating: true, preStop: true })], want: [/^pod-deletion-requested Pod\/web-1: deletion requested: grace 30s, preStop app: sleep 5s$/] },
    { name: 'terminated', before: [webPod('web-1')], after: [webPod('web-1', { phase: 'Failed', ready: false })], want: [/^pod-not-ready /, /^pod-terminated Pod\/web-1: phase Failed$/] },
    { name: 'removed after terminating', before: [webPod('web-1', { terminating: true })], after: [], want: [/^pod-removed Pod\/web-1: removed$/] },
    { name: 'gone without terminating', before: [webPod('web-1')], after: [], want: [/^pod-removed Pod\/web-1: removed without being seen terminating/] },
  ];
  for (const c of cases) {
    const got = lines(facts(run([service(), ...c.before], [service(), ...c.after])));
    assert.equal(got.length, c.want.length, `${c.name}: ${got.join(' | ')}`);
    c.want.forEach((re, i) => assert.match(got[i] as string, re, c.name));
  }
});

test('a pod relabelled out of the selector is no longer selected, not removed', () => {
  const p = webPod('web-1');
  const moved = { ...p, metadata: { ...p.metadata, labels: { app: 'debug' } } };
  assert.deepEqual(lines(run([service(), p], [service(), moved])), ['pod-removed Pod/web-1: no longer selected: its labels do not match the selector']);
});

test('endpoints: added, removed, condition changes, and what they mean for the pod', () => {
  const p = webPod('web-1');
  const added = run([service(), p, sliceOf([])], [service(), p, sliceOf([[p]])]);
  assert.deepEqual(kinds(added), ['endpoint-added']);
  assert.match(added[0]?.message ?? '', /^endpoint 10\.244\.9\.\d+ added: ready$/);
  assert.equal(added[0]?.object?.name, 'web-1', 'an endpoint line names its pod');

  const dying = webPod('web-1', { terminating: true });
  const flipped = run([service(), dying, sliceOf([[p]])], [service(), dying, sliceOf([[dying, { ready: false, serving: true, terminating: true }]])]);
  assert.deepEqual(kinds(flipped), ['endpoint-conditions', 'pod-left-ready-set', 'pod-serving-while-terminating']);
  assert.match(flipped[0]?.message ?? '', /: ready → not ready, serving, terminating$/);
  assert.match(flipped[1]?.message ?? '', /kube-proxy stops choosing it/);
  assert.equal(flipped[0]?.details.readyBefore, true);

  const gone = run([service(), sliceOf([[dying, { ready: false, serving: true, terminating: true }]])], [service(), sliceOf([])]);
  assert.deepEqual(kinds(gone), ['endpoint-removed', 'rollout-complete'], 'the last terminating endpoint gone settles it');
});

test('headless: leaving the ready set is about DNS answers', () => {
  const p = webPod('web-1');
  const dying = webPod('web-1', { terminating: true });
  const s = service({ headless: true });
  const cs = run([s, dying, sliceOf([[p]])], [s, dying, sliceOf([[dying, { ready: false, serving: true, terminating: true }]])]);
  assert.match(cs.find((c) => c.kind === 'pod-left-ready-set')?.message ?? '', /DNS stops returning its IP/);
  assert.match(cs.find((c) => c.kind === 'pod-serving-while-terminating')?.message ?? '', /clients that resolved its IP/);
});

test('no endpoint lines when the slices were not read', () => {
  const p = webPod('web-1');
  const before = world([service(), p]);
  const after = world([service(), webPod('web-1', { ready: false })]);
  before.known = before.known.filter((k) => k !== 'EndpointSlice');
  after.known = after.known.filter((k) => k !== 'EndpointSlice');
  assert.deepEqual(kinds(diff(before, after, SVC, AT)), ['pod-not-ready']);
});

test('selector changes, and the target going away', () => {
  const s2 = service({ selector: { app: 'web', tier: 'front' } });
  assert.deepEqual(lines(run([service()], [s2])), ['selector-changed Service/web: selector app=web → app=web,tier=front']);
  assert.deepEqual(lines(run([service()], [])), ['selector-changed Service/web: service/web is gone: it selects nothing now']);
});

test('ReplicaSet counts during a rollout, and a new ReplicaSet appearing', () => {
  const p = webPod('web-1');
  const scaled: Workload = { ...RS_OLD, spec: { ...RS_OLD.spec, replicas: 3 } };
  assert.deepEqual(lines(run([service(), D, RS_OLD, p], [service(), D, scaled, p])), ['replicas-changed ReplicaSet/web-old: desired 4 → 3, current 4, ready 4']);
  const fresh = rsOf(D, 'new', { replicas: 1 });
  assert.deepEqual(lines(run([service(), D, RS_OLD, p], [service(), D, RS_OLD, fresh, p])), ['replicas-changed ReplicaSet/web-new: appeared: desired 1, current 0, ready 0']);
});

test('rollout started when a workload starts progressing, complete when nothing of the old pods is left', () => {
  const p = webPod('web-1');
  const settled = [service(), D, RS_OLD, p, controllerSlice([p])];
  const bumped: Workload = { ...D, metadata: { ...D.metadata, generation: 2 } };
  const started = run(settled, [service(), bumped, RS_OLD, p, controllerSlice([p])]);
  assert.deepEqual(lines(started), ['rollout-started Deployment/web: rollout started: deployment/web waiting for the Deployment controller to observe the new spec']);

  const dying = webPod('web-1', { terminating: true });
  const rsNew = rsOf(D, 'new', { replicas: 4 });
  const fresh = webPod('web-2', {}, rsNew);
  const old0 = { ...RS_OLD, spec: { ...RS_OLD.spec, replicas: 0 } };
  const draining = [service(), D, old0, rsNew, controllerSlice([dying, fresh]), dying, fresh];
  const halfway = run([service(), D, old0, rsNew, controllerSlice([fresh]), webPod('web-1'), fresh], draining);
  assert.ok(!kinds(halfway).some((k) => k.startsWith('rollout-')), 'the old pod still terminating: not settled');
  const done = run(draining, [service(), D, old0, rsNew, controllerSlice([fresh]), fresh]);
  assert.equal(done[done.length - 1]?.kind, 'rollout-complete');
  assert.match(done[done.length - 1]?.message ?? '', /^rollout complete: deployment\/web 4 of 4 updated, 4 available; no old pod left$/);
});

test('lines come in a fixed order: pods by name as people count (web-2 before web-10), endpoints by address', () => {
  const ps = ['web-10', 'web-2', 'web-1'].map((name) => webPod(name, { ready: false }));
  const cs = facts(run([service(), ...ps], [service(), ...ps.map((p) => webPod(p.metadata?.name as string))]));
  assert.deepEqual(cs.map((c) => c.object?.name), ['web-1', 'web-2', 'web-10']);
  assert.deepEqual(run([service(), ...ps], [service()]), run([service(), ...ps], [service()]), 'the same input gives the same lines');
});

test('an address reused by a new pod: the old endpoint is removed and the new one added', () => {
  const old = webPod('web-1', { ip: '10.244.1.0', terminating: true });
  const fresh = webPod('web-2', { ip: '10.244.1.0' });
  const cs = run([service(), old, sliceOf([[old, { ready: false, serving: true, terminating: true }]])], [service(), fresh, sliceOf([[fresh]])]);
  assert.deepEqual(cs.filter((c) => c.kind.startsWith('endpoint-')).map((c) => `${c.kind} ${c.object?.name}`), ['endpoint-removed web-1', 'endpoint-added web-2']);
});
