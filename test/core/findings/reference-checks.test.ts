// The reference checks other linters have (issue 12): HPA scale target, HPA vs spec.replicas,
// PDBs that never allow a disruption, NetworkPolicy peers that match nothing, probe ports,
// bare pods. Each offline and live, each with the cases that must stay silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, namespacesOf } from '../../../src/core/check.ts';
import { FINDING_RULES } from '../../../src/core/findings/catalog.ts';
import { RULES } from '../../../src/core/findings/index.ts';
import type { Snapshot } from '../../../src/core/snapshot.ts';
import type { Container, HorizontalPodAutoscaler, KubeObject, NetworkPolicy, PodDisruptionBudget } from '../../../src/core/types.ts';
import { deploy, ds, findings, hpa, live, netpol, node, NOW, offline, pdb, pod, podOf, query, refs, rsOf, run } from '../builders.ts';

const { target: _t, commands: _c, ...base } = query('Service', 'unused');
const checkIds = (s: Snapshot) => check(s, namespacesOf(s), base, NOW).findings.map((f) => `${f.id} ${refs(f.objects).join(',')}`);

// ---------------------------------------------------------------- HPA scale target

test('hpa-target-not-found: a missing target, live and offline; a wrong apiVersion even when the target exists', () => {
  for (const s of [live([hpa('web', { kind: 'Deployment', name: 'gone' })]), offline([hpa('web', { kind: 'Deployment', name: 'gone' })])]) {
    const f = findings(run(s, 'HorizontalPodAutoscaler', 'web'), 'hpa-target-not-found');
    assert.equal(f.length, 1);
    assert.deepEqual(refs(f[0]?.objects ?? []), ['HorizontalPodAutoscaler/web', 'Deployment/gone']);
    assert.match(f[0]?.message ?? '', /does not exist in namespace default/);
  }
  const d = deploy('web');
  const old = live([d, hpa('web', { kind: 'Deployment', name: 'web', apiVersion: 'extensions/v1beta1' })]);
  assert.match(findings(run(old, 'HorizontalPodAutoscaler', 'web'), 'hpa-target-not-found')[0]?.message ?? '', /extensions\/v1beta1 does not serve Deployment/);
  const empty = live([d, hpa('web', { kind: 'Deployment', name: 'web', apiVersion: '' })]);
  assert.match(findings(run(empty, 'HorizontalPodAutoscaler', 'web'), 'hpa-target-not-found')[0]?.message ?? '', /apiVersion is empty/);
  const rc = live([hpa('legacy', { kind: 'ReplicationController', name: 'gone', apiVersion: 'v1' })]);
  assert.equal(findings(run(rc, 'HorizontalPodAutoscaler', 'legacy'), 'hpa-target-not-found').length, 1);
});

test('hpa-target-not-found stays silent: target present, custom kinds, unread Deployments, another namespace', () => {
  assert.deepEqual(findings(run(live([deploy('web'), hpa('web', { kind: 'Deployment', name: 'web' })]), 'HorizontalPodAutoscaler', 'web'), 'hpa-target-not-found'), []);
  assert.deepEqual(findings(run(live([hpa('web', { kind: 'Rollout', name: 'web', apiVersion: 'argoproj.io/v1alpha1' })]), 'HorizontalPodAutoscaler', 'web'), 'hpa-target-not-found'), []);
  const gap = live([hpa('web', { kind: 'Deployment', name: 'web' })], { gaps: [{ kind: 'Deployment', namespace: 'default', reason: 'forbidden', message: '403' }] });
  assert.deepEqual(findings(run(gap, 'HorizontalPodAutoscaler', 'web'), 'hpa-target-not-found'), []);
  const elsewhere = live([deploy('web', { ns: 'prod' }), hpa('web', { kind: 'Deployment', name: 'web' })]);
  assert.equal(findings(run(elsewhere, 'HorizontalPodAutoscaler', 'web'), 'hpa-target-not-found').length, 1, 'a scale target is looked up in the HPA\'s own namespace');
});

