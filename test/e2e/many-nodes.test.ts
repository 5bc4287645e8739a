// A cluster of more Nodes than one page (500) holds, on the real control plane: a single target
// reads only the Nodes its pods run on, by their hostname label in one request (a Node that
// does not exist, by name, and finds nothing); its zones are the ones the real EndpointSlice
// controller wrote into the slices; a Service with a Local traffic policy reads every Node and
// answers for each.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import { clusterSkip, runProgram as whoselects, waitForReadyEndpoints } from './kit.ts';

const skip = clusterSkip();
const EXTRA = 505;

interface Endpoint { pod: { name: string }; node: string | null; zone: string | null }
interface Report {
  source: { gaps: unknown[] };
  selection: { ref: { name: string }; node: string | null; zone: string | null }[];
  routing: { predicted: Endpoint[]; actual: { endpoints: Endpoint[] } | null; nodes: { node: string }[] }[];
}

const wide = (i: number) => `wide-${String(i).padStart(3, '0')}`;

/** Pods of app spread, each bound to the node named (no scheduler involved), with port 8080 ready. */
function spreadPods(on: string[]): string {
  return on.map((node, i) => `apiVersion: v1
kind: Pod
metadata: {name: spread-${i}, labels: {app: spread}}
spec:
  nodeName: ${node}
  containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]
`).join('---\n');
}

describe('more Nodes than one page holds, on a real control plane', { skip }, () => {
  let cluster: Cluster;
  const zoneOf = new Map<string, string>();
  before(async () => {
    cluster = await startCluster();
    // The extra Nodes in four creates at once, labelled as kubelets label theirs; their names
    // sort after the three kwok nodes', so wide-497 and after are beyond a first page.
    const items = Array.from({ length: EXTRA }, (_, i) => ({
      apiVersion: 'v1', kind: 'Node',
      metadata: { name: wide(i), labels: { 'kubernetes.io/hostname': wide(i), 'topology.kubernetes.io/zone': `wide-zone-${i % 3}` } },
    }));
    const parts = [0, 1, 2, 3].map((k) => items.filter((_, i) => i % 4 === k));
    const created = await Promise.all(parts.map((part) => cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: part }), timeoutMs: 180_000 })));
    for (const c of created) assert.equal(c.code, 0, c.stderr);
    for (const n of (await cluster.get<{ items: { metadata: { name: string; labels?: Record<string, string> } }[] }>('nodes')).items) {
      zoneOf.set(n.metadata.name, n.metadata.labels?.['topology.kubernetes.io/zone'] ?? '');
    }
    assert.equal(zoneOf.size, EXTRA + cluster.nodes.length);
    await cluster.apply(`${spreadPods(['kwok-node-a', wide(10), wide(499), wide(504)])}---
apiVersion: v1
kind: Service
metadata: {name: spread}
spec:
  selector: {app: spread}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: v1
kind: Service
metadata: {name: spread-local}
spec:
  type: NodePort
  externalTrafficPolicy: Local
  selector: {app: spread}
  ports: [{port: 80, targetPort: http}]
`);
    await waitForReadyEndpoints(cluster, 'spread', 4, 60_000);
  });
  after(async () => {
    await cluster?.stop();
  });

  test('svc/x: the four Nodes its pods run on, in one request by their hostname label; zones as the EndpointSlice controller wrote them', async () => {
    const r = await whoselects(cluster.env, ['svc/spread', '-o', 'json', '-v', '--fail-on', 'never']);
    assert.equal(r.code, 0, r.stderr);
    const nodeReads = r.stderr.split('\n').filter((l) => / GET \/api\/v1\/nodes\?/.test(l));
    assert.equal(nodeReads.length, 1, nodeReads.join('\n'));
    const selector = decodeURIComponent(/labelSelector=([^&\s]+)/.exec(nodeReads[0] ?? '')?.[1] ?? '').replaceAll('+', ' ');
    assert.equal(selector, `kubernetes.io/hostname in (kwok-node-a,${wide(10)},${wide(499)},${wide(504)})`);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(report.source.gaps, []);
    for (const p of report.selection) assert.equal(p.zone, zoneOf.get(p.node ?? ''), p.ref.name);
    const routing = report.routing[0];
    const actual = new Map(routing?.actual?.endpoints.map((e) => [e.pod.name, e.zone]));
    assert.equal(actual.size, 4);
    for (const e of routing?.predicted ?? []) assert.equal(e.zone, actual.get(e.pod.name), `${e.pod.name}: the zone the controller wrote`);
  });

  test('a pod on a Node that does not exist: the label does not find it, its read by name finds nothing, which is no gap', async () => {
    await cluster.apply(spreadPods(['kwok-node-a', wide(10), wide(499), wide(504), 'no-such-node']));
    const r = await whoselects(cluster.env, ['svc/spread', '-o', 'json', '-v', '--fail-on', 'never']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /GET \/api\/v1\/nodes\?fieldSelector=metadata\.name%3Dno-such-node/);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(report.source.gaps, [], 'the server writes an empty metadata list\'s items as null');
    await cluster.kubectl(['delete', 'pod', 'spread-4', '--wait=false']);
  });

  test('externalTrafficPolicy Local: every Node read (the list followed), and an answer for each', async () => {
    const r = await whoselects(cluster.env, ['svc/spread-local', '-o', 'json', '-v', '--fail-on', 'never']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /GET \/api\/v1\/nodes\?limit=500&continue=/);
    const report = JSON.parse(r.stdout) as Report;
    const nodes = report.routing[0]?.nodes.map((n) => n.node).sort();
    assert.deepEqual(nodes, [...zoneOf.keys()].sort());
  });
});
