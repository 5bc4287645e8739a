// The live source against a real control plane (test/cluster/harness.ts), through the real
// CLI: the report's selection and routing.actual must match what the cluster has, and a user
// who may not list EndpointSlices gets a partial answer instead of an error.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import type { EndpointSlice, Node, Pod } from '../../src/core/types.ts';
import { clusterSkip, runProgram as whoselects, webApp, type List } from './kit.ts';

const skip = clusterSkip();

interface ReportJson {
  source: { origin: string; context: string | null; namespace: string; gaps: { kind: string; namespace?: string; reason: string; message: string }[] };
  target: { found: boolean };
  selection: { ref: { name: string }; zone: string | null; node: string | null; owners: { ref: { kind: string; name: string } }[] }[];
  routing: { service: { name: string }; actual: { slices: { name: string; resourceVersion: string | null }[]; endpoints: { pod: { name: string } | null; addresses: string[]; ready: boolean; serving: boolean; terminating: boolean; zone: string | null }[] } | null }[];
}

const APP = webApp({ namedPort: false });

/** May read everything a `svc/NAME` query needs in "default", except EndpointSlices; nothing cluster-wide. */
const VIEWER = `
apiVersion: v1
kind: ServiceAccount
metadata: {name: viewer}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: viewer-no-slices}
rules:
- {apiGroups: [""], resources: [pods, services, replicationcontrollers], verbs: [get, list]}
- {apiGroups: [apps], resources: [deployments, replicasets, statefulsets, daemonsets], verbs: [get, list]}
- {apiGroups: [batch], resources: [jobs, cronjobs], verbs: [get, list]}
- {apiGroups: [policy], resources: [poddisruptionbudgets], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer-no-slices}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: viewer-no-slices}
subjects: [{kind: ServiceAccount, name: viewer, namespace: default}]
`;

