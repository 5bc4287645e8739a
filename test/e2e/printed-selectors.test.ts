// A Pod in reverse reads its namespace's ReplicaSets and Deployments as the API server prints
// their selectors (a table without objects), then by name those its report can use. On a real
// control plane, with the real Deployment and ReplicaSet controllers: every pod's report is the
// one the whole lists give (WHOSELECTS_OWNER_LISTS=whole), over selectors of every operator, a
// rollout's old revision, a bare ReplicaSet nested in a Deployment's selector, one that selects
// the same pods, an autoscaler and budgets; and the selectors the server prints read back (a
// workload that selects none of a pod's neighbours is never read by name).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import type { Pod, Workload } from '../../src/core/types.ts';
import { clusterSkip, runProgram as whoselects, type List } from './kit.ts';

const NS = 'printed';

const deployment = (name: string, selector: string, labels: string, replicas: number, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${NS}}
spec:
  replicas: ${replicas}
  selector: ${selector}
  template:
    metadata: {labels: ${labels}${extra}}
    spec: {containers: [{name: app, image: registry.example/${name}:1, ports: [{name: http, containerPort: 8080}]}]}
`;

const bareSet = (name: string, selector: string, labels: string) => `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: ${name}, namespace: ${NS}, labels: {team: other}}
spec:
  replicas: 0
  selector: ${selector}
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: app, image: registry.example/${name}:1}]}
`;

const SETUP = [
  `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${NS}}\n`,
  deployment('web', '{matchLabels: {app: web}}', '{app: web, tier: front}', 2),
  // Every operator, an empty value in a set, a prefixed key.
  deployment('expr', `
    matchLabels: {example.com/role: api}
    matchExpressions:
    - {key: app, operator: In, values: [expr, expr-b]}
    - {key: tier, operator: NotIn, values: [x, ""]}
    - {key: track, operator: Exists}
    - {key: legacy, operator: DoesNotExist}`, '{app: expr, example.com/role: api, track: stable, tier: back}', 2),
  // Nested inside web's selector, selecting no pod: the overlap rule names it for web's pods.
  bareSet('canary', '{matchLabels: {app: web, track: canary}}', '{app: web, track: canary}'),
  // Selects web's pods (owned by web's ReplicaSets, so never adopted).
  bareSet('stray', '{matchExpressions: [{key: app, operator: In, values: [web]}]}', '{app: web}'),
  // Selects nothing here.
  bareSet('elsewhere', '{matchLabels: {app: elsewhere}}', '{app: elsewhere}'),
  `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: ${NS}}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}\n`,
  `apiVersion: v1\nkind: Service\nmetadata: {name: front, namespace: ${NS}}\nspec: {selector: {tier: front}, ports: [{port: 81, targetPort: 8080}]}\n`,
  `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: ${NS}}\nspec: {minAvailable: 1, selector: {matchLabels: {app: web}}}\n`,
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: expr, namespace: ${NS}}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: expr}, minReplicas: 2, maxReplicas: 3}\n`,
].join('---\n');

/** The report without the time it was made. */
const comparable = (stdout: string) => {
  const report = JSON.parse(stdout) as Record<string, unknown>;
  delete report.generatedAt;
  return JSON.stringify(report, null, 1);
};

describe('a Pod in reverse: ReplicaSets and Deployments through their printed selectors', { skip: clusterSkip(), timeout: 240_000 }, () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster();
    await cluster.apply(SETUP);
    // A rollout: web's first revision stays as an old ReplicaSet scaled to 0.
    await cluster.waitFor(async () => (await cluster.get<List<Pod>>('pods', '-n', NS, '-l', 'app=web')).items.length === 2, { what: "web's first pods" });
    await cluster.apply(deployment('web', '{matchLabels: {app: web}}', '{app: web, tier: front}', 2, ', annotations: {revision: "2"}'));
    await cluster.waitFor(async () => {
      const sets = (await cluster.get<List<Workload>>('replicasets', '-n', NS)).items;
      const pods = (await cluster.get<List<Pod>>('pods', '-n', NS)).items;
      const web = sets.filter((s) => s.metadata?.ownerReferences?.some((o) => o.name === 'web'));
      return web.length === 2 && web.every((s) => (s.status?.replicas ?? 0) === (s.spec?.replicas ?? 0))
        && pods.length === 4 && pods.every((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
    }, { what: 'web rolled out to its second revision, expr running', timeoutMs: 90_000 });
  });
  after(async () => {
    await cluster?.stop();
  });

  test('every pod: the same report as from the whole lists, with only what it can use read by name', async () => {
    const pods = (await cluster.get<List<Pod>>('pods', '-n', NS)).items.map((p) => p.metadata?.name as string).sort();
    assert.equal(pods.length, 4);
    for (const pod of pods) {
      const args = [`pod/${pod}`, '-n', NS, '-o', 'json', '-v', '--fail-on', 'never'];
      // The cluster may still be settling a status: the two reads are compared again once, after a pause.
      let printed = await whoselects(cluster.env, args);
      let whole = await whoselects({ ...cluster.env, WHOSELECTS_OWNER_LISTS: 'whole' }, args);
      assert.equal(printed.code, 0, printed.stderr);
      assert.equal(whole.code, 0, whole.stderr);
      if (comparable(printed.stdout) !== comparable(whole.stdout)) {
        await new Promise((r) => setTimeout(r, 2_000));
        printed = await whoselects(cluster.env, args);
        whole = await whoselects({ ...cluster.env, WHOSELECTS_OWNER_LISTS: 'whole' }, args);
      }
      assert.equal(comparable(printed.stdout), comparable(whole.stdout), `pod/${pod}`);

      const reads = printed.stderr.split('\n').filter((l) => /GET \/apis\/apps\/v1\/namespaces\/printed\/(replicasets|deployments)/.test(l));
      assert.equal(reads.filter((l) => l.includes('includeObject=None')).length, 2, `pod/${pod}: one table of each kind\n${reads.join('\n')}`);
      assert.ok(!reads.some((l) => /(replicasets|deployments)\?limit=500 /.test(l)), `pod/${pod}: neither read whole\n${reads.join('\n')}`);
      // Read by name: a GET of the object (or, were the GET refused, a list by its name).
      const named = reads.flatMap((l) => /\/(?:replicasets|deployments)\/([-a-z0-9]+) |fieldSelector=metadata\.name%3D([-a-z0-9]+)/.exec(l)?.slice(1).find(Boolean) ?? []);
      assert.ok(!named.includes('elsewhere'), `pod/${pod}: a ReplicaSet that selects no pod read, nor nests with its owner, is not read\n${named.join('\n')}`);
      if (pod.startsWith('web-')) {
        assert.ok(!named.includes('expr'), `pod/${pod}: expr's selector (every operator) read back as one that misses web's pods\n${named.join('\n')}`);
        for (const name of ['canary', 'stray', 'web']) assert.ok(named.includes(name), `pod/${pod}: ${name} read\n${named.join('\n')}`);
      } else {
        assert.ok(named.includes('expr') && !named.includes('web') && !named.includes('stray'), `pod/${pod}\n${named.join('\n')}`);
      }
      const report = JSON.parse(printed.stdout) as { selectedBy: { object: { kind: string; name: string } }[]; source: { gaps: unknown[] } };
      assert.deepEqual(report.source.gaps, []);
      if (pod.startsWith('web-')) assert.ok(report.selectedBy.some((m) => m.object.kind === 'ReplicaSet' && m.object.name === 'stray'), `pod/${pod}: stray selects it`);
    }
  });
});