test('hpa-target-sets-replicas: manifests know whether spec.replicas was written', () => {
  const d = deploy('web', { replicas: 3 });
  const h = hpa('web', { kind: 'Deployment', name: 'web' });
  const written = offline([d, h], { });
  written.origins = new Map([['Deployment/default/web', { source: 'web.yaml', document: 1, line: 1, set: ['spec.replicas'] }]]);
  const f = findings(run(written, 'HorizontalPodAutoscaler', 'web'), 'hpa-target-sets-replicas');
  assert.equal(f.length, 1);
  assert.equal(f[0]?.message, 'deployment/web is scaled by horizontalpodautoscaler/web but also sets spec.replicas (3): every apply resets the scale the autoscaler chose.');
  const defaulted = offline([d, h]);
  defaulted.origins = new Map([['Deployment/default/web', { source: 'web.yaml', document: 1, line: 1, set: [] }]]);
  assert.deepEqual(findings(run(defaulted, 'HorizontalPodAutoscaler', 'web'), 'hpa-target-sets-replicas'), [], 'defaulted replicas are not written');
});

test('hpa-target-sets-replicas live: only the kubectl apply record says replicas are applied', () => {
  const h = hpa('web', { kind: 'StatefulSet', name: 'db' });
  const applied = (spec: object) => ({ 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'apps/v1', kind: 'StatefulSet', spec }) });
  const withReplicas = live([{ ...deploy('db', { annotations: applied({ replicas: 2 }) }), kind: 'StatefulSet' } as KubeObject, h]);
  assert.equal(findings(run(withReplicas, 'HorizontalPodAutoscaler', 'web'), 'hpa-target-sets-replicas').length, 1);
  const without = live([{ ...deploy('db', { annotations: applied({}) }), kind: 'StatefulSet' } as KubeObject, h]);
  assert.deepEqual(findings(run(without, 'HorizontalPodAutoscaler', 'web'), 'hpa-target-sets-replicas'), []);
  const noRecord = live([{ ...deploy('db'), kind: 'StatefulSet' } as KubeObject, h]);
  assert.deepEqual(findings(run(noRecord, 'HorizontalPodAutoscaler', 'web'), 'hpa-target-sets-replicas'), [], 'live spec.replicas is always set: not evidence');
});

// ---------------------------------------------------------------- PDB

function budget(name: string, spec: PodDisruptionBudget['spec']): PodDisruptionBudget {
  const p = pdb(name, { selector: { matchLabels: { app: 'web' } } });
  p.spec = { selector: { matchLabels: { app: 'web' } }, ...spec };
  return p;
}
const never = (s: Snapshot, name = 'web') => findings(run(s, 'PodDisruptionBudget', name), 'pdb-never-allows-disruption');

test('pdb-never-allows-disruption: minAvailable at or above the replicas, maxUnavailable 0 or 0%, minAvailable 100%', () => {
  const d = deploy('web', { replicas: 3 });
  for (const spec of [{ minAvailable: 3 }, { minAvailable: 5 }, { maxUnavailable: 0 }, { maxUnavailable: '0%' }, { minAvailable: '100%' }, { minAvailable: '90%' }]) {
    const f = never(offline([d, budget('web', spec)]));
    assert.equal(f.length, 1, JSON.stringify(spec));
    assert.deepEqual(refs(f[0]?.objects ?? []), ['PodDisruptionBudget/web', 'Deployment/web']);
  }
  // 90% of 3 rounds up to 3: nothing allowed; of 20 it is 18: two allowed.
  assert.deepEqual(never(offline([deploy('web', { replicas: 20 }), budget('web', { minAvailable: '90%' })])), []);
  for (const spec of [{ minAvailable: 2 }, { maxUnavailable: 1 }, { maxUnavailable: '10%' }, { minAvailable: '50%' }]) assert.deepEqual(never(offline([d, budget('web', spec)])), [], JSON.stringify(spec));
});

test('pdb-never-allows-disruption: an autoscaler that can add pods lifts the claim; live counts controllers\' replicas and bare pods', () => {
  const d = deploy('web', { replicas: 2 });
  const h: HorizontalPodAutoscaler = hpa('web', { kind: 'Deployment', name: 'web' });
  assert.deepEqual(never(offline([d, h, budget('web', { minAvailable: 2 })])), [], 'up to 5 replicas: 3 allowed at the top');
  assert.equal(never(offline([d, h, budget('web', { minAvailable: 5 })])).length, 1);
  const r = rsOf(d, 'h1');
  const s = live([d, r, podOf(r, 'web-h1-a'), podOf(r, 'web-h1-b'), budget('web', { minAvailable: 2 })]);
  assert.match(never(s)[0]?.message ?? '', /minAvailable: 2\) can never allow a disruption for its 2 pods/);
  assert.equal(never(live([pod('a'), budget('web', { minAvailable: 1 })])).length, 1, 'one bare pod, minAvailable 1');
  assert.deepEqual(never(live([pod('a'), pod('b'), budget('web', { minAvailable: 1 })])), []);
  assert.deepEqual(never(offline([ds('web', { podLabels: { app: 'web' } }), budget('web', { minAvailable: 1 })])), [], 'a DaemonSet\'s pod count is not knowable offline');
  assert.deepEqual(never(live([budget('web', { maxUnavailable: 0 })])), [], 'no pods: selector-matches-nothing says so');
});

