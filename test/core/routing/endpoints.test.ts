import { test } from 'node:test';
import assert from 'node:assert/strict';
import { predictEndpoints, type EndpointPrediction } from '../../../src/core/routing/endpoints.ts';
import type { Pod } from '../../../src/core/types.ts';
import { node, pod, svc } from '../builders.ts';

const nodes = [node('node-a', 'zone-1'), node('node-b', 'zone-2')];

function only(p: EndpointPrediction) {
  assert.equal(p.endpoints.length, 1, JSON.stringify(p.excluded));
  return p.endpoints[0]!;
}

test('unmanaged Services publish nothing', async (t) => {
  const rows = [
    { name: 'ExternalName', s: svc('ext', { type: 'ExternalName', externalName: 'db.example.com' }), reason: /ExternalName/ },
    { name: 'nil selector', s: svc('manual', { selector: null }), reason: /^no selector/ },
    { name: 'empty selector (trap 13)', s: svc('empty', { selector: {} }), reason: /empty selector \{\} is stored as no selector/ },
  ];
  for (const r of rows) {
    await t.test(r.name, () => {
      const p = predictEndpoints(r.s, [pod('a')], nodes);
      assert.equal(p.managed, false);
      assert.match(p.unmanagedReason ?? '', r.reason);
      assert.deepEqual(p.endpoints, []);
      assert.deepEqual(p.slices, []);
    });
  }
});

test('pods that never become endpoints (trap 20)', async (t) => {
  const rows: { name: string; pod: Pod; reason: string; pnra?: boolean; nodesKnown?: boolean }[] = [
    { name: 'Succeeded', pod: pod('done', { phase: 'Succeeded' }), reason: 'terminal' },
    { name: 'Failed (evicted)', pod: pod('evicted', { phase: 'Failed' }), reason: 'terminal' },
    { name: 'Pending without IP', pod: pod('pending', { phase: 'Pending', ip: null, ready: false }), reason: 'no-ip' },
    { name: 'Node object missing', pod: pod('ghost', { node: 'gone' }), reason: 'node-missing' },
  ];
  for (const r of rows) {
    await t.test(r.name, () => {
      const p = predictEndpoints(svc('web'), [r.pod], nodes);
      assert.deepEqual(p.endpoints, []);
      assert.equal(p.excluded[0]?.reason, r.reason);
      assert.equal(p.excluded[0]?.pod.name, r.pod.metadata?.name);
    });
  }
  await t.test('missing Node is kept with publishNotReadyAddresses', () => {
    const e = only(predictEndpoints(svc('web', { publishNotReadyAddresses: true }), [pod('ghost', { node: 'gone' })], nodes));
    assert.equal(e.nodeName, 'gone');
    assert.equal(e.zone, undefined);
  });
  await t.test('unknown Nodes (offline) drop nobody and predict no zone', () => {
    const p = predictEndpoints(svc('web'), [pod('ghost', { node: 'gone' })], null);
    assert.equal(only(p).zone, undefined);
    assert.match(p.notes.join('\n'), /Nodes unknown/);
  });
});

test('conditions per pod state (§4.2, trap 19)', async (t) => {
  const rows = [
    { name: 'ready', pod: pod('a'), publishNotReadyAddresses: false, want: { ready: true, serving: true, terminating: false } },
    { name: 'not ready', pod: pod('a', { ready: false }), publishNotReadyAddresses: false, want: { ready: false, serving: false, terminating: false } },
    { name: 'terminating but still Ready stays, not ready', pod: pod('a', { deleting: true }), publishNotReadyAddresses: false, want: { ready: false, serving: true, terminating: true } },
    { name: 'terminating and unready', pod: pod('a', { deleting: true, ready: false }), publishNotReadyAddresses: false, want: { ready: false, serving: false, terminating: true } },
    { name: 'publishNotReadyAddresses forces ready for unready pods', pod: pod('a', { ready: false }), publishNotReadyAddresses: true, want: { ready: true, serving: false, terminating: false } },
    { name: 'publishNotReadyAddresses forces ready for terminating pods', pod: pod('a', { deleting: true }), publishNotReadyAddresses: true, want: { ready: true, serving: true, terminating: true } },
  ];
  for (const r of rows) {
    await t.test(r.name, () => {
      assert.deepEqual(only(predictEndpoints(svc('web', { publishNotReadyAddresses: r.publishNotReadyAddresses }), [r.pod], nodes)).conditions, r.want);
    });
  }
});

