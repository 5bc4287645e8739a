// Oracle: the engine's answers against what the real Kubernetes components did (issue 3,
// item 5). Each scenario is applied with real `kubectl apply` to a real control plane
// (kwok nodes), in its own namespace; once the namespace is settled, the engine must
// predict exactly the EndpointSlices the real controller published and the pods real
// kubectl 1.34 picked for logs/exec/attach/port-forward (test/oracle/verify.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startCluster, type Cluster, type KubectlResult } from '../cluster/harness.ts';
import { analyze } from '../../src/core/analyze.ts';
import { parseKubectlVersion, type KubectlVersion } from '../../src/core/kubectl/version.ts';
import type { Report } from '../../src/core/report.ts';
import type { EndpointSlice, KubeObject, Node, Pod, Workload } from '../../src/core/types.ts';
import { asList, exampleObjects, EXAMPLES_DIR } from '../oracle/examples.ts';
import { byName, itemsOf, readNamespace, type NamespaceState } from '../oracle/namespace-state.ts';
import type { PickTarget } from '../oracle/observation.ts';
import { checkPluginReport, runPlugin } from '../oracle/plugin-check.ts';
import { firstWait, hasLabel, isDeleting, isReady, podsOf, readyCount } from '../oracle/pod-state.ts';
import { clusterSkip, webApp } from './kit.ts';
import { controllerSlices, groupsOf } from '../oracle/slices.ts';
import { snapshotOf } from '../oracle/snapshot.ts';
import { verifyNamespace, type OracleContext, type VerifyOptions } from '../oracle/verify.ts';

const ALL: PickTarget['commands'] = ['logs', 'exec', 'attach', 'port-forward'];
const LOGS_EXEC: PickTarget['commands'] = ['logs', 'exec'];

