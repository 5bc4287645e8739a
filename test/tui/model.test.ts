import './no-ci.ts';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Report } from '../../src/core/report.ts';
import type { Change, Hazard } from '../../src/core/timeline/types.ts';
import { sortedFindings, severityCounts } from '../../src/render/model/findings.ts';
import { kubectlLines } from '../../src/render/model/kubectl.ts';
import { expectedChain, isForeign, meantOwner } from '../../src/render/model/owners.ts';
import { podRows } from '../../src/render/model/pod-rows.ts';
import { changeLine, hazardLine, sortHazards } from '../../src/render/model/timeline.ts';
import { plain } from '../../src/tui/text.ts';
import { golden, liveReport, NOW, pod } from './fixtures.ts';

describe('whose pods these are meant to be', () => {
  test('a controller target: the target, and pods it does not own are foreign', () => {
    const r = golden('xdmod/logs-deploy-moc-xdmod');
    assert.deepEqual(meantOwner(r), { ref: r.target.ref, why: 'the target' });
    assert.deepEqual(r.selection.map((v) => [v.ref.name, isForeign(v, meantOwner(r))]), [['mariadb-(deployment-template)', true], ['moc-xdmod-(deployment-template)', false]]);
  });

  test('a Service: the owner that shares its name', () => {
    const r = golden('xdmod/svc-mariadb');
    assert.equal(meantOwner(r)?.ref.name, 'mariadb');
    assert.equal(meantOwner(r)?.why, 'same name as the target');
  });

  test('an HPA: the workload it scales', () => {
    const m = meantOwner(golden('networkpolicy-ingress/hpa-storefront'));
    assert.deepEqual([m?.ref.kind, m?.ref.name, m?.why], ['Deployment', 'storefront', 'scaled by hpa/storefront']);
  });

  test('a Service: else the owner of most of the pods; with a tie, nobody', () => {
    const live = liveReport();
    const r: Report = { ...live, target: { ...live.target, ref: { ...live.target.ref, name: 'frontend' } } };
    assert.equal(meantOwner(r)?.ref.name, 'web');
    assert.equal(meantOwner(r)?.why, 'owns most of the pods');
    const tie: Report = { ...r, selection: [r.selection[0]!, r.selection[2]!] };
    assert.equal(meantOwner(tie), null);
    const one: Report = { ...r, selection: [r.selection[0]!, r.selection[1]!] };
    assert.equal(meantOwner(one)?.why, 'owns all of the pods');
  });

  test('bare pods stand out next to a workload', () => {
    const r = golden('orphan-adoption/svc-cache');
    const m = meantOwner(r);
    assert.equal(m?.ref.name, 'cache');
    assert.deepEqual(r.selection.map((v) => isForeign(v, m)), [false, true]);
  });

  test('the chain a pod of the owner would have', () => {
    const deploy = { kind: 'Deployment', name: 'web' };
    assert.deepEqual(expectedChain(deploy, pod('x', { labels: [{ key: 'pod-template-hash', value: 'abc12', matched: false }] })), ['replicaset/web-abc12', 'deployment/web']);
    assert.deepEqual(expectedChain(deploy, null, true), ['rs/web-<hash>', 'deploy/web']);
    assert.deepEqual(expectedChain(deploy, pod('t', { template: true })), ['deployment/web']);
    assert.deepEqual(expectedChain({ kind: 'CronJob', name: 'nightly' }, null), ['job/nightly-<time>', 'cronjob/nightly']);
    assert.deepEqual(expectedChain({ kind: 'StatefulSet', name: 'db' }, null), ['statefulset/db']);
  });
});

describe('pod rows', () => {
  test('live: endpoint conditions and the target port from the slices', () => {
    const r = liveReport();
    const rows = podRows(r, meantOwner(r), NOW);
    assert.deepEqual(rows.map((x) => [x.owner.text, x.status.text, x.ready.text, x.slice?.text, x.port?.text, x.restarts.text, x.age.text]), [
      ['deploy/web', 'Running', 'yes', 'ready', '✓ yes', '0', '60m'],
      ['deploy/web', 'Terminating', 'yes', 'serving·term', '✓ yes', '0', '60m'],
      ['≠ deploy/web-canary', 'Running', 'yes', 'ready', '✗ no http', '3', '60m'],
    ]);
    assert.equal(rows[2]?.foreign, true);
    assert.equal(rows[2]?.owner.role, 'foreign');
    assert.match(rows[0]?.search ?? '', /web-7d4b9c8f6d-x2k9p.*replicaset\/web-7d4b9c8f6d.*node-a/);
  });

  test('live: a ready pod missing from the slices is absent, and says so loudly', () => {
    const r = liveReport();
    const rv = r.routing[0]!;
    const lagging: Report = { ...r, routing: [{ ...rv, actual: { ...rv.actual!, endpoints: rv.actual!.endpoints.slice(1) } }] };
    const row = podRows(lagging, meantOwner(lagging), NOW)[0];
    assert.deepEqual([row?.slice?.text, row?.slice?.role], ['absent', 'error']);
  });

  test('offline: what the controller would publish, and an undeclared numeric target port', () => {
    const r = golden('xdmod/svc-mariadb');
    const rows = podRows(r, meantOwner(r), NOW);
    assert.deepEqual(rows.map((x) => [x.owner.text, x.name.text, x.status.text, x.slice?.text, x.port?.text]), [
      ['deploy/mariadb', '(template)', 'template', 'yes', '✓ yes'],
      ['≠ deploy/moc-xdmod', '(template)', 'template', 'yes', '▲ 3306 undeclared'],
    ]);
  });

  test('offline: a named target port the pod lacks', () => {
    const r = golden('named-targetport/svc-web');
    assert.deepEqual(podRows(r, meantOwner(r), NOW).map((x) => x.port?.text), ['✓ yes', '✗ no http']);
  });

  test('without a Service there are no endpoint columns', () => {
    const r = golden('xdmod/logs-deploy-moc-xdmod');
    assert.deepEqual(podRows(r, meantOwner(r), NOW).map((x) => [x.slice, x.port]), [[null, null], [null, null]]);
  });
});

