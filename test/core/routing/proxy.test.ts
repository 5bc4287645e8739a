import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proxyView, type PortTraffic } from '../../../src/core/routing/proxy.ts';
import type { EndpointSlice } from '../../../src/core/types.ts';
import { ep, node, slice, svc } from '../builders.ts';

const nodes = [node('node-a', 'zone-1'), node('node-b', 'zone-2'), node('node-c', 'zone-1')];
const ips = (p: PortTraffic | undefined, set: 'clusterWide') => (p?.[set].endpoints ?? []).map((e) => e.endpoint);
const onNode = (p: PortTraffic | undefined, n: string) => p?.nodes?.find((x) => x.node === n);

test('Services kube-proxy ignores (trap 24)', async (t) => {
  const rows = [
    { name: 'headless', s: svc('db', { clusterIP: 'None' }), reason: /headless/ },
    { name: 'ExternalName', s: svc('ext', { type: 'ExternalName', externalName: 'x.example.com' }), reason: /ExternalName/ },
    { name: 'service-proxy-name label', s: svc('mesh', { labels: { 'service.kubernetes.io/service-proxy-name': 'cilium' } }), reason: /service-proxy-name=cilium/ },
  ];
  for (const r of rows) {
    await t.test(r.name, () => {
      const v = proxyView(r.s, [slice('x', r.s.metadata?.name ?? '', { endpoints: [ep('10.0.0.1')] })], nodes);
      assert.match(v.ignored ?? '', r.reason);
      assert.deepEqual(v.ports, []);
    });
  }
});

test('merging slices the way kube-proxy does (trap 23)', async (t) => {
  const s = svc('web');
  await t.test('every slice with the service-name label counts, whatever its managed-by', () => {
    const v = proxyView(s, [slice('web-1', 'web', { endpoints: [ep('10.0.0.1')] }), slice('web-hand', 'web', { managedBy: 'someone', endpoints: [ep('10.0.0.9')] })], null);
    assert.deepEqual(ips(v.ports[0], 'clusterWide'), ['10.0.0.1:8080', '10.0.0.9:8080']);
    assert.deepEqual(v.slices.map((x) => x.used), [true, true]);
  });
  await t.test('only addresses[0] is used', () => {
    const v = proxyView(s, [slice('web-1', 'web', { endpoints: [ep(['10.0.0.1', '10.0.0.2'])] })], null);
    assert.deepEqual(ips(v.ports[0], 'clusterWide'), ['10.0.0.1:8080']);
  });
  await t.test('nil ready and serving read as true, nil terminating as false', () => {
    const v = proxyView(s, [slice('web-1', 'web', { endpoints: [ep('10.0.0.1', { ready: null, serving: null, terminating: null })] })], null);
    const e = v.ports[0]?.endpoints[0];
    assert.deepEqual([e?.ready, e?.serving, e?.terminating], [true, true, false]);
  });
  await t.test('duplicates collapse by IP:port, a running copy beating a terminating one', () => {
    const v = proxyView(s, [
      slice('web-1', 'web', { endpoints: [ep('10.0.0.1', { ready: true, pod: 'new' })] }),
      slice('web-2', 'web', { endpoints: [ep('10.0.0.1', { ready: false, terminating: true, pod: 'old' })] }),
    ], null);
    assert.equal(v.ports[0]?.endpoints.length, 1);
    assert.equal(v.ports[0]?.endpoints[0]?.pod?.name, 'new');
  });
  await t.test('slice ports join Service ports by name and protocol', () => {
    const v = proxyView(s, [
      slice('web-1', 'web', { endpoints: [ep('10.0.0.1')] }),
      slice('web-2', 'web', { ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }], endpoints: [ep('10.0.0.2')] }),
      slice('web-3', 'web', { ports: [{ name: 'http', port: 8080, protocol: 'UDP' }], endpoints: [ep('10.0.0.3')] }),
      slice('web-4', 'web', { ports: [], endpoints: [ep('10.0.0.4')] }),
    ], null);
    assert.deepEqual(ips(v.ports[0], 'clusterWide'), ['10.0.0.1:8080']);
    assert.deepEqual(v.unmatchedSlicePorts.map((u) => [u.slice, u.name, u.protocol]), [['web-2', 'metrics', 'TCP'], ['web-3', 'http', 'UDP']]);
    assert.match(v.unmatchedSlicePorts[0]?.reason ?? '', /no Service port named "metrics" with protocol TCP/);
  });
  await t.test('a slice port without a name is the unnamed port (API default ""); port 0 is skipped', () => {
    const unnamed = svc('web', { ports: [{ port: 80, targetPort: 8080 }] });
    const v = proxyView(unnamed, [slice('web-1', 'web', { ports: [{ port: 8080 }], endpoints: [ep('10.0.0.1')] }), slice('web-2', 'web', { ports: [{ name: '', port: 0 }], endpoints: [ep('10.0.0.2')] })], null);
    assert.deepEqual(ips(v.ports[0], 'clusterWide'), ['10.0.0.1:8080']);
    assert.match(v.unmatchedSlicePorts[0]?.reason ?? '', /no port number/);
  });
  await t.test('slices labelled service-proxy-name or headless, or of another family, are not read', () => {
    const v = proxyView(s, [
      slice('web-1', 'web', { labels: { 'service.kubernetes.io/service-proxy-name': 'x' }, endpoints: [ep('10.0.0.1')] }),
      slice('web-2', 'web', { labels: { 'service.kubernetes.io/headless': '' }, endpoints: [ep('10.0.0.2')] }),
      slice('web-3', 'web', { addressType: 'IPv6', endpoints: [ep('fd00::3')] }),
      slice('web-4', 'web', { endpoints: [ep('10.0.0.4')] }),
    ], null);
    assert.deepEqual(ips(v.ports[0], 'clusterWide'), ['10.0.0.4:8080']);
    assert.deepEqual(v.slices.map((x) => x.used), [false, false, false, true]);
    assert.match(v.slices[2]?.reason ?? '', /addressType IPv6/);
  });
});

