// A Service's routing as the report shows it. Offline: template pods weighted by their
// workload's replicas. Live: the real EndpointSlices beside the prediction, differences
// citing the slice (trap 40), kube-proxy's shares, the terminating fallback (trap 25),
// per-node Local policy outcomes (traps 26, 27) and DNS (traps 34, 35).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot } from '../../../src/core/snapshot.ts';
import { resolveTarget } from '../../../src/core/targets/resolve.ts';
import type { KubeObject, Service } from '../../../src/core/types.ts';
import { routingView } from '../../../src/core/views/routing-view.ts';
import { deploy, ds, endpointFor, job, live, node, offline, podOf, rsOf, slice, sts, svc } from '../builders.ts';

function routeOf(s: Snapshot, name = 'web') {
  const r = resolveTarget(s, { kind: 'Service', name, namespace: 'default' });
  return routingView(s, r.object as Service, r.pods);
}

test('offline: each template weighs as many pods as its workload runs; shares per port', () => {
  const a = deploy('a', { podLabels: { app: 'web' }, replicas: 3 });
  const b = deploy('b', { podLabels: { app: 'web' }, ports: [{ name: 'metrics', containerPort: 9090 }] });
  const agent = ds('agent', { podLabels: { app: 'web' } });
  const batch = job('batch', { manualSelector: true, selector: { matchLabels: { app: 'web' } }, podLabels: { app: 'web' }, parallelism: 2 });
  const off = offline([a, b, agent, batch, svc('web', { selector: { app: 'web' } })]);
  const v = routeOf(off);
  assert.deepEqual(v.predicted.map((e) => [e.pod?.name, e.template, e.weight]), [
    ['a-(deployment-template)', true, 3], ['agent-(daemonset-template)', true, 1], ['b-(deployment-template)', true, 1], ['batch-(job-template)', true, 2],
  ]);
  assert.equal(v.actual, null);
  assert.deepEqual(v.differences, []);
  const port = v.ports[0];
  assert.equal(port?.servicePort, 'http');
  assert.deepEqual(port?.shares.map((x) => [x.endpoint, x.share, x.state]), [
    ['template of deployment/a', 0.5], ['template of daemonset/agent', 1 / 6], ['template of job/batch', 2 / 6],
  ].map(([e, sh]) => [e, sh, 'template']));
  assert.equal(port?.unservedShare, 1 / 7, 'b (1 of 7 pods) has no port named http');
  assert.equal(port?.noEndpoints, false);
  assert.deepEqual(v.dns, [], 'a ClusterIP name offline says nothing new');
  assert.deepEqual(v.nodes, []);
});

test('offline: a Deployment scaled to 0 weighs nothing; a port no template serves has no endpoints', () => {
  const off = offline([deploy('a', { podLabels: { app: 'web' }, replicas: 0 }), deploy('b', { podLabels: { app: 'web' } }),
    svc('web', { selector: { app: 'web' }, ports: [{ name: 'grpc', port: 9000, targetPort: 'grpc' }] })]);
  const v = routeOf(off);
  assert.deepEqual(v.predicted.map((e) => e.weight), [0, 1]);
  assert.equal(v.ports[0]?.noEndpoints, true);
  assert.equal(v.ports[0]?.unservedShare, 1);
  assert.deepEqual(v.ports[0]?.shares, []);
});

test('a selectorless or {} Service is not managed; ExternalName answers a CNAME', () => {
  for (const selector of [null, {}]) {
    const v = routeOf(offline([deploy('a', { podLabels: { app: 'web' } }), svc('web', { selector })]));
    assert.equal(v.managed, false);
    assert.match(v.unmanagedReason ?? '', selector ? /empty selector \{\} is stored as no selector/ : /^no selector/);
    assert.deepEqual(v.predicted, []);
  }
  const ext = routeOf(offline([deploy('a', { podLabels: { app: 'web' } }), svc('web', { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'web' } })]));
  assert.equal(ext.managed, false);
  assert.match(ext.unmanagedReason ?? '', /ExternalName/);
  assert.deepEqual(ext.dns.map((d) => [d.type, d.answers]), [['CNAME', ['db.example.com']]]);
});

function rollout() {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const r = rsOf(d, 'h1');
  const p1 = podOf(r, 'web-h1-a', { node: 'n1' });
  const p2 = podOf(r, 'web-h1-b', { node: 'n2', deleted: 100 });
  const p3 = podOf(r, 'web-h1-c', { node: 'n2', ready: false });
  return { d, r, p1, p2, p3, nodes: [node('n1', 'z1'), node('n2', 'z2'), node('n3', 'z3')] };
}

