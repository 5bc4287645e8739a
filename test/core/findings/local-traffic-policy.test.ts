// local-policy-without-endpoints (traps 26, 27): with a Local traffic policy, nodes without a
// local ready endpoint drop traffic (or send it only to terminating pods); unknown nodes say so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/types.ts';
import { deploy, endpointFor, findings, live, node, offline, podOf, rsOf, run, slice, svc } from '../builders.ts';

function cluster(service: KubeObject) {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const r = rsOf(d, 'h1');
  const a = podOf(r, 'web-h1-a', { node: 'n1' });
  const b = podOf(r, 'web-h1-b', { node: 'n2', deleted: 100 });
  const sl = slice('web-x', 'web', { endpoints: [endpointFor(a, { zone: 'z1' }), endpointFor(b, { ready: false, terminating: true, zone: 'z2' })] });
  return live([d, r, a, b, sl, node('n1', 'z1'), node('n2', 'z2'), node('n3', 'z3'), service]);
}

test('externalTrafficPolicy: Local on a LoadBalancer: nodes that drop or only reach terminating pods, failing health checks', () => {
  const f = findings(run(cluster(svc('web', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' })), 'Service', 'web'), 'local-policy-without-endpoints');
  assert.equal(f.length, 1);
  assert.equal(f[0]?.severity, 'warning');
  assert.equal(f[0]?.message, 'service/web has externalTrafficPolicy: Local, and 2 of 3 nodes have no local ready endpoint for external traffic: on 1 it is dropped, and on 1 it goes only to local terminating pods; they fail the load balancer\'s health check (503).');
  assert.deepEqual(f[0]?.evidence, [
    'n3 (z3): 0 local ready, 0 serving-terminating; drops; health check 503',
    'n2 (z2): 0 local ready, 1 serving-terminating; forwards-terminating; health check 503',
  ]);
});

test('internalTrafficPolicy: Local drops traffic from nodes without a local endpoint', () => {
  const f = findings(run(cluster(svc('web', { internalTrafficPolicy: 'Local' })), 'Service', 'web'), 'local-policy-without-endpoints');
  assert.equal(f.length, 1);
  assert.equal(f[0]?.message, 'service/web has internalTrafficPolicy: Local, and clients on 1 of 3 nodes have no local endpoint: their connections are dropped, not sent elsewhere.');
  assert.deepEqual(f[0]?.evidence, ['n3 (z3): no local ready or serving endpoint']);
});

test('without Node objects the outcome is unknown (info); Cluster policies are silent', () => {
  const off = run(offline([deploy('web', { podLabels: { app: 'web' } }), svc('web', { selector: { app: 'web' }, type: 'NodePort', externalTrafficPolicy: 'Local' })]), 'Service', 'web');
  assert.deepEqual(findings(off, 'local-policy-without-endpoints'), []);
  const unknown = findings(off, 'local-policy-nodes-unknown');
  assert.equal(unknown[0]?.severity, 'info');
  assert.deepEqual(unknown[0]?.evidence, ['no Node objects were read']);
  const r = run(cluster(svc('web', { type: 'LoadBalancer' })), 'Service', 'web');
  assert.deepEqual(findings(r, 'local-policy-without-endpoints'), []);
  assert.deepEqual(findings(r, 'local-policy-nodes-unknown'), []);
});

test('every node named in the sentence agrees with its evidence: terminating-only nodes are not said to drop', () => {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const r = rsOf(d, 'h1');
  const b = podOf(r, 'web-h1-b', { node: 'n2', deleted: 100 });
  const sl = slice('web-x', 'web', { endpoints: [endpointFor(b, { ready: false, terminating: true })] });
  const s = live([d, r, b, sl, node('n1'), node('n2'), svc('web', { type: 'NodePort', externalTrafficPolicy: 'Local' })]);
  const f = findings(run(s, 'Service', 'web'), 'local-policy-without-endpoints');
  assert.equal(f[0]?.message, 'service/web has externalTrafficPolicy: Local, and 2 of 2 nodes have no local ready endpoint for external traffic: on 1 it is dropped, and on 1 it goes only to local terminating pods.');
  const only = live([d, r, b, slice('web-x', 'web', { endpoints: [endpointFor(b, { ready: false, terminating: true })] }), node('n2'), svc('web', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' })]);
  assert.equal(findings(run(only, 'Service', 'web'), 'local-policy-without-endpoints')[0]?.message,
    'service/web has externalTrafficPolicy: Local, and 1 of 1 nodes have no local ready endpoint for external traffic: on 1 it goes only to local terminating pods; it fails the load balancer\'s health check (503).');
});
