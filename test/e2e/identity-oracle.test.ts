// Oracle tests for answers the real control plane can check (issue 8): NetworkPolicy peers
// against the pods `kubectl get pods -l` lists for each peer, EndpointSlice ports per
// protocol against the real slices (a named targetPort declared only for UDP), and
// StatefulSet pod hostnames and per-pod DNS names against the real pods and slices — the
// program run as a user runs it (live, and on the same manifests offline).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import type { EndpointSlice, Namespace, Pod } from '../../src/core/types.ts';
import { clusterSkip, endpointsOf, runProgram as whoselects, type List } from './kit.ts';

const skip = clusterSkip();

interface ReportJson {
  target: { found: boolean; policy: { peers: { direction: string; rule: number; peer: string; pods: { name: string; namespace?: string }[]; note: string | null }[] } | null };
  routing: {
    service: { name: string };
    predicted: { pod: { name: string } | null; hostname: string | null; ports: { name: string; port: number; protocol: string }[] }[];
    ports: { servicePort: string; protocol: string; shares: { share: number }[]; noEndpoints: boolean }[];
    dns: { name: string; answers: string[]; nxdomain: boolean }[];
  }[];
}

const bare = (name: string, ns: string, labels: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}
spec: {containers: [{name: app, image: nginx}]}
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-access, namespace: np-shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - podSelector: {matchLabels: {role: frontend}}
    - namespaceSelector: {matchLabels: {team: ops}}
      podSelector: {matchExpressions: [{key: role, operator: In, values: [backup, audit]}]}
  egress:
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: np-dev}}
`;

const STATEFUL = `apiVersion: v1
kind: Service
metadata: {name: pg, namespace: ident}
spec:
  clusterIP: None
  selector: {app: pg}
  ports: [{name: pg, port: 5432, targetPort: pg}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: pg, namespace: ident}
spec:
  serviceName: pg
  replicas: 2
  podManagementPolicy: Parallel
  selector: {matchLabels: {app: pg}}
  template:
    metadata: {labels: {app: pg}}
    spec: {containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 5432}]}]}
`;

const DNS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: dns, namespace: proto}
spec:
  replicas: 1
  selector: {matchLabels: {app: dns}}
  template:
    metadata: {labels: {app: dns}}
    spec: {containers: [{name: dns, image: coredns, ports: [{name: dns, containerPort: 53, protocol: UDP}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: dns, namespace: proto}
spec:
  selector: {app: dns}
  ports:
  - {name: dns-udp, port: 53, targetPort: dns, protocol: UDP}
  - {name: dns-tcp, port: 53, targetPort: dns, protocol: TCP}
`;

