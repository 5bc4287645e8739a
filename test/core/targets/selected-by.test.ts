// A Pod in reverse: every object whose selector matches it, by each kind's rule, whether
// it is in the pod's owner chain, the StatefulSet name rule (trap 15) and autoscalers
// through their scale target (§6.9).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOwnershipGraph, ownerChain } from '../../../src/core/ownership.ts';
import { selectedBy } from '../../../src/core/targets/selected-by.ts';
import type { KubeObject, Pod } from '../../../src/core/types.ts';
import { cronjob, deploy, ds, hpa, job, jobOf, live, netpol, pdb, pod, podOf, rc, rsOf, sts, svc } from '../builders.ts';

function reverse(objects: KubeObject[], p: Pod) {
  const s = live([...objects, p]);
  return selectedBy(s, p, ownerChain(buildOwnershipGraph(s), p));
}

const brief = (ms: ReturnType<typeof selectedBy>) => ms.map((m) => `${m.object.kind}/${m.object.name}${m.owner ? ' (owner)' : ''}`);

test('every selecting kind, with the owner flag on the pod\'s own controllers', () => {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const r = rsOf(d, 'h1');
  const p = podOf(r, 'web-h1-a');
  const objects: KubeObject[] = [
    d, r,
    svc('web', { selector: { app: 'web' } }), svc('other', { selector: { app: 'other' } }), svc('selectorless', { selector: null }), svc('empty', { selector: {} }),
    deploy('twin', { podLabels: { app: 'web' } }),
    sts('web', { podLabels: { app: 'web' } }), ds('web', { podLabels: { app: 'web' } }), rc('web', { podLabels: { app: 'web' } }),
    job('web', { manualSelector: true, selector: { matchLabels: { app: 'web' } }, podLabels: { app: 'web' } }), job('generated'),
    netpol('all'), netpol('web', { podSelector: { matchLabels: { app: 'web' } } }), netpol('db', { podSelector: { matchLabels: { app: 'db' } } }),
    pdb('null', { selector: null }), pdb('all', { selector: {} }), pdb('web', { selector: { matchLabels: { app: 'web' } } }),
    svc('elsewhere', { ns: 'prod', selector: { app: 'web' } }),
  ];
  assert.deepEqual(brief(reverse(objects, p)), [
    'Service/web',
    'Deployment/web (owner)', 'Deployment/twin',
    'ReplicaSet/web-h1 (owner)',
    'StatefulSet/web', 'DaemonSet/web', 'Job/web', 'ReplicationController/web',
    'NetworkPolicy/all', 'NetworkPolicy/web',
    'PodDisruptionBudget/all', 'PodDisruptionBudget/web',
  ]);
});

test('fields, selectors, controller kinds and the labels that matched', () => {
  const p = pod('p', { labels: { app: 'web', tier: 'fe' } });
  const ms = reverse([svc('web', { selector: { app: 'web' } }), netpol('all'), deploy('d', { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] } })], p);
  const byKind = Object.fromEntries(ms.map((m) => [m.object.kind, m]));
  assert.equal(byKind.Service?.field, 'spec.selector');
  assert.equal(byKind.Service?.selector, 'app=web');
  assert.equal(byKind.Service?.controllerKind, false);
  assert.deepEqual(byKind.Service?.matchedBy, ['app=web']);
  assert.equal(byKind.NetworkPolicy?.field, 'spec.podSelector');
  assert.equal(byKind.NetworkPolicy?.selector, '<empty: matches everything>');
  assert.deepEqual(byKind.NetworkPolicy?.matchedBy, []);
  assert.equal(byKind.Deployment?.controllerKind, true);
  assert.equal(byKind.Deployment?.owner, false);
  assert.deepEqual(byKind.Deployment?.matchedBy, ['app=web', 'no label track (NotIn matches a missing key)']);
  assert.ok(ms.every((m) => m.object.namespace === 'default'));
});

test('a StatefulSet whose selector matches a pod not named <sts>-<ordinal> says it never claims it', () => {
  const st = sts('db', { podLabels: { app: 'db' } });
  const cases: [Pod, string | null][] = [
    [podOf(st, 'db-0'), null],
    [podOf(st, 'db-12'), null],
    [pod('db-backup', { labels: { app: 'db' } }), 'the StatefulSet never claims it: it claims only pods named db-<ordinal>'],
    [pod('dbx-0', { labels: { app: 'db' } }), 'the StatefulSet never claims it: it claims only pods named db-<ordinal>'],
    [pod('db-0-copy', { labels: { app: 'db' } }), 'the StatefulSet never claims it: it claims only pods named db-<ordinal>'],
  ];
  for (const [p, note] of cases) {
    const m = reverse([st], p).find((x) => x.object.kind === 'StatefulSet');
    assert.equal(m?.note, note, String(p.metadata?.name));
  }
});

test('autoscalers appear through the scale target that selects the pod', () => {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const r = rsOf(d, 'h1');
  const p = podOf(r, 'web-h1-a');
  const ms = reverse([d, r, hpa('web', { kind: 'Deployment', name: 'web' }), hpa('other', { kind: 'Deployment', name: 'other' }), hpa('rs', { kind: 'ReplicaSet', name: 'web-h1' })], p);
  const hpas = ms.filter((m) => m.object.kind === 'HorizontalPodAutoscaler');
  assert.deepEqual(hpas.map((m) => [m.object.name, m.field, m.selector]), [
    ['web', 'scaleTargetRef Deployment/web', 'app=web'],
    ['rs', 'scaleTargetRef ReplicaSet/web-h1', 'app=web,pod-template-hash=h1'],
  ]);
  assert.ok(hpas.every((m) => !m.owner && !m.controllerKind));
});

test('a CronJob pod is selected by its Job, and owned through Job and CronJob', () => {
  const cj = cronjob('nightly');
  const j = jobOf(cj, '1');
  const ms = reverse([cj, j], podOf(j, 'nightly-1-a'));
  assert.deepEqual(brief(ms), ['Job/nightly-1 (owner)']);
});

test('a bare pod is owned by nothing that selects it', () => {
  const ms = reverse([deploy('web', { podLabels: { app: 'web' } }), svc('web')], pod('debug', { labels: { app: 'web' } }));
  assert.deepEqual(brief(ms), ['Service/web', 'Deployment/web']);
});