describe('live source against a real control plane', { skip }, () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster();
    await cluster.apply(APP);
    await cluster.waitFor(async () => {
      const slices = await cluster.get<List<EndpointSlice>>('endpointslices', '-l', 'kubernetes.io/service-name=web');
      return slices.items.flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready).length === 2;
    }, { what: '2 ready endpoints for Service web' });
  });
  after(async () => {
    await cluster?.stop();
  });

  /** A kubeconfig for a bearer token, next to the harness's. */
  const tokenKubeconfig = (name: string, token: string): string => {
    const file = join(cluster.dir, name);
    writeFileSync(file, JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': name,
      clusters: [{ name: 'e2e', cluster: { server: cluster.server, 'certificate-authority': cluster.pki.caCert } }],
      users: [{ name, user: { token } }],
      contexts: [{ name, context: { cluster: 'e2e', user: name, namespace: 'default' } }],
    }), { mode: 0o600 });
    return file;
  };

  test('svc/web -o json: the selection and routing.actual are what the cluster has, in 13 requests over 4 rounds (the last two side by side: the Deployment that selects them, by name, and their Nodes)', async () => {
    const r = await whoselects(cluster.env, ['svc/web', '-o', 'json', '-v', '--fail-on', 'never']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ReportJson;
    assert.equal(report.source.origin, 'live');
    assert.equal(report.source.context, cluster.context);
    assert.deepEqual(report.source.gaps, []);
    assert.equal(report.target.found, true);

    const pods = (await cluster.get<List<Pod>>('pods', '-l', 'app=web')).items;
    const nodes = (await cluster.get<List<Node>>('nodes')).items;
    const zoneOf = new Map(nodes.map((n) => [n.metadata?.name, n.metadata?.labels?.['topology.kubernetes.io/zone'] ?? null]));
    assert.deepEqual(report.selection.map((v) => v.ref.name).sort(), pods.map((p) => p.metadata?.name).sort());
    for (const v of report.selection) {
      const p = pods.find((x) => x.metadata?.name === v.ref.name);
      assert.equal(v.node, p?.spec?.nodeName);
      assert.equal(v.zone, zoneOf.get(v.node ?? ''));
      assert.deepEqual(v.owners.map((o) => o.ref.kind), ['ReplicaSet', 'Deployment'], 'owner chain resolved from the listed owner kinds');
      assert.equal(v.owners[1]?.ref.name, 'web');
    }

    const slices = (await cluster.get<List<EndpointSlice>>('endpointslices', '-l', 'kubernetes.io/service-name=web')).items;
    const actual = report.routing[0]?.actual;
    assert.ok(actual, 'routing.actual is present when EndpointSlices were read');
    assert.deepEqual(actual.slices.map((s) => s.name).sort(), slices.map((s) => s.metadata?.name).sort());
    assert.deepEqual(actual.slices.map((s) => s.resourceVersion).sort(), slices.map((s) => s.metadata?.resourceVersion ?? null).sort());
    const want = slices.flatMap((s) => s.endpoints ?? []).map((e) => ({ pod: e.targetRef?.name, addresses: e.addresses, ready: e.conditions?.ready ?? true, zone: e.zone ?? null }));
    const got = actual.endpoints.map((e) => ({ pod: e.pod?.name, addresses: e.addresses, ready: e.ready, zone: e.zone }));
    const byPod = (a: { pod?: string }, b: { pod?: string }) => String(a.pod).localeCompare(String(b.pod));
    assert.deepEqual(got.sort(byPod), want.sort(byPod));

    assert.match(r.stderr, /whoselects: GET \/api\/v1\/namespaces\/default\/services\/web 200 \d+ms/);
    assert.match(r.stderr, /labelSelector=app%3Dweb&limit=500 200/);
    // The Nodes last: those the pods run on, by their hostname label, once the pods are in.
    assert.match(r.stderr, /GET \/api\/v1\/nodes\?labelSelector=kubernetes\.io%2Fhostname\+in\+%28[-a-z0-9%C]+%29&limit=500 200/);
    assert.match(r.stderr, /whoselects: 13 requests in 4 rounds/);
    assert.ok(!r.stderr.includes(cluster.pki.token));
  });

  test('hpa/web and ing/front: the pods and owners the cluster has, through their scale target and backend, with ReplicaSets read by selector', async () => {
    await cluster.apply(`
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 4
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: front}
spec:
  rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
`);
    const pods = (await cluster.get<List<Pod>>('pods', '-l', 'app=web')).items;
    const controllerOf = new Map(pods.map((p) => [p.metadata?.name, p.metadata?.ownerReferences?.find((o) => o.controller)?.name]));
    for (const target of ['hpa/web', 'ing/front']) {
      const r = await whoselects(cluster.env, [target, '-o', 'json', '-v', '--fail-on', 'never']);
      assert.equal(r.code, 0, `${target}: ${r.stderr}`);
      const report = JSON.parse(r.stdout) as ReportJson;
      assert.deepEqual(report.source.gaps, [], target);
      assert.deepEqual(report.selection.map((v) => v.ref.name).sort(), pods.map((p) => p.metadata?.name).sort(), target);
      for (const v of report.selection) {
        assert.deepEqual(v.owners.map((o) => `${o.ref.kind}/${o.ref.name}`), [`ReplicaSet/${controllerOf.get(v.ref.name)}`, 'Deployment/web'], `${target}: ${v.ref.name}`);
      }
      const sets = r.stderr.split('\n').filter((l) => /GET \/apis\/apps\/v1\/namespaces\/default\/replicasets/.test(l));
      assert.ok(sets.length > 0 && sets.every((l) => l.includes('labelSelector=app%3Dweb')), `${target}: ReplicaSets by the selector it goes through:\n${sets.join('\n')}`);
    }
  });

  describe('a user who may not list EndpointSlices (nor Nodes)', () => {
    let kubeconfig: string;
    before(async () => {
      await cluster.apply(VIEWER);
      const t = await cluster.kubectl(['create', 'token', 'viewer', '-n', 'default', '--duration=1h']);
      assert.equal(t.code, 0, t.stderr);
      kubeconfig = tokenKubeconfig('viewer', t.stdout.trim());
    });

    test('gets a partial answer: gaps naming verb, resource and namespace; the selection still answers', async () => {
      const r = await whoselects({ ...cluster.env, KUBECONFIG: kubeconfig }, ['svc/web', '-o', 'json']);
      assert.equal(r.code, 1, `partial results are a warning finding (exit 1): ${r.stderr}`);
      const report = JSON.parse(r.stdout) as ReportJson;
      const eps = report.source.gaps.find((g) => g.kind === 'EndpointSlice');
      assert.equal(eps?.reason, 'forbidden');
      assert.equal(eps?.namespace, 'default');
      assert.match(eps?.message ?? '', /^list endpointslices\.discovery\.k8s\.io in namespace default: HTTP 403: .*cannot list resource "endpointslices"/);
      const nodes = report.source.gaps.find((g) => g.kind === 'Node');
      assert.equal(nodes?.reason, 'forbidden');
      assert.equal(report.routing[0]?.actual, null, 'no actual routing without the slices');
      assert.equal(report.selection.length, 2);
    });

    test('a target it may not get: exit 3, one line naming the cause', async () => {
      const r = await whoselects({ ...cluster.env, KUBECONFIG: kubeconfig }, ['svc/coredns', '-n', 'kube-system']);
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /^whoselects: forbidden: user "viewer" may not get services "coredns" in namespace kube-system \(403: .*\) — ask for get and list on services in namespace kube-system/);
      assert.equal(r.stdout, '');
    });
  });

  describe('more pods than one page (limit=500)', () => {
    const NS = 'paging';
    const MANY = 510;
    /** Pods held back from scheduling (a scheduling gate), so no controller or kwok touches them. */
    const pod = (name: string, app: string) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: NS, labels: { app } },
      spec: { schedulingGates: [{ name: 'whoselects.test/hold' }], automountServiceAccountToken: false, containers: [{ name: 'c', image: 'nginx' }] },
    });
    /** The requests of a -v run: method, path and query, status. */
    const requests = (stderr: string) => [...stderr.matchAll(/^whoselects: GET (\S+) (\d+) \d+ms$/gm)].map((m) => ({ url: new URL(m[1] as string, 'https://x'), status: Number(m[2]) }));
    before(async () => {
      await cluster.apply(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${NS}}\n`);
      await cluster.waitFor(async () => (await cluster.kubectl(['get', 'serviceaccount', 'default', '-n', NS])).code === 0, { what: `ServiceAccount ${NS}/default` });
      const items = [
        ...Array.from({ length: MANY }, (_, i) => pod(`many-${i}`, 'many')),
        ...Array.from({ length: 5 }, (_, i) => pod(`other-${i}`, 'other')),
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'many', namespace: NS }, spec: { selector: { app: 'many' }, ports: [{ port: 80 }] } },
      ];
      const r = await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }), timeoutMs: 180_000 });
      assert.equal(r.code, 0, r.stderr);
    });

    test('svc/many: pods by the Service\'s selector, 500 a page, the continue token followed to a complete selection; no request per pod', async () => {
      const r = await whoselects(cluster.env, ['svc/many', '-n', NS, '-o', 'json', '-v', '--fail-on', 'never']);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as ReportJson;
      const want = (await cluster.get<List<Pod>>('pods', '-n', NS, '-l', 'app=many')).items.map((p) => p.metadata?.name).sort();
      assert.equal(want.length, MANY);
      assert.deepEqual(report.selection.map((v) => v.ref.name).sort(), want);
      const reqs = requests(r.stderr);
      const pods = reqs.filter((q) => q.url.pathname === `/api/v1/namespaces/${NS}/pods`);
      // -v logs a request when it ends: the next page, asked for as soon as the first one's head
      // arrived, may end first.
      assert.deepEqual(pods.map((q) => [q.url.searchParams.get('labelSelector'), q.url.searchParams.get('limit'), q.url.searchParams.has('continue')]).sort(), [['app=many', '500', false], ['app=many', '500', true]]);
      const slices = reqs.filter((q) => q.url.pathname.endsWith('/endpointslices'));
      assert.deepEqual(slices.map((q) => q.url.searchParams.get('labelSelector')), ['kubernetes.io/service-name=many']);
      assert.ok(reqs.every((q) => !/\/pods\/[^/]+$/.test(q.url.pathname)), 'no request names a pod');
      assert.ok(reqs.every((q) => q.url.pathname === `/api/v1/namespaces/${NS}/services/many` || q.url.searchParams.get('limit') === '500'), 'every list is paginated');
      assert.ok(reqs.length <= 15, `${reqs.length} requests`);
      // The pods have no controller, and any ReplicaSet whose selector matches them may adopt them:
      // after those whose labels the selector matches, the namespace's are read whole, a third round.
      const sets = reqs.filter((q) => q.url.pathname === `/apis/apps/v1/namespaces/${NS}/replicasets`).map((q) => q.url.searchParams.get('labelSelector'));
      assert.deepEqual(sets, ['app=many', null]);
      assert.deepEqual(reqs.filter((q) => q.url.pathname === '/api/v1/nodes'), [], 'pods held back from scheduling run on no Node: none is read');
      assert.match(r.stderr, new RegExp(`whoselects: ${reqs.length} requests in 3 rounds`));
    });

    test('check -n paging and check -A: one paginated list per kind, every pod read', async () => {
      const n = await whoselects(cluster.env, ['check', '-n', NS, '-o', 'json', '-v', '--fail-on', 'never']);
      assert.equal(n.code, 0, n.stderr);
      const nreqs = requests(n.stderr);
      const podLists = nreqs.filter((q) => q.url.pathname === `/api/v1/namespaces/${NS}/pods`);
      assert.deepEqual(podLists.map((q) => [q.url.searchParams.get('labelSelector'), q.url.searchParams.get('limit'), q.url.searchParams.has('continue')]).sort(), [[null, '500', false], [null, '500', true]]);
      const paths = nreqs.map((q) => q.url.pathname);
      assert.equal(new Set(paths).size, paths.length - 1, 'one list per kind; only the pods took a second page');
      assert.ok(nreqs.every((q) => q.url.searchParams.get('limit') === '500'));

      const a = await whoselects(cluster.env, ['check', '-A', '-o', 'json', '-v', '--fail-on', 'never']);
      assert.equal(a.code, 0, a.stderr);
      const areqs = requests(a.stderr);
      const all = (await cluster.get<List<Pod>>('pods', '-A')).items.length;
      const allPods = areqs.filter((q) => q.url.pathname === '/api/v1/pods');
      assert.equal(allPods.length, Math.ceil(all / 500), `${all} pods in pages of 500`);
      assert.ok(areqs.every((q) => !q.url.pathname.includes('/namespaces/')), 'cluster-wide lists, not one per namespace');
      const kinds = new Set(areqs.map((q) => q.url.pathname));
      assert.equal(areqs.length, kinds.size + allPods.length - 1, 'one list per kind, pages only where there are more than 500');
      const report = JSON.parse(a.stdout) as { namespaces: string[]; source: { gaps: unknown[] } };
      assert.ok(report.namespaces.includes(NS));
      assert.deepEqual(report.source.gaps, []);
    });
  });

  test('a rejected token: exit 3 (401); an unknown context: exit 3', async () => {
    const bad = tokenKubeconfig('bad', 'not-a-valid-token');
    const r = await whoselects({ ...cluster.env, KUBECONFIG: bad }, ['svc/web']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /rejected the credentials of user "bad" of context "bad" \(401 Unauthorized\)/);
    const c = await whoselects(cluster.env, ['svc/web', '--context', 'nope']);
    assert.equal(c.code, 3);
    assert.match(c.stderr, /context "nope" does not exist/);
  });

  test('svc/missing: not found is exit 2, not a cluster error', async () => {
    const r = await whoselects(cluster.env, ['svc/missing']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /not found in namespace default/);
  });
});
