// The Nodes a single target reads: only those its pods run on (their zone, whether they exist),
// by the hostname label the kubelet gives each Node, in one request, as soon as the pods are in;
// those the label does not find, by name; the whole list when a Service whose routing the
// report works out has a Local traffic policy (each node's answer is worked out then), when
// more Nodes are needed than is worth asking for by name, and for a watch or a screen (later
// pods may run on any Node). Where fewer are read, the report is the one every Node gives.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FakeApi } from './fake-apiserver.ts';
import { ing, node, sts, svc, type SvcOpts } from '../../core/builders.ts';
import { listItem, pod } from './helpers.ts';
import { APPS, hostnamed, names, NS, withSetup } from './scenario.ts';
import type { SeenRequest } from './fake-apiserver.ts';
import { run } from '../../../src/cli/run.ts';
import { analyze } from '../../../src/core/analyze.ts';
import type { SourceResult as Loaded } from '../../../src/sources/result.ts';
import type { Kind } from '../../../src/core/snapshot.ts';

const NODES = '/api/v1/nodes';
const nodeName = (i: number) => `n-${String(i).padStart(3, '0')}`;

/** `count` Nodes n-000, n-001, … in zones zone-0 to zone-2, labelled as kubelets label them. */
function nodes(api: FakeApi, count: number): void {
  api.put(NODES, ...Array.from({ length: count }, (_, i) => listItem(hostnamed(node(nodeName(i), `zone-${i % 3}`)))));
}

/** svc/web selecting a pod on each node named. */
function web(api: FakeApi, on: string[], spec: SvcOpts = {}): void {
  api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec })));
  api.put(`${NS}/pods`, ...on.map((n, i) => pod(`web-${i}`, { app: 'web' }, { node: n })));
}

/** The report of KIND/NAME (pod/web-0 unless said) from what was loaded. */
const reportOf = (snapshot: Loaded['snapshot'], kind: Kind = 'Pod', name = 'web-0') => analyze(snapshot, {
  target: { kind, name, namespace: 'default' }, kubectl: { version: { major: 1, minor: 34, patch: 0, raw: 'v1.34.0' }, from: 'test' },
  source: { context: null, cluster: null, inputs: [], problems: [] },
}, new Date('2026-01-01T00:00:00Z'));

/** The same snapshot with these Nodes instead of those it read. */
const withNodes = (snapshot: Loaded['snapshot'], nodes: Loaded['snapshot']['objects']['Node']): Loaded['snapshot'] => ({ ...snapshot, objects: { ...snapshot.objects, Node: nodes } });

const nodeReads = (api: FakeApi): SeenRequest[] => api.requests.filter((r) => r.path === NODES);
/** Each Node read: 'list' (the whole list, a page of it), 'label …' or 'name …'. */
const how = (r: SeenRequest): string => (r.query.labelSelector ? `label ${r.query.labelSelector}` : r.query.fieldSelector ? `name ${r.query.fieldSelector.replace('metadata.name=', '')}` : 'list');

