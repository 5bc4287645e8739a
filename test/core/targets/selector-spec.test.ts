// How each kind reads its selector field (semantics §2.3, trap 13): the same JSON means
// different things on a Service, a PDB, a NetworkPolicy and a workload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matches } from '../../../src/core/labels.ts';
import {
  derivedSelector, networkPolicySelector, PDB_LEGACY_MATCH_NONE_KEY, pdbSelector, replicationControllerSelector, serviceSelector, workloadSelector,
  type SelectorSpec,
} from '../../../src/core/targets/selector-spec.ts';
import type { LabelSelector } from '../../../src/core/types.ts';

const WEB = { app: 'web' };
const OTHER = { app: 'db' };
const NONE = {};

/** What a spec does to three label sets: app=web, app=db, no labels. */
function reach(s: SelectorSpec): [boolean, boolean, boolean] {
  const sel = s.selector;
  if (!sel || !s.selectsPods) return [false, false, false];
  return [matches(sel, WEB), matches(sel, OTHER), matches(sel, NONE)];
}

test('the same selector JSON per kind (§2.3 table)', () => {
  const legacy: LabelSelector = { matchExpressions: [{ key: PDB_LEGACY_MATCH_NONE_KEY, operator: 'Exists' }] };
  const cases: { name: string; spec: SelectorSpec; reach: [boolean, boolean, boolean]; meaning: RegExp; field: string }[] = [
    { name: 'Service absent', spec: serviceSelector(undefined), reach: [false, false, false], meaning: /^no selector: Kubernetes manages no endpoints/, field: 'spec.selector' },
    { name: 'Service null', spec: serviceSelector(null), reach: [false, false, false], meaning: /^no selector/, field: 'spec.selector' },
    { name: 'Service {}', spec: serviceSelector({}), reach: [false, false, false], meaning: /^empty map: same as no selector/, field: 'spec.selector' },
    { name: 'Service app=web', spec: serviceSelector(WEB), reach: [true, false, false], meaning: /^map selector/, field: 'spec.selector' },
    { name: 'PDB null', spec: pdbSelector(null), reach: [false, false, false], meaning: /matches no pods/, field: 'spec.selector' },
    { name: 'PDB absent', spec: pdbSelector(undefined), reach: [false, false, false], meaning: /matches no pods/, field: 'spec.selector' },
    { name: 'PDB {}', spec: pdbSelector({}), reach: [true, true, true], meaning: /matches every pod in its namespace/, field: 'spec.selector' },
    { name: 'PDB legacy v1beta1 marker', spec: pdbSelector(legacy), reach: [false, false, false], meaning: /v1beta1-era empty selector.*matches no pods/, field: 'spec.selector' },
    { name: 'PDB matchLabels', spec: pdbSelector({ matchLabels: WEB }), reach: [true, false, false], meaning: /^label selector$/, field: 'spec.selector' },
    { name: 'NetworkPolicy absent', spec: networkPolicySelector(undefined), reach: [true, true, true], meaning: /every pod in the policy's namespace/, field: 'spec.podSelector' },
    { name: 'NetworkPolicy {}', spec: networkPolicySelector({}), reach: [true, true, true], meaning: /every pod/, field: 'spec.podSelector' },
    { name: 'NetworkPolicy app=web', spec: networkPolicySelector({ matchLabels: WEB }), reach: [true, false, false], meaning: /label selector/, field: 'spec.podSelector' },
    { name: 'Deployment null', spec: workloadSelector('Deployment', null), reach: [false, false, false], meaning: /missing: required for a Deployment/, field: 'spec.selector' },
    { name: 'Deployment {}', spec: workloadSelector('Deployment', {}), reach: [true, true, true], meaning: /empty: invalid for a Deployment/, field: 'spec.selector' },
    { name: 'Deployment app=web', spec: workloadSelector('Deployment', { matchLabels: WEB }), reach: [true, false, false], meaning: /every ReplicaSet revision/, field: 'spec.selector' },
    { name: 'StatefulSet {}', spec: workloadSelector('StatefulSet', {}), reach: [true, true, true], meaning: /invalid for a StatefulSet/, field: 'spec.selector' },
    { name: 'DaemonSet absent', spec: workloadSelector('DaemonSet', undefined), reach: [false, false, false], meaning: /missing/, field: 'spec.selector' },
    { name: 'Job NotIn (trap 12)', spec: workloadSelector('Job', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }), reach: [true, false, true], meaning: /label selector/, field: 'spec.selector' },
    { name: 'RC map', spec: replicationControllerSelector(WEB), reach: [true, false, false], meaning: /^map selector/, field: 'spec.selector' },
    { name: 'RC empty (defaulted from the template by the API server)', spec: replicationControllerSelector({}), reach: [true, true, true], meaning: /defaults it to the template labels/, field: 'spec.selector' },
  ];
  for (const c of cases) {
    assert.deepEqual(reach(c.spec), c.reach, c.name);
    assert.match(c.spec.meaning, c.meaning, c.name);
    assert.equal(c.spec.field, c.field, c.name);
    assert.equal(c.spec.error, null, c.name);
  }
});

test('selectorless Services and null PDBs select nothing as a rule, not merely by matching nothing', () => {
  for (const s of [serviceSelector(undefined), serviceSelector({}), pdbSelector(null), workloadSelector('ReplicaSet', null)]) {
    assert.equal(s.selectsPods, false);
  }
  assert.equal(serviceSelector({}).text, '<none>');
  assert.equal(serviceSelector({}).raw !== null, true, 'an empty map is kept as written');
  assert.equal(serviceSelector(undefined).raw, null);
});

test('the text of a selector is its query form', () => {
  assert.equal(serviceSelector({ tier: 'db', app: 'web' }).text, 'app=web,tier=db');
  assert.equal(workloadSelector('Deployment', { matchLabels: WEB, matchExpressions: [{ key: 'track', operator: 'In', values: ['b', 'a'] }] }).text, 'app=web,track in (a,b)');
  assert.equal(pdbSelector({}).text, '<empty: matches everything>');
  assert.equal(pdbSelector(null).text, '<none: matches nothing>');
});

test('invalid selectors are reported, never evaluated', () => {
  const cases: [string, SelectorSpec, RegExp][] = [
    ['Service bad key', serviceSelector({ 'bad key': 'x' }), /invalid label key/],
    ['Service bad value', serviceSelector({ app: 'a b' }), /invalid label value/],
    ['Deployment In without values', workloadSelector('Deployment', { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }), /must be specified when operator is In/],
    ['PDB Exists with values', pdbSelector({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] }), /may not be specified/],
    ['NetworkPolicy bad operator', networkPolicySelector({ matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] }), /not a valid label selector operator/],
  ];
  for (const [name, s, want] of cases) {
    assert.match(s.error ?? '', want, name);
    assert.equal(s.selector, null, name);
    assert.equal(s.selectsPods, false, name);
    assert.equal(s.text, '<invalid>', name);
    assert.match(s.meaning, /invalid/, name);
  }
});

test('derivedSelector keeps the inner selector and says where it came from', () => {
  const inner = workloadSelector('Deployment', { matchLabels: WEB });
  const d = derivedSelector('Deployment/web spec.selector', inner, 'the autoscaler measures');
  assert.equal(d.form, 'derived');
  assert.equal(d.field, 'Deployment/web spec.selector');
  assert.equal(d.selector, inner.selector);
  assert.equal(d.selectsPods, true);
  assert.match(d.meaning, /^the autoscaler measures; label selector/);
});
