// invalid-selector (§2.3): a selector the API server rejects, or a workload selector that
// is missing or empty ("empty selector is invalid").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/types.ts';
import { deploy, ds, findings, job, live, netpol, pdb, refs, rs, run, sts, svc } from '../builders.ts';

const ID = 'invalid-selector';

test('errors for rejected selectors and missing or empty workload selectors', () => {
  const cases: [KubeObject, RegExp][] = [
    [deploy('d', { selector: null }), /^deployment\/d has missing: required for a Deployment/],
    [deploy('d', { selector: {} }), /^deployment\/d has empty: invalid for a Deployment/],
    [rs('d', { selector: {} }), /^replicaset\/d has empty/],
    [sts('d', { selector: {} }), /^statefulset\/d has empty/],
    [ds('d', { selector: null }), /^daemonset\/d has missing/],
    [job('d', { manualSelector: true, selector: {} }), /^job\/d has empty/],
    [svc('d', { selector: { 'bad key': 'x' } }), /^service\/d has an invalid spec\.selector: invalid label key "bad key"/],
    [netpol('d', { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }), /^networkpolicy\/d has an invalid spec\.podSelector/],
  ];
  for (const [o, want] of cases) {
    const f = findings(run(live([o]), o.kind as never, 'd'), ID);
    assert.equal(f.length, 1, String(o.kind));
    assert.equal(f[0]?.severity, 'error');
    assert.match(f[0]?.message ?? '', want);
    assert.deepEqual(refs(f[0]?.objects ?? []), [`${o.kind}/d`]);
    assert.match(f[0]?.evidence[0] ?? '', /^spec\.(selector|podSelector): /);
  }
});

test('silent for valid selectors and for kinds where empty or null is meaningful', () => {
  for (const o of [deploy('d'), svc('d', { selector: null }), svc('d', { selector: {} }), pdb('d', { selector: null }), pdb('d', { selector: {} }), netpol('d'), netpol('d', { podSelector: {} })]) {
    assert.deepEqual(findings(run(live([o]), o.kind as never, 'd'), ID), [], `${o.kind} ${JSON.stringify(o)}`);
  }
});
