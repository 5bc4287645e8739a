// check: every object with a selector in the given namespaces, findings deduplicated across
// targets (keeping the highest severity), sorted by severity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, CHECKED_KINDS, namespacesOf } from '../../src/core/check.ts';
import { CHECK_KIND, SCHEMA_VERSION } from '../../src/core/report.ts';
import type { Snapshot } from '../../src/core/snapshot.ts';
import { cronjob, deploy, live, node, NOW, pod, podOf, query, refs, rsOf, run, slice, svc } from './builders.ts';
import { xdmodLive, xdmodOffline } from './scenarios.ts';

const { target: _target, commands: _commands, ...base } = query('Service', 'unused');
const checkAll = (s: Snapshot) => check(s, namespacesOf(s), base, NOW);

test('shape: kind, schemaVersion, namespaces, targets and counts', () => {
  const c = checkAll(xdmodLive());
  assert.equal(c.kind, CHECK_KIND);
  assert.equal(c.schemaVersion, SCHEMA_VERSION);
  assert.equal(c.generatedAt, NOW.toISOString());
  assert.deepEqual(c.namespaces, ['default']);
  assert.equal(c.source.namespace, 'default');
  assert.equal(c.targets, 3, 'the Service and two Deployments; their ReplicaSets are checked through them');
  for (const sev of ['error', 'warning', 'info'] as const) assert.equal(c.summary.findings[sev], c.findings.filter((f) => f.severity === sev).length);
});

test('xdmod: each finding once, however many targets report it', () => {
  const c = checkAll(xdmodLive());
  assert.deepEqual(c.findings.map((f) => `${f.id} ${refs(f.objects).join(',')}`), [
    'selects-several-workloads Service/mariadb,Deployment/mariadb,Deployment/moc-xdmod',
    'overlapping-selectors Deployment/mariadb,Deployment/moc-xdmod',
    'kubectl-picks-foreign-pod Deployment/moc-xdmod,Pod/mariadb-5d8f7c-x2x7q',
    'target-port-not-declared Service/mariadb,Pod/moc-xdmod-6b9d4f-9kq2w',
    'owner-mismatch Deployment/mariadb,Pod/moc-xdmod-6b9d4f-9kq2w,Deployment/moc-xdmod',
    'owner-mismatch Deployment/moc-xdmod,Pod/mariadb-5d8f7c-x2x7q,Deployment/mariadb',
  ]);
  assert.equal(checkAll(xdmodOffline()).findings.filter((f) => f.id === 'overlapping-selectors').length, 1);
  assert.deepEqual(checkAll(xdmodLive(true)).findings, []);
  assert.deepEqual(checkAll(xdmodOffline(true)).findings, []);
});

test('a finding check gives says what the single target says: the owner-mismatch evidence names the pod\'s labels in their order', () => {
  // check builds no label list per selected pod: the evidence takes the pod's own labels.
  const stray = pod('stray', { labels: { tier: 'db', app: 'web', 'example.com/x': 'y' } });
  const s = live([deploy('web'), stray]);
  const single = run(s, 'Deployment', 'web').findings.filter((f) => f.id === 'owner-mismatch');
  const checked = checkAll(s).findings.filter((f) => f.id === 'owner-mismatch');
  assert.equal(single.length, 1);
  assert.deepEqual(checked, single);
  assert.ok(single[0]?.evidence.includes('labels: tier=db, app=web, example.com/x=y'), single[0]?.evidence.join(' | ') ?? '');
  // The single target's report still shows every selected pod's labels, marked where they match.
  const view = run(s, 'Deployment', 'web').selection.find((v) => v.ref.name === 'stray');
  assert.deepEqual(view?.labels, [{ key: 'tier', value: 'db', matched: false }, { key: 'app', value: 'web', matched: true }, { key: 'example.com/x', value: 'y', matched: false }]);
});

test('kubectl refusing a kind is not a defect; sorted errors first', () => {
  const s = live([cronjob('nightly'), svc('ext', { selector: null }), deploy('broken', { selector: {} })]);
  const c = checkAll(s);
  assert.ok(!c.findings.some((f) => f.id === 'kubectl-refuses'));
  assert.equal(c.findings[0]?.severity, 'error');
  assert.equal(c.findings[0]?.id, 'invalid-selector');
});

test('namespaces: each checked on its own, listed sorted', () => {
  const a = deploy('web', { ns: 'b-team' });
  const b = deploy('web', { ns: 'a-team' });
  const s = live([a, b, pod('stray', { ns: 'a-team', labels: { app: 'web' } }), pod('x', { ns: 'c-team' })]);
  assert.deepEqual(namespacesOf(s), ['a-team', 'b-team', 'c-team'], 'c-team has only a bare pod: checked for bare-pod');
  const c = checkAll(s);
  assert.equal(c.targets, 2);
  assert.equal(c.source.namespace, 'a-team,b-team,c-team');
  assert.deepEqual(c.findings.map((f) => [f.id, f.objects.map((o) => `${o.namespace}/${o.name}`)]), [
    ['owner-mismatch', ['a-team/web', 'a-team/stray']],
    ['kubectl-picks-foreign-pod', ['a-team/web', 'a-team/stray']],
    ['bare-pod', ['a-team/stray']],
    ['selector-matches-nothing', ['b-team/web']],
    ['bare-pod', ['c-team/x']],
  ]);
  assert.deepEqual(check(s, ['b-team'], base, NOW).findings.map((f) => f.id), ['selector-matches-nothing']);
});

test('only ReplicaSets owned by a Deployment are skipped; a bare ReplicaSet is checked', () => {
  const d = deploy('web');
  const owned = rsOf(d, 'h1');
  const s = live([d, owned, podOf(owned, 'web-h1-a'), deploy('bare-rs-owner', { podLabels: { app: 'other' } })]);
  assert.equal(checkAll(s).targets, 2);
  const withBare = live([d, owned, { ...rsOf(deploy('gone'), 'h9'), metadata: { name: 'orphan-rs', namespace: 'default', uid: 'u' } }]);
  assert.equal(checkAll(withBare).targets, 2);
  assert.ok(CHECKED_KINDS.includes('ReplicaSet'));
});

test('live endpoint differences survive deduplication: one finding per Service and kind, every pod in its evidence', () => {
  const d = deploy('web', { podLabels: { app: 'web' } });
  const r = rsOf(d, 'h1');
  const s = live([d, r, podOf(r, 'web-h1-a'), podOf(r, 'web-h1-b'), node('node-a'), slice('web-x', 'web'), svc('web', { selector: { app: 'web' } })]);
  const missing = checkAll(s).findings.filter((f) => f.id === 'endpoints-missing-endpoint');
  assert.equal(missing.length, 1);
  assert.equal(missing[0]?.evidence.length, 2);
});
