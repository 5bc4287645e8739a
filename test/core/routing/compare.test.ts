import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareWithSlices, firstSameTarget, indexPool, sameTarget, type Located } from '../../../src/core/routing/compare.ts';
import { predictEndpoints, type PredictedEndpoint } from '../../../src/core/routing/endpoints.ts';
import type { Endpoint, EndpointSlice } from '../../../src/core/types.ts';
import { fuzzParams } from '../../fuzz/params.ts';
import { ep, node, pod, published, slice, svc } from '../builders.ts';

const nodes = [node('node-a', 'zone-1')];
const s = svc('web');
const pods = [pod('a', { ip: '10.0.0.1', uid: 'uid-a' }), pod('b', { ip: '10.0.0.2', uid: 'uid-b', ready: false })];
const prediction = predictEndpoints(s, pods, nodes);

function mutate(f: (slices: EndpointSlice[]) => void): EndpointSlice[] {
  const slices = structuredClone(published(prediction.slices));
  f(slices);
  return slices;
}

test('the controller publishing exactly the prediction gives no differences', () => {
  const c = compareWithSlices(prediction, published(prediction.slices), pods);
  assert.deepEqual(c.differences, []);
  assert.deepEqual(c.slices.map((x) => x.name), ['web-x0']);
});

test('each kind of difference, with the slice cited', async (t) => {
  const rows: { name: string; slices: EndpointSlice[]; kind: string; detail: RegExp; pod?: string; count?: number }[] = [
    { name: 'a selected Ready pod is missing', slices: mutate((ss) => { ss[0]!.endpoints = ss[0]!.endpoints!.filter((e) => e.targetRef?.name !== 'a'); }), kind: 'missing-endpoint', detail: /pod a \(ready\)/, pod: 'a' },
    { name: 'condition mismatch', slices: mutate((ss) => { ss[0]!.endpoints![1]!.conditions = { ready: true, serving: false, terminating: false }; }), kind: 'condition-mismatch', detail: /ready: predicted false, slice says true/, pod: 'b' },
    { name: 'port mismatch', slices: mutate((ss) => { ss[0]!.ports = [{ name: 'http', port: 9999, protocol: 'TCP' }]; }), kind: 'port-mismatch', detail: /predicted http=8080\/TCP, slice has http=9999\/TCP/, pod: 'a', count: 2 },
    { name: 'zone mismatch', slices: mutate((ss) => { ss[0]!.endpoints![0]!.zone = 'zone-9'; }), kind: 'field-mismatch', detail: /zone: predicted zone-1, slice has zone-9/, pod: 'a' },
    { name: 'hostname mismatch', slices: mutate((ss) => { ss[0]!.endpoints![0]!.hostname = 'h'; }), kind: 'field-mismatch', detail: /hostname: predicted unset, slice has h/, pod: 'a' },
  ];
  for (const r of rows) {
    await t.test(r.name, () => {
      const d = compareWithSlices(prediction, r.slices, pods).differences;
      assert.equal(d.length, r.count ?? 1, JSON.stringify(d));
      assert.equal(d[0]?.kind, r.kind);
      assert.match(d[0]?.detail ?? '', r.detail);
      assert.equal(d[0]?.pod?.name, r.pod);
      if (r.kind !== 'missing-endpoint') assert.equal(d[0]?.slice?.name, 'web-x0');
    });
  }
});

test('a stale endpoint of a terminal pod is explained', () => {
  const failed = pod('c', { ip: '10.0.0.3', phase: 'Failed' });
  const slices = mutate((ss) => ss[0]!.endpoints!.push(ep('10.0.0.3', { pod: 'c', uid: 'uid-c' })));
  const d = compareWithSlices(prediction, slices, [...pods, failed]).differences;
  assert.equal(d.length, 1);
  assert.equal(d[0]?.kind, 'unexpected-endpoint');
  assert.match(d[0]?.detail ?? '', /pod c is Failed: the slice has not caught up/);
});

test('an endpoint nobody owns is reported by address', () => {
  const slices = mutate((ss) => ss[0]!.endpoints!.push(ep('10.9.9.9')));
  const d = compareWithSlices(prediction, slices, pods).differences;
  assert.equal(d[0]?.kind, 'unexpected-endpoint');
  assert.match(d[0]?.detail ?? '', /no known pod has address 10\.9\.9\.9/);
});

