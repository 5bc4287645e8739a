// endpoints-*: live, the EndpointSlices the control plane published differ from the
// prediction; the evidence cites the slice, its resourceVersion and trigger time (trap 40).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy, endpointFor, findings, live, node, offline, podOf, refs, rsOf, run, slice, svc } from '../builders.ts';
import { xdmodLive } from '../scenarios.ts';

function world(endpoints: (p: ReturnType<typeof podOf>[]) => ReturnType<typeof endpointFor>[]) {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const r = rsOf(d, 'h1');
  const pods = [podOf(r, 'web-h1-a'), podOf(r, 'web-h1-b')];
  const gone = podOf(r, 'web-h1-gone');
  const sl = slice('web-x', 'web', { resourceVersion: '812', endpoints: endpoints([...pods, gone]) });
  if (sl.metadata) sl.metadata.annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-03-01T12:00:40Z' };
  return live([d, r, ...pods, node('node-a'), sl, svc('web', { selector: { app: 'web' } })]);
}

test('a slice that agrees with the prediction: no differences', () => {
  assert.deepEqual(run(world((p) => [endpointFor(p[0] as never), endpointFor(p[1] as never)]), 'Service', 'web').findings.filter((f) => f.id.startsWith('endpoints-')), []);
  assert.deepEqual(xdmodLive().objects.EndpointSlice.length, 1);
  assert.deepEqual(run(xdmodLive(), 'Service', 'mariadb').findings.filter((f) => f.id.startsWith('endpoints-')), []);
});

test('missing and unexpected endpoints are warnings; condition mismatches infos', () => {
  const r = run(world((p) => [endpointFor(p[0] as never, { ready: false, serving: false }), endpointFor(p[2] as never)]), 'Service', 'web');
  const missing = findings(r, 'endpoints-missing-endpoint');
  assert.equal(missing.length, 1);
  assert.equal(missing[0]?.severity, 'warning');
  assert.match(missing[0]?.message ?? '', /^service\/web: pod web-h1-b /);
  assert.deepEqual(refs(missing[0]?.objects ?? []), ['Service/web']);
  const unexpected = findings(r, 'endpoints-unexpected-endpoint');
  assert.equal(unexpected[0]?.severity, 'warning');
  assert.match(unexpected[0]?.message ?? '', /web-h1-gone/);
  assert.match(unexpected[0]?.evidence[0] ?? '', /web-h1-gone.* \(EndpointSlice web-x resourceVersion 812, last-change-trigger-time 2026-03-01T12:00:40Z\)$/);
  const cond = findings(r, 'endpoints-condition-mismatch');
  assert.equal(cond.length, 1);
  assert.equal(cond[0]?.severity, 'info');
  assert.equal(cond[0]?.message, 'service/web: ready: predicted true, slice says false (and 1 more)');
  assert.deepEqual(cond[0]?.evidence.map((e) => e.replace(/ \(EndpointSlice.*/, '')), ['ready: predicted true, slice says false', 'serving: predicted true, slice says false']);
});

test('several differences of one kind are one finding, each a line of evidence', () => {
  const r = run(world(() => []), 'Service', 'web');
  const missing = findings(r, 'endpoints-missing-endpoint');
  assert.equal(missing.length, 1);
  assert.equal(missing[0]?.message, 'service/web: pod web-h1-a (ready) should be an IPv4 endpoint but no controller slice lists it (and 1 more)');
  assert.deepEqual(missing[0]?.evidence, [
    'pod web-h1-a (ready) should be an IPv4 endpoint but no controller slice lists it',
    'pod web-h1-b (ready) should be an IPv4 endpoint but no controller slice lists it',
  ]);
});

test('offline there are no slices to compare', () => {
  const r = run(offline([deploy('web', { podLabels: { app: 'web' } }), svc('web', { selector: { app: 'web' } })]), 'Service', 'web');
  assert.deepEqual(r.findings.filter((f) => f.id.startsWith('endpoints-')), []);
});