test('cluster set: ready, else serving-terminating, else reject (trap 25)', async (t) => {
  const s = svc('web');
  const rows: { name: string; slices: EndpointSlice[]; want: string[]; via: string; action: string }[] = [
    { name: 'ready endpoints only; unready ones left out', slices: [slice('a', 'web', { endpoints: [ep('10.0.0.1'), ep('10.0.0.2', { ready: false, serving: false })] })], want: ['10.0.0.1:8080'], via: 'ready', action: 'forward' },
    { name: 'a ready endpoint beats terminating ones', slices: [slice('a', 'web', { endpoints: [ep('10.0.0.1'), ep('10.0.0.2', { ready: false, terminating: true })] })], want: ['10.0.0.1:8080'], via: 'ready', action: 'forward' },
    { name: 'no ready endpoint: serving-terminating fallback', slices: [slice('a', 'web', { endpoints: [ep('10.0.0.1', { ready: false, terminating: true }), ep('10.0.0.2', { ready: false, serving: false, terminating: true })] })], want: ['10.0.0.1:8080'], via: 'serving-terminating', action: 'forward' },
    { name: 'nothing usable: rejected', slices: [slice('a', 'web', { endpoints: [ep('10.0.0.1', { ready: false, serving: false })] })], want: [], via: 'none', action: 'reject' },
  ];
  for (const r of rows) {
    await t.test(r.name, () => {
      const cw = proxyView(s, r.slices, null).ports[0]?.clusterWide;
      assert.deepEqual(cw?.endpoints.map((e) => e.endpoint), r.want);
      assert.equal(cw?.via, r.via);
      assert.equal(cw?.action, r.action);
    });
  }
});

test('every chosen endpoint gets an equal share of new connections (trap 29)', () => {
  const v = proxyView(svc('web'), [slice('a', 'web', { endpoints: [ep('10.0.0.1'), ep('10.0.0.2'), ep('10.0.0.3'), ep('10.0.0.4')] })], null, { mode: 'ipvs' });
  assert.deepEqual(v.ports[0]?.clusterWide.endpoints.map((e) => e.share), [0.25, 0.25, 0.25, 0.25]);
  assert.match(v.loadBalancing, /round-robin/);
  assert.match(proxyView(svc('web'), [], null).loadBalancing, /uniformly at random/);
});

test('sessionAffinity ClientIP defaults to 10800 s (trap 30)', () => {
  assert.equal(proxyView(svc('web', { affinity: {} }), [], null).sessionAffinity?.timeoutSeconds, 10800);
  assert.equal(proxyView(svc('web', { affinity: { timeoutSeconds: 60 } }), [], null).sessionAffinity?.timeoutSeconds, 60);
  assert.equal(proxyView(svc('web'), [], null).sessionAffinity, null);
});