test('live: the real slices beside the prediction, and every difference cites its slice', () => {
  const { d, r, p1, p2, p3, nodes } = rollout();
  const sl = slice('web-x1', 'web', { resourceVersion: '4711', endpoints: [endpointFor(p1, { zone: 'z1' }), endpointFor(p2, { ready: false, terminating: true, zone: 'z2' })] });
  const v = routeOf(live([d, r, p1, p2, p3, ...nodes, sl, svc('web', { selector: { app: 'web' } })]));
  assert.deepEqual(v.predicted.map((e) => [e.pod?.name, e.ready, e.serving, e.terminating]), [
    ['web-h1-a', true, true, false], ['web-h1-b', false, true, true], ['web-h1-c', false, false, false],
  ], 'terminating pods stay endpoints with serving = Ready (trap 19)');
  assert.deepEqual(v.actual?.slices.map((x) => [x.name, x.resourceVersion]), [['web-x1', '4711']]);
  assert.deepEqual(v.actual?.endpoints.map((e) => e.pod?.name), ['web-h1-a', 'web-h1-b']);
  assert.deepEqual(v.differences.map((x) => x.kind), ['missing-endpoint']);
  assert.match(v.differences[0]?.message ?? '', /web-h1-c/);
  assert.deepEqual(v.ports[0]?.shares.map((x) => [x.pod?.name, x.share, x.state]), [['web-h1-a', 1, 'ready']]);
  assert.equal(v.ports[0]?.usingTerminatingFallback, false);
  assert.deepEqual(v.dns.map((x) => [x.type, x.answers]), [['A', ['10.96.0.10']]]);
});

test('live: pods on a missing Node are left out of the prediction (trap 20)', () => {
  const { d, r, p1 } = rollout();
  const v = routeOf(live([d, r, p1, svc('web', { selector: { app: 'web' } })]));
  assert.deepEqual(v.predicted, []);
  assert.deepEqual(v.excluded.map((x) => [x.pod.name, x.reason]), [['web-h1-a', 'node-missing']]);
});

test('live: with only terminating endpoints kube-proxy falls back to the serving ones (trap 25)', () => {
  const { d, r, p2, nodes } = rollout();
  const sl = slice('web-x1', 'web', { endpoints: [endpointFor(p2, { ready: false, terminating: true, zone: 'z2' })] });
  const v = routeOf(live([d, r, p2, ...nodes, sl, svc('web', { selector: { app: 'web' } })]));
  assert.equal(v.ports[0]?.usingTerminatingFallback, true);
  assert.deepEqual(v.ports[0]?.shares.map((x) => [x.pod?.name, x.state]), [['web-h1-b', 'serving-terminating']]);
});

test('live: Local traffic policies per node (traps 26, 27)', () => {
  const { d, r, p1, p2, p3, nodes } = rollout();
  const sl = slice('web-x1', 'web', { endpoints: [endpointFor(p1, { zone: 'z1' }), endpointFor(p2, { ready: false, terminating: true, zone: 'z2' }), endpointFor(p3, { ready: false, serving: false, zone: 'z2' })] });
  const objects: KubeObject[] = [d, r, p1, p2, p3, ...nodes, sl];
  const ext = routeOf(live([...objects, svc('web', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' })]));
  assert.deepEqual(ext.nodes.map((n) => [n.node, n.localReady, n.localServingTerminating, n.external, n.internal, n.healthCheck]), [
    ['n1', 1, 0, 'forwards', 'n/a', 200],
    ['n2', 0, 1, 'forwards-terminating', 'n/a', 503],
    ['n3', 0, 0, 'drops', 'n/a', 503],
  ]);
  const int = routeOf(live([...objects, svc('web', { internalTrafficPolicy: 'Local' })]));
  assert.deepEqual(int.nodes.map((n) => [n.node, n.internal, n.external]), [['n1', 'forwards', 'n/a'], ['n2', 'forwards', 'n/a'], ['n3', 'drops', 'n/a']]);
  assert.deepEqual(routeOf(live([...objects, svc('web')])).nodes, [], 'Cluster policy: no per-node view');
});

test('live: a headless Service answers DNS with the ready endpoints only (trap 34)', () => {
  const st = sts('db', { podLabels: { app: 'db' } });
  const p0 = podOf(st, 'db-0', { ip: '10.1.0.10' });
  const p1 = podOf(st, 'db-1', { ip: '10.1.0.11', ready: false });
  const sl = slice('db-x', 'db', { endpoints: [endpointFor(p0), endpointFor(p1, { ready: false, serving: false })] });
  const v = routeOf(live([st, p0, p1, node('node-a'), sl, svc('db', { clusterIP: 'None', selector: { app: 'db' } })]), 'db');
  assert.equal(v.headless, true);
  assert.match(v.proxyIgnored ?? '', /headless/);
  assert.deepEqual(v.dns.map((x) => [x.type, x.answers]), [['A', ['10.1.0.10']]]);
});

test('live: a selectorless Service routes to the slices someone else wrote', () => {
  const sl = slice('web-manual', 'web', { managedBy: 'staff', endpoints: [{ addresses: ['192.0.2.10'], conditions: { ready: true } }] });
  const v = routeOf(live([sl, svc('web', { selector: null })]));
  assert.equal(v.managed, false);
  assert.deepEqual(v.actual?.slices.map((x) => [x.name, x.managedBy]), [['web-manual', 'staff']]);
  assert.deepEqual(v.ports[0]?.shares.map((x) => [x.endpoint, x.pod, x.share]), [['192.0.2.10:8080', null, 1]]);
});
