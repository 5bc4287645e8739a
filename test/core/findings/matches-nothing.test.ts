// selector-matches-nothing: with the nearest pods and what they miss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy, findings, live, netpol, offline, pdb, pod, refs, run, svc } from '../builders.ts';

const ID = 'selector-matches-nothing';

test('a Service selecting nothing names the nearest pod and what it misses', () => {
  const s = live([svc('web', { selector: { app: 'web', tier: 'frontend' } }), pod('web-1', { labels: { app: 'web', tier: 'fe' } }), pod('db-1', { labels: { app: 'db' } })]);
  const f = findings(run(s, 'Service', 'web'), ID);
  assert.equal(f.length, 1);
  assert.equal(f[0]?.severity, 'warning');
  assert.equal(f[0]?.message, 'service/web selects no pods; the nearest is pod/web-1, which misses tier=fe, wanted frontend.');
  assert.deepEqual(refs(f[0]?.objects ?? []), ['Service/web', 'Pod/web-1']);
});

test('offline, the nearest may be a template; nothing close says so', () => {
  const s = offline([deploy('web', { podLabels: { app: 'web' } }), svc('web', { selector: { app: 'web', tier: 'x' } })]);
  assert.match(findings(run(s, 'Service', 'web'), ID)[0]?.message ?? '', /the nearest is the template pod\/web-\(deployment-template\), which misses no label tier/);
  const far = live([svc('web', { selector: { app: 'web' } }), pod('db', { labels: { app: 'db' } })]);
  assert.equal(findings(run(far, 'Service', 'web'), ID)[0]?.message, 'service/web selects no pods and no pod comes close.');
});

test('severity per kind; silent when the kind\'s rule selects nothing on purpose, or something matches', () => {
  const objects = [pod('a', { labels: { app: 'a' } })];
  assert.equal(findings(run(live([...objects, netpol('np', { podSelector: { matchLabels: { app: 'b' } } })]), 'NetworkPolicy', 'np'), ID)[0]?.severity, 'info');
  assert.equal(findings(run(live([...objects, pdb('p', { selector: { matchLabels: { app: 'b' } } })]), 'PodDisruptionBudget', 'p'), ID)[0]?.severity, 'warning');
  for (const [s, kind, name] of [
    [live([...objects, svc('web', { selector: null })]), 'Service', 'web'],
    [live([...objects, svc('web', { selector: {} })]), 'Service', 'web'],
    [live([...objects, pdb('p', { selector: null })]), 'PodDisruptionBudget', 'p'],
    [live([...objects, deploy('d', { selector: null })]), 'Deployment', 'd'],
    [live([...objects, svc('a', { selector: { app: 'a' } })]), 'Service', 'a'],
  ] as const) {
    assert.deepEqual(findings(run(s, kind, name), ID), [], `${kind}/${name}`);
  }
});