test('a Ready pod is ready at once: minReadySeconds plays no part (trap 31)', () => {
  // The EndpointSlice controller reads the pod Ready condition only; availability is a workload notion.
  const e = only(predictEndpoints(svc('web'), [pod('fresh')], nodes));
  assert.equal(e.conditions.ready, true);
});

test('topology and identity fields', () => {
  const e = only(predictEndpoints(svc('web'), [pod('a', { node: 'node-b', uid: 'u-1', ip: '10.1.2.3' })], nodes));
  assert.deepEqual(e.pod, { kind: 'Pod', name: 'a', namespace: 'default', uid: 'u-1', apiVersion: 'v1' });
  assert.deepEqual(e.addresses, ['10.1.2.3']);
  assert.equal(e.nodeName, 'node-b');
  assert.equal(e.zone, 'zone-2');
  assert.equal(node('bare').metadata?.labels?.['topology.kubernetes.io/zone'], undefined);
  assert.equal(only(predictEndpoints(svc('web'), [pod('a', { node: 'bare' })], [node('bare')])).zone, undefined);
});

test('hostname only when hostname is set and subdomain names this Service', async (t) => {
  const rows = [
    { name: 'StatefulSet-style pod', pod: pod('db-0', { hostname: 'db-0', subdomain: 'db' }), svc: 'db', want: 'db-0' },
    { name: 'subdomain names another Service', pod: pod('db-0', { hostname: 'db-0', subdomain: 'other' }), svc: 'db', want: undefined },
    { name: 'no hostname', pod: pod('db-0', { subdomain: 'db' }), svc: 'db', want: undefined },
  ];
  for (const r of rows) {
    await t.test(r.name, () => assert.equal(only(predictEndpoints(svc(r.svc, { clusterIP: 'None' }), [r.pod], nodes)).hostname, r.want));
  }
});

test('hostNetwork pods publish their pod IPs, which are the node IPs', () => {
  const e = only(predictEndpoints(svc('web'), [pod('hn', { hostNetwork: true, ip: '192.168.1.10' })], nodes));
  assert.deepEqual(e.addresses, ['192.168.1.10']);
  assert.equal(e.hostNetwork, true);
});

test('per-pod port resolution: a pod missing a named port loses only that port (trap 21, §4.3)', () => {
  const s = svc('web', { ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }, { name: 'raw', port: 7000, targetPort: 7000 }] });
  const withMetrics = pod('a', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] });
  const without = pod('b', { ports: [{ name: 'http', containerPort: 8081 }] });
  const [a, b] = predictEndpoints(s, [withMetrics, without], nodes).endpoints;
  assert.deepEqual(a?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9100, protocol: 'TCP' }, { name: 'raw', port: 7000, protocol: 'TCP' }]);
  assert.deepEqual(a?.missingPorts, []);
  assert.deepEqual(b?.ports, [{ name: 'http', port: 8081, protocol: 'TCP' }, { name: 'raw', port: 7000, protocol: 'TCP' }]);
  assert.deepEqual(b?.missingPorts.map((m) => m.servicePort), ['metrics']);
  assert.deepEqual(b?.undeclaredPorts, [{ servicePort: 'raw', port: 7000 }]);
  assert.equal(b?.conditions.ready, true);
});

