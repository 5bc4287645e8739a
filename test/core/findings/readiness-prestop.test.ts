// no-readiness-probe and no-prestop-delay: pods behind a managed Service get traffic
// before they can serve, or after SIGTERM (traps 31, 32).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy, findings, live, offline, pod, refs, run, svc } from '../builders.ts';

test('per workload: warning without readiness probe, info without preStop', () => {
  const s = offline([deploy('web', { podLabels: { app: 'web' }, probe: false, preStop: false }), svc('web', { selector: { app: 'web' } })]);
  const r = run(s, 'Service', 'web');
  const probe = findings(r, 'no-readiness-probe');
  assert.equal(probe[0]?.severity, 'warning');
  assert.equal(probe[0]?.message, 'deployment/web has no readiness probe, so service/web sends it traffic as soon as its containers start.');
  assert.deepEqual(refs(probe[0]?.objects ?? []), ['Deployment/web', 'Service/web']);
  const stop = findings(r, 'no-prestop-delay');
  assert.equal(stop[0]?.severity, 'info');
  assert.match(stop[0]?.message ?? '', /^deployment\/web has no preStop delay: on deletion it gets SIGTERM while service\/web may still route to it/);
  assert.deepEqual(stop[0]?.evidence, ['terminationGracePeriodSeconds: 30', 'endpoint removal and SIGTERM happen in parallel, with no ordering guarantee']);
});

test('bare pods are one group, in the plural', () => {
  const s = live([pod('a', { probe: false }), pod('b', { probe: false }), svc('web')]);
  const f = findings(run(s, 'Service', 'web'), 'no-readiness-probe');
  assert.equal(f[0]?.message, '2 bare pods have no readiness probe, so service/web sends them traffic as soon as their containers start.');
  assert.deepEqual(refs(f[0]?.objects ?? []), ['Pod/a', 'Pod/b', 'Service/web']);
});

test('silent with probe and preStop, without a managed Service, and for non-Service targets', () => {
  const good = offline([deploy('web', { podLabels: { app: 'web' } }), svc('web', { selector: { app: 'web' } })]);
  assert.deepEqual(findings(run(good, 'Service', 'web'), 'no-readiness-probe'), []);
  assert.deepEqual(findings(run(good, 'Service', 'web'), 'no-prestop-delay'), []);
  const bad = [deploy('web', { podLabels: { app: 'web' }, probe: false, preStop: false })];
  assert.deepEqual(findings(run(offline([...bad, svc('web', { type: 'ExternalName', externalName: 'x.example', selector: { app: 'web' } })]), 'Service', 'web'), 'no-readiness-probe'), []);
  assert.deepEqual(findings(run(offline(bad), 'Deployment', 'web'), 'no-readiness-probe'), []);
});

test('a terminal (evicted) pod is never an endpoint: not counted, not named; the sentence counts the pods it is about', () => {
  const evicted = pod('a', { probe: false, phase: 'Failed' });
  assert.deepEqual(findings(run(live([evicted, pod('b'), svc('web')]), 'Service', 'web'), 'no-readiness-probe'), []);
  const f = findings(run(live([evicted, pod('b', { probe: false }), pod('c'), svc('web')]), 'Service', 'web'), 'no-readiness-probe');
  assert.equal(f[0]?.message, 'pod/b has no readiness probe, so service/web sends it traffic as soon as its containers start.');
  assert.deepEqual(refs(f[0]?.objects ?? []), ['Pod/b', 'Service/web']);
});
