// analyze(snapshot, query, now) -> Report: the report's shape and counts, targets that do
// not exist, a Pod in reverse, the kubectl commands predicted, and purity (now is passed
// in; the snapshot is not changed; the same input gives the same report).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, defaultCommands, KUBECTL_KINDS } from '../../src/core/analyze.ts';
import { REPORT_KIND, SCHEMA_VERSION, type Report } from '../../src/core/report.ts';
import type { Kind } from '../../src/core/snapshot.ts';
import { cronjob, deploy, endpointFor, hpa, ids, ing, jobOf, live, netpol, node, NOW, offline, pdb, pod, podOf, query, rsOf, run, slice, svc } from './builders.ts';
import { xdmodLive, xdmodOffline } from './scenarios.ts';

function countsMatch(r: Report) {
  for (const sev of ['error', 'warning', 'info'] as const) assert.equal(r.summary.findings[sev], r.findings.filter((f) => f.severity === sev).length, sev);
}

test('report shape: kind, schemaVersion, time from `now`, kubectl version, source', () => {
  const q = query('Service', 'mariadb', { minor: 30 });
  q.source = { context: 'prod', cluster: 'c1', inputs: ['live'], problems: [] };
  const r = analyze(xdmodLive(), q, NOW);
  assert.equal(r.kind, REPORT_KIND);
  assert.equal(r.schemaVersion, SCHEMA_VERSION);
  assert.equal(r.schemaVersion, 1);
  assert.equal(r.generatedAt, NOW.toISOString());
  assert.deepEqual(r.kubectlVersion, { version: 'v1.30.0', from: 'test' });
  assert.deepEqual(r.source, { origin: 'live', namespace: 'default', gaps: [], context: 'prod', cluster: 'c1', inputs: ['live'], problems: [] });
  assert.deepEqual(Object.keys(r), ['kind', 'schemaVersion', 'generatedAt', 'kubectlVersion', 'source', 'target', 'selection', 'owners', 'routing', 'kubectl', 'selectedBy', 'nearMisses', 'findings', 'summary']);
});

test('xdmod: target, selection, owners, routing, kubectl, summary', () => {
  const r = run(xdmodLive(), 'Service', 'mariadb');
  assert.equal(r.target.found, true);
  assert.deepEqual(r.target.selector, { field: 'spec.selector', text: 'app=xdmod', meaning: 'map selector: pods with all of these labels, in the Service\'s namespace', requirements: ['app=xdmod'], error: null });
  assert.deepEqual(r.selection.map((v) => v.ref.name), ['mariadb-5d8f7c-x2x7q', 'moc-xdmod-6b9d4f-9kq2w']);
  assert.deepEqual(r.owners.map((g) => [g.owner.name, g.isTarget, g.pods]), [
    ['mariadb', false, ['replicaset/mariadb-5d8f7c → pod/mariadb-5d8f7c-x2x7q']],
    ['moc-xdmod', false, ['replicaset/moc-xdmod-6b9d4f → pod/moc-xdmod-6b9d4f-9kq2w']],
  ]);
  assert.deepEqual(r.routing.map((x) => x.service.name), ['mariadb']);
  assert.deepEqual(r.kubectl.map((k) => k.commandLine), [
    'kubectl logs service/mariadb', 'kubectl exec service/mariadb',
    'kubectl logs deploy/mariadb', 'kubectl exec deploy/mariadb', 'kubectl logs deploy/moc-xdmod', 'kubectl exec deploy/moc-xdmod',
  ], 'the workloads behind a Service spanning several are predicted too');
  assert.deepEqual(ids(r), ['kubectl-picks-foreign-pod', 'overlapping-selectors', 'selects-several-workloads', 'target-port-not-declared']);
  assert.deepEqual(r.summary, { selected: 2, templates: 0, owners: 2, findings: { error: 0, warning: 4, info: 0 } });
  countsMatch(r);
  const off = run(xdmodOffline(), 'Service', 'mariadb');
  assert.deepEqual(off.summary, { selected: 2, templates: 2, owners: 2, findings: { error: 0, warning: 5, info: 0 } });
  assert.deepEqual(off.owners.map((g) => g.pods), [['pod template'], ['pod template']]);
});

