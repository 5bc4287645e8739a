// Resolving a target to the pods it selects: namespace + label selector only (trap 4);
// a CronJob through the Jobs whose controllerRef names it (trap 15); an HPA through its
// scale target's selector (§6.9); an Ingress through its backend Services (§6.7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kind } from '../../../src/core/snapshot.ts';
import { jobsOfCronJob, listOrder, podsMatching, resolveTarget, selectorOf } from '../../../src/core/targets/resolve.ts';
import type { KubeObject, Pod } from '../../../src/core/types.ts';
import {
  cronjob, deploy, ds, hpa, ing, job, jobOf, live, names, netpol, offline, pdb, pod, podOf, rc, rs, rsOf, snapshot, sts, svc, uidFor,
} from '../builders.ts';

const resolve = (objects: KubeObject[], kind: Kind, name: string, ns = 'default') => resolveTarget(live(objects), { kind, name, namespace: ns });

test('selection is namespace + labels: other namespaces and ownership play no part', () => {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const foreign = deploy('other', { podLabels: { app: 'web', team: 'x' } });
  const objects = [
    d, svc('web'),
    podOf(d, 'web-1'),
    podOf(foreign, 'other-1'),
    pod('bare', { labels: { app: 'web' } }),
    pod('web-in-prod', { ns: 'prod', labels: { app: 'web' } }),
    pod('unlabelled', { labels: {} }),
  ];
  for (const [kind, name] of [['Deployment', 'web'], ['Service', 'web']] as const) {
    const r = resolve(objects, kind, name);
    assert.deepEqual(names(r.pods), ['bare', 'other-1', 'web-1'], kind);
    assert.equal(r.target.namespace, 'default');
    assert.equal(r.target.uid, uidFor(kind, name));
  }
  assert.deepEqual(names(resolve(objects, 'Service', 'web', 'prod').pods), [], 'no Service web in prod');
  assert.deepEqual(names(resolve([...objects, svc('web', { ns: 'prod' })], 'Service', 'web', 'prod').pods), ['web-in-prod']);
});

test('every selecting kind resolves by its own rule', () => {
  const objects: KubeObject[] = [
    pod('a-1', { labels: { app: 'a' } }), pod('b-1', { labels: { app: 'b' } }), pod('none', { labels: {} }),
    svc('sel', { selector: { app: 'a' } }), svc('nosel', { selector: null }), svc('emptysel', { selector: {} }),
    deploy('d', { podLabels: { app: 'a' } }), rs('r', { podLabels: { app: 'a' } }), sts('s', { podLabels: { app: 'a' } }),
    ds('x', { podLabels: { app: 'a' } }), job('j', { manualSelector: true, selector: { matchLabels: { app: 'a' } }, podLabels: { app: 'a' } }),
    rc('c', { podLabels: { app: 'a' } }),
    netpol('np-all'), netpol('np-empty', { podSelector: {} }), netpol('np-b', { podSelector: { matchLabels: { app: 'b' } } }),
    pdb('pdb-null', { selector: null }), pdb('pdb-all', { selector: {} }), pdb('pdb-a', { selector: { matchLabels: { app: 'a' } } }),
    deploy('d-noselector', { selector: null, podLabels: { app: 'a' } }),
  ];
  const cases: [Kind, string, string[]][] = [
    ['Service', 'sel', ['a-1']],
    ['Service', 'nosel', []],
    ['Service', 'emptysel', []],
    ['Deployment', 'd', ['a-1']],
    ['ReplicaSet', 'r', ['a-1']],
    ['StatefulSet', 's', ['a-1']],
    ['DaemonSet', 'x', ['a-1']],
    ['Job', 'j', ['a-1']],
    ['ReplicationController', 'c', ['a-1']],
    ['NetworkPolicy', 'np-all', ['a-1', 'b-1', 'none']],
    ['NetworkPolicy', 'np-empty', ['a-1', 'b-1', 'none']],
    ['NetworkPolicy', 'np-b', ['b-1']],
    ['PodDisruptionBudget', 'pdb-null', []],
    ['PodDisruptionBudget', 'pdb-all', ['a-1', 'b-1', 'none']],
    ['PodDisruptionBudget', 'pdb-a', ['a-1']],
    ['Deployment', 'd-noselector', []],
  ];
  for (const [kind, name, want] of cases) {
    const r = resolve(objects, kind, name);
    assert.ok(r.object, `${kind}/${name} found`);
    assert.deepEqual(names(r.pods), want, `${kind}/${name}`);
    assert.ok(r.selector, `${kind}/${name} has a selector spec`);
  }
  assert.deepEqual(resolve(objects, 'Service', 'sel').services.map((s) => s.metadata?.name), ['sel']);
  assert.deepEqual(resolve(objects, 'Deployment', 'd').services, []);
});

