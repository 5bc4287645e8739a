// A selected pod as the report shows it: live state for real pods, none for templates,
// the owner chain and whether it reaches the target, adoption evidence, the labels that
// took part in the match, declared ports, probes and preStop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromSet, isSelectorError, type Selector } from '../../../src/core/labels.ts';
import { buildOwnershipGraph } from '../../../src/core/ownership.ts';
import { refOf, type Snapshot } from '../../../src/core/snapshot.ts';
import type { Pod } from '../../../src/core/types.ts';
import { isControllerKind, podView } from '../../../src/core/views/pod-view.ts';
import { at, cronjob, deploy, jobOf, live, node, offline, pod, podOf, rsOf, sts, svc } from '../builders.ts';

const sel = (m: Record<string, string>): Selector => { const s = fromSet(m); assert.ok(!isSelectorError(s)); return s; };
const view = (s: Snapshot, p: Pod, target: Parameters<typeof podView>[3], selector: Selector | null = null) => podView(s, buildOwnershipGraph(s), p, target, selector);

test('a live pod: phase, readiness, node and zone, IP, restarts, times', () => {
  const d = deploy('web');
  const r = rsOf(d, 'h1');
  const p = podOf(r, 'web-h1-a', { readyAt: 7, restarts: 3, node: 'n1', ip: '10.0.0.7', created: 2, deleted: 90 });
  const s = live([d, r, p, node('n1', 'zone-a')]);
  const v = view(s, p, refOf('Deployment', d));
  assert.equal(v.template, false);
  assert.equal(v.phase, 'Running');
  assert.equal(v.ready, true);
  assert.equal(v.readySince, at(7));
  assert.equal(v.terminating, true);
  assert.equal(v.deletionTimestamp, at(90));
  assert.equal(v.node, 'n1');
  assert.equal(v.zone, 'zone-a');
  assert.equal(v.ip, '10.0.0.7');
  assert.equal(v.restarts, 3);
  assert.equal(v.createdAt, at(2));
  assert.deepEqual(v.owners.map((o) => [o.ref.kind, o.ref.name, o.present, o.staleUid]), [['ReplicaSet', 'web-h1', true, false], ['Deployment', 'web', true, false]]);
  assert.equal(v.ownedByTarget, true);
  assert.equal(v.adopted, null);
  assert.deepEqual(v.ports, [{ container: 'app', name: 'http', port: 8080, protocol: 'TCP' }]);
  assert.equal(v.readinessProbe, true);
  assert.equal(v.preStop, 'app: sleep 5s');
  assert.equal(v.terminationGracePeriodSeconds, 30);
});

test('an unready pod is not ready and has no readySince', () => {
  const p = pod('p', { ready: false });
  const v = view(live([p]), p, null);
  assert.equal(v.ready, false);
  assert.equal(v.readySince, null);
});

test('a template pod has no runtime state: phase, readiness and restarts are unknown, not false', () => {
  const d = deploy('web');
  const s = offline([d]);
  const t = s.objects.Pod[0] as Pod;
  const v = view(s, t, refOf('Deployment', d));
  assert.equal(v.template, true);
  assert.equal(v.phase, null);
  assert.equal(v.ready, null);
  assert.equal(v.readySince, null);
  assert.equal(v.restarts, null);
  assert.equal(v.adopted, null, 'a template is never adopted');
  assert.equal(v.ownedByTarget, true);
});

test('ownedByTarget: true, false, or null when the target owns no pods by nature', () => {
  const d = deploy('web');
  const r = rsOf(d, 'h1');
  const other = deploy('other');
  const p = podOf(r, 'web-h1-a');
  const s = live([d, r, other, p]);
  const cases: [Parameters<typeof podView>[3], boolean | null][] = [
    [refOf('Deployment', d), true],
    [refOf('ReplicaSet', r), true],
    [refOf('Deployment', other), false],
    [refOf('Service', svc('web')), null],
    [null, null],
  ];
  for (const [target, want] of cases) assert.equal(view(s, p, target).ownedByTarget, want, target?.kind ?? 'none');
  // A bare pod is owned by no controller target.
  assert.equal(view(s, pod('bare'), refOf('Deployment', d)).ownedByTarget, false);
});

test('a CronJob target owns pods through Jobs whose controllerRef names it (trap 15)', () => {
  const before = cronjob('nightly', { uid: 'before' });
  const now = cronjob('nightly', { uid: 'now' });
  const j = jobOf(before, '1');
  const p = podOf(j, 'nightly-1-x');
  assert.equal(view(live([now, j, p]), p, refOf('CronJob', now)).ownedByTarget, true);
});

test('adoption evidence and stale owners show on the view', () => {
  const st = sts('db');
  const adopted = pod('db-backup', { owner: st, labels: { app: 'db' } });
  assert.match(view(live([st, adopted]), adopted, null).adopted ?? '', /not db-<ordinal>/);
  const old = deploy('web', { uid: 'old' });
  const r = rsOf(old, 'h1');
  const p = podOf(r, 'web-h1-a');
  const v = view(live([deploy('web', { uid: 'new' }), r, p]), p, null);
  assert.deepEqual(v.owners.map((o) => o.staleUid), [false, true]);
});

test('labels are listed with the keys that took part in the match marked', () => {
  const p = pod('p', { labels: { app: 'web', tier: 'fe', extra: 'x' } });
  const v = view(live([p]), p, null, sel({ app: 'web', tier: 'fe' }));
  assert.deepEqual(v.labels, [{ key: 'app', value: 'web', matched: true }, { key: 'tier', value: 'fe', matched: true }, { key: 'extra', value: 'x', matched: false }]);
  assert.ok(view(live([p]), p, null, null).labels.every((l) => !l.matched));
});

test('no readiness probe, no preStop, custom grace period and sidecar probes', () => {
  const p = pod('p', { probe: false, preStop: false });
  const v = view(live([p]), p, null);
  assert.equal(v.readinessProbe, false);
  assert.equal(v.preStop, null);
  const sidecar = pod('s', {
    containers: [{ name: 'app', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 10'] } } } }],
  });
  sidecar.spec = { ...sidecar.spec, terminationGracePeriodSeconds: 60, initContainers: [{ name: 'proxy', restartPolicy: 'Always', readinessProbe: { periodSeconds: 5 }, ports: [{ containerPort: 15001 }] }] };
  const sv = view(live([sidecar]), sidecar, null);
  assert.equal(sv.readinessProbe, true, 'a sidecar init container (restartPolicy Always) counts');
  assert.equal(sv.preStop, 'app: exec sh -c sleep 10');
  assert.equal(sv.terminationGracePeriodSeconds, 60);
  assert.deepEqual(sv.ports, [{ container: 'proxy', name: null, port: 15001, protocol: 'TCP' }]);
  const ordinaryInit = pod('i', { probe: false });
  ordinaryInit.spec = { ...ordinaryInit.spec, initContainers: [{ name: 'setup', readinessProbe: { periodSeconds: 5 } }] };
  assert.equal(view(live([ordinaryInit]), ordinaryInit, null).readinessProbe, false, 'an ordinary init container does not count');
});

test('controller kinds are the kinds that own pods, directly or through Jobs and ReplicaSets', () => {
  for (const k of ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']) assert.equal(isControllerKind(k), true, k);
  for (const k of ['Service', 'PodDisruptionBudget', 'NetworkPolicy', 'HorizontalPodAutoscaler', 'Ingress', 'Pod']) assert.equal(isControllerKind(k), false, k);
});