describe('kubectl line', () => {
  test('whose pod comes first; same answers share a line', () => {
    assert.deepEqual(kubectlLines(golden('xdmod/svc-mariadb')).map(plain), [
      'kubectl logs|exec svc/mariadb → a pod of deploy/mariadb or deploy/moc-xdmod',
      'kubectl logs|exec deploy/mariadb → a pod of deploy/mariadb or deploy/moc-xdmod ≠ may be deploy/moc-xdmod\'s',
      'kubectl logs|exec deploy/moc-xdmod → a pod of deploy/mariadb or deploy/moc-xdmod ≠ may be deploy/mariadb\'s',
    ]);
    assert.deepEqual(kubectlLines(liveReport()).map(plain), [
      'kubectl logs svc/web → deploy/web-canary\'s pod/web-canary-5f6d7c8b9-zz1aa container nginx',
      'kubectl exec svc/web → deploy/web\'s pod/web-7d4b9c8f6d-x2k9p container nginx',
    ]);
  });

  test('a foreign pick is marked; a bare pod says so; an error is shown', () => {
    const r = liveReport();
    const base = r.kubectl[0]!;
    const foreign = { ...base, commandLine: 'kubectl logs deploy/web', target: { kind: 'Deployment', name: 'web' }, ownedByTarget: false };
    const bare = { ...base, command: 'exec' as const, commandLine: 'kubectl exec svc/web', owners: [], pod: { kind: 'Pod', name: 'debug' } };
    const failing = { ...base, commandLine: 'kubectl logs cronjob/x', error: 'cannot attach to *v1.CronJob: selector for *v1.CronJob not implemented' };
    assert.deepEqual(kubectlLines(r, [foreign, bare, failing]).map(plain), [
      'kubectl logs deploy/web → deploy/web-canary\'s ≠ pod/web-canary-5f6d7c8b9-zz1aa container nginx',
      'kubectl exec svc/web → a bare pod pod/debug container nginx',
      'kubectl logs cronjob/x → fails: cannot attach to *v1.CronJob: selector for *v1.CronJob not implemented',
    ]);
  });
});

describe('findings and timeline', () => {
  test('findings worst first, counts by severity', () => {
    const r = liveReport();
    assert.deepEqual(sortedFindings(r).map((f) => f.severity), ['error', 'warning', 'info']);
    assert.deepEqual(severityCounts(r.findings).map((c) => c.text), ['1✖', '1▲', '1•']);
  });

  const change = (at: string, kind: Change['kind'], name: string, message: string): Change => ({ at, kind, object: { kind: 'Pod', name }, message, details: {} });

  test('a change is one timestamped line', () => {
    assert.equal(plain(changeLine(change('2026-05-01T12:00:01.250Z', 'pod-deletion-requested', 'web-1', 'deletion requested; still ready'))),
      '12:00:01.250  pod-deletion-requested  pod/web-1  deletion requested; still ready');
  });

  test('hazards: active ones first, longest first, with how long they have lasted', () => {
    const h = (kind: Hazard['kind'], since: string, until: string | null): Hazard => ({ kind, object: null, since, until, message: kind });
    const hs = [h('dns-stale-ip', '2026-05-01T11:59:00Z', '2026-05-01T11:59:30Z'), h('ready-not-in-slices', '2026-05-01T11:59:58Z', null), h('zero-ready-endpoints', '2026-05-01T11:59:50Z', null)];
    const sorted = sortHazards(hs, NOW);
    assert.deepEqual(sorted.map((x) => x.kind), ['zero-ready-endpoints', 'ready-not-in-slices', 'dns-stale-ip']);
    assert.deepEqual(sorted.map((x) => plain(hazardLine(x, NOW)).split('  ')[0]), ['● for 10s', '● for 2.0s', '○ lasted 30s']);
  });
});