describe('oracle: the engine against the real controllers and kubectl', { skip: clusterSkip(), concurrency: 4, timeout: 300_000 }, () => {
  let cluster: Cluster;
  let ctx: OracleContext;

  before(async () => {
    cluster = await startCluster();
    const nodes = (await cluster.get<{ items: Node[] }>('nodes')).items;
    const v = await cluster.kubectl(['version', '--client', '-o', 'json']);
    const version = parseKubectlVersion(v.stdout) as KubectlVersion;
    assert.ok(version, `kubectl version: ${v.stdout} ${v.stderr}`);
    assert.equal(`${version.major}.${version.minor}`, '1.34', 'the oracle compares with kubectl 1.34');
    ctx = { cluster, nodes, version };
  });
  after(async () => {
    await cluster?.stop();
  });

  const must = async (args: string[], input?: string): Promise<string> => {
    const r = await cluster.kubectl(args, input === undefined ? {} : { input });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const namespace = async (name: string) => {
    await must(['create', 'namespace', name]);
    return name;
  };
  const apply = (ns: string, yaml: string) => must(['apply', '-n', ns, '-f', '-'], yaml);
  const verify = (ns: string, opts: VerifyOptions) => verifyNamespace(ctx, ns, opts);
  const analyzeTarget = (state: NamespaceState, kind: 'Pod' | 'ReplicaSet' | 'Service', name: string): Report => analyze(snapshotOf(state, ctx.nodes), {
    target: { kind, name, namespace: state.namespace }, kubectl: { version: ctx.version, from: 'oracle' }, commands: [],
    source: { context: null, cluster: null, inputs: [], problems: [] },
  }, new Date());
  const findingIds = (r: Report) => r.findings.map((f) => f.id);

  // ---------------------------------------------------------------- xdmod (kubectl apply -k)

  const xdmodTargets: PickTarget[] = [
    { kind: 'Service', name: 'mariadb', commands: ALL, ports: ['0:3306'] },
    { kind: 'Deployment', name: 'mariadb', commands: LOGS_EXEC },
    { kind: 'Deployment', name: 'moc-xdmod', commands: LOGS_EXEC },
  ];

  /** An xdmod example applied with `kubectl apply -k` and checked: the mariadb endpoints the real controller published, and the plugin's report. */
  const xdmodCase = async (example: string) => {
    const ns = await namespace(example);
    await must(['apply', '-k', join(EXAMPLES_DIR, example), '-n', ns]);
    const o = await verify(ns, {
      services: ['mariadb'], targets: xdmodTargets, notYet: (s) => readyCount(s, 2),
      during: () => runPlugin(cluster, ['svc/mariadb', '-n', ns, '-o', 'json']),
      alsoCheck: (x) => checkPluginReport(x.extra as KubectlResult, x, 'mariadb'),
    });
    const endpoints = controllerSlices(itemsOf<EndpointSlice>(o.state, 'EndpointSlice'), 'mariadb').flatMap((s) => s.endpoints ?? []);
    return { endpoints, report: JSON.parse((o.extra as KubectlResult).stdout) as Report };
  };

  test('xdmod: commonLabels make the mariadb Service select the xdmod pod too; also through `kubectl whoselects`', async () => {
    const { endpoints, report } = await xdmodCase('xdmod');
    assert.deepEqual(endpoints.map((e) => e.targetRef?.name?.replace(/-[a-z0-9]+-[a-z0-9]+$/, '')).sort(), ['mariadb', 'moc-xdmod'],
      'the real controller sends mariadb traffic to the xdmod pod as well');
    assert.ok(findingIds(report).includes('overlapping-selectors'), `plugin findings: ${findingIds(report).join(', ')}`);
  });

  test('xdmod-fixed: distinct component labels keep the selectors apart; also through `kubectl whoselects`', async () => {
    const { endpoints, report } = await xdmodCase('xdmod-fixed');
    assert.equal(endpoints.length, 1);
    assert.match(endpoints[0]?.targetRef?.name ?? '', /^mariadb-/);
    assert.ok(!findingIds(report).includes('overlapping-selectors'), `plugin findings: ${findingIds(report).join(', ')}`);
  });

  // ---------------------------------------------------------------- named targetPort

  test('named targetPort missing on one of two workloads: that pod lands in a slice without ports', async () => {
    const ns = await namespace('named-targetport');
    await apply(ns, asList(exampleObjects('named-targetport'), ns));
    const o = await verify(ns, {
      services: ['web'], notYet: (s) => readyCount(s, 4),
      targets: [
        { kind: 'Service', name: 'web', commands: ['logs', 'exec', 'port-forward'], ports: ['0:80'] },
        { kind: 'Deployment', name: 'web', commands: ['logs', 'exec', 'port-forward'], ports: ['0:http'] },
        { kind: 'Deployment', name: 'web-canary', commands: ['logs', 'exec', 'port-forward'], ports: ['0:http'] },
      ],
    });
    const groups = groupsOf(controllerSlices(itemsOf<EndpointSlice>(o.state, 'EndpointSlice'), 'web'));
    assert.deepEqual([...groups.values()].map((g) => g.length).sort(), [1, 3], 'two port sets: 3 stable pods with http, the canary with none');
    const pf = o.kubectl.find((k) => k.target.name === 'web-canary' && k.command === 'port-forward');
    assert.match(pf?.result.error ?? '', /does not have a named port 'http'/, 'kubectl itself refuses port-forward deploy/web-canary 0:http');
  });

  // ---------------------------------------------------------------- orphan adoption

  test('an orphan pod applied before its ReplicaSet is adopted: it gets the controllerRef, the RS creates one pod', async (t) => {
    const ns = await namespace('orphan-adoption');
    const objects = exampleObjects('orphan-adoption');
    const orphan = objects.filter((o) => o.kind === 'Pod');
    const rest = objects.filter((o) => o.kind !== 'Pod');
    await apply(ns, asList(orphan, ns));
    const lonely = await cluster.waitFor(async () => {
      const s = await readNamespace(cluster, ns);
      return readyCount(s, 1) === null && s;
    }, { what: 'the orphan pod Ready' });

    // Before: the engine, shown the ReplicaSet about to be applied, predicts the adoption.
    const withRs = snapshotOf(lonely, ctx.nodes);
    for (const o of JSON.parse(asList(rest, ns)).items as KubeObject[]) {
      if (o.kind === 'ReplicaSet') withRs.objects.ReplicaSet.push(o as Workload);
    }
    const before = analyze(withRs, {
      target: { kind: 'Pod', name: 'cache-debug', namespace: ns }, kubectl: { version: ctx.version, from: 'oracle' }, commands: [],
      source: { context: null, cluster: null, inputs: [], problems: [] },
    }, new Date());
    assert.ok(findingIds(before).includes('orphan-will-be-adopted'), `findings before: ${findingIds(before).join(', ')}`);

    await apply(ns, asList(rest, ns));
    const o = await verify(ns, {
      services: ['cache'],
      notYet: (s) => {
        const rs = itemsOf<Workload & { status?: { replicas?: number; observedGeneration?: number } }>(s, 'ReplicaSet')[0];
        return firstWait(
          rs?.status?.observedGeneration === rs?.metadata?.generation && rs?.status?.replicas === 2 ? null : 'the ReplicaSet to count 2 replicas',
          readyCount(s, 2),
          podsOf(s).every((p) => p.metadata?.ownerReferences?.some((r) => r.controller && r.kind === 'ReplicaSet')) ? null : 'every pod owned by the ReplicaSet',
        );
      },
      targets: [
        { kind: 'Service', name: 'cache', commands: ALL, ports: ['0:6379'] },
        { kind: 'ReplicaSet', name: 'cache', commands: LOGS_EXEC },
      ],
    });
    const rs = byName<Workload>(o.state, 'ReplicaSet', 'cache');
    const adopted = byName<Pod>(o.state, 'Pod', 'cache-debug');
    assert.deepEqual(adopted.metadata?.ownerReferences?.map((r) => [r.kind, r.name, r.uid, r.controller]), [['ReplicaSet', 'cache', rs.metadata?.uid, true]],
      'the real ReplicaSet controller adopted the orphan');
    assert.equal(podsOf(o.state).length, 2, 'the ReplicaSet counted the orphan and created only one pod');
    const after = analyzeTarget(o.state, 'ReplicaSet', 'cache');
    const view = after.selection.find((v) => v.ref.name === 'cache-debug');
    assert.equal(view?.owners[0]?.ref.name, 'cache', 'the engine reads the new controllerRef');
    assert.ok(!findingIds(after).includes('orphan-will-be-adopted'));
    await t.test('the engine tells the adopted pod from the one the ReplicaSet created', () => {
      assert.ok(view?.adopted, `selection view of cache-debug: adopted=${JSON.stringify(view?.adopted)}`);
      assert.ok(findingIds(after).includes('adopted-pod'), `findings: ${findingIds(after).join(', ')}`);
    });
  });

  test('an orphan applied next to a full ReplicaSet is adopted, and the ReplicaSet deletes a pod to keep its count', async () => {
    const ns = await namespace('orphan-late');
    const objects = exampleObjects('orphan-adoption');
    await apply(ns, asList(objects.filter((o) => o.kind !== 'Pod'), ns));
    await cluster.waitFor(async () => readyCount(await readNamespace(cluster, ns), 2) === null, { what: 'the ReplicaSet\'s 2 pods Ready' });
    // The orphan lingers 120 s once deleted, so the adoption stays visible if it is the one deleted.
    await apply(ns, asList(objects.filter((o) => o.kind === 'Pod'), ns, (o) => {
      o.metadata = { ...o.metadata, annotations: { 'whoselects.test/terminate-delay': '120s' } };
    }));
    const o = await verify(ns, {
      services: ['cache'],
      notYet: (s) => {
        const debug = podsOf(s).find((p) => p.metadata?.name === 'cache-debug');
        const owned = !debug || debug.metadata?.ownerReferences?.some((r) => r.controller && r.kind === 'ReplicaSet');
        return firstWait(owned ? null : 'the orphan to be adopted', readyCount(s, 2));
      },
      targets: [
        { kind: 'Service', name: 'cache', commands: ALL, ports: ['0:6379'] },
        { kind: 'ReplicaSet', name: 'cache', commands: LOGS_EXEC },
      ],
    });
    const all = podsOf(o.state);
    const debug = all.find((p) => p.metadata?.name === 'cache-debug');
    if (debug) assert.equal(debug.metadata?.ownerReferences?.[0]?.name, 'cache', 'the orphan was adopted');
    assert.equal(all.filter((p) => !isDeleting(p)).length, 2, 'the ReplicaSet scaled back to 2 after the adoption');
  });

  // ---------------------------------------------------------------- overlapping Deployments

  test('overlapping Deployments: kubectl logs/exec deploy/api may land on api-canary\'s pod', async () => {
    const ns = await namespace('overlap');
    await apply(ns, `
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api, track: stable}, annotations: {whoselects.test/ready-delay: 3s}}
    spec: {containers: [{name: api, image: api:1, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api-canary}
spec:
  replicas: 1
  selector: {matchLabels: {app: api, track: canary}}
  template:
    metadata: {labels: {app: api, track: canary}, annotations: {whoselects.test/restart-count: "2"}}
    spec: {containers: [{name: api, image: api:2, ports: [{name: http, containerPort: 8080}]}, {name: sidecar, image: envoy}]}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{name: http, port: 80, targetPort: http}]
`);
    const o = await verify(ns, {
      services: ['api'], notYet: (s) => readyCount(s, 3),
      targets: [
        { kind: 'Deployment', name: 'api', commands: ALL, ports: ['0:8080'] },
        { kind: 'Deployment', name: 'api-canary', commands: LOGS_EXEC },
        { kind: 'Service', name: 'api', commands: LOGS_EXEC },
      ],
    });
    const logs = o.kubectl.find((k) => k.target.name === 'api' && k.target.kind === 'Deployment' && k.command === 'logs');
    assert.match(logs?.result.pod ?? '', /^api-canary-/, 'the canary pod has been Ready the longest: kubectl logs deploy/api reads it');
  });

  // ---------------------------------------------------------------- headless Services

  test('headless StatefulSet Service with and without publishNotReadyAddresses, one member never Ready', async () => {
    const ns = await namespace('headless');
    const objects = exampleObjects('headless-publish-not-ready');
    const strict = structuredClone(objects.find((o) => o.kind === 'Service') as KubeObject & { spec: { publishNotReadyAddresses?: boolean } });
    strict.metadata = { ...strict.metadata, name: 'mongo-strict' };
    strict.spec.publishNotReadyAddresses = false;
    await apply(ns, asList([...objects, strict], ns, (o) => {
      if (o.kind === 'StatefulSet') (o as Workload & { spec: { podManagementPolicy?: string } }).spec.podManagementPolicy = 'Parallel';
    }));
    await cluster.waitFor(async () => readyCount(await readNamespace(cluster, ns), 3) === null, { what: '3 StatefulSet pods Ready', timeoutMs: 60_000 });
    await must(['annotate', 'pod', 'mongo-1', '-n', ns, 'whoselects.test/never-ready=true']);
    const o = await verify(ns, {
      services: ['mongo', 'mongo-strict'],
      notYet: (s) => readyCount(s, 2, (p) => p.metadata?.name !== 'mongo-1') ?? (podsOf(s).some((p) => p.metadata?.name === 'mongo-1' && !isReady(p)) ? null : 'mongo-1 NotReady'),
      targets: [
        { kind: 'StatefulSet', name: 'mongo', commands: ALL, ports: ['0:27017'] },
        { kind: 'Service', name: 'mongo', commands: ['logs', 'exec', 'port-forward'], ports: ['0:27017'] },
        { kind: 'Service', name: 'mongo-strict', commands: LOGS_EXEC },
      ],
    });
    const slices = itemsOf<EndpointSlice>(o.state, 'EndpointSlice');
    const eps = (svc: string) => controllerSlices(slices, svc).flatMap((s) => s.endpoints ?? []);
    assert.deepEqual(eps('mongo').map((e) => [e.hostname, e.conditions?.ready]).sort(), [['mongo-0', true], ['mongo-1', true], ['mongo-2', true]]);
    assert.deepEqual(eps('mongo-strict').map((e) => [e.hostname ?? null, e.conditions?.ready]).sort(), [[null, false], [null, true], [null, true]]);
  });

  // ---------------------------------------------------------------- selectorless and foreign slices

  test('a selectorless Service with a hand-made EndpointSlice, and a hand-made slice added to a selector Service', async () => {
    const ns = await namespace('selectorless');
    await apply(ns, `
apiVersion: v1
kind: Service
metadata: {name: external-db}
spec:
  ports: [{name: pg, port: 5432, protocol: TCP}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: external-db-1
  labels: {kubernetes.io/service-name: external-db, endpointslice.kubernetes.io/managed-by: staff.example.com}
addressType: IPv4
ports: [{name: pg, port: 5432, protocol: TCP}]
endpoints:
- addresses: [192.0.2.10]
  conditions: {ready: true}
---
${webApp({ replicas: 1 }).trim()}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-extra
  labels: {kubernetes.io/service-name: web, endpointslice.kubernetes.io/managed-by: staff.example.com}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints:
- addresses: [192.0.2.20]
`);
    const o = await verify(ns, {
      services: ['external-db', 'web'], notYet: (s) => readyCount(s, 1),
      targets: [
        { kind: 'Service', name: 'external-db', commands: ['logs', 'exec', 'port-forward'], ports: ['0:5432'] },
        { kind: 'Service', name: 'web', commands: LOGS_EXEC },
      ],
    });
    const slices = itemsOf<EndpointSlice>(o.state, 'EndpointSlice');
    assert.deepEqual(slices.filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'external-db').map((s) => s.metadata?.name), ['external-db-1'],
      'the controller leaves a selectorless Service alone');
    assert.ok(slices.some((s) => s.metadata?.name === 'web-extra'), 'the controller does not remove a foreign slice');
    const report = analyzeTarget(o.state, 'Service', 'web');
    assert.deepEqual(report.routing[0]?.differences.map((d) => d.kind), ['foreign-slice']);
    const refused = o.kubectl.find((k) => k.target.name === 'external-db' && k.command === 'logs');
    assert.equal(refused?.result.error, 'cannot get the logs from *v1.Service: invalid service \'external-db\': Service is defined without a selector');
  });

  // ---------------------------------------------------------------- PDBs

  test('a pod matched by two PDBs: the real eviction API answers 500, and the engine says so', async () => {
    const ns = await namespace('pdb-overlap');
    await apply(ns, asList(exampleObjects('pdb-overlap'), ns));
    await apply(ns, `
apiVersion: v1
kind: Pod
metadata: {name: batch-worker, labels: {tier: backend}}
spec: {containers: [{name: worker, image: worker}]}
---
apiVersion: v1
kind: Service
metadata: {name: checkout}
spec:
  selector: {app: checkout}
  ports: [{name: http, port: 80, targetPort: http}]
`);
    const o = await verify(ns, {
      services: ['checkout'],
      notYet: (s) => firstWait(readyCount(s, 5),
        // Only "seen once": the disruption controller syncs just one (arbitrary) PDB per pod event, so
        // the other one's status may stay stale for good, as it does on any cluster with overlapping PDBs.
        itemsOf<KubeObject & { status?: { observedGeneration?: number } }>(s, 'PodDisruptionBudget')
          .every((p) => p.status?.observedGeneration === p.metadata?.generation) ? null : 'the disruption controller to process both PDBs'),
      targets: [{ kind: 'Deployment', name: 'checkout', commands: ALL, ports: ['0:8080'] }],
    });
    const evict = async (pod: string) => {
      const body = JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace: ns } });
      const r = await cluster.kubectl(['create', '--raw', `/api/v1/namespaces/${ns}/pods/${pod}/eviction?dryRun=All`, '-f', '-', '-v=6'], { input: body });
      return { status: /"Response" verb="POST" url="[^"]*eviction[^"]*" status="(\d+)/.exec(r.stderr)?.[1] ?? `exit ${r.code}`, stderr: r.stderr };
    };
    const evictions: string[] = [];
    for (const pod of podsOf(o.state)) {
      const name = pod.metadata?.name ?? '';
      const engine = findingIds(analyzeTarget(o.state, 'Pod', name)).includes('multiple-pdbs');
      const real = await evict(name);
      const refused = real.status === '500' && /This pod has more than one PodDisruptionBudget, which the eviction subresource does not support\./.test(real.stderr);
      // Without the refusal the (dry-run) eviction is decided by the budget: allowed, or 429.
      assert.ok(engine ? refused : ['201', '429'].includes(real.status),
        `pod ${name}: the engine ${engine ? 'expects the eviction API to refuse it (multiple-pdbs)' : 'sees at most one PDB'}; the API answered ${real.status}: ${real.stderr.split('\n').filter((l) => !l.startsWith('I')).join(' ')}`);
      evictions.push(`${name}:${real.status}`);
    }
    assert.equal(evictions.filter((e) => e.endsWith(':500')).length, 4, `the four checkout pods are refused: ${evictions.join(', ')}`);
    assert.ok(evictions.includes('batch-worker:201') || evictions.includes('batch-worker:429'));
  });

  // ---------------------------------------------------------------- externalTrafficPolicy: Local

  test('externalTrafficPolicy: Local with the pods on one of three nodes', async () => {
    const ns = await namespace('etp-local');
    await apply(ns, `
apiVersion: apps/v1
kind: Deployment
metadata: {name: edge}
spec:
  replicas: 2
  selector: {matchLabels: {app: edge}}
  template:
    metadata: {labels: {app: edge}}
    spec:
      nodeSelector: {kubernetes.io/hostname: kwok-node-b}
      containers: [{name: envoy, image: envoy, ports: [{name: https, containerPort: 8443}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: edge-pinned, labels: {app: edge}, annotations: {whoselects.test/never-ready: "true"}}
spec:
  nodeName: kwok-node-b
  containers: [{name: envoy, image: envoy, ports: [{name: https, containerPort: 8443}]}]
---
apiVersion: v1
kind: Service
metadata: {name: edge}
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector: {app: edge}
  ports: [{name: https, port: 443, targetPort: https}]
`);
    const o = await verify(ns, {
      services: ['edge'],
      notYet: (s) => firstWait(readyCount(s, 2, (p) => p.metadata?.name !== 'edge-pinned'), podsOf(s).some((p) => p.metadata?.name === 'edge-pinned' && p.status?.podIP) ? null : 'edge-pinned running'),
      targets: [
        { kind: 'Deployment', name: 'edge', commands: ALL, ports: ['0:https'] },
        { kind: 'Service', name: 'edge', commands: LOGS_EXEC },
      ],
    });
    const real = controllerSlices(itemsOf<EndpointSlice>(o.state, 'EndpointSlice'), 'edge').flatMap((s) => s.endpoints ?? []);
    assert.deepEqual([...new Set(real.map((e) => `${e.nodeName}/${e.zone}`))], ['kwok-node-b/zone-b']);
    const nodes = analyzeTarget(o.state, 'Service', 'edge').routing[0]?.nodes ?? [];
    for (const n of ctx.nodes.map((x) => x.metadata?.name ?? '')) {
      const view = nodes.find((v) => v.node === n);
      const local = real.filter((e) => e.nodeName === n && e.conditions?.ready).length;
      assert.equal(view?.localReady, local, `node ${n}: local ready endpoints`);
      assert.equal(view?.external, local > 0 ? 'forwards' : 'drops', `node ${n}: external traffic`);
    }
  });

  // ---------------------------------------------------------------- slow termination

  test('pods terminating slowly (kwok terminate-delay): serving+terminating endpoints; logs and exec disagree about them', async () => {
    const ns = await namespace('terminating');
    await apply(ns, `
${webApp({ replicas: 3, terminateDelaySeconds: 180 }).trim()}
`);
    const first = await cluster.waitFor(async () => {
      const s = await readNamespace(cluster, ns);
      return readyCount(s, 3) === null && s;
    }, { what: '3 pods Ready' });
    const [a, b] = podsOf(first).map((p) => p.metadata?.name ?? '');
    await must(['annotate', 'pod', b ?? '', '-n', ns, 'whoselects.test/never-ready=true']);
    await cluster.waitFor(async () => !isReady(byName<Pod>(await readNamespace(cluster, ns), 'Pod', b ?? '')), { what: `${b} NotReady` });
    await must(['delete', 'pod', a ?? '', '-n', ns, '--wait=false', '--grace-period=90']);
    await must(['delete', 'pod', b ?? '', '-n', ns, '--wait=false', '--grace-period=30']);
    const o = await verify(ns, {
      services: ['web'],
      notYet: (s) => firstWait(readyCount(s, 3), podsOf(s, isDeleting).length === 2 ? null : '2 terminating pods'),
      targets: [
        { kind: 'Deployment', name: 'web', commands: ALL, ports: ['0:8080'] },
        { kind: 'Service', name: 'web', commands: LOGS_EXEC },
      ],
    });
    const eps = controllerSlices(itemsOf<EndpointSlice>(o.state, 'EndpointSlice'), 'web').flatMap((s) => s.endpoints ?? []);
    const cond = (pod: string | undefined) => eps.find((e) => e.targetRef?.name === pod)?.conditions;
    assert.deepEqual(cond(a), { ready: false, serving: true, terminating: true });
    assert.deepEqual(cond(b), { ready: false, serving: false, terminating: true });
    const exec = o.kubectl.find((k) => k.target.kind === 'Deployment' && k.command === 'exec');
    assert.ok(exec?.result.pod && exec.result.pod !== a && exec.result.pod !== b, 'kubectl 1.28+ exec prefers a pod that is not terminating');
  });

  // ---------------------------------------------------------------- Jobs and CronJobs

  test('Job and CronJob pods: finished, failed and running pods behind Services and kubectl', async () => {
    const ns = await namespace('jobs');
    const job = (name: string, annotations: Record<string, string>, extra = '') => `
apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
  ${extra}
  template:
    metadata: {labels: {app: batch}, annotations: ${JSON.stringify(annotations)}}
    spec:
      restartPolicy: Never
      containers: [{name: work, image: busybox, ports: [{name: metrics, containerPort: 9090}]}]
`;
    await apply(ns, [
      job('done', {}, 'completions: 2\n  parallelism: 2'),
      job('failing', { 'whoselects.test/exit-code': '3' }, 'backoffLimit: 0'),
      job('running', { 'whoselects.test/complete-delay': '1h', 'whoselects.test/ready-delay': '1s' }, 'completions: 2\n  parallelism: 2'),
      `
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  suspend: true
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: nightly}, annotations: {whoselects.test/complete-delay: 1h}}
        spec:
          restartPolicy: Never
          containers: [{name: report, image: busybox}]
---
apiVersion: v1
kind: Service
metadata: {name: batch}
spec:
  selector: {app: batch}
  ports: [{name: metrics, port: 9090, targetPort: metrics}]
---
apiVersion: v1
kind: Service
metadata: {name: nightly}
spec:
  selector: {app: nightly}
  ports: [{port: 80, targetPort: 8080}]
`].join('---'));
    await must(['create', 'job', 'nightly-manual', '--from=cronjob/nightly', '-n', ns]);
    const phase = (s: NamespaceState, jobName: string, ph: string) => podsOf(s, (p) => p.metadata?.labels?.['job-name'] === jobName && p.status?.phase === ph).length;
    const o = await verify(ns, {
      services: ['batch', 'nightly'],
      notYet: (s) => firstWait(
        phase(s, 'done', 'Succeeded') === 2 ? null : 'job done: 2 pods Succeeded',
        phase(s, 'failing', 'Failed') === 1 ? null : 'job failing: 1 pod Failed',
        readyCount(s, 2, hasLabel('job-name', 'running')),
        readyCount(s, 1, hasLabel('job-name', 'nightly-manual')),
        podsOf(s).some((p) => ['Succeeded', 'Failed'].includes(p.status?.phase ?? '') && (p.metadata as { finalizers?: string[] } | undefined)?.finalizers?.length) ? 'the Job controller to drop its tracking finalizers' : null,
      ),
      targets: [
        { kind: 'Job', name: 'done', commands: ['logs', 'exec', 'port-forward'], ports: ['0:9090'] },
        { kind: 'Job', name: 'failing', commands: ['logs', 'exec', 'attach'] },
        { kind: 'Job', name: 'running', commands: ALL, ports: ['0:9090'] },
        { kind: 'Service', name: 'batch', commands: ['logs', 'exec', 'port-forward'], ports: ['0:9090'] },
        { kind: 'CronJob', name: 'nightly', commands: LOGS_EXEC },
        { kind: 'Job', name: 'nightly-manual', commands: LOGS_EXEC },
        { kind: 'Service', name: 'nightly', commands: LOGS_EXEC },
      ],
    });
    const exec = o.kubectl.find((k) => k.target.name === 'done' && k.command === 'exec');
    assert.equal(exec?.result.error, 'cannot exec into a container in a completed pod; current phase is Succeeded');
    const cron = o.kubectl.find((k) => k.target.name === 'nightly' && k.target.kind === 'CronJob' && k.command === 'logs');
    assert.equal(cron?.result.error, 'cannot get the logs from *v1.CronJob: selector for *v1.CronJob not implemented');
    const eps = controllerSlices(itemsOf<EndpointSlice>(o.state, 'EndpointSlice'), 'batch').flatMap((s) => s.endpoints ?? []);
    assert.equal(eps.length, 2, 'only the running Job\'s pods are endpoints; finished ones are not');
  });
});
