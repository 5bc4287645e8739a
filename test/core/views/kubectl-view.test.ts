// Which pod and container `kubectl COMMAND TYPE/NAME` would use, as the report shows it:
// kubectl's own selector reading (trap 9, 11, 36), labels only (trap 4), offline
// uncertainty, ties decided by List order (trap 5), and whether the pod is the target's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandQuery } from '../../../src/core/analyze.ts';
import { buildOwnershipGraph } from '../../../src/core/ownership.ts';
import type { Kind, Snapshot } from '../../../src/core/snapshot.ts';
import { resolveTarget } from '../../../src/core/targets/resolve.ts';
import { kubectlPods, kubectlView } from '../../../src/core/views/kubectl-view.ts';
import { cronjob, deploy, live, names, offline, pod, podOf, rsOf, svc, version } from '../builders.ts';

function viewOf(s: Snapshot, kind: Kind, name: string, c: Partial<CommandQuery> = {}, minor = 32) {
  const r = resolveTarget(s, { kind, name, namespace: 'default' });
  const command = c.command ?? 'logs';
  return kubectlView(s, buildOwnershipGraph(s), r, r.pods, { command, commandLine: `kubectl ${command} ${kind.toLowerCase()}/${name}`, ...c }, version(minor));
}

function xdmodLive() {
  const mariadb = deploy('mariadb', { podLabels: { app: 'xdmod' }, ports: [{ name: 'mysql', containerPort: 3306 }] });
  const xdmod = deploy('moc-xdmod', { podLabels: { app: 'xdmod' } });
  const r1 = rsOf(mariadb, 'aaa');
  const r2 = rsOf(xdmod, 'bbb');
  return live([mariadb, xdmod, r1, r2, podOf(r1, 'mariadb-aaa-1', { readyAt: 5 }), podOf(r2, 'moc-xdmod-bbb-1', { readyAt: 50 })]);
}

test('labels only: kubectl logs deploy/moc-xdmod reads the mariadb pod, ready longer (traps 1, 4)', () => {
  const v = viewOf(xdmodLive(), 'Deployment', 'moc-xdmod');
  assert.equal(v.pod?.name, 'mariadb-aaa-1');
  assert.equal(v.ownedByTarget, false);
  assert.deepEqual(v.owners.map((o) => `${o.kind}/${o.name}`), ['ReplicaSet/mariadb-aaa', 'Deployment/mariadb']);
  assert.equal(v.uncertain, false);
  assert.equal(v.template, false);
  assert.equal(v.container, 'app');
  assert.match(v.decidedBy, /ready the longest/);
  assert.ok(v.messages.includes('Found 2 pods, using pod/mariadb-aaa-1'));
  assert.equal(v.error, null);
  const own = viewOf(xdmodLive(), 'Deployment', 'mariadb');
  assert.equal(own.pod?.name, 'mariadb-aaa-1');
  assert.equal(own.ownedByTarget, true);
});

test('offline: templates make the pick uncertain, with every candidate listed', () => {
  const s = offline([deploy('mariadb', { podLabels: { app: 'xdmod' } }), deploy('moc-xdmod', { podLabels: { app: 'xdmod' } })]);
  const v = viewOf(s, 'Deployment', 'moc-xdmod', { command: 'exec' });
  assert.equal(v.uncertain, true);
  assert.equal(v.template, true);
  assert.deepEqual(names(v.candidates), ['mariadb-(deployment-template)', 'moc-xdmod-(deployment-template)']);
  assert.match(v.decidedBy, /^offline: the selector matches pods of deployment\/mariadb and deployment\/moc-xdmod; .*fewest restarts/);
  assert.ok(!v.messages.some((m) => m.startsWith('Found ')), 'no "Found N pods" line for templates');
});

test('a Pod target is used as named, whatever its labels', () => {
  const p = pod('web-1', { phase: 'Succeeded', ready: false });
  const s = live([p, svc('web')]);
  const logs = viewOf(s, 'Pod', 'web-1');
  assert.equal(logs.pod?.name, 'web-1');
  assert.equal(logs.ownedByTarget, null);
  assert.equal(logs.decidedBy, 'named directly: no selector and no ordering');
  assert.equal(logs.error, null);
  assert.equal(viewOf(s, 'Pod', 'web-1', { command: 'exec' }).error, 'cannot exec into a container in a completed pod; current phase is Succeeded');
});