test('hand-made slices for a selector Service are flagged: kube-proxy merges them (trap 23)', () => {
  const extra = slice('web-manual', 'web', { managedBy: 'me', resourceVersion: '7', triggerTime: '2026-01-01T00:00:00Z', endpoints: [ep('10.8.8.8')] });
  const c = compareWithSlices(prediction, [...published(prediction.slices), extra], pods);
  assert.equal(c.differences.length, 1);
  assert.equal(c.differences[0]?.kind, 'foreign-slice');
  assert.deepEqual(c.differences[0]?.slice, { name: 'web-manual', managedBy: 'me', addressType: 'IPv4', resourceVersion: '7', lastChangeTriggerTime: '2026-01-01T00:00:00Z' });
});

test('a pod listed only in a foreign slice is still missing from the controller slices', () => {
  const slices = mutate((ss) => { ss[0]!.endpoints = ss[0]!.endpoints!.filter((e) => e.targetRef?.name !== 'a'); });
  slices.push(slice('web-manual', 'web', { managedBy: null, endpoints: [ep('10.0.0.1', { pod: 'a', uid: 'uid-a' })] }));
  const kinds = compareWithSlices(prediction, slices, pods).differences.map((d) => [d.kind, d.detail.includes('only foreign slice web-manual')]);
  assert.deepEqual(kinds, [['foreign-slice', false], ['missing-endpoint', true]]);
});

test('slices of other Services or namespaces are not considered', () => {
  const other = slice('api-1', 'api', { endpoints: [ep('10.7.7.7')] });
  const elsewhere = slice('web-1', 'web', { ns: 'prod', endpoints: [ep('10.6.6.6')] });
  const c = compareWithSlices(prediction, [...published(prediction.slices), other, elsewhere], pods);
  assert.deepEqual(c.differences, []);
  assert.equal(c.slices.length, 1);
});

test('unmanaged Services are not compared, only listed', () => {
  const manual = predictEndpoints(svc('web', { selector: null }), pods, nodes);
  const c = compareWithSlices(manual, [slice('web-manual', 'web', { managedBy: 'me' })], pods);
  assert.deepEqual(c.differences, []);
  assert.equal(c.slices[0]?.managedBy, 'me');
});

test('the pool index finds the endpoint a scan of the whole pool finds (random pools)', () => {
  // Few names, uids and addresses (one IPv6 address written two ways), so that matches by
  // uid, by name across namespaces and by address, duplicates and already-matched endpoints all occur.
  const names = ['a', 'b', 'c'];
  const uids = ['u1', 'u2', 'u3'];
  const addresses = ['10.0.0.1', '10.0.0.2', 'fd00::1', 'fd00:0::1'];
  const namespace = fc.constantFrom(undefined, 'default', 'other');
  const predicted = fc.record({
    uid: fc.option(fc.constantFrom(...uids), { nil: undefined }), name: fc.constantFrom(...names), namespace,
    addresses: fc.subarray(addresses),
  }).map(({ uid, name, namespace: ns, addresses: a }): PredictedEndpoint => ({
    pod: { kind: 'Pod', name, ...(ns ? { namespace: ns } : {}), ...(uid ? { uid } : {}) } as PredictedEndpoint['pod'],
    addresses: a, conditions: { ready: true, serving: true, terminating: false }, ports: [], missingPorts: [], undeclaredPorts: [],
  }));
  const real = fc.record({
    ref: fc.option(fc.record({ uid: fc.option(fc.constantFrom(...uids), { nil: undefined }), name: fc.option(fc.constantFrom(...names), { nil: undefined }), namespace }), { nil: undefined }),
    addresses: fc.subarray(addresses), matched: fc.boolean(),
  });
  fc.assert(fc.property(fc.array(predicted, { maxLength: 6 }), fc.array(real, { maxLength: 12 }), fc.constantFrom('IPv4', 'IPv6'), (es, reals, family) => {
    const s0 = slice('web-x0', 'web', { addressType: family as 'IPv4' | 'IPv6' });
    const pool: Located[] = reals.map((r) => {
      const endpoint: Endpoint = { addresses: r.addresses, conditions: {} };
      if (r.ref) endpoint.targetRef = { kind: 'Pod', ...Object.fromEntries(Object.entries(r.ref).filter(([, v]) => v !== undefined)) };
      return { slice: s0, endpoint };
    });
    const matched = new Set(pool.filter((_, i) => reals[i]?.matched).map((l) => l.endpoint));
    const ix = indexPool(pool);
    for (const e of es) {
      const scanned = pool.find((l) => !matched.has(l.endpoint) && sameTarget(e, l.endpoint, family));
      assert.equal(firstSameTarget(e, pool, ix, matched, family), scanned);
      if (scanned) matched.add(scanned.endpoint);
    }
  }), fuzzParams(300));
});
