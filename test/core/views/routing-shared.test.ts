// Services that differ only in name and select the same pods share one routing view, each
// under its own name; anything else that tells them apart (ports, targetPorts,
// publishNotReadyAddresses, type, a pod's subdomain, slices of their own) gives each its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot } from '../../../src/core/snapshot.ts';
import { resolveTarget } from '../../../src/core/targets/resolve.ts';
import type { RoutingView } from '../../../src/core/report.ts';
import type { KubeObject, Service } from '../../../src/core/types.ts';
import { routingView } from '../../../src/core/views/routing-view.ts';
import { deploy, endpointFor, node, offline, pod, slice, sts, svc } from '../builders.ts';

function routeOf(s: Snapshot, name: string): RoutingView {
  const r = resolveTarget(s, { kind: 'Service', name, namespace: 'default' });
  return routingView(s, r.object as Service, r.pods);
}

/** The view with the Service's own name taken out. */
function nameless(v: RoutingView): unknown {
  const { service: _service, dns, ...rest } = v;
  return { ...rest, dns: dns.map(({ name: _name, ...d }) => d) };
}

const pods = (): KubeObject[] => [
  node('node-a'),
  pod('a-1', { labels: { tier: 'front' } }),
  pod('a-2', { labels: { tier: 'front' }, ready: false }),
  pod('b-1', { labels: { tier: 'front' }, ports: [{ name: 'http', containerPort: 9090 }] }),
];

test('Services alike but for their name: the same routing, each under its own name and DNS name', () => {
  for (const clusterIP of ['10.96.0.10', 'None']) {
    const s = offline([...pods(), svc('one', { selector: { tier: 'front' }, clusterIP }), svc('two', { selector: { tier: 'front' }, clusterIP })]);
    const one = routeOf(s, 'one');
    const two = routeOf(s, 'two');
    assert.equal(one.service.name, 'one');
    assert.equal(two.service.name, 'two');
    assert.deepEqual(nameless(two), nameless(one));
    assert.ok(one.predicted.length === 3 && one.ports[0]?.shares.length === 2);
    if (clusterIP === 'None') {
      assert.deepEqual([one.dns[0]?.name, two.dns[0]?.name], ['one.default.svc.cluster.local', 'two.default.svc.cluster.local']);
    }
    // Asked again, each still gets its own.
    assert.equal(routeOf(s, 'one').service.name, 'one');
  }
});

test('same selector, different ports, targetPorts or publishNotReadyAddresses: different routing', () => {
  const variants: [string, Parameters<typeof svc>[1]][] = [
    ['port', { ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }] }],
    ['target', { ports: [{ name: 'http', port: 80, targetPort: 7070, protocol: 'TCP' }] }],
    ['named', { ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] }],
    ['pnra', { publishNotReadyAddresses: true }],
  ];
  const base = svc('base', { selector: { tier: 'front' } });
  const s = offline([...pods(), base, ...variants.map(([name, o]) => svc(name, { selector: { tier: 'front' }, ...o }))]);
  const b = routeOf(s, 'base');
  const port = routeOf(s, 'port');
  assert.equal(port.ports[0]?.port, 8080);
  const target = routeOf(s, 'target');
  assert.deepEqual(target.predicted.map((e) => e.ports.map((p) => p.port)), [[7070], [7070], [7070]]);
  assert.notDeepEqual(target.ports[0]?.shares, b.ports[0]?.shares);
  const named = routeOf(s, 'named');
  assert.equal(named.ports[0]?.servicePort, 'web');
  assert.deepEqual(named.predicted.map((e) => e.ports.map((p) => p.name)), [['web'], ['web'], ['web']]);
  const pnra = routeOf(s, 'pnra');
  assert.deepEqual(pnra.predicted.map((e) => e.ready), [true, true, true]);
  assert.deepEqual(b.predicted.map((e) => e.ready), [true, false, true]);
  assert.equal(pnra.publishNotReadyAddresses, true);
  assert.equal(b.publishNotReadyAddresses, false);
});

test('a pod whose subdomain names one of two alike Services gets a DNS name under that one only', () => {
  const s = offline([
    node('node-a'),
    pod('db-0', { labels: { tier: 'front' }, hostname: 'db-0', subdomain: 'named' }),
    svc('other', { selector: { tier: 'front' }, clusterIP: 'None' }),
    svc('named', { selector: { tier: 'front' }, clusterIP: 'None' }),
  ]);
  const other = routeOf(s, 'other');
  const named = routeOf(s, 'named');
  assert.deepEqual(other.dns.map((d) => d.name), ['other.default.svc.cluster.local']);
  assert.deepEqual(named.dns.map((d) => d.name), ['named.default.svc.cluster.local', 'db-0.named.default.svc.cluster.local']);
  assert.equal(named.predicted[0]?.hostname, 'db-0');
  assert.equal(other.predicted[0]?.hostname, null);
});

test('offline: a StatefulSet template names its governing Service, not another alike one', () => {
  const set = sts('db', { podLabels: { tier: 'front' }, replicas: 2, serviceName: 'governing' });
  const s = offline([set, svc('plain', { selector: { tier: 'front' }, clusterIP: 'None' }), svc('governing', { selector: { tier: 'front' }, clusterIP: 'None' })]);
  assert.equal(routeOf(s, 'plain').predicted[0]?.hostname, null);
  assert.equal(routeOf(s, 'governing').predicted[0]?.hostname, 'db-0, db-1');
  assert.deepEqual(routeOf(s, 'governing').dns.map((d) => d.name).slice(1), ['db-0.governing.default.svc.cluster.local', 'db-1.governing.default.svc.cluster.local']);
  assert.deepEqual(routeOf(s, 'plain').dns.map((d) => d.name), ['plain.default.svc.cluster.local']);
});

test('a Service with slices of its own is routed from them, not from an alike Service\'s view', () => {
  const ps = pods();
  const s = offline([...ps, svc('empty', { selector: { tier: 'front' } }), svc('sliced', { selector: { tier: 'front' } }),
    slice('sliced-x', 'sliced', { endpoints: [endpointFor(ps[1] as never)] })]);
  const empty = routeOf(s, 'empty');
  const sliced = routeOf(s, 'sliced');
  assert.equal(empty.actual, null);
  assert.notEqual(sliced.actual, null);
  assert.deepEqual(sliced.ports[0]?.shares.map((x) => x.pod?.name), ['a-1']);
  assert.deepEqual(empty.ports[0]?.shares.map((x) => x.pod?.name).sort(), ['a-1', 'b-1']);
});

test('offline Deployments behind many alike Services: every one of them sees the same shares', () => {
  const objects: KubeObject[] = [deploy('a', { podLabels: { tier: 'front' }, replicas: 3 }), deploy('b', { podLabels: { tier: 'front' } })];
  for (let i = 0; i < 5; i++) objects.push(svc(`s${i}`, { selector: { tier: 'front' } }));
  const s = offline(objects);
  const views = [0, 1, 2, 3, 4].map((i) => routeOf(s, `s${i}`));
  assert.deepEqual(views.map((v) => v.service.name), ['s0', 's1', 's2', 's3', 's4']);
  for (const v of views) assert.deepEqual(v.ports[0]?.shares.map((x) => [x.endpoint, x.share]), [['template of deployment/a', 0.75], ['template of deployment/b', 0.25]]);
});