test('internalTrafficPolicy Local: local endpoints or a drop, never another node (trap 27)', () => {
  const v = proxyView(svc('web', { internalTrafficPolicy: 'Local' }), [slice('a', 'web', { endpoints: [ep('10.0.0.1', { node: 'node-a' }), ep('10.0.0.2', { node: 'node-a', ready: false, terminating: true }), ep('10.0.0.3', { node: 'node-c', ready: false, terminating: true })] })], nodes);
  const p = v.ports[0];
  assert.deepEqual(onNode(p, 'node-a')?.internal.endpoints.map((e) => e.endpoint), ['10.0.0.1:8080']);
  assert.equal(onNode(p, 'node-b')?.internal.action, 'drop');
  assert.deepEqual(onNode(p, 'node-c')?.internal.endpoints.map((e) => e.endpoint), ['10.0.0.3:8080']);
  assert.equal(onNode(p, 'node-c')?.internal.via, 'serving-terminating');
  assert.equal(onNode(p, 'node-a')?.external, null);
  assert.deepEqual([onNode(p, 'node-a')?.localReady, onNode(p, 'node-a')?.localServingTerminating], [1, 1]);
});

test('externalTrafficPolicy Local and the healthCheckNodePort answer (traps 26, §4.8)', () => {
  const s = svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, targetPort: 'https' }] });
  const ports = [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'https', port: 8443, protocol: 'TCP' }];
  const v = proxyView(s, [slice('lb-1', 'lb', { ports, endpoints: [
    ep('10.0.0.1', { node: 'node-a' }),
    ep('10.0.0.2', { node: 'node-b', ready: false, terminating: true }),
  ] })], nodes);
  const http = v.ports[0];
  assert.deepEqual(onNode(http, 'node-a')?.external?.endpoints.map((e) => e.endpoint), ['10.0.0.1:8080']);
  assert.equal(onNode(http, 'node-b')?.external?.via, 'serving-terminating');
  assert.equal(onNode(http, 'node-c')?.external?.action, 'drop');
  // In-cluster traffic to the ClusterIP still uses the cluster-wide ready set.
  assert.deepEqual(onNode(http, 'node-c')?.internal.endpoints.map((e) => e.endpoint), ['10.0.0.1:8080']);
  assert.equal(v.healthCheckNodePort, 32000);
  assert.deepEqual(v.healthChecks?.map((h) => [h.node, h.status, h.localEndpoints]), [['node-a', 200, 1], ['node-b', 503, 0], ['node-c', 503, 0]]);
  const b = v.healthChecks?.[1];
  assert.deepEqual(b?.forwardsTo, ['10.0.0.2:8080', '10.0.0.2:8443']);
  assert.match(b?.reason ?? '', /still forwards/);
  assert.match(v.healthChecks?.[2]?.reason ?? '', /dropped/);
  assert.match(v.notes.join('\n'), /Cluster semantics/);
});

test('health check counts distinct local ready IPs across ports', () => {
  const s = svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, targetPort: 'https' }] });
  const ports = [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'https', port: 8443, protocol: 'TCP' }];
  const v = proxyView(s, [slice('lb-1', 'lb', { ports, endpoints: [ep('10.0.0.1', { node: 'node-a' }), ep('10.0.0.5', { node: 'node-a' })] })], nodes);
  assert.equal(v.healthChecks?.[0]?.localEndpoints, 2);
  assert.equal(proxyView(s, [], null).healthChecks, null);
  assert.equal(proxyView(svc('np', { type: 'NodePort', externalTrafficPolicy: 'Local' }), [], nodes).healthChecks, null);
});