test('the fixed xdmod has none of the findings', () => {
  for (const s of [xdmodLive(true), xdmodOffline(true)]) {
    for (const [kind, name] of [['Service', 'mariadb'], ['Deployment', 'moc-xdmod'], ['Deployment', 'mariadb']] as const) {
      const r = run(s, kind, name);
      assert.deepEqual(r.findings, [], `${s.origin} ${kind}/${name}: ${r.findings.map((f) => f.id).join(', ')}`);
      assert.equal(r.summary.owners, 1);
    }
  }
});

test('owner groups: the target\'s own group is marked; bare pods form one group', () => {
  const d = deploy('web');
  const r0 = rsOf(d, 'h1');
  const r = run(live([d, r0, podOf(r0, 'web-h1-a'), pod('debug', { labels: { app: 'web' } })]), 'Deployment', 'web');
  assert.deepEqual(r.owners.map((g) => [`${g.owner.kind}/${g.owner.name}`, g.isTarget, g.pods]), [
    ['Pod/(bare pods)', false, ['pod/debug']],
    ['Deployment/web', true, ['replicaset/web-h1 → pod/web-h1-a']],
  ]);
  assert.equal(r.summary.owners, 2);
});

test('a target that does not exist: found false, no selection, no kubectl, no findings', () => {
  const r = run(xdmodLive(), 'Deployment', 'ghost', { ns: 'prod' });
  assert.equal(r.target.found, false);
  assert.deepEqual(r.target.ref, { kind: 'Deployment', name: 'ghost', namespace: 'prod' });
  assert.equal(r.target.selector, null);
  assert.deepEqual([r.selection, r.owners, r.routing, r.kubectl, r.findings, r.nearMisses], [[], [], [], [], [], []]);
  assert.deepEqual(r.summary, { selected: 0, templates: 0, owners: 0, findings: { error: 0, warning: 0, info: 0 } });
  assert.equal(r.source.namespace, 'prod');
});

test('a Pod target: who selects it, and every Service\'s routing', () => {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const r0 = rsOf(d, 'h1');
  const p = podOf(r0, 'web-h1-a');
  const objects = [d, r0, p, node('node-a'), svc('web', { selector: { app: 'web' } }), svc('all-web', { selector: { app: 'web' } }), svc('other', { selector: { app: 'x' } }),
    slice('web-1', 'web', { endpoints: [endpointFor(p)] }), slice('all-web-1', 'all-web', { endpoints: [endpointFor(p)] }), pdb('web', { selector: {} })];
  const r = run(live(objects), 'Pod', 'web-h1-a');
  assert.deepEqual(r.selection.map((v) => v.ref.name), ['web-h1-a']);
  assert.equal(r.selection[0]?.ownedByTarget, null);
  assert.deepEqual(r.selectedBy.map((m) => `${m.object.kind}/${m.object.name}${m.owner ? '*' : ''}`), ['Service/web', 'Service/all-web', 'Deployment/web*', 'ReplicaSet/web-h1*', 'PodDisruptionBudget/web']);
  assert.deepEqual(r.routing.map((x) => x.service.name), ['web', 'all-web']);
  assert.deepEqual(r.kubectl.map((k) => [k.commandLine, k.pod?.name]), [['kubectl logs pod/web-h1-a', 'web-h1-a'], ['kubectl exec pod/web-h1-a', 'web-h1-a']]);
  assert.equal(r.target.selector, null);
  assert.deepEqual(r.findings, []);
});

