import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COREDNS_DEFAULT_TTL_SECONDS, KUBEADM_COREDNS_TTL_SECONDS, dnsAnswer, endpointNames, srvRecords } from '../../../src/core/routing/dns.ts';
import { predictEndpoints } from '../../../src/core/routing/endpoints.ts';
import { ep, node, pod, published, slice, svc } from '../builders.ts';

const headless = svc('db', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }, { port: 9187, targetPort: 9187 }] });
const ports = [{ name: 'pg', port: 15432, protocol: 'TCP' }, { name: '', port: 9187, protocol: 'TCP' }];

test('headless: A records from endpoints whose ready is not false (trap 34)', async (t) => {
  const rows = [
    { name: 'ready and nil-ready count', eps: [ep('10.0.0.1'), ep('10.0.0.2', { ready: null })], a: ['10.0.0.1', '10.0.0.2'] },
    { name: 'unready left out', eps: [ep('10.0.0.1'), ep('10.0.0.2', { ready: false, serving: false })], a: ['10.0.0.1'] },
    { name: 'terminating left out (ready false)', eps: [ep('10.0.0.1'), ep('10.0.0.2', { ready: false, terminating: true })], a: ['10.0.0.1'] },
    { name: 'every address of an endpoint counts (unlike kube-proxy)', eps: [ep(['10.0.0.1', '10.0.0.5'])], a: ['10.0.0.1', '10.0.0.5'] },
  ];
  for (const r of rows) {
    await t.test(r.name, () => {
      const d = dnsAnswer(headless, [slice('db-1', 'db', { ports, endpoints: r.eps })]);
      assert.equal(d.kind, 'headless');
      assert.deepEqual(d.a, r.a);
      assert.equal(d.nxdomain, false);
    });
  }
});

test('headless with no ready endpoint is NXDOMAIN', () => {
  const d = dnsAnswer(headless, [slice('db-1', 'db', { ports, endpoints: [ep('10.0.0.1', { ready: false })] })]);
  assert.equal(d.nxdomain, true);
  assert.deepEqual(d.a, []);
  assert.equal(dnsAnswer(headless, []).nxdomain, true);
});

test('publishNotReadyAddresses puts unready and terminating pods into DNS (trap 19)', () => {
  const pods = [pod('db-0', { hostname: 'db-0', subdomain: 'db', ready: false, ip: '10.0.0.1' }), pod('db-1', { hostname: 'db-1', subdomain: 'db', deleting: true, ip: '10.0.0.2' })];
  const strict = dnsAnswer(headless, published(predictEndpoints(headless, pods, [node('node-a')]).slices));
  assert.equal(strict.nxdomain, true);
  const pnra = svc('db', { clusterIP: 'None', publishNotReadyAddresses: true, ports: headless.spec?.ports ?? [] });
  const openSlices = published(predictEndpoints(pnra, pods, [node('node-a')]).slices);
  const open = dnsAnswer(pnra, openSlices);
  assert.deepEqual(open.a, ['10.0.0.1', '10.0.0.2']);
  assert.deepEqual(endpointNames(pnra, openSlices).map((h) => h.name), ['db-0.db.default.svc.cluster.local', 'db-1.db.default.svc.cluster.local']);
});

test('per-endpoint names: hostname, else pod name (endpoint_pod_names), else dashed IP', () => {
  const eps = [ep('10.0.0.1', { hostname: 'db-0', pod: 'db-0' }), ep('10.0.0.2', { pod: 'db-x' }), ep('fd00::', { pod: 'db-y' })];
  const slices = [slice('db-1', 'db', { ports, endpoints: eps.slice(0, 2) }), slice('db-2', 'db', { addressType: 'IPv6', ports, endpoints: eps.slice(2) })];
  const names = endpointNames(headless, slices).map((h) => [h.name.split('.')[0], h.a, h.aaaa]);
  assert.deepEqual(names, [['db-0', ['10.0.0.1'], []], ['10-0-0-2', ['10.0.0.2'], []], ['fd00--0', [], ['fd00::']]]);
  const podNames = endpointNames(headless, slices, { endpointPodNames: true }).map((h) => h.name.split('.')[0]);
  assert.deepEqual(podNames, ['db-0', 'db-x', 'db-y']);
});

test('headless SRV: named ports only, at the slice port (the resolved targetPort)', () => {
  const d = srvRecords(headless, [slice('db-1', 'db', { ports, endpoints: [ep('10.0.0.1', { hostname: 'db-0' })] })], { clusterDomain: 'example.org' });
  assert.deepEqual(d, [{ name: '_pg._tcp.db.default.svc.example.org', targets: [{ target: 'db-0.db.default.svc.example.org', port: 15432 }] }]);
});

test('ClusterIP Service: the ClusterIP, endpoints or not (trap 35)', () => {
  const s = svc('web', { ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  const d = dnsAnswer(s, []);
  assert.equal(d.kind, 'cluster-ip');
  assert.deepEqual(d.a, ['10.96.0.10']);
  assert.equal(d.nxdomain, false);
  assert.match(d.reason, /whether or not there are endpoints/);
  assert.deepEqual(srvRecords(s, []), [{ name: '_http._tcp.web.default.svc.cluster.local', targets: [{ target: 'web.default.svc.cluster.local', port: 80 }] }]);
  const dual = svc('web');
  if (dual.spec) dual.spec.clusterIPs = ['10.96.0.10', 'fd00:96::10'];
  assert.deepEqual([dnsAnswer(dual, []).a, dnsAnswer(dual, []).aaaa], [['10.96.0.10'], ['fd00:96::10']]);
});

test('per-endpoint names under a ClusterIP Service too; none under ExternalName; no SRV for it', () => {
  const web = svc('web', { ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  const slices = [slice('web-1', 'web', { ports, endpoints: [ep('10.0.0.7', { pod: 'web-a' }), ep('10.0.0.8', { ready: false, pod: 'web-b' })] })];
  assert.deepEqual(endpointNames(web, slices).map((h) => [h.name, h.a, h.pod?.name]), [['10-0-0-7.web.default.svc.cluster.local', ['10.0.0.7'], 'web-a']]);
  const ext = svc('ext', { type: 'ExternalName', externalName: 'db.example.com', ports: [{ name: 'http', port: 80 }] });
  assert.deepEqual([endpointNames(ext, [slice('ext-1', 'ext', { endpoints: [ep('10.0.0.1')] })]), srvRecords(ext, [])], [[], []]);
});

test('ExternalName: a CNAME, or nothing when externalName is an IP (trap 36)', () => {
  const d = dnsAnswer(svc('ext', { type: 'ExternalName', externalName: 'db.example.com' }), [slice('ext-1', 'ext', { endpoints: [ep('10.0.0.1')] })]);
  assert.equal(d.cname, 'db.example.com');
  assert.deepEqual(d.a, []);
  const ip = dnsAnswer(svc('ext', { type: 'ExternalName', externalName: '1.2.3.4' }), []);
  assert.equal(ip.cname, null);
  assert.equal(ip.nxdomain, true);
});

test('TTL facts', () => {
  assert.equal(COREDNS_DEFAULT_TTL_SECONDS, 5);
  assert.equal(KUBEADM_COREDNS_TTL_SECONDS, 30);
  assert.match(dnsAnswer(headless, []).notes[0] ?? '', /TTL 5s by default, 30s with kubeadm/);
});
