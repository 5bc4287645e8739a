// Shares, noEndpoints and DNS come from one per-port, per-protocol endpoint model, live and
// offline alike: a named targetPort resolves per protocol; offline pods with status get
// kube-proxy's terminating fallback; excluded pods leave a port with no endpoints; a
// Deployment dumped with its ReplicaSets counts once; other slices of the input join the
// controller's; a headless Service with predicted-ready pods is not NXDOMAIN; StatefulSet
// pods have per-pod DNS names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot } from '../../../src/core/snapshot.ts';
import { resolveTarget } from '../../../src/core/targets/resolve.ts';
import type { Service, ServicePort } from '../../../src/core/types.ts';
import { routingView } from '../../../src/core/views/routing-view.ts';
import { deploy, endpointFor, live, node, offline, pod, podOf, rsOf, run, slice, sts, svc } from '../builders.ts';

function routeOf(s: Snapshot, name = 'web') {
  const r = resolveTarget(s, { kind: 'Service', name, namespace: 'default' });
  return routingView(s, r.object as Service, r.pods);
}

const DNS_PORTS: ServicePort[] = [
  { name: 'dns-udp', port: 53, targetPort: 'dns', protocol: 'UDP' },
  { name: 'dns-tcp', port: 53, targetPort: 'dns', protocol: 'TCP' },
];
const UDP_ONLY = [{ name: 'dns', containerPort: 53, protocol: 'UDP' }];

test('live: a named targetPort declared only for UDP gives the TCP port no endpoint, whatever the port order', () => {
  const d = deploy('dns', { podLabels: { app: 'web' }, ports: UDP_ONLY });
  const r = rsOf(d, 'h1');
  const p = podOf(r, 'dns-h1-a');
  const sl = slice('web-x', 'web', { endpoints: [endpointFor(p)], ports: [{ name: 'dns-udp', port: 53, protocol: 'UDP' }] });
  for (const ports of [DNS_PORTS, [...DNS_PORTS].reverse()]) {
    const v = routeOf(live([d, r, p, node('node-a'), sl, svc('web', { ports })]));
    const tcp = v.ports.find((x) => x.servicePort === 'dns-tcp');
    const udp = v.ports.find((x) => x.servicePort === 'dns-udp');
    assert.deepEqual(tcp?.shares, [], 'no slice port dns-tcp/TCP: kube-proxy has no endpoint for it');
    assert.equal(tcp?.noEndpoints, true);
    assert.equal(tcp?.unservedShare, 1);
    assert.deepEqual(udp?.shares.map((x) => [x.pod?.name, x.share]), [['dns-h1-a', 1]]);
    assert.equal(udp?.noEndpoints, false);
    assert.deepEqual(v.differences, [], 'the prediction agrees with the slice: dns-udp only');
  }
});

test('offline: the same Service over a template resolves per protocol too', () => {
  const v = routeOf(offline([deploy('dns', { podLabels: { app: 'web' }, ports: UDP_ONLY }), svc('web', { ports: [...DNS_PORTS].reverse() })]));
  const tcp = v.ports.find((x) => x.servicePort === 'dns-tcp');
  assert.deepEqual(tcp?.shares, []);
  assert.equal(tcp?.noEndpoints, true);
  assert.deepEqual(v.ports.find((x) => x.servicePort === 'dns-udp')?.shares.map((x) => x.state), ['template']);
  assert.deepEqual(run(offline([deploy('dns', { podLabels: { app: 'web' }, ports: UDP_ONLY }), svc('web', { ports: DNS_PORTS })]), 'Service', 'web')
    .findings.filter((f) => f.id === 'target-port-not-served').map((f) => f.severity), ['error']);
});

test('offline with status: a Service whose only pod is terminating but serving falls back to it, as kube-proxy does', () => {
  const p = pod('web-1', { deleted: 50 });
  const v = routeOf(offline([p, svc('web')]));
  const port = v.ports[0];
  assert.deepEqual(port?.shares.map((x) => [x.pod?.name, x.share, x.state]), [['web-1', 1, 'serving-terminating']]);
  assert.equal(port?.usingTerminatingFallback, true);
  assert.equal(port?.noEndpoints, false);
  // With a ready pod beside it, the ready one takes every new connection.
  const both = routeOf(offline([p, pod('web-2'), svc('web')])).ports[0];
  assert.deepEqual(both?.shares.map((x) => [x.pod?.name, x.share, x.state]), [['web-2', 1, 'ready']]);
  assert.equal(both?.usingTerminatingFallback, false);
  // Terminating and not serving: nothing to fall back to.
  const none = routeOf(offline([pod('web-3', { deleted: 50, ready: false }), svc('web')])).ports[0];
  assert.deepEqual(none?.shares, []);
  assert.equal(none?.noEndpoints, true);
});

test('offline with status: a Service whose every pod is excluded (terminal, no IP) has no endpoints', () => {
  const v = routeOf(offline([pod('web-1', { phase: 'Failed' }), pod('web-2', { ip: null, phase: 'Pending', ready: false }), svc('web')]));
  assert.deepEqual(v.excluded.map((x) => [x.pod.name, x.reason]), [['web-1', 'terminal'], ['web-2', 'no-ip']]);
  assert.equal(v.ports[0]?.noEndpoints, true);
  // A selector that met nothing in the input says nothing about the cluster.
  assert.equal(routeOf(offline([svc('web')])).ports[0]?.noEndpoints, false);
});