describe('loadLive: the Nodes of a single target', () => {
  test('only the Nodes the selected pods run on, by their hostname label in one request; one the label does not find, by name', () => withSetup((api) => {
    nodes(api, 700);
    web(api, ['n-003', 'n-650', 'n-650', 'n-699', 'gone']);
  }, async (s) => {
    const loaded = await s.run(['svc/web']);
    const reads = nodeReads(s.api);
    assert.deepEqual(reads.map(how), ['label kubernetes.io/hostname in (gone,n-003,n-650,n-699)', 'name gone']);
    for (const r of reads) assert.match(r.accept, /as=PartialObjectMetadataList/, 'metadata only');
    const o = loaded.snapshot.objects;
    assert.deepEqual(names(o.Node), ['n-003', 'n-650', 'n-699']);
    assert.deepEqual(o.Node.map((n) => n.metadata?.labels?.['topology.kubernetes.io/zone']), ['zone-0', 'zone-2', 'zone-0']);
    assert.ok(loaded.snapshot.known.includes('Node'), 'known as far as the pods ask: a Node not found does not exist');
    assert.deepEqual(loaded.snapshot.gaps, [], 'an empty metadata list (items null) is an answer, not a gap');
  }));

  test('a Node whose hostname label is not its name, and a name too long for a label value, are read by name', () => withSetup((api) => {
    const long = `n-${'x'.repeat(70)}`;
    api.put(NODES,
      listItem(hostnamed(node('n-000', 'zone-0'))),
      listItem({ ...node('n-001', 'zone-1'), metadata: { ...node('n-001', 'zone-1').metadata, labels: { 'topology.kubernetes.io/zone': 'zone-1', 'kubernetes.io/hostname': 'ip-10-0-0-1' } } }),
      listItem(hostnamed(node(long, 'zone-2'))));
    web(api, ['n-000', 'n-001', long]);
  }, async (s) => {
    const loaded = await s.run(['svc/web']);
    assert.deepEqual(nodeReads(s.api).map(how).sort(), ['label kubernetes.io/hostname in (n-000,n-001)', 'name n-001', `name n-${'x'.repeat(70)}`].sort());
    assert.deepEqual(loaded.snapshot.objects.Node.map((n) => n.metadata?.labels?.['topology.kubernetes.io/zone']).sort(), ['zone-0', 'zone-1', 'zone-2']);
    assert.ok(loaded.snapshot.known.includes('Node'));
  }));

  test('a Service that selects no pod reads no Node', () => withSetup((api) => {
    nodes(api, 10);
    api.put(`${NS}/services`, listItem(svc('web', { ports: [{ port: 80 }] })));
  }, async (s) => {
    const loaded = await s.run(['svc/web']);
    assert.deepEqual(nodeReads(s.api), []);
    assert.ok(loaded.snapshot.known.includes('Node'), 'no pod asks for one');
  }));

  for (const policy of ['externalTrafficPolicy', 'internalTrafficPolicy'] as const) {
    test(`a Service with ${policy}: Local reads every Node (each node's answer is worked out)`, () => withSetup((api) => {
      nodes(api, 1200);
      web(api, ['n-650'], { type: 'LoadBalancer', [policy]: 'Local' });
    }, async (s) => {
      const loaded = await s.run(['svc/web']);
      const reads = nodeReads(s.api);
      assert.deepEqual(reads.map((r) => [how(r), r.query.continue === undefined]), [['list', true], ['list', false], ['list', false]], 'the whole list, page after page, and nothing by label or name');
      assert.deepEqual(names(loaded.snapshot.objects.Node), Array.from({ length: 1200 }, (_, i) => nodeName(i)).sort());
      assert.ok(loaded.snapshot.known.includes('Node'));
    }));
  }

  test('a pod\'s report reads every Node when a Service that selects the pod has a Local policy, and nothing by label before', () => withSetup((api) => {
    nodes(api, 600);
    web(api, ['n-550', 'n-010']);
    api.put(`${NS}/services`, listItem(svc('edge', { selector: { app: 'web' }, ports: [{ port: 80 }], type: 'NodePort', externalTrafficPolicy: 'Local' })));
  }, async (s) => {
    const loaded = await s.run(['pod/web-0']);
    assert.equal(loaded.snapshot.objects.Node.length, 600);
    assert.deepEqual([...new Set(nodeReads(s.api).map(how))], ['list']);
    const edge = reportOf(loaded.snapshot).routing.find((v) => v.service.name === 'edge');
    assert.equal(edge?.nodes.length, 600, 'each node\'s answer, the 598 without a local endpoint among them');
  }));

  test('a Local policy on a Service of the namespace that does not select the pod: its own Node by label, the report as with every Node', () => withSetup((api) => {
    nodes(api, 600);
    web(api, ['n-550']);
    api.put(`${NS}/services`,
      listItem(svc('edge', { selector: { app: 'other' }, ports: [{ port: 80 }], type: 'NodePort', externalTrafficPolicy: 'Local' })),
      listItem(svc('inner', { selector: { app: 'web', tier: 'db' }, ports: [{ port: 80 }], internalTrafficPolicy: 'Local' })));
    api.put(`${NS}/pods`, pod('other-0', { app: 'other' }, { node: 'n-020' }));
  }, async (s) => {
    const loaded = await s.run(['pod/web-0']);
    assert.deepEqual(nodeReads(s.api).map(how), ['label kubernetes.io/hostname in (n-550)']);
    assert.deepEqual(names(loaded.snapshot.objects.Node), ['n-550']);
    // Every Node, as a read of the Local Service's own report gives them (the same reader, the same shape).
    const every = (await s.run(['svc/edge'])).snapshot.objects.Node;
    assert.equal(every.length, 600);
    const report = reportOf(loaded.snapshot);
    assert.deepEqual(reportOf(withNodes(loaded.snapshot, every)), report);
    assert.deepEqual(report.routing.map((v) => v.service.name), ['web'], 'the Services that select the pod, none of them Local');
  }));

  test('a StatefulSet\'s report shows no Service\'s routing: a Local Service that selects its pods reads no Node beyond theirs, the report as with every Node', () => withSetup((api) => {
    nodes(api, 600);
    api.put(`${APPS}/statefulsets`, listItem(sts('db', { replicas: 2 })));
    api.put(`${NS}/pods`, pod('db-0', { app: 'db' }, { node: 'n-100' }), pod('db-1', { app: 'db' }, { node: 'n-200' }));
    api.put(`${NS}/services`,
      listItem(svc('db', { selector: { app: 'db' }, ports: [{ port: 5432 }], clusterIP: 'None' })),
      listItem(svc('db-lb', { selector: { app: 'db' }, ports: [{ port: 5432 }], type: 'LoadBalancer', externalTrafficPolicy: 'Local' })));
  }, async (s) => {
    const loaded = await s.run(['sts/db']);
    assert.deepEqual(nodeReads(s.api).map(how), ['label kubernetes.io/hostname in (n-100,n-200)']);
    const every = (await s.run(['svc/db-lb'])).snapshot.objects.Node;
    assert.equal(every.length, 600);
    const report = reportOf(loaded.snapshot, 'StatefulSet', 'db');
    assert.deepEqual(report.routing, []);
    assert.deepEqual(report.selection.map((p) => [p.ref.name, p.zone]), [['db-0', 'zone-1'], ['db-1', 'zone-2']]);
    assert.deepEqual(reportOf(withNodes(loaded.snapshot, every), 'StatefulSet', 'db'), report);
  }));

  test('an Ingress\'s report reads every Node for a Local policy on a backend Service, and not for one on another Service', async () => {
    const seed = (backendPolicy: 'Local' | 'Cluster') => (api: FakeApi) => {
      nodes(api, 600);
      web(api, ['n-550'], { type: 'LoadBalancer', externalTrafficPolicy: backendPolicy });
      api.put(`${NS}/services`, listItem(svc('edge', { selector: { app: 'edge' }, ports: [{ port: 80 }], type: 'LoadBalancer', externalTrafficPolicy: 'Local' })));
      api.put('/apis/networking.k8s.io/v1/namespaces/default/ingresses', listItem(ing('front', { defaultBackend: 'web' })));
    };
    await withSetup(seed('Local'), async (s) => {
      const loaded = await s.run(['ing/front']);
      assert.deepEqual([...new Set(nodeReads(s.api).map(how))], ['list']);
      assert.equal(reportOf(loaded.snapshot, 'Ingress', 'front').routing[0]?.nodes.length, 600);
    });
    await withSetup(seed('Cluster'), async (s) => {
      const loaded = await s.run(['ing/front']);
      assert.deepEqual(nodeReads(s.api).map(how), ['label kubernetes.io/hostname in (n-550)']);
      const every = (await s.run(['svc/edge'])).snapshot.objects.Node;
      const report = reportOf(loaded.snapshot, 'Ingress', 'front');
      assert.deepEqual(report.routing.map((v) => v.service.name), ['web']);
      assert.deepEqual(reportOf(withNodes(loaded.snapshot, every), 'Ingress', 'front'), report);
    });
  });

  test('a pod\'s report without a Local policy: its own Node by label', () => withSetup((api) => {
    nodes(api, 600);
    web(api, ['n-550']);
  }, async (s) => {
    const loaded = await s.run(['pod/web-0']);
    assert.deepEqual(nodeReads(s.api).map(how), ['label kubernetes.io/hostname in (n-550)']);
    assert.deepEqual(names(loaded.snapshot.objects.Node), ['n-550']);
  }));

  test('--watch: every Node in round 1 (the pods that come later may run on any)', () => withSetup((api) => {
    nodes(api, 1200);
    web(api, ['n-003']);
  }, async (s) => {
    const loaded = await s.run(['svc/web', '--watch']);
    const reads = nodeReads(s.api);
    assert.deepEqual(reads.map((r) => [how(r), r.query.continue === undefined]), [['list', true], ['list', false], ['list', false]]);
    assert.equal(loaded.snapshot.objects.Node.length, 1200);
    assert.ok(loaded.snapshot.known.includes('Node'));
  }));

  for (const terminal of [true, false]) {
    test(`a screen (which can start a watch with w) reads every Node; printed output only those it needs (terminal: ${terminal})`, () => withSetup((api) => {
      nodes(api, 1200);
      web(api, ['n-003', 'n-900']);
    }, async (s) => {
      let nodesSeen = -1;
      let err = '';
      const code = await run({
        argv: ['--kubectl-version', '1.34', 'svc/web', '-o', 'text', '--fail-on', 'never'], env: s.env, now: () => new Date('2025-01-01T00:00:00Z'),
        stdout: { write: () => true, isTTY: terminal }, stderr: { write: (t: string) => { err += t; return true; } },
        runTui: async (a) => {
          nodesSeen = (a.report.routing[0]?.predicted ?? []).filter((e) => e.zone !== null).length;
          return a.report;
        },
      });
      assert.equal(code, 0, err);
      const reads = nodeReads(s.api);
      if (terminal) {
        assert.deepEqual(reads.map((r) => [how(r), r.query.continue === undefined]), [['list', true], ['list', false], ['list', false]]);
        assert.equal(nodesSeen, 2, 'the screen was drawn, with both pods\' zones');
      } else {
        assert.deepEqual(reads.map(how), ['label kubernetes.io/hostname in (n-003,n-900)']);
        assert.equal(nodesSeen, -1, 'no screen');
      }
    }));
  }

  test('more Nodes needed than are worth asking for by name: the whole list instead', () => withSetup((api) => {
    nodes(api, 1000);
    web(api, Array.from({ length: 65 }, (_, i) => nodeName(600 + i)));
  }, async (s) => {
    const loaded = await s.run(['svc/web']);
    assert.deepEqual([...new Set(nodeReads(s.api).map(how))], ['list']);
    assert.equal(loaded.snapshot.objects.Node.length, 1000);
    assert.ok(loaded.snapshot.known.includes('Node'));
  }));

  test('64 Nodes are still asked for by label, in one request', () => withSetup((api) => {
    nodes(api, 1000);
    web(api, Array.from({ length: 64 }, (_, i) => nodeName(600 + i)));
  }, async (s) => {
    const loaded = await s.run(['svc/web']);
    const reads = nodeReads(s.api);
    assert.equal(reads.length, 1);
    assert.match(how(reads[0] as SeenRequest), /^label kubernetes\.io\/hostname in \(n-600,.*,n-663\)$/);
    assert.equal(loaded.snapshot.objects.Node.length, 64);
  }));

  test('a refused read is a gap: Nodes are then not known, and nothing more is asked for', () => withSetup((api) => {
    nodes(api, 600);
    web(api, ['n-550']);
    api.override(NODES, { status: 403, when: (q) => q.labelSelector !== undefined });
  }, async (s) => {
    const loaded = await s.run(['svc/web']);
    assert.deepEqual(nodeReads(s.api).map(how), ['label kubernetes.io/hostname in (n-550)']);
    assert.ok(!loaded.snapshot.known.includes('Node'));
    assert.deepEqual(loaded.snapshot.gaps.map((g) => g.kind), ['Node']);
  }));
});