test('kubectl commands: logs and exec by default for kinds kubectl reads, none for others; explicit commands win', () => {
  assert.deepEqual(defaultCommands({ kind: 'Deployment', name: 'web', namespace: 'default' }, 'deploy'), [
    { command: 'logs', commandLine: 'kubectl logs deploy/web' }, { command: 'exec', commandLine: 'kubectl exec deploy/web' },
  ]);
  const d = deploy('web');
  const objects = [d, svc('web'), pdb('web', { selector: { matchLabels: { app: 'web' } } }), netpol('web'), hpa('web', { kind: 'Deployment', name: 'web' }), ing('web', { defaultBackend: 'web' }), cronjob('nightly')];
  const s = offline(objects);
  const cases: [Kind, string, number][] = [
    ['Deployment', 'web', 2], ['Service', 'web', 2], ['CronJob', 'nightly', 2],
    ['PodDisruptionBudget', 'web', 0], ['NetworkPolicy', 'web', 0], ['HorizontalPodAutoscaler', 'web', 0], ['Ingress', 'web', 0],
  ];
  for (const [kind, name, n] of cases) {
    assert.equal(run(s, kind, name).kubectl.length, n, `${kind}/${name}`);
    assert.equal(KUBECTL_KINDS.has(kind), n > 0, kind);
  }
  const pf = run(xdmodLive(), 'Service', 'mariadb', { commands: [{ command: 'port-forward', commandLine: 'kubectl port-forward svc/mariadb 3306', ports: ['3306'] }] });
  assert.deepEqual(pf.kubectl.map((k) => [k.commandLine, k.pod?.name, k.ports[0]?.remote]), [['kubectl port-forward svc/mariadb 3306', 'mariadb-5d8f7c-x2x7q', 3306]],
    'with port-forward, the workloads behind are not predicted');
});

test('near misses only when nothing is selected', () => {
  const s = live([pod('web-1', { labels: { app: 'web', tier: 'fe' } }), svc('web', { selector: { app: 'web', tier: 'frontend' } }), svc('ok', { selector: { app: 'web' } })]);
  assert.deepEqual(run(s, 'Service', 'web').nearMisses.map((n) => n.pod.name), ['web-1']);
  assert.deepEqual(run(s, 'Service', 'ok').nearMisses, []);
});

test('targets reached through others: CronJob via Jobs, HPA via its scale target, Ingress via Services', () => {
  const cj = cronjob('nightly');
  const j = jobOf(cj, '1');
  const d = deploy('web', { podLabels: { app: 'web' } });
  const s = live([cj, j, podOf(j, 'nightly-1-a'), d, pod('web-x', { labels: { app: 'web' } }), hpa('web', { kind: 'Deployment', name: 'web' }), svc('web', { selector: { app: 'web' } }), ing('site', { defaultBackend: 'web' })]);
  const c = run(s, 'CronJob', 'nightly');
  assert.deepEqual(c.target.via.map((v) => v.name), ['nightly-1']);
  assert.deepEqual(c.selection.map((v) => [v.ref.name, v.ownedByTarget]), [['nightly-1-a', true]]);
  assert.deepEqual(c.owners.map((g) => [g.owner.name, g.isTarget, g.pods]), [['nightly', true, ['job/nightly-1 → pod/nightly-1-a']]]);
  const h = run(s, 'HorizontalPodAutoscaler', 'web');
  assert.equal(h.target.selector?.text, 'app=web');
  assert.deepEqual(h.selection.map((v) => v.ref.name), ['web-x']);
  const i = run(s, 'Ingress', 'site');
  assert.deepEqual(i.target.backends.map((b) => b.service), ['web']);
  assert.deepEqual(i.routing.map((x) => x.service.name), ['web']);
  assert.deepEqual(i.selection.map((v) => v.ref.name), ['web-x']);
});

test('a NetworkPolicy target carries its policy types and peers; others carry none', () => {
  const np = netpol('db', { podSelector: { matchLabels: { app: 'db' } } });
  np.spec = { ...np.spec, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }], policyTypes: undefined };
  const r = run(live([np, pod('web-1'), pod('db-1', { labels: { app: 'db' } })]), 'NetworkPolicy', 'db');
  assert.deepEqual(r.target.policy?.policyTypes, ['Ingress']);
  assert.deepEqual(r.target.policy?.peers.map((p) => [p.peer, p.pods.map((x) => x.name)]), [['pods with app=web in namespace default', ['web-1']]]);
  assert.equal(run(xdmodLive(), 'Service', 'mariadb').target.policy, null);
});

test('pure: the same input gives the same report, and the snapshot is not changed', () => {
  const s = xdmodLive();
  const before = structuredClone(s);
  const a = run(s, 'Service', 'mariadb');
  const b = run(s, 'Service', 'mariadb');
  assert.deepEqual(a, b);
  assert.deepEqual(s, before);
  assert.equal(analyze(s, query('Service', 'mariadb'), new Date('2030-01-01T00:00:00Z')).generatedAt, '2030-01-01T00:00:00.000Z');
});