// ---------------------------------------------------------------- NetworkPolicy peers

function policy(ns: string, from: NonNullable<NonNullable<NetworkPolicy['spec']>['ingress']>[number]['from'], egress?: NonNullable<NetworkPolicy['spec']>['egress']): NetworkPolicy {
  const n = netpol('np', { ns, podSelector: { matchLabels: { app: 'web' } } });
  n.spec = { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from }], ...(egress ? { egress } : {}) };
  return n;
}
const peers = (s: Snapshot, ns = 'default') => findings(run(s, 'NetworkPolicy', 'np', { ns }), 'netpol-peer-matches-nothing');

test('netpol-peer-matches-nothing: a podSelector peer in the policy\'s namespace, live and offline; several peers in one finding', () => {
  const np = policy('default', [{ podSelector: { matchLabels: { app: 'frontend' } } }], [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }]);
  const f = peers(live([pod('w'), np]));
  assert.equal(f.length, 1);
  assert.match(f[0]?.message ?? '', /^2 peers: "pods with app=frontend in namespace default" \(ingress rule 1 of networkpolicy\/np\) matches no pod; "pods with app=db/);
  assert.deepEqual(f[0]?.evidence.slice(0, 2), ['spec.ingress[0].from: pods with app=frontend in namespace default', 'spec.egress[0].to: pods with app=db in namespace default']);
  assert.equal(peers(offline([deploy('web'), np])).length, 1);
  assert.deepEqual(peers(live([pod('f', { labels: { app: 'frontend' } }), pod('d', { labels: { app: 'db' } }), np])), []);
  assert.deepEqual(peers(offline([deploy('frontend'), deploy('db'), np])), []);
});

test('netpol-peer-matches-nothing: namespaces judged only when read; ipBlock and empty peers never', () => {
  const other = policy('default', [{ namespaceSelector: { matchLabels: { team: 'x' } }, podSelector: { matchLabels: { app: 'frontend' } } }]);
  assert.deepEqual(peers(live([pod('w'), other], { known: ['Pod', 'Service'] })), [], 'namespaces unread: no claim');
  const nsObj = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }) as KubeObject;
  const noNs = peers(live([pod('w'), other, nsObj('default'), nsObj('prod', { team: 'y' })]));
  assert.match(noNs[0]?.message ?? '', /matches no namespace/);
  assert.deepEqual(peers(live([pod('w'), other, nsObj('prod', { team: 'x' })])), [], 'live pods of other namespaces may be unread: no claim');
  assert.equal(peers(offline([deploy('web'), other, nsObj('prod', { team: 'x' })])).length, 1, 'manifests: the input is the whole world');
  assert.deepEqual(peers(live([pod('w'), policy('default', [{ ipBlock: { cidr: '10.0.0.0/8' } }])])), []);
  assert.deepEqual(peers(live([pod('w'), policy('default', [])])), []);
});

// ---------------------------------------------------------------- probe ports

const app = (c: Partial<Container>): Container => ({ name: 'app', image: 'x', ports: [{ name: 'http', containerPort: 8080 }], ...c });

test('probe-port-name-unknown: a named port the probed container lacks, even when a sibling declares it', () => {
  const d = deploy('web', { containers: [app({ readinessProbe: { httpGet: { port: 'metrics' } } }), { name: 'side', image: 'y', ports: [{ name: 'metrics', containerPort: 9090 }] }] });
  for (const s of [offline([d]), live([d])]) {
    const f = findings(run(s, 'Deployment', 'web'), 'probe-port-name-unknown');
    assert.equal(f.length, 1);
    assert.equal(f[0]?.severity, 'error');
    assert.deepEqual(f[0]?.evidence, ['app readinessProbe.httpGet.port: "metrics"; app declares http:8080', 'container side declares "metrics", but the kubelet looks only in the probed container', 'the kubelet resolves a probe port name in the probed container\'s ports only']);
  }
  const ok = deploy('web', { containers: [app({ livenessProbe: { tcpSocket: { port: 'http' } }, startupProbe: { grpc: { port: 8080 } } })] });
  assert.deepEqual(run(offline([ok]), 'Deployment', 'web').findings.filter((f) => f.id.startsWith('probe-')), []);
});

