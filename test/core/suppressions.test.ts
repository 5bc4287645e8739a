// Suppressions: the whoselects.io/ignore annotation on any object a finding names, config
// rules per object pattern or global, per-id severities, suppressed findings kept with their
// reason and counted, and stale suppressions reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, namespacesOf } from '../../src/core/check.ts';
import type { CheckReport } from '../../src/core/report.ts';
import type { Snapshot } from '../../src/core/snapshot.ts';
import { applySuppressions, globMatches, type CheckConfig, type IgnoreRule } from '../../src/core/suppressions.ts';
import { deploy, NOW, offline, query, svc } from './builders.ts';

const { target: _t, commands: _c, ...base } = query('Service', 'unused');

/** A stable + canary pair behind one Service: selects-several-workloads and overlap findings. */
function canary(annotations?: Record<string, string>): Snapshot {
  return offline([
    svc('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...(annotations ? { annotations } : {}) }),
    deploy('web', { podLabels: { app: 'web', track: 'stable' } }),
    deploy('web-canary', { podLabels: { app: 'web', track: 'canary' }, preStop: false }),
  ]);
}
const run = (s: Snapshot, config: CheckConfig | null = null): CheckReport => applySuppressions(check(s, namespacesOf(s), base, NOW), s, config);
const config = (ignore: Omit<IgnoreRule, 'origin' | 'reason'>[] & Partial<IgnoreRule>[], severity: CheckConfig['severity'] = {}): CheckConfig =>
  ({ file: 'c.yaml', ignore: ignore.map((r, i) => ({ reason: null, origin: `c.yaml ignore[${i}]`, ...r })), severity });
const ids = (r: CheckReport) => r.findings.map((f) => f.id);

test('without suppressions the canary pattern is a warning; the annotation on the Service silences it, with its reason', () => {
  assert.ok(ids(run(canary())).includes('selects-several-workloads'));
  const r = run(canary({ 'whoselects.io/ignore': 'selects-several-workloads', 'whoselects.io/ignore-reason': 'canary by design' }));
  assert.ok(!ids(r).includes('selects-several-workloads'));
  assert.deepEqual(r.suppressed?.map((f) => [f.id, f.suppression]), [['selects-several-workloads', { by: 'annotation', source: 'whoselects.io/ignore on service/web (namespace default)', reason: 'canary by design' }]]);
  assert.equal(r.summary.suppressed, 1);
  assert.equal(r.summary.findings.warning, r.findings.filter((f) => f.severity === 'warning').length);
  assert.ok(!ids(r).includes('suppression-unused'));
});

test('an annotation with an id that matches nothing, or no finding id at all, is reported as unused', () => {
  const r = run(canary({ 'whoselects.io/ignore': 'selects-several-workloads, multiple-pdbs,typo-id' }));
  const unused = r.findings.filter((f) => f.id === 'suppression-unused');
  assert.deepEqual(unused.map((f) => f.message), [
    'whoselects.io/ignore on service/web (namespace default) ignores multiple-pdbs, but no such finding names it: remove multiple-pdbs from it.',
    'whoselects.io/ignore on service/web (namespace default) names "typo-id", which is no finding id: it suppresses nothing.',
  ]);
  assert.ok(unused.every((f) => f.severity === 'info' && f.objects[0]?.name === 'web'));
});

test('config rules: by kind and name glob, global, and "*"; first match wins and is named', () => {
  const byObject = run(canary(), config([{ ids: ['selects-several-workloads'], kind: 'Service', name: 'w?b' }]));
  assert.equal(byObject.suppressed?.[0]?.suppression.source, 'c.yaml ignore[0]');
  assert.ok(!ids(byObject).includes('selects-several-workloads'));
  const wrongKind = run(canary(), config([{ ids: ['selects-several-workloads'], kind: 'Ingress' }]));
  assert.ok(ids(wrongKind).includes('selects-several-workloads'));
  assert.match(wrongKind.findings.find((f) => f.id === 'suppression-unused')?.message ?? '', /c\.yaml ignore\[0\] ignores selects-several-workloads for kind Ingress, but no finding matched it/);
  const global = run(canary(), config([{ ids: ['no-prestop-delay'] }]));
  assert.ok(!ids(global).includes('no-prestop-delay'));
  const all = run(canary(), config([{ ids: ['*'], namespace: 'def*' }]));
  assert.deepEqual(all.findings, []);
  assert.equal(all.summary.suppressed, all.suppressed?.length);
  assert.ok((all.suppressed?.length ?? 0) >= 2);
});

test('a rule for a namespace outside the run is not judged stale; severities are re-set per id, before --fail-on', () => {
  const elsewhere = run(canary(), config([{ ids: ['bare-pod'], namespace: 'prod' }]));
  assert.ok(!ids(elsewhere).includes('suppression-unused'));
  const raised = run(canary(), config([], { 'no-prestop-delay': 'error' }));
  assert.ok(raised.findings.filter((f) => f.id === 'no-prestop-delay').every((f) => f.severity === 'error'));
  assert.equal(raised.findings[0]?.severity, 'error', 'sorted again by the new severity');
  assert.equal(raised.summary.findings.error, raised.findings.filter((f) => f.severity === 'error').length);
});

test('unused suppressions can themselves be ignored by id', () => {
  const r = run(canary({ 'whoselects.io/ignore': 'multiple-pdbs' }), config([{ ids: ['suppression-unused'] }]));
  assert.ok(!ids(r).includes('suppression-unused'));
  assert.ok(r.suppressed?.some((f) => f.id === 'suppression-unused'));
});

test('globs: * and ? only, everything else literal', () => {
  assert.ok(globMatches('web-*', 'web-canary'));
  assert.ok(globMatches('w?b', 'web'));
  assert.ok(!globMatches('web.', 'webx'));
  assert.ok(!globMatches('web', 'web-canary'));
});
