// Root causes of collisions: a kustomization field that wrote the selectors (commonLabels,
// labels with includeSelectors), manualSelector on Jobs, one Helm release's workloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, namespacesOf } from '../../../src/core/check.ts';
import type { Snapshot } from '../../../src/core/snapshot.ts';
import { deploy, job, NOW, offline, query, svc } from '../builders.ts';

const { target: _t, commands: _c, ...base } = query('Service', 'unused');
const causes = (s: Snapshot, id = 'overlapping-selectors') => check(s, namespacesOf(s), base, NOW).findings.filter((f) => f.id === id).map((f) => f.cause ?? null);

test('kustomize: selectors made only of labels a selector-writing field adds are named with the field and file', () => {
  const s = offline([deploy('db', { podLabels: { app: 'shop' } }), deploy('web', { podLabels: { app: 'shop' } }), svc('db', { selector: { app: 'shop' } })]);
  assert.deepEqual(causes(s), [null], 'no kustomization: no cause');
  s.selectorWriters = [{ file: 'base/kustomization.yaml', field: 'commonLabels', labels: { app: 'shop', team: 'x' } }];
  const [c] = causes(s);
  assert.equal(c?.file, 'base/kustomization.yaml');
  assert.equal(c?.field, 'commonLabels');
  assert.match(c?.summary ?? '', /^kustomize wrote these selectors: commonLabels in base\/kustomization\.yaml adds app=shop, team=x to every selector it builds, and deployment\/db and deployment\/web select on nothing else/);
  assert.match(c?.fix ?? '', /`labels:` without includeSelectors/);
  assert.equal(causes(s, 'selects-several-workloads')[0]?.field, 'commonLabels');
  const finding = check(s, namespacesOf(s), base, NOW).findings.find((f) => f.id === 'overlapping-selectors');
  assert.ok(finding?.evidence.some((e) => e.startsWith('cause: kustomize wrote')));
  s.selectorWriters = [{ file: 'k.yaml', field: 'labels[1]', labels: { app: 'shop' } }];
  assert.match(causes(s)[0]?.summary ?? '', /labels\[1\] \(includeSelectors: true\) in k\.yaml/);
  s.selectorWriters = [{ file: 'k.yaml', field: 'commonLabels', labels: { app: 'other' } }];
  assert.deepEqual(causes(s), [null], 'a writer whose labels the selectors do not consist of is not the cause');
});

test('kustomize: a selector with its own distinguishing label is not blamed on the writer', () => {
  const s = offline([deploy('db', { podLabels: { app: 'shop', tier: 'db' }, selector: { matchLabels: { app: 'shop' } } }), deploy('web', { podLabels: { app: 'shop', tier: 'db' }, selector: { matchLabels: { app: 'shop', tier: 'db' } } })]);
  s.selectorWriters = [{ file: 'k.yaml', field: 'commonLabels', labels: { app: 'shop' } }];
  const [c] = causes(s);
  assert.match(c?.summary ?? '', /and deployment\/db selects on nothing else, so it matches/, 'only the selector the writer made is named');
});

test('Jobs with manualSelector: true; Helm workloads of one release; otherwise no cause', () => {
  const jobs = offline([job('a', { manualSelector: true, podLabels: { app: 'm' }, selector: { matchLabels: { app: 'm' } } }), job('b', { manualSelector: true, podLabels: { app: 'm' }, selector: { matchLabels: { app: 'm' } } })]);
  assert.match(causes(jobs)[0]?.summary ?? '', /^job\/a and job\/b set spec\.manualSelector: true/);
  const helm = { 'app.kubernetes.io/instance': 'shop', 'helm.sh/chart': 'shop-1.2.0' };
  const h = offline([deploy('api', { labels: helm, podLabels: { app: 's' } }), deploy('worker', { labels: helm, podLabels: { app: 's' } })]);
  assert.match(causes(h)[0]?.summary ?? '', /^deployment\/api and deployment\/worker belong to one Helm release, shop \(chart shop-1\.2\.0\)/);
  const twoReleases = offline([deploy('api', { labels: { ...helm, 'app.kubernetes.io/instance': 'a' }, podLabels: { app: 's' } }), deploy('worker', { labels: helm, podLabels: { app: 's' } })]);
  assert.deepEqual(causes(twoReleases), [null]);
});
