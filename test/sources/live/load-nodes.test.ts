// A single target on a cluster of more Nodes than one page (500) holds: the first page is read
// beside the other reads of round 1, then only the Nodes the pods read run on and that page did
// not hold, by name; the rest of the list when a Service read has a Local traffic policy (each
// node's answer is worked out then) or when more are missing than reading them one by one
// pays for.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FakeApi } from './fake-apiserver.ts';
import { node, svc, type SvcOpts } from '../../core/builders.ts';
import { listItem, pod } from './helpers.ts';
import { names, NS, withSetup } from './scenario.ts';
import type { SeenRequest } from './fake-apiserver.ts';
import { run } from '../../../src/cli/run.ts';

const NODES = '/api/v1/nodes';

/** `count` Nodes n-000, n-001, … in zones zone-0 to zone-2. */
function nodes(api: FakeApi, count: number): void {
  api.put(NODES, ...Array.from({ length: count }, (_, i) => listItem(node(`n-${String(i).padStart(3, '0')}`, `zone-${i % 3}`))));
}

/** svc/web selecting a pod on each node named. */
function web(api: FakeApi, on: string[], spec: SvcOpts = {}): void {
  api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec })));
  api.put(`${NS}/pods`, ...on.map((n, i) => pod(`web-${i}`, { app: 'web' }, { node: n })));
}

const nodeReads = (api: FakeApi): SeenRequest[] => api.requests.filter((r) => r.path === NODES);

describe('loadLive: Nodes beyond the first page', () => {
  test('reads the first page, then only the missing Nodes the selected pods run on, by name', () => withSetup((api) => {
    nodes(api, 700);
    web(api, ['n-003', 'n-650', 'n-650', 'n-699', 'gone']);
  }, async (s) => {
    const loaded = await s.run(['svc/web']);
    const reads = nodeReads(s.api);
    assert.equal(reads.filter((r) => r.query.fieldSelector === undefined).length, 1, 'one page of the whole list');
    assert.ok(reads.every((r) => r.query.continue === undefined), 'the list is not followed');
    assert.deepEqual(reads.flatMap((r) => (r.query.fieldSelector ? [r.query.fieldSelector] : [])).sort(), ['metadata.name=gone', 'metadata.name=n-650', 'metadata.name=n-699']);
    for (const r of reads) assert.match(r.accept, /as=PartialObjectMetadataList/, 'metadata only, by name too');
    const o = loaded.snapshot.objects;
    assert.equal(o.Node.length, 502, 'the first page and the two that exist');
    assert.deepEqual(o.Node.filter((n) => ['n-650', 'n-699'].includes(n.metadata?.name ?? '')).map((n) => n.metadata?.labels?.['topology.kubernetes.io/zone']), ['zone-2', 'zone-0']);
    assert.ok(loaded.snapshot.known.includes('Node'), 'known as far as the pods ask: a Node not found does not exist');
    assert.deepEqual(loaded.snapshot.gaps, [], 'an empty metadata list (items null) is an answer, not a gap');
  }));

  test('a cluster of one page: one request, as before', () => withSetup((api) => {
    nodes(api, 500);
    web(api, ['n-499']);
  }, async (s) => {
    const loaded = await s.run(['svc/web']);
    assert.equal(nodeReads(s.api).length, 1);
    assert.equal(loaded.snapshot.objects.Node.length, 500);
    assert.ok(loaded.snapshot.known.includes('Node'));
  }));

  for (const policy of ['externalTrafficPolicy', 'internalTrafficPolicy'] as const) {
    test(`a Service with ${policy}: Local reads every Node (each node's answer is worked out)`, () => withSetup((api) => {
      nodes(api, 1200);
      web(api, ['n-650'], { type: 'LoadBalancer', [policy]: 'Local' });
    }, async (s) => {
      const loaded = await s.run(['svc/web']);
      const reads = nodeReads(s.api);
      assert.deepEqual(reads.map((r) => r.query.continue === undefined), [true, false, false], 'the first page, then the list goes on from its token');
      assert.ok(reads.every((r) => r.query.fieldSelector === undefined));
      assert.deepEqual(names(loaded.snapshot.objects.Node), Array.from({ length: 1200 }, (_, i) => `n-${String(i).padStart(3, '0')}`).sort());
      assert.ok(loaded.snapshot.known.includes('Node'));
    }));
  }

  test('a pod\'s report reads every Node when a Service of its namespace has a Local policy', () => withSetup((api) => {
    nodes(api, 600);
    web(api, ['n-550']);
    api.put(`${NS}/services`, listItem(svc('edge', { selector: { app: 'other' }, ports: [{ port: 80 }], type: 'NodePort', externalTrafficPolicy: 'Local' })));
  }, async (s) => {
    const loaded = await s.run(['pod/web-0']);
    assert.equal(loaded.snapshot.objects.Node.length, 600);
    assert.equal(nodeReads(s.api).filter((r) => r.query.fieldSelector !== undefined).length, 0);
  }));

  test('--watch: every Node in round 1 (the pods that come later may run on any)', () => withSetup((api) => {
    nodes(api, 1200);
    web(api, ['n-003']);
  }, async (s) => {
    const loaded = await s.run(['svc/web', '--watch']);
    const reads = nodeReads(s.api);
    assert.deepEqual(reads.map((r) => r.query.continue === undefined), [true, false, false]);
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
        assert.deepEqual(reads.map((r) => r.query.continue === undefined), [true, false, false]);
        assert.equal(nodesSeen, 2, 'the screen was drawn, with both pods\' zones');
      } else {
        assert.deepEqual(reads.map((r) => r.query.fieldSelector ?? 'list'), ['list', 'metadata.name=n-900']);
        assert.equal(nodesSeen, -1, 'no screen');
      }
    }));
  }

  test('more missing Nodes than are left in the list: the rest of the list instead', () => withSetup((api) => {
    nodes(api, 520);
    web(api, Array.from({ length: 20 }, (_, i) => `n-${500 + i}`).concat(['gone']));
  }, async (s) => {
    const loaded = await s.run(['svc/web']);
    const reads = nodeReads(s.api);
    assert.deepEqual(reads.map((r) => r.query.continue === undefined), [true, false], '20 left, 21 missing: one more page');
    assert.ok(reads.every((r) => r.query.fieldSelector === undefined));
    assert.equal(loaded.snapshot.objects.Node.length, 520);
  }));

  test('more missing Nodes than are worth a read each: the rest of the list instead', () => withSetup((api) => {
    nodes(api, 1000);
    web(api, Array.from({ length: 65 }, (_, i) => `n-${600 + i}`));
  }, async (s) => {
    const loaded = await s.run(['svc/web']);
    assert.ok(nodeReads(s.api).every((r) => r.query.fieldSelector === undefined));
    assert.equal(loaded.snapshot.objects.Node.length, 1000);
  }));

  test('a refused read by name is a gap: Nodes are then not known', () => withSetup((api) => {
    nodes(api, 600);
    web(api, ['n-550']);
    api.override(NODES, { status: 403, when: (q) => q.fieldSelector !== undefined });
  }, async (s) => {
    const loaded = await s.run(['svc/web']);
    assert.ok(!loaded.snapshot.known.includes('Node'));
    assert.deepEqual(loaded.snapshot.gaps.map((g) => g.kind), ['Node']);
  }));
});