test('a Job with its generated selector selects only its own pods, not a same-labelled pod', () => {
  const j = job('pi', { podLabels: { app: 'pi' } });
  const r = resolve([j, podOf(j, 'pi-x'), pod('pi-lookalike', { labels: { app: 'pi', 'job-name': 'pi' } })], 'Job', 'pi');
  assert.deepEqual(names(r.pods), ['pi-x']);
  assert.equal(r.selector?.text, `batch.kubernetes.io/controller-uid=${uidFor('Job', 'pi')}`);
});

test('a missing target resolves to nothing, with its ref in the queried namespace', () => {
  const r = resolve([pod('p')], 'Service', 'ghost', 'prod');
  assert.equal(r.object, null);
  assert.equal(r.selector, null);
  assert.deepEqual(r.pods, []);
  assert.deepEqual(r.target, { kind: 'Service', name: 'ghost', namespace: 'prod' });
});

test('a Pod target has no selector and selects nothing itself', () => {
  const r = resolve([pod('p')], 'Pod', 'p');
  assert.ok(r.object);
  assert.equal(r.selector, null);
  assert.deepEqual(r.pods, []);
  assert.equal(selectorOf('Pod', pod('p')), null);
  assert.equal(selectorOf('CronJob', cronjob('c')), null);
});

test('CronJob → its Jobs by controllerRef NAME (not UID) → their pods (trap 15)', () => {
  const cj = cronjob('nightly', { uid: 'cj-now' });
  const predecessor = cronjob('nightly', { uid: 'cj-before' });
  const j1 = jobOf(cj, '100');
  const j2 = jobOf(predecessor, '090'); // same name, other UID: the CronJob controller still counts it
  const other = jobOf(cronjob('weekly'), '100');
  const manual = job('nightly-manual', { podLabels: { app: 'nightly' } }); // no controllerRef
  const inProd = jobOf(cronjob('nightly', { ns: 'prod' }), '100');
  const objects = [cj, j1, j2, other, manual, inProd, podOf(j1, 'nightly-100-a'), podOf(j1, 'nightly-100-b'), podOf(j2, 'nightly-090-a'),
    podOf(other, 'weekly-100-a'), podOf(manual, 'nightly-manual-a'), podOf(inProd, 'nightly-100-p')];
  const s = live(objects);
  assert.deepEqual(names(jobsOfCronJob(s, cj, 'default')), ['nightly-090', 'nightly-100']);
  const r = resolve(objects, 'CronJob', 'nightly');
  assert.deepEqual(r.via.map((v) => `${v.kind}/${v.name}`), ['Job/nightly-090', 'Job/nightly-100']);
  assert.deepEqual(names(r.pods), ['nightly-090-a', 'nightly-100-a', 'nightly-100-b']);
  assert.equal(r.selector, null);
  assert.match(r.notes.join(' '), /no selector/);
});

test('offline, a CronJob\'s template pod stands for its Jobs\' pods', () => {
  const cj = cronjob('nightly');
  const r = resolveTarget(offline([cj]), { kind: 'CronJob', name: 'nightly', namespace: 'default' });
  assert.deepEqual(names(r.pods), ['nightly-(cronjob-template)']);
  assert.deepEqual(r.via, []);
});

