// partial-results: what the source could not read is said, never silently omitted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findings, live, run, svc } from '../builders.ts';

test('one warning per gap, with the source\'s message as evidence', () => {
  const s = live([svc('web')], { gaps: [
    { kind: 'EndpointSlice', namespace: 'default', reason: 'forbidden', message: 'endpointslices.discovery.k8s.io is forbidden: User "dev" cannot list resource "endpointslices"' },
    { kind: 'Node', reason: 'forbidden', message: 'nodes is forbidden' },
  ] });
  const f = findings(run(s, 'Service', 'web'), 'partial-results');
  assert.deepEqual(f.map((x) => [x.severity, x.message]), [
    ['warning', 'Could not read EndpointSlice in namespace default (forbidden): answers that depend on it are partial.'],
    ['warning', 'Could not read Node (forbidden): answers that depend on it are partial.'],
  ]);
  assert.deepEqual(f[1]?.evidence, ['nodes is forbidden']);
  assert.deepEqual(f[0]?.objects, []);
  assert.deepEqual(findings(run(live([svc('web')]), 'Service', 'web'), 'partial-results'), []);
});