test('appProtocol is carried onto the endpoint port', () => {
  const e = only(predictEndpoints(svc('web', { ports: [{ name: 'http', port: 80, targetPort: 'http', appProtocol: 'http' }] }), [pod('a')], nodes));
  assert.deepEqual(e.ports, [{ name: 'http', port: 8080, protocol: 'TCP', appProtocol: 'http' }]);
});

test('address families follow ipFamilies', async (t) => {
  const dual = pod('d', { ip: ['10.0.0.5', 'fd00::0005'] });
  await t.test('dual-stack Service gets both, in ipFamilies order', () => {
    assert.deepEqual(only(predictEndpoints(svc('web', { ipFamilies: ['IPv6', 'IPv4'] }), [dual], nodes)).addresses, ['fd00::5', '10.0.0.5']);
  });
  await t.test('IPv6 Service drops an IPv4-only pod', () => {
    const p = predictEndpoints(svc('web', { ipFamilies: ['IPv6'] }), [pod('v4', { ip: '10.0.0.9' })], nodes);
    assert.deepEqual(p.endpoints, []);
    assert.equal(p.excluded[0]?.reason, 'no-ip');
  });
  await t.test('a manifest without ipFamilies uses the ClusterIP family, else the default', () => {
    const s = svc('web');
    delete s.spec?.ipFamilies;
    if (s.spec) s.spec.clusterIP = 'fd00::10';
    assert.deepEqual(predictEndpoints(s, [dual], nodes).addressTypes, ['IPv6']);
    delete s.spec?.clusterIP;
    assert.deepEqual(predictEndpoints(s, [dual], nodes).addressTypes, ['IPv4']);
    assert.deepEqual(predictEndpoints(s, [dual], nodes, { defaultIPFamilies: ['IPv6'] }).addressTypes, ['IPv6']);
  });
});

test('offline template pods are predicted as running and Ready, with no address', () => {
  const tpl = pod('web-template', { ip: null, node: '' });
  delete tpl.status;
  const p = predictEndpoints(svc('web'), [tpl], null, { assumeRunning: (x) => x === tpl });
  const e = only(p);
  assert.equal(e.template, true);
  assert.deepEqual(e.addresses, []);
  assert.deepEqual(e.conditions, { ready: true, serving: true, terminating: false });
  assert.deepEqual(e.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  assert.equal(predictEndpoints(svc('web'), [tpl], null).excluded[0]?.reason, 'no-ip');
});

test('trafficDistribution hints on ready endpoints only (§4.6)', async (t) => {
  const pods = [pod('a', { node: 'node-a' }), pod('b', { node: 'node-b', ready: false })];
  await t.test('PreferClose: own zone', () => {
    const [a, b] = predictEndpoints(svc('web', { trafficDistribution: 'PreferClose' }), pods, nodes).endpoints;
    assert.deepEqual(a?.hints, { forZones: [{ name: 'zone-1' }] });
    assert.equal(b?.hints, undefined);
  });
  await t.test('PreferSameNode at 1.34: zone and node', () => {
    const [a] = predictEndpoints(svc('web', { trafficDistribution: 'PreferSameNode' }), pods, nodes).endpoints;
    assert.deepEqual(a?.hints, { forZones: [{ name: 'zone-1' }], forNodes: [{ name: 'node-a' }] });
  });
  await t.test('PreferSameNode is not honoured by a 1.33 controller', () => {
    const p = predictEndpoints(svc('web', { trafficDistribution: 'PreferSameNode' }), pods, nodes, { controllerMinor: 33 });
    assert.equal(p.endpoints[0]?.hints, undefined);
    assert.equal(p.hints.source, 'none');
  });
  await t.test('topology-mode Auto overrides trafficDistribution and is not predicted (trap 28)', () => {
    const p = predictEndpoints(svc('web', { trafficDistribution: 'PreferClose', annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } }), pods, nodes);
    assert.equal(p.hints.source, 'topology-mode-auto');
    assert.equal(p.endpoints[0]?.hints, undefined);
    assert.match(p.notes.join('\n'), /not predicted/);
  });
});