test('kubectl refuses CronJobs and selectorless Services (trap 9)', () => {
  const cj = viewOf(live([cronjob('nightly')]), 'CronJob', 'nightly');
  assert.equal(cj.pod, null);
  assert.equal(cj.error, 'cannot get the logs from *v1.CronJob: selector for *v1.CronJob not implemented');
  const ex = viewOf(live([svc('web', { selector: null }), pod('p')]), 'Service', 'web', { command: 'exec' });
  assert.equal(ex.error, "cannot attach to *v1.Service: invalid service 'web': Service is defined without a selector");
  assert.equal(viewOf(live([svc('web', { selector: {} })]), 'Service', 'web').error, "cannot get the logs from *v1.Service: invalid service 'web': Service is defined without a selector");
});

test('an ExternalName Service\'s stray selector is still used by kubectl (trap 36)', () => {
  const s = live([svc('db', { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'web' } }), pod('web-1')]);
  const r = resolveTarget(s, { kind: 'Service', name: 'db', namespace: 'default' });
  assert.deepEqual(names(kubectlPods(s, r)), ['web-1']);
  assert.equal(viewOf(s, 'Service', 'db').pod?.name, 'web-1');
});

test('kubectl lists with a nil workload selector as everything (trap 11)', () => {
  const s = live([deploy('broken', { selector: null }), pod('a', { labels: { app: 'x' } }), pod('b', { labels: {} })]);
  const r = resolveTarget(s, { kind: 'Deployment', name: 'broken', namespace: 'default' });
  assert.deepEqual(r.pods, [], 'the consumer rule: nil matches nothing');
  assert.deepEqual(names(kubectlPods(s, r)), ['a', 'b'], 'kubectl sends "" and the API server lists everything');
});

test('no pod yet: kubectl waits for the first to appear', () => {
  const v = viewOf(live([deploy('web')]), 'Deployment', 'web');
  assert.equal(v.pod, null);
  assert.match(v.decidedBy, /no pod matches yet.*for up to 20s/);
  const ex = viewOf(live([deploy('web')]), 'Deployment', 'web', { command: 'exec', podRunningTimeoutSeconds: 5 });
  assert.match(ex.decidedBy, /for up to 5s/);
});

test('ties on every key: List order decides, and the tied pods are the candidates (trap 5)', () => {
  const d = deploy('web');
  const r = rsOf(d, 'h1');
  const s = live([d, r, podOf(r, 'web-h1-b'), podOf(r, 'web-h1-a')]);
  const v = viewOf(s, 'Deployment', 'web');
  assert.equal(v.pod?.name, 'web-h1-a');
  assert.deepEqual(names(v.candidates), ['web-h1-a', 'web-h1-b']);
  assert.match(v.decidedBy, /decided by list order/);
});

test('containers: -c, the default-container annotation and --all-containers', () => {
  const d = deploy('web');
  const r = rsOf(d, 'h1');
  const two = [{ name: 'app' }, { name: 'sidecar' }];
  const p = podOf(r, 'web-h1-a', { containers: two, annotations: { 'kubectl.kubernetes.io/default-container': 'sidecar' } });
  const s = live([d, r, p]);
  assert.equal(viewOf(s, 'Deployment', 'web').container, 'sidecar');
  assert.equal(viewOf(s, 'Deployment', 'web', { container: 'app' }).container, 'app');
  const all = viewOf(s, 'Deployment', 'web', { allContainers: true });
  assert.equal(all.container, null);
  assert.deepEqual(all.containers, ['app', 'sidecar']);
  assert.match(viewOf(s, 'Deployment', 'web', { container: 'nope' }).error ?? '', /container nope is not valid for pod web-h1-a/);
});

test('port-forward: ports translated on the chosen pod, named through the Service', () => {
  const d = deploy('web');
  const r = rsOf(d, 'h1');
  const s = live([d, r, podOf(r, 'web-h1-a'), svc('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] })]);
  const v = viewOf(s, 'Service', 'web', { command: 'port-forward', ports: ['8000:80'] });
  assert.equal(v.pod?.name, 'web-h1-a');
  assert.deepEqual(v.ports, [{ spec: '8000:80', local: 8000, remote: 8080, error: null }]);
  assert.deepEqual(v.containers, []);
  assert.equal(v.error, null);
  const bad = viewOf(s, 'Service', 'web', { command: 'port-forward', ports: ['9999'] });
  assert.match(bad.error ?? '', /does not have a service port 9999/);
});

test('a missing target gives an empty view', () => {
  const v = viewOf(live([]), 'Deployment', 'ghost');
  assert.equal(v.pod, null);
  assert.equal(v.error, null);
  assert.equal(v.decidedBy, '');
});