test('topology hints narrow the cluster set per client node (trap 28)', async (t) => {
  const s = svc('web', { trafficDistribution: 'PreferClose' });
  const hinted = [ep('10.0.0.1', { node: 'node-a', zoneHints: ['zone-1'] }), ep('10.0.0.2', { node: 'node-b', zoneHints: ['zone-2'] })];
  await t.test('a node in zone-1 uses the zone-1 endpoint', () => {
    const p = proxyView(s, [slice('a', 'web', { endpoints: hinted })], nodes).ports[0];
    assert.deepEqual(onNode(p, 'node-c')?.internal.endpoints.map((e) => e.endpoint), ['10.0.0.1:8080']);
    assert.equal(onNode(p, 'node-c')?.internal.topology, 'PreferSameZone');
  });
  await t.test('a node whose zone has no hinted endpoint uses all', () => {
    const p = proxyView(s, [slice('a', 'web', { endpoints: hinted })], [node('node-z', 'zone-9')]).ports[0];
    assert.equal(onNode(p, 'node-z')?.internal.endpoints.length, 2);
  });
  await t.test('one ready endpoint without a hint disables hints everywhere', () => {
    const p = proxyView(s, [slice('a', 'web', { endpoints: [...hinted, ep('10.0.0.3', { node: 'node-b' })] })], nodes).ports[0];
    assert.equal(onNode(p, 'node-a')?.internal.endpoints.length, 3);
    assert.equal(onNode(p, 'node-a')?.internal.topology, '');
  });
  await t.test('unready endpoints without hints do not matter', () => {
    const p = proxyView(s, [slice('a', 'web', { endpoints: [...hinted, ep('10.0.0.3', { ready: false, serving: false })] })], nodes).ports[0];
    assert.equal(onNode(p, 'node-a')?.internal.endpoints.length, 1);
  });
  await t.test('an Auto hint can point an endpoint at another zone', () => {
    const p = proxyView(s, [slice('a', 'web', { endpoints: [ep('10.0.0.1', { node: 'node-a', zoneHints: ['zone-2'] }), ep('10.0.0.2', { node: 'node-b', zoneHints: ['zone-2'] }), ep('10.0.0.3', { node: 'node-c', zoneHints: ['zone-1'] })] })], nodes).ports[0];
    assert.deepEqual(onNode(p, 'node-b')?.internal.endpoints.map((e) => e.endpoint), ['10.0.0.1:8080', '10.0.0.2:8080']);
  });
  await t.test('PreferSameNode hints win over zone hints for the named node', () => {
    const both = [ep('10.0.0.1', { node: 'node-a', zoneHints: ['zone-1'], nodeHints: ['node-a'] }), ep('10.0.0.3', { node: 'node-c', zoneHints: ['zone-1'], nodeHints: ['node-c'] })];
    const p = proxyView(s, [slice('a', 'web', { endpoints: both })], nodes).ports[0];
    assert.deepEqual(onNode(p, 'node-a')?.internal.endpoints.map((e) => e.endpoint), ['10.0.0.1:8080']);
    assert.equal(onNode(p, 'node-a')?.internal.topology, 'PreferSameNode');
    // node-b: no node hint for it, no zone-2 hint: all.
    assert.equal(onNode(p, 'node-b')?.internal.endpoints.length, 2);
    // With the gate off, node hints are ignored and zone hints apply.
    const off = proxyView(s, [slice('a', 'web', { endpoints: both })], nodes, { preferSameTrafficDistribution: false }).ports[0];
    assert.equal(onNode(off, 'node-a')?.internal.endpoints.length, 2);
  });
  await t.test('with Nodes unknown, the answer says it depends on the client', () => {
    const v = proxyView(s, [slice('a', 'web', { endpoints: hinted })], null);
    assert.equal(v.ports[0]?.nodes, null);
    assert.equal(v.ports[0]?.clusterWide.endpoints.length, 2);
    assert.match(v.notes.join('\n'), /depend on the client node and zone/);
  });
  await t.test('terminating fallback ignores topology', () => {
    const term = [ep('10.0.0.1', { node: 'node-a', ready: false, terminating: true, zoneHints: ['zone-1'] }), ep('10.0.0.2', { node: 'node-b', ready: false, terminating: true, zoneHints: ['zone-2'] })];
    const p = proxyView(s, [slice('a', 'web', { endpoints: term })], nodes).ports[0];
    assert.equal(onNode(p, 'node-a')?.internal.endpoints.length, 2);
  });
});

test('dual-stack Services get one view per family and port', () => {
  const s = svc('web', { ipFamilies: ['IPv4', 'IPv6'] });
  const v = proxyView(s, [slice('v4', 'web', { endpoints: [ep('10.0.0.1')] }), slice('v6', 'web', { addressType: 'IPv6', endpoints: [ep('fd00::1')] })], null);
  assert.deepEqual(v.ports.map((p) => [p.family, ips(p, 'clusterWide')]), [['IPv4', ['10.0.0.1:8080']], ['IPv6', ['[fd00::1]:8080']]]);
});

test('without per-node traffic the view is the same but for the per-node answers', async (t) => {
  const hinted = (ip: string, n: string, zone: string) => ep(ip, { node: n, zone, zoneHints: [zone] });
  const rows = [
    svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }),
    svc('web', { internalTrafficPolicy: 'Local' }),
    svc('plain'),
  ];
  for (const s of rows) {
    await t.test(s.metadata?.name ?? '', () => {
      const slices = [slice('a', s.metadata?.name ?? '', { endpoints: [hinted('10.0.0.1', 'node-a', 'zone-1'), hinted('10.0.0.2', 'node-b', 'zone-2')] })];
      const full = proxyView(s, slices, nodes);
      const bare = proxyView(s, slices, nodes, { perNode: false });
      assert.ok(full.ports.every((p) => p.nodes?.length === nodes.length));
      assert.ok(bare.ports.every((p) => p.nodes === null));
      assert.equal(bare.healthChecks, null);
      assert.deepEqual({ ...bare, ports: bare.ports.map((p) => ({ ...p, nodes: null })) }, { ...full, healthChecks: null, ports: full.ports.map((p) => ({ ...p, nodes: null })) });
    });
  }
});
