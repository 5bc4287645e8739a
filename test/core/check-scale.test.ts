// check over a big cluster: the shared indexes find exactly the defects planted in it,
// whichever namespace they are in, and a namespace's findings do not depend on the rest
// of the cluster (nothing leaks between namespaces or targets through the shared indexes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, namespacesOf } from '../../src/core/check.ts';
import { snapshotCache } from '../../src/core/indexes.ts';
import { podsSelectedIn } from '../../src/core/targets/resolve.ts';
import { EVERYTHING } from '../../src/core/labels.ts';
import type { Finding } from '../../src/core/report.ts';
import type { Snapshot } from '../../src/core/snapshot.ts';
import type { KubeObject } from '../../src/core/types.ts';
import { deploy, hpa, live, NOW, pdb, pod, podOf, query, refs, rsOf, svc } from './builders.ts';

const { target: _target, commands: _commands, ...base } = query('Service', 'unused');

/** `namespaces` namespaces of `apps` healthy Deployments (one ReplicaSet, `replicas` pods, a Service, a PDB). */
function cluster(namespaces: number, apps: number, replicas: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    for (let a = 0; a < apps; a++) {
      const name = `app-${a}`;
      const d = deploy(name, { ns, replicas, podLabels: { app: name, tier: `t${a % 3}` }, selector: { matchLabels: { app: name } } });
      const r = rsOf(d, 'h1');
      out.push(d, r, svc(name, { ns, selector: { app: name } }), pdb(name, { ns, selector: { matchLabels: { app: name } } }));
      for (let p = 0; p < replicas; p++) out.push(podOf(r, `${name}-h1-${p}`, { ns, labels: { app: name, tier: `t${a % 3}`, 'pod-template-hash': 'h1' } }));
    }
  }
  return out;
}

function planted(): KubeObject[] {
  // ns-3: two Deployments whose selectors match the same pods.
  const a = deploy('dup-a', { ns: 'ns-3', podLabels: { role: 'dup' }, selector: { matchLabels: { role: 'dup' } } });
  const b = deploy('dup-b', { ns: 'ns-3', podLabels: { role: 'dup' }, selector: { matchLabels: { role: 'dup' } } });
  const ra = rsOf(a, 'x1');
  const rb = rsOf(b, 'y1');
  // ns-5: a Service over every pod of tier t1 (several workloads); ns-6: a second PDB and two autoscalers on app-2.
  return [a, b, ra, rb, podOf(ra, 'dup-a-x1-0', { ns: 'ns-3', labels: { role: 'dup', 'pod-template-hash': 'x1' } }), podOf(rb, 'dup-b-y1-0', { ns: 'ns-3', labels: { role: 'dup', 'pod-template-hash': 'y1' } }),
    svc('tier-1', { ns: 'ns-5', selector: { tier: 't1' } }),
    pdb('app-2-extra', { ns: 'ns-6', selector: { matchLabels: { app: 'app-2' } } }),
    hpa('app-2-a', { kind: 'Deployment', name: 'app-2' }, { ns: 'ns-6' }), hpa('app-2-b', { kind: 'Deployment', name: 'app-2' }, { ns: 'ns-6' })];
}

const summary = (fs: Finding[]) => fs.map((f) => `${f.id} ${refs(f.objects).join(',')}`);

test('a big healthy cluster has no findings, however many targets share the indexes', () => {
  const s = live(cluster(12, 25, 8));
  const c = check(s, namespacesOf(s), base, NOW);
  assert.equal(c.targets, 12 * 25 * 3, 'a Deployment, a Service and a PDB per app; ReplicaSets are checked through their Deployment');
  assert.deepEqual(summary(c.findings), []);
});

test('every planted defect is found in its namespace, and nothing else', () => {
  const s = live([...cluster(8, 20, 5), ...planted()]);
  const c = check(s, namespacesOf(s), base, NOW);
  const ids = new Set(c.findings.map((f) => f.id));
  assert.deepEqual([...ids].sort(), ['kubectl-picks-foreign-pod', 'multiple-hpas', 'multiple-pdbs', 'overlapping-selectors', 'owner-mismatch', 'selects-several-workloads'].sort());
  const where = new Set(c.findings.flatMap((f) => f.objects.map((o) => o.namespace)));
  assert.deepEqual([...where].sort(), ['ns-3', 'ns-5', 'ns-6']);
  assert.ok(summary(c.findings).includes('overlapping-selectors Deployment/dup-a,Deployment/dup-b'));
  const spans = c.findings.find((f) => f.id === 'selects-several-workloads');
  assert.equal(spans?.objects[0]?.name, 'tier-1');
  assert.equal(spans?.objects.length, 1 + 7, 'apps 1, 4, 7, 10, 13, 16, 19 are tier t1');
  const pdbs = c.findings.find((f) => f.id === 'multiple-pdbs');
  assert.deepEqual(pdbs?.objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.name), ['app-2', 'app-2-extra']);
});

test("a namespace's findings are the same alone as inside the whole cluster", () => {
  const all = [...cluster(8, 12, 4), ...planted()];
  const s = live(all);
  const whole = check(s, namespacesOf(s), base, NOW);
  for (const ns of ['ns-3', 'ns-5', 'ns-6', 'ns-7']) {
    const alone: Snapshot = live(all.filter((o) => o.metadata?.namespace === ns));
    const mine = check(alone, [ns], base, NOW);
    const theirs = whole.findings.filter((f) => f.objects.some((o) => o.namespace === ns));
    assert.deepEqual(summary(mine.findings), summary(theirs), ns);
    assert.deepEqual(mine.findings, theirs, `${ns}: messages and evidence too`);
  }
});

test('checking twice gives the same report (indexes reused, never consumed)', () => {
  const s = live([...cluster(4, 10, 3), ...planted()]);
  const first = check(s, namespacesOf(s), base, NOW);
  const second = check(s, namespacesOf(s), base, NOW);
  assert.deepEqual(second, first);
});

test('a Service over thousands of pods: every pod selected and routed once', () => {
  const d = deploy('big', { replicas: 5000 });
  const r = rsOf(d, 'b1');
  const pods = Array.from({ length: 5000 }, (_, i) => podOf(r, `big-b1-${String(i).padStart(5, '0')}`, { labels: { app: 'big', 'pod-template-hash': 'b1' }, ip: `10.1.${i >> 8}.${i & 255}` }));
  const s = live([d, r, svc('big', { selector: { app: 'big' } }), ...pods, pod('stray', { labels: { app: 'big' } })]);
  const c = check(s, ['default'], base, NOW);
  const f = c.findings.find((x) => x.id === 'selects-several-workloads');
  assert.ok(f, 'the stray bare pod makes the Service span two owners');
  assert.match(f.message, /pods of 2 different owners/);
});

test("check lets go of what a namespace's targets derived, keeping pods by selector", () => {
  const s = live([...cluster(3, 4, 2), ...planted()]);
  let made = 0;
  const probe = () => snapshotCache(s, 'probe', () => ++made);
  probe();
  const before = podsSelectedIn(s, 'ns-1', EVERYTHING);
  const c = check(s, namespacesOf(s), base, NOW);
  assert.equal(probe(), 2, 'a per-namespace cache is released once check has moved on');
  assert.equal(podsSelectedIn(s, 'ns-1', EVERYTHING), before, 'pods by selector outlive a namespace (NetworkPolicies ask across namespaces)');
  assert.deepEqual(check(s, namespacesOf(s), base, NOW), c, 'what is derived again is the same');
});
