// A live check checks each namespace as soon as every list has read it; the report is the one
// the whole snapshot gives. When a list does not come in the storage keys' order, nothing is
// checked ahead and the report is made from the whole snapshot: the same report.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy, rsOf, svc } from '../core/builders.ts';
import { standardCollections, type FakeApi } from '../sources/live/fake-apiserver.ts';
import { listItem, pod } from '../sources/live/helpers.ts';
import { setup } from '../sources/live/scenario.ts';
import { runCli } from '../golden/harness.ts';

const TEAMS = ['team-a', 'team-a-b', 'team-b'];

/** Per namespace: two Deployments selecting the same pods, a Service over both, a bare pod. */
function teamPods(ns: string) {
  const one = deploy('one', { ns, podLabels: { app: 'x' } });
  const two = deploy('two', { ns, podLabels: { app: 'x' } });
  const r1 = rsOf(one, 'h1', { ns });
  const r2 = rsOf(two, 'h2', { ns });
  return {
    one, two, r1, r2,
    pods: [pod('one-h1-a', { app: 'x', 'pod-template-hash': 'h1' }, { ns, owner: r1 }), pod('two-h2-a', { app: 'x', 'pod-template-hash': 'h2' }, { ns, owner: r2 }), pod('stray', { app: 'stray' }, { ns })],
  };
}

function seed(api: FakeApi): void {
  for (const ns of TEAMS) {
    api.serve(...standardCollections(ns));
    const t = teamPods(ns);
    api.put(`/apis/apps/v1/namespaces/${ns}/deployments`, listItem(t.one), listItem(t.two));
    api.put(`/apis/apps/v1/namespaces/${ns}/replicasets`, listItem(t.r1), listItem(t.r2));
    api.put(`/api/v1/namespaces/${ns}/pods`, ...t.pods);
    api.put(`/api/v1/namespaces/${ns}/services`, listItem(svc('x', { ns, selector: { app: 'x' } })));
  }
}

const AHEAD = /^whoselects: (\d+) of (\d+) namespaces checked from their own snapshots, each as soon as the lists had read it$/m;

test('check -A: namespaces checked while the lists are read give the report of the whole snapshot', async () => {
  const s = await setup(seed);
  try {
    const ahead = await runCli(['check', '-A', '-o', 'json', '-v'], s.env);
    assert.equal(ahead.code, 1, ahead.stderr);
    const told = AHEAD.exec(ahead.stderr);
    assert.ok(told && told[1] === told[2] && told[2] === String(TEAMS.length), ahead.stderr);

    // The same pods, the namespaces in reverse: not the keys' order, so nothing is checked ahead.
    const reversed = [...TEAMS].reverse().flatMap((ns) => teamPods(ns).pods);
    s.api.override('/api/v1/pods', { status: 200, body: { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '100' }, items: reversed } });
    const whole = await runCli(['check', '-A', '-o', 'json', '-v'], s.env);
    assert.equal(whole.code, 1, whole.stderr);
    assert.doesNotMatch(whole.stderr, AHEAD);

    const report = (out: string) => ({ ...JSON.parse(out), generatedAt: null });
    const a = report(ahead.stdout);
    assert.ok(a.findings.some((f: { id: string }) => f.id === 'overlapping-selectors'));
    assert.ok(a.findings.some((f: { id: string }) => f.id === 'bare-pod'));
    assert.deepEqual(report(whole.stdout), a);
  } finally {
    await s.api.close();
  }
});