describe('oracle: peers, ports per protocol and per-pod identity against the real control plane', { skip, timeout: 240_000 }, () => {
  let cluster: Cluster;
  const names = (pods: Pod[]) => pods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).sort();
  const report = async (args: string[]): Promise<ReportJson> => {
    const r = await whoselects(cluster.env, [...args, '-o', 'json', '--fail-on', 'never']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as ReportJson;
  };

  before(async () => {
    cluster = await startCluster();
    for (const ns of ['np-shop', 'np-ops', 'np-dev', 'np-audit', 'ident', 'proto']) assert.equal((await cluster.kubectl(['create', 'namespace', ns])).code, 0);
    assert.equal((await cluster.kubectl(['label', 'namespace', 'np-ops', 'np-audit', 'team=ops'])).code, 0);
    await cluster.apply([
      bare('db-0', 'np-shop', 'app: db'), bare('web-1', 'np-shop', 'role: frontend'), bare('other', 'np-shop', 'role: other'),
      bare('backup-1', 'np-ops', 'role: backup'), bare('ops-web', 'np-ops', 'role: frontend'), bare('audit-1', 'np-audit', 'role: audit'),
      bare('backup-dev', 'np-dev', 'role: backup'), bare('tool', 'np-dev', 'app: tool'), POLICY, STATEFUL, DNS,
    ].join('---\n'));
    await cluster.waitFor(async () => (await endpointsOf(cluster, 'pg', 'ident')).filter((e) => e.conditions?.ready && e.hostname).length === 2 && true, { what: '2 ready endpoints with hostnames behind svc/pg', timeoutMs: 60_000 });
    await cluster.waitFor(async () => (await endpointsOf(cluster, 'dns', 'proto')).filter((e) => e.conditions?.ready).length === 1 && true, { what: 'a ready endpoint behind svc/dns', timeoutMs: 60_000 });
  });
  after(async () => {
    await cluster?.stop();
  });

  test('netpol: every peer lists exactly the pods the API server selects for it', async () => {
    const r = await report(['-n', 'np-shop', 'netpol/db-access']);
    assert.equal(r.target.found, true);
    const peers = r.target.policy?.peers ?? [];
    assert.equal(peers.length, 3);
    const listed = (p: (typeof peers)[number]) => p.pods.map((x) => `${x.namespace}/${x.name}`).sort();
    // Peer 1: podSelector alone, in the policy's namespace.
    assert.deepEqual(listed(peers[0] as (typeof peers)[number]), names((await cluster.get<List<Pod>>('pods', '-n', 'np-shop', '-l', 'role=frontend')).items));
    // Peer 2: namespaceSelector AND podSelector: the pods the selector lists in each namespace the namespace selector lists.
    const ops = (await cluster.get<List<Namespace>>('namespaces', '-l', 'team=ops')).items.map((n) => n.metadata?.name ?? '');
    assert.deepEqual(ops.sort(), ['np-audit', 'np-ops']);
    const want: Pod[] = [];
    for (const ns of ops) want.push(...(await cluster.get<List<Pod>>('pods', '-n', ns, '-l', 'role in (backup,audit)')).items);
    assert.deepEqual(listed(peers[1] as (typeof peers)[number]), names(want));
    // Peer 3: a namespace by its name label, every pod in it.
    assert.deepEqual(listed(peers[2] as (typeof peers)[number]), names((await cluster.get<List<Pod>>('pods', '-n', 'np-dev')).items));
    for (const p of peers) assert.equal(p.note, null);
  });

  test('EndpointSlice ports per protocol: a named targetPort declared only for UDP', async () => {
    const r = await report(['-n', 'proto', 'svc/dns']);
    const slices = (await cluster.get<List<EndpointSlice>>('endpointslices', '-n', 'proto', '-l', 'kubernetes.io/service-name=dns')).items;
    const real = slices.filter((s) => (s.endpoints ?? []).length > 0).flatMap((s) => (s.ports ?? []).map((p) => `${p.name}=${p.port}/${p.protocol}`)).sort();
    assert.deepEqual(real, ['dns-udp=53/UDP'], 'the real controller publishes the UDP port only');
    const rv = r.routing[0];
    assert.deepEqual(rv?.predicted.flatMap((e) => e.ports.map((p) => `${p.name}=${p.port}/${p.protocol}`)).sort(), real);
    for (const p of rv?.ports ?? []) {
      const served = slices.some((s) => (s.ports ?? []).some((x) => x.name === p.servicePort && x.protocol === p.protocol) && (s.endpoints ?? []).some((e) => e.conditions?.ready));
      assert.equal(p.shares.length > 0, served, `${p.servicePort}/${p.protocol}: shares only where kube-proxy has an endpoint`);
      assert.equal(p.noEndpoints, !served, `${p.servicePort}/${p.protocol}: noEndpoints`);
    }
  });

  test('StatefulSet identity: hostnames and per-pod DNS names are the real pods\', live and offline', async () => {
    const pods = (await cluster.get<List<Pod>>('pods', '-n', 'ident', '-l', 'app=pg')).items;
    const hostnames = pods.map((p) => p.spec?.hostname ?? '').sort();
    for (const p of pods) assert.equal(p.spec?.subdomain, 'pg', 'the controller sets subdomain = serviceName');
    const sliceHostnames = (await endpointsOf(cluster, 'pg', 'ident')).map((e) => e.hostname ?? '').sort();
    assert.deepEqual(sliceHostnames, hostnames);
    const live = await report(['-n', 'ident', 'svc/pg']);
    const rv: ReportJson['routing'][number] | undefined = live.routing[0];
    assert.deepEqual(rv?.predicted.map((e) => e.hostname ?? '').sort(), hostnames);
    for (const p of pods) {
      const d: ReportJson['routing'][number]['dns'][number] | undefined = rv?.dns.find((x) => x.name === `${p.spec?.hostname}.pg.ident.svc.cluster.local`);
      assert.deepEqual(d?.answers, [p.status?.podIP], `${p.metadata?.name}: its per-pod name answers its IP`);
    }
    // Offline, from the manifests alone: the same names, answered once the pods run.
    const file = join(cluster.dir, 'statefulset.yaml');
    writeFileSync(file, STATEFUL);
    const offline = await report(['-f', file, '-n', 'ident', 'svc/pg']);
    const names2 = (offline.routing[0]?.dns ?? []).map((d) => d.name).filter((n) => n !== 'pg.ident.svc.cluster.local').sort();
    assert.deepEqual(names2, hostnames.map((h) => `${h}.pg.ident.svc.cluster.local`));
    assert.equal(offline.routing[0]?.dns.find((d) => d.name === 'pg.ident.svc.cluster.local')?.nxdomain, false);
  });
});