test('offline: a Deployment dumped with its ReplicaSets stands for its pods once, with the ReplicaSets\' replicas', () => {
  const a = deploy('a', { podLabels: { app: 'web', tier: 'a' }, replicas: 2 });
  const cur = rsOf(a, 'new', { replicas: 2 });
  const old = rsOf(a, 'old', { replicas: 0 });
  const b = deploy('b', { podLabels: { app: 'web', tier: 'b' }, replicas: 2 });
  const s = offline([a, cur, old, b, svc('web')]);
  const v = routeOf(s);
  assert.deepEqual(v.ports[0]?.shares.map((x) => [x.endpoint, x.share]), [['template of replicaset/a-new', 0.5], ['template of deployment/b', 0.5]]);
  const report = run(s, 'Deployment', 'a', { commands: [{ command: 'logs', commandLine: 'kubectl logs deploy/a' }] });
  assert.deepEqual(report.selection.map((x) => x.ref.name), ['a-new-(replicaset-template)', 'a-old-(replicaset-template)']);
  const logs = report.kubectl[0];
  assert.equal(logs?.pod?.name, 'a-new-(replicaset-template)');
  assert.deepEqual(logs?.candidates.map((c) => c.name), ['a-new-(replicaset-template)'], 'a ReplicaSet scaled to 0 has no pod to offer');
  assert.equal(report.owners.length, 1);
});

test('offline: a slice of the input the controller did not write joins the predicted endpoints', () => {
  const stray = slice('web-manual', 'web', { managedBy: 'staff', endpoints: [{ addresses: ['192.0.2.10'], conditions: { ready: true } }] });
  const v = routeOf(offline([deploy('a', { podLabels: { app: 'web' } }), stray, svc('web')]));
  assert.deepEqual(v.ports[0]?.shares.map((x) => [x.endpoint, x.share, x.state]), [['template of deployment/a', 0.5, 'template'], ['192.0.2.10:8080', 0.5, 'ready']]);
  assert.deepEqual(v.differences.map((d) => d.kind), ['foreign-slice']);
  assert.deepEqual(v.actual?.slices.map((x) => x.name), ['web-manual']);
  const report = run(offline([deploy('a', { podLabels: { app: 'web' } }), stray, svc('web')]), 'Service', 'web');
  assert.match(report.findings.find((f) => f.id === 'endpoints-foreign-slice')?.message ?? '', /web-manual/);
});

test('offline: a headless Service over predicted-ready pods answers their IPs, with per-pod names for a StatefulSet', () => {
  const set = sts('pg', { podLabels: { app: 'pg' }, replicas: 3, serviceName: 'pg' });
  const v = routeOf(offline([set, svc('pg', { clusterIP: 'None', selector: { app: 'pg' } })]), 'pg');
  const main = v.dns[0];
  assert.equal(main?.name, 'pg.default.svc.cluster.local');
  assert.equal(main?.nxdomain, false);
  assert.doesNotMatch(main?.note ?? '', /NXDOMAIN/);
  assert.deepEqual(v.dns.slice(1).map((d) => [d.name, d.nxdomain]), [0, 1, 2].map((i) => [`pg-${i}.pg.default.svc.cluster.local`, false]));
  assert.equal(v.predicted[0]?.hostname, 'pg-0, pg-1, pg-2');
  // Another Service over the same pods is not their subdomain: no per-pod names there.
  const other = routeOf(offline([set, svc('pg-read', { clusterIP: 'None', selector: { app: 'pg' } })]), 'pg-read');
  assert.deepEqual(other.dns.map((d) => d.name), ['pg-read.default.svc.cluster.local']);
  // spec.ordinals.start moves the names; replicas 0: no names, and the headless name is NXDOMAIN.
  const moved = sts('pg', { podLabels: { app: 'pg' }, replicas: 2, serviceName: 'pg' });
  if (moved.spec) moved.spec.ordinals = { start: 5 };
  assert.deepEqual(routeOf(offline([moved, svc('pg', { clusterIP: 'None', selector: { app: 'pg' } })]), 'pg').dns.slice(1).map((d) => d.name), ['pg-5.pg.default.svc.cluster.local', 'pg-6.pg.default.svc.cluster.local']);
  const zero = routeOf(offline([sts('pg', { podLabels: { app: 'pg' }, replicas: 0, serviceName: 'pg' }), svc('pg', { clusterIP: 'None', selector: { app: 'pg' } })]), 'pg');
  assert.deepEqual(zero.dns.map((d) => [d.name, d.nxdomain]), [['pg.default.svc.cluster.local', true]]);
});

test('live: endpoints with a hostname have per-pod names; only ready ones answer', () => {
  const set = sts('pg', { podLabels: { app: 'pg' }, replicas: 2, serviceName: 'pg' });
  const p0 = podOf(set, 'pg-0', { hostname: 'pg-0', subdomain: 'pg', ip: '10.9.0.10' });
  const p1 = podOf(set, 'pg-1', { hostname: 'pg-1', subdomain: 'pg', ip: '10.9.0.11', ready: false });
  const e0 = { ...endpointFor(p0), hostname: 'pg-0' };
  const e1 = { ...endpointFor(p1, { ready: false, serving: false }), hostname: 'pg-1' };
  const v = routeOf(live([set, p0, p1, node('node-a'), slice('pg-x', 'pg', { endpoints: [e0, e1] }), svc('pg', { clusterIP: 'None', selector: { app: 'pg' } })]), 'pg');
  assert.deepEqual(v.predicted.map((e) => e.hostname), ['pg-0', 'pg-1']);
  assert.deepEqual(v.dns.map((d) => [d.name, d.answers, d.nxdomain]), [
    ['pg.default.svc.cluster.local', ['10.9.0.10'], false],
    ['pg-0.pg.default.svc.cluster.local', ['10.9.0.10'], false],
    ['pg-1.pg.default.svc.cluster.local', [], true],
  ]);
});
