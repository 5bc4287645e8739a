// multiple-pdbs (trap 37): a pod matched by two policy/v1 PDBs cannot be evicted (HTTP 500).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy, findings, live, offline, pdb, pod, refs, run } from '../builders.ts';

const ID = 'multiple-pdbs';

test('two PDBs over the same pods: one finding naming both', () => {
  const s = live([pod('a'), pod('b'), pdb('web', { selector: { matchLabels: { app: 'web' } } }), pdb('all', { selector: {} })]);
  const f = findings(run(s, 'PodDisruptionBudget', 'web'), ID);
  assert.equal(f.length, 1);
  assert.equal(f[0]?.severity, 'warning');
  assert.equal(f[0]?.message, 'pod/a and 1 more are matched by 2 PodDisruptionBudgets (web, all): evicting them fails with HTTP 500, which kubectl drain does not retry.');
  assert.deepEqual(refs(f[0]?.objects ?? []), ['PodDisruptionBudget/web', 'PodDisruptionBudget/all', 'Pod/a']);
});

test('offline, the template stands for its pods', () => {
  const s = offline([deploy('web'), pdb('one', { selector: { matchLabels: { app: 'web' } } }), pdb('two', { selector: { matchLabels: { app: 'web' } } })]);
  assert.match(findings(run(s, 'Deployment', 'web'), ID)[0]?.message ?? '', /^Pods of deployment\/web are matched by 2 PodDisruptionBudgets \(one, two\)/);
});

test('a null selector and the legacy v1beta1 marker match no pod; other namespaces do not count', () => {
  const legacy = { matchExpressions: [{ key: 'pdb.kubernetes.io/deprecated-v1beta1-empty-selector-match', operator: 'Exists' }] };
  const s = live([pod('a'), pdb('web', { selector: { matchLabels: { app: 'web' } } }), pdb('null', { selector: null }), pdb('legacy', { selector: legacy }),
    pdb('prod', { ns: 'prod', selector: {} })]);
  assert.deepEqual(findings(run(s, 'PodDisruptionBudget', 'web'), ID), []);
});

test('Pending, finished and terminating pods bypass PDBs on eviction: no finding for them alone', () => {
  const pdbs = [pdb('one', { selector: { matchLabels: { app: 'web' } } }), pdb('two', { selector: {} })];
  for (const p of [pod('a', { phase: 'Pending', ready: false }), pod('a', { phase: 'Succeeded', ready: false }), pod('a', { phase: 'Failed', ready: false }), pod('a', { deleted: 5 })]) {
    assert.deepEqual(findings(run(live([p, ...pdbs]), 'PodDisruptionBudget', 'one'), ID), [], `${p.status?.phase} ${p.metadata?.deletionTimestamp ?? ''}`);
  }
  const f = findings(run(live([pod('a', { phase: 'Pending', ready: false }), pod('b'), ...pdbs]), 'PodDisruptionBudget', 'one'), ID);
  assert.match(f[0]?.message ?? '', /^pod\/b is matched by 2/, 'the Pending pod is not counted');
});
