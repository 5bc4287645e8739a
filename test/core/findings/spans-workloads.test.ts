// selects-several-workloads: a Service, PDB, NetworkPolicy or autoscaler whose pods belong
// to more than one workload. A rollout's ReplicaSets are one workload; bare pods are one group.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/types.ts';
import { deploy, findings, hpa, ing, live, netpol, offline, pdb, pod, podOf, refs, rsOf, run, svc } from '../builders.ts';
import { xdmodLive, xdmodOffline } from '../scenarios.ts';

const ID = 'selects-several-workloads';

test('xdmod: Service mariadb sends traffic to both Deployments', () => {
  for (const s of [xdmodLive(), xdmodOffline()]) {
    const f = findings(run(s, 'Service', 'mariadb'), ID);
    assert.equal(f.length, 1);
    assert.equal(f[0]?.severity, 'warning');
    assert.equal(f[0]?.message, 'service/mariadb sends traffic to pods of 2 different owners: deployment/mariadb, deployment/moc-xdmod.');
    assert.deepEqual(refs(f[0]?.objects ?? []), ['Service/mariadb', 'Deployment/mariadb', 'Deployment/moc-xdmod']);
  }
  assert.deepEqual(findings(run(xdmodLive(true), 'Service', 'mariadb'), ID), []);
});

function rolloutWith(extra: KubeObject[]) {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const a = rsOf(d, 'h1');
  const b = rsOf(d, 'h2');
  return live([d, a, b, podOf(a, 'web-h1-a'), podOf(b, 'web-h2-a'), ...extra]);
}

test('a rollout\'s two ReplicaSets of one Deployment are one workload', () => {
  const s = rolloutWith([svc('web', { selector: { app: 'web' } }), pdb('web', { selector: { matchLabels: { app: 'web' } } })]);
  assert.deepEqual(findings(run(s, 'Service', 'web'), ID), []);
  assert.deepEqual(findings(run(s, 'PodDisruptionBudget', 'web'), ID), []);
});

test('bare pods are grouped, and named one by one among the objects', () => {
  const s = rolloutWith([svc('web', { selector: { app: 'web' } }), pod('debug-1', { labels: { app: 'web' } }), pod('debug-2', { labels: { app: 'web' } })]);
  const f = findings(run(s, 'Service', 'web'), ID);
  // Groups come in List order of their first pod. No EndpointSlice routes anything yet: "selects".
  assert.equal(f[0]?.message, 'service/web selects pods of 2 different owners: 2 bare pods, deployment/web.');
  assert.deepEqual(refs(f[0]?.objects ?? []), ['Service/web', 'Pod/debug-1', 'Pod/debug-2', 'Deployment/web']);
  assert.deepEqual(f[0]?.evidence, ['no controller: pod/debug-1, pod/debug-2', 'deployment/web: pod/web-h1-a, pod/web-h2-a']);
});

test('per consumer kind: verb and severity; a NetworkPolicy over all pods and an Ingress are silent', () => {
  const other = deploy('other', { podLabels: { app: 'web', team: 'b' } });
  const base = [other, podOf(other, 'other-x')];
  const cases: [KubeObject, string, RegExp | null][] = [
    [pdb('web', { selector: { matchLabels: { app: 'web' } } }), 'warning', /^poddisruptionbudget\/web selects pods of 2/],
    [netpol('web', { podSelector: { matchLabels: { app: 'web' } } }), 'info', /^networkpolicy\/web selects pods of 2/],
    [hpa('web', { kind: 'Deployment', name: 'web' }), 'warning', /^horizontalpodautoscaler\/web measures pods of 2/],
    [netpol('all', { podSelector: {} }), '', null],
    [ing('site', { defaultBackend: 'web' }), '', null],
  ];
  for (const [o, severity, want] of cases) {
    const s = rolloutWith([...base, o, svc('web', { selector: { app: 'web' } })]);
    const f = findings(run(s, o.kind as never, o.metadata?.name ?? ''), ID);
    if (!want) {
      assert.deepEqual(f, [], String(o.kind));
      continue;
    }
    assert.equal(f.length, 1, String(o.kind));
    assert.equal(f[0]?.severity, severity, String(o.kind));
    assert.match(f[0]?.message ?? '', want);
  }
});

test('silent for controller targets and for empty selections', () => {
  const s = rolloutWith([pod('debug', { labels: { app: 'web' } }), svc('none', { selector: { app: 'none' } })]);
  assert.deepEqual(findings(run(s, 'Deployment', 'web'), ID), []);
  assert.deepEqual(findings(run(s, 'Service', 'none'), ID), []);
});

test('a Service "sends traffic" only to owners some port gives a share; an owner with no pods is no owner', () => {
  const a = deploy('a', { podLabels: { app: 'web', tier: 'a' } });
  const zero = deploy('z', { podLabels: { app: 'web', tier: 'z' }, replicas: 0 });
  assert.deepEqual(findings(run(offline([a, zero, svc('web')]), 'Service', 'web'), ID), [], 'a Deployment scaled to 0 has no pods');
  const metrics = deploy('m', { podLabels: { app: 'web', tier: 'm' }, ports: [{ name: 'metrics', containerPort: 9090 }] });
  const one = findings(run(offline([a, metrics, svc('web')]), 'Service', 'web'), ID);
  assert.equal(one[0]?.severity, 'info', 'deployment/m serves no port of the Service: it gets 0%');
  assert.equal(one[0]?.message, 'service/web selects pods of 2 different owners, but only deployment/a gets new connections; deployment/m gets none on any port.');
  const b = deploy('b', { podLabels: { app: 'web', tier: 'b' } });
  const f = findings(run(offline([a, b, metrics, svc('web')]), 'Service', 'web'), ID);
  assert.equal(f[0]?.message, 'service/web sends traffic to pods of 2 different owners: deployment/a, deployment/b.');
  assert.deepEqual(f[0]?.evidence, ['deployment/a: template', 'deployment/b: template', 'deployment/m: selected too, but no port sends it new connections']);
});
