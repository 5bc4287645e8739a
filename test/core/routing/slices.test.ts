import { test } from 'node:test';
import assert from 'node:assert/strict';
import { predictEndpoints } from '../../../src/core/routing/endpoints.ts';
import { portSetKey } from '../../../src/core/routing/slices.ts';
import { node, pod, svc, uidFor } from '../builders.ts';

const nodes = [node('node-a', 'zone-1')];
const twoPorts = svc('web', { ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] });

test('slices are grouped by resolved port set (§4.3)', () => {
  const pods = [
    pod('a', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }),
    pod('b', { ports: [{ name: 'http', containerPort: 8080 }] }),
    pod('c', { ports: [{ name: 'metrics', containerPort: 9100 }, { name: 'http', containerPort: 8080 }] }),
    pod('d', { ports: [] }),
  ];
  const slices = predictEndpoints(twoPorts, pods, nodes).slices;
  const groups = slices.map((s) => ({ ports: s.ports, pods: (s.endpoints ?? []).map((e) => e.targetRef?.name) }));
  assert.deepEqual(groups, [
    { ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9100, protocol: 'TCP' }], pods: ['a', 'c'] },
    { ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], pods: ['b'] },
    // A pod resolving none of the ports is still published, in a slice with no ports.
    { ports: [], pods: ['d'] },
  ]);
});

test('the same name on different container ports splits the group', () => {
  const slices = predictEndpoints(svc('web'), [pod('a'), pod('b', { ports: [{ name: 'http', containerPort: 9000 }] })], nodes).slices;
  assert.equal(slices.length, 2);
});

test('portSetKey ignores order and fills the defaults', () => {
  assert.equal(portSetKey([{ name: 'a', port: 1 }, { name: 'b', port: 2, protocol: 'TCP' }]), portSetKey([{ name: 'b', port: 2 }, { name: 'a', port: 1, protocol: 'TCP' }]));
  assert.notEqual(portSetKey([{ name: 'a', port: 1 }]), portSetKey([{ name: 'a', port: 1, protocol: 'UDP' }]));
});

test('slice metadata: labels, owner, generateName, addressType', () => {
  const s = svc('web', { labels: { team: 'x', 'kubernetes.io/service-name': 'spoof', 'endpointslice.kubernetes.io/managed-by': 'me' } });
  const [slice] = predictEndpoints(s, [pod('a', { ip: '10.0.0.1', uid: 'uid-a' })], nodes).slices;
  assert.deepEqual(slice?.metadata?.labels, { team: 'x', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
  assert.equal(slice?.metadata?.generateName, 'web-');
  assert.deepEqual(slice?.metadata?.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: uidFor('Service', 'web'), controller: true, blockOwnerDeletion: true }]);
  assert.equal(slice?.addressType, 'IPv4');
  assert.deepEqual(slice?.endpoints?.[0], {
    addresses: ['10.0.0.1'],
    conditions: { ready: true, serving: true, terminating: false },
    targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' },
    nodeName: 'node-a',
    zone: 'zone-1',
  });
});

test('headless Services get the headless label (trap 24)', () => {
  const [slice] = predictEndpoints(svc('db', { clusterIP: 'None' }), [pod('a')], nodes).slices;
  assert.equal(slice?.metadata?.labels?.['service.kubernetes.io/headless'], '');
});

test('headless Service without ports publishes endpoints without ports', () => {
  const p = predictEndpoints(svc('db', { clusterIP: 'None', ports: [] }), [pod('a')], nodes);
  assert.deepEqual(p.slices[0]?.ports, []);
  assert.equal(p.slices[0]?.endpoints?.length, 1);
});

test('an empty placeholder slice when nothing is published, one per family', () => {
  const p = predictEndpoints(svc('web', { ipFamilies: ['IPv4', 'IPv6'] }), [pod('x', { phase: 'Failed' })], nodes);
  assert.deepEqual(p.slices.map((s) => [s.addressType, s.ports, s.endpoints]), [['IPv4', [], []], ['IPv6', [], []]]);
});

test('dual-stack: one set of slices per family, each with its own addresses', () => {
  const p = predictEndpoints(svc('web', { ipFamilies: ['IPv4', 'IPv6'] }), [pod('a', { ip: ['10.0.0.1', 'fd00::1'] }), pod('b', { ip: '10.0.0.2' })], nodes);
  assert.deepEqual(p.slices.map((s) => [s.addressType, (s.endpoints ?? []).map((e) => e.addresses)]), [
    ['IPv4', [['10.0.0.1'], ['10.0.0.2']]],
    ['IPv6', [['fd00::1']]],
  ]);
});

test('groups fill slices of at most maxEndpointsPerSlice', () => {
  const pods = ['a', 'b', 'c', 'd', 'e'].map((n, i) => pod(n, { ip: `10.0.1.${i}` }));
  const slices = predictEndpoints(svc('web'), pods, nodes, { maxEndpointsPerSlice: 2 }).slices;
  assert.deepEqual(slices.map((s) => s.endpoints?.length), [2, 2, 1]);
});

test('template endpoints (offline) are placed in their port group with no address', () => {
  const tpl = pod('tpl', { ip: null });
  const slices = predictEndpoints(svc('web'), [tpl], null, { assumeRunning: () => true }).slices;
  assert.equal(slices.length, 1);
  assert.deepEqual(slices[0]?.endpoints?.[0]?.addresses, []);
  assert.deepEqual(slices[0]?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
});