test('probe-port-not-declared: a number no container declares (TCP), info; declared by a sidecar is fine', () => {
  const d = deploy('web', { containers: [app({ livenessProbe: { tcpSocket: { port: 9090 } }, readinessProbe: { httpGet: { port: 53 } } })], });
  (d.spec?.template?.spec?.containers?.[0]?.ports ?? []).push({ containerPort: 53, protocol: 'UDP' });
  const f = findings(run(offline([d]), 'Deployment', 'web'), 'probe-port-not-declared');
  assert.equal(f.length, 1);
  assert.equal(f[0]?.severity, 'info');
  assert.deepEqual(f[0]?.evidence.slice(0, 2), ['app readinessProbe.httpGet.port: 53', 'app livenessProbe.tcpSocket.port: 9090']);
  const side = deploy('web', { containers: [app({ livenessProbe: { tcpSocket: { port: 9090 } } }), { name: 'm', image: 'y', ports: [{ containerPort: 9090 }] }] });
  assert.deepEqual(findings(run(offline([side]), 'Deployment', 'web'), 'probe-port-not-declared'), []);
});

test('probe ports: a Deployment\'s ReplicaSet is not reported again; a bare pod is, through check', () => {
  const d = deploy('web', { containers: [app({ readinessProbe: { httpGet: { port: 'nope' } } })] });
  const r = rsOf(d, 'h1');
  const s = live([d, r, podOf(r, 'web-h1-a'), pod('solo', { containers: [app({ readinessProbe: { httpGet: { port: 'nope' } } })], labels: { app: 'solo' } }), node('node-a')]);
  assert.deepEqual(findings(run(s, 'ReplicaSet', 'web-h1'), 'probe-port-name-unknown'), []);
  const all = checkIds(s).filter((x) => x.startsWith('probe-'));
  assert.deepEqual(all, ['probe-port-name-unknown Deployment/web', 'probe-port-name-unknown Pod/solo']);
});

// ---------------------------------------------------------------- bare pods

test('bare-pod: pods without a controllerRef, through check and as a target; mirror, owned, template and deleting pods are not', () => {
  const d = deploy('web');
  const r = rsOf(d, 'h1');
  const mirror = pod('kube-apiserver-node-a', { labels: { tier: 'cp' }, annotations: { 'kubernetes.io/config.mirror': 'abc' } });
  const done = pod('job-run', { labels: { run: 'x' }, phase: 'Succeeded' });
  const s = live([d, r, podOf(r, 'web-h1-a'), pod('debug', { labels: { run: 'debug' } }), mirror, done, pod('going', { labels: { run: 'y' }, deleted: 5 })]);
  const bare = check(s, ['default'], base, NOW).findings.filter((f) => f.id === 'bare-pod');
  assert.deepEqual(bare.map((f) => [f.objects[0]?.name, f.severity]), [['debug', 'warning'], ['job-run', 'info']]);
  assert.equal(findings(run(s, 'Pod', 'debug'), 'bare-pod').length, 1);
  assert.deepEqual(findings(run(s, 'Pod', 'web-h1-a'), 'bare-pod'), []);
  assert.deepEqual(checkIds(offline([d])).filter((x) => x.startsWith('bare-pod')), [], 'template pods stand for a controller\'s pods');
  assert.equal(checkIds(offline([pod('debug', { phase: null, labels: { run: 'debug' } })])).filter((x) => x.startsWith('bare-pod')).length, 1, 'a Pod manifest is bare');
});

test('the catalogue names every id a rule can emit, once', () => {
  const ids = FINDING_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(RULES.length > 0);
  for (const id of ['hpa-target-not-found', 'hpa-target-sets-replicas', 'pdb-never-allows-disruption', 'netpol-peer-matches-nothing', 'probe-port-name-unknown', 'probe-port-not-declared', 'bare-pod']) assert.ok(ids.includes(id), id);
});