test('HPA → its scale target\'s selector (the /scale status.selector)', () => {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const r0 = rsOf(d, 'h1');
  const objects: KubeObject[] = [d, r0, podOf(r0, 'web-h1-a'), pod('stray', { labels: { app: 'web' } }), pod('db', { labels: { app: 'db' } }),
    sts('db', { podLabels: { app: 'db' } }), rc('legacy', { podLabels: { app: 'legacy' } }), pod('legacy-1', { labels: { app: 'legacy' } }),
    hpa('web', { kind: 'Deployment', name: 'web' }), hpa('db', { kind: 'StatefulSet', name: 'db' }), hpa('legacy', { kind: 'ReplicationController', name: 'legacy', apiVersion: 'v1' }),
    hpa('ghost', { kind: 'Deployment', name: 'gone' }), hpa('custom', { kind: 'Rollout', name: 'web', apiVersion: 'argoproj.io/v1alpha1' }),
    hpa('rs', { kind: 'ReplicaSet', name: 'web-h1' })];
  const web = resolve(objects, 'HorizontalPodAutoscaler', 'web');
  assert.deepEqual(names(web.pods), ['stray', 'web-h1-a'], 'the Deployment selector, overlap included');
  assert.deepEqual(web.via.map((v) => `${v.kind}/${v.name}`), ['Deployment/web']);
  assert.equal(web.selector?.form, 'derived');
  assert.equal(web.selector?.text, 'app=web');
  assert.match(web.selector?.field ?? '', /^Deployment\/web spec\.selector/);
  assert.deepEqual(names(resolve(objects, 'HorizontalPodAutoscaler', 'db').pods), ['db']);
  assert.deepEqual(names(resolve(objects, 'HorizontalPodAutoscaler', 'legacy').pods), ['legacy-1']);
  assert.deepEqual(names(resolve(objects, 'HorizontalPodAutoscaler', 'rs').pods), ['web-h1-a']);

  const ghost = resolve(objects, 'HorizontalPodAutoscaler', 'ghost');
  assert.deepEqual(ghost.pods, []);
  assert.equal(ghost.selector, null);
  assert.deepEqual(ghost.via, [{ kind: 'Deployment', name: 'gone', namespace: 'default' }]);
  assert.match(ghost.notes.join(' '), /Deployment\/gone does not exist/);

  const custom = resolve(objects, 'HorizontalPodAutoscaler', 'custom');
  assert.deepEqual(custom.pods, []);
  assert.match(custom.notes.join(' '), /Rollout\/web is not a kind this tool reads/);
});

test('Ingress → its backend Services (defaultBackend and rules) → their pods', () => {
  const objects: KubeObject[] = [
    svc('front', { selector: { app: 'front' } }), svc('api', { selector: { app: 'api' } }), svc('external', { selector: null }),
    pod('front-1', { labels: { app: 'front' } }), pod('api-1', { labels: { app: 'api' } }), pod('api-2', { labels: { app: 'api' } }),
    pod('other', { labels: { app: 'other' } }),
    ing('site', { defaultBackend: 'front', rules: [{ host: 'x.example', path: '/api', service: 'api', port: 'http' }, { host: 'x.example', path: '/v2', service: 'api', port: 8080 }, { path: '/ext', service: 'external' }, { path: '/gone', service: 'missing' }] }),
  ];
  const r = resolve(objects, 'Ingress', 'site');
  assert.deepEqual(r.backends, [
    { rule: 'default backend', service: 'front', port: 80, resource: null },
    { rule: 'x.example/api', service: 'api', port: 'http', resource: null },
    { rule: 'x.example/v2', service: 'api', port: 8080, resource: null },
    { rule: '*/ext', service: 'external', port: 80, resource: null },
    { rule: '*/gone', service: 'missing', port: 80, resource: null },
  ]);
  assert.deepEqual(r.services.map((s) => s.metadata?.name), ['front', 'api', 'external'], 'each Service once');
  assert.deepEqual(r.via.map((v) => `${v.kind}/${v.name}`), ['Service/front', 'Service/api', 'Service/external']);
  assert.deepEqual(names(r.pods), ['api-1', 'api-2', 'front-1']);
  assert.match(r.notes.join(' '), /Service missing does not exist in namespace default/);
  // When Services could not be listed, a missing one is unknown rather than absent.
  const unread = resolveTarget(snapshot(objects, { known: [] }), { kind: 'Ingress', name: 'site', namespace: 'default' });
  assert.match(unread.notes.join(' '), /Service missing is not in the input/);
});

test('an Ingress backend in another namespace is not looked up: backends name Services in the Ingress\'s namespace', () => {
  const objects = [svc('api', { ns: 'other', selector: { app: 'api' } }), pod('api-1', { ns: 'other', labels: { app: 'api' } }), ing('site', { defaultBackend: 'api' })];
  const r = resolve(objects, 'Ingress', 'site');
  assert.deepEqual(r.services, []);
  assert.deepEqual(r.pods, []);
});

test('List order is byte-wise name order (the order of etcd keys), not locale order', () => {
  const order = (ns: string[]) => names(listOrder(ns.map((n) => pod(n))));
  assert.deepEqual(order(['web-b', 'web-a', 'Web-c', 'web-10', 'web-9', 'web-(deployment-template)']), ['Web-c', 'web-(deployment-template)', 'web-10', 'web-9', 'web-a', 'web-b']);
  const s = live([pod('z', { labels: { app: 'web' } }), pod('a', { labels: { app: 'web' } }), pod('m', { labels: { app: 'web' } })]);
  const spec = selectorOf('Service', svc('web'));
  assert.deepEqual(names(podsMatching(s, 'default', spec) as Pod[]), ['a', 'm', 'z']);
  assert.deepEqual(podsMatching(s, 'default', null), []);
});
