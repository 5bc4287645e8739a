// Faults between the program and a real kube-apiserver, injected by a loopback proxy
// (fault-proxy.ts): 429 with Retry-After, 500s, a list cut off by 410 Gone on its continue
// token, a list that stalls mid-body, watches the server closes, watches that stall. Each time
// the program retries with backoff where client-go would, marks the gap where it cannot, ends
// in the state of a fresh list, honours --request-timeout, and never hangs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import type { Change } from '../../src/core/timeline/types.ts';
import { parseLog } from '../../src/sources/replay/log.ts';
import { applyAll } from '../../src/core/events.ts';
import { emptySnapshot } from '../../src/core/snapshot.ts';
import type { KubeObject } from '../../src/core/types.ts';
import { clusterSkip, runProgram, startProgram, waitForReadyEndpoints, webApp, type List } from './kit.ts';
import { startFaultProxy, status, type FaultProxy, type ProxiedRequest } from './fault-proxy.ts';

const skip = clusterSkip();

interface Report { source: { gaps: { kind: string; reason: string; message: string }[]; context: string | null; cluster: string | null; inputs: string[] }; generatedAt?: string }

/** The report without what names the way in (context, cluster, server URL) and the time it was made. */
const comparable = (stdout: string): unknown => {
  const r = JSON.parse(stdout) as Report;
  delete r.generatedAt;
  r.source.context = null;
  r.source.cluster = null;
  r.source.inputs = [];
  return r;
};

const podsList = (r: ProxiedRequest) => !r.watch && r.path === '/api/v1/namespaces/default/pods' && r.query.has('labelSelector');

describe('faults between the program and the API server', { skip }, () => {
  let cluster: Cluster;
  let proxy: FaultProxy;
  let env: Record<string, string>;
  let direct = '';
  before(async () => {
    cluster = await startCluster();
    await cluster.apply(webApp({ replicas: 3 }));
    await waitForReadyEndpoints(cluster, 'web', 3);
    proxy = await startFaultProxy(cluster, join(cluster.dir, 'kubeconfig-proxy'));
    env = { ...cluster.env, KUBECONFIG: proxy.kubeconfig };
    const r = await runProgram(cluster.env, ['svc/web', '-o', 'json', '--fail-on', 'never']);
    assert.equal(r.code, 0, r.stderr);
    direct = r.stdout;
  });
  after(async () => {
    await proxy?.close();
    await cluster?.stop();
  });

  const through = async (args: string[], timeoutMs = 60_000) => {
    const t0 = Date.now();
    const p = startProgram({ ...env, NO_COLOR: '1' }, args);
    const timer = setTimeout(() => p.kill(), timeoutMs);
    const code = await p.exited;
    clearTimeout(timer);
    return { code, stdout: p.out, stderr: p.err, ms: Date.now() - t0 };
  };

  /** A target run through the proxy that must answer exactly as the direct run did (exit 0, the same report). */
  const answersAsDirect = async () => {
    const r = await through(['svc/web', '-o', 'json', '--fail-on', 'never']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(comparable(r.stdout), comparable(direct));
    return r;
  };

  test('no fault: the proxy is transparent', async () => {
    proxy.clear();
    await answersAsDirect();
  });

  test('429 with Retry-After: waits as told, retries, and answers as a clean run', async () => {
    proxy.clear();
    const before = proxy.seen.length;
    proxy.add({ when: podsList, times: 2, action: { do: 'answer', status: 429, headers: { 'Retry-After': '1' }, body: status(429, 'TooManyRequests', 'the server has received too many requests') } });
    await answersAsDirect();
    const lists = proxy.seen.slice(before).filter(podsList);
    assert.deepEqual(lists.map((x) => x.action), ['answer', 'answer', 'pass']);
    assert.ok((lists[2]?.at ?? 0) - (lists[0]?.at ?? 0) >= 1_900, 'one second per Retry-After');
  });

  test('500 with Retry-After is retried (as client-go does); a 500 without one marks the gap and check exits 3', async () => {
    proxy.clear();
    proxy.add({ when: podsList, times: 1, action: { do: 'answer', status: 500, headers: { 'Retry-After': '1' }, body: status(500, 'InternalError', 'etcdserver: leader changed') } });
    await answersAsDirect();

    proxy.clear();
    proxy.add({ when: (r) => !r.watch && r.path === '/apis/apps/v1/namespaces/default/replicasets', action: { do: 'answer', status: 500, body: status(500, 'InternalError', 'boom') } });
    const gap = await through(['svc/web', '-o', 'json', '--fail-on', 'never']);
    const report = JSON.parse(gap.stdout) as Report;
    assert.deepEqual(report.source.gaps.map((g) => [g.kind, g.reason]), [['ReplicaSet', 'unavailable']], gap.stderr);
    assert.match(report.source.gaps[0]?.message ?? '', /HTTP 500: boom/);
    const check = await through(['check', '-n', 'default']);
    assert.equal(check.code, 3, check.stderr);
    assert.match(check.stderr, /^whoselects: check is partial: could not list replicasets\.apps in namespace default: HTTP 500: boom/m);
  });

  test('410 Gone on a continue token: the list starts again in one piece and converges to a fresh list', async () => {
    proxy.clear();
    proxy.pageSize = 1;
    try {
      const before = proxy.seen.length;
      proxy.add({ when: (r) => !r.watch && r.query.has('continue'), times: 1, action: { do: 'answer', status: 410, body: status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.') } });
      await answersAsDirect();
      const seen = proxy.seen.slice(before);
      const refused = seen.find((x) => x.action === 'answer' && x.query.has('continue'));
      assert.ok(refused, 'a continue token was refused');
      assert.ok(seen.some((x) => x.path === refused.path && x.at >= refused.at && x.action === 'pass' && !x.query.has('limit') && !x.query.has('continue')), `${refused.path} was listed again in one piece`);
    } finally {
      proxy.pageSize = null;
    }
  });

  test('a list that stalls mid-body: --request-timeout bounds it; the gap is named; check exits 3', async () => {
    proxy.clear();
    proxy.add({ when: podsList, action: { do: 'stall', after: 40 } });
    const r = await through(['svc/web', '-o', 'json', '--fail-on', 'never', '--request-timeout', '2s']);
    assert.ok(r.ms < 15_000, `ended after ${r.ms} ms`);
    assert.ok(r.code === 0 || r.code === 3, `exit ${r.code}: ${r.stderr}`);
    if (r.code === 0) {
      const gaps = (JSON.parse(r.stdout) as Report).source.gaps;
      assert.ok(gaps.some((g) => g.kind === 'Pod' && g.reason === 'unavailable' && /no answer within 2s/.test(g.message)), JSON.stringify(gaps));
    } else assert.match(r.stderr, /2s|timed out|no answer/);
    // check lists every pod of the namespace (no selector): that list stalls too.
    proxy.add({ when: (x) => !x.watch && x.path === '/api/v1/namespaces/default/pods', action: { do: 'stall', after: 40 } });
    const check = await through(['check', '-n', 'default', '--request-timeout', '2s']);
    assert.equal(check.code, 3, check.stderr);
    assert.match(check.stderr, /pods.*no answer within 2s/);
    assert.ok(check.ms < 15_000, `ended after ${check.ms} ms`);
    proxy.clear();
  });

  test('the target itself stalls: exit 3 within --request-timeout, one line', async () => {
    proxy.clear();
    proxy.add({ when: (r) => r.path === '/api/v1/namespaces/default/services/web', action: { do: 'stall', after: 0 } });
    const r = await through(['svc/web', '--request-timeout', '2s']);
    assert.equal(r.code, 3, r.stderr);
    assert.ok(r.ms < 10_000, `ended after ${r.ms} ms`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    proxy.clear();
  });

  describe('watch mode', () => {
    /** The program's state from its event log, by kind: name → resourceVersion. */
    const state = (file: string, kind: 'Pod' | 'EndpointSlice') => {
      const text = readFileSync(file, 'utf8');
      const log = parseLog(text.slice(0, text.lastIndexOf('\n') + 1));
      const s = applyAll(emptySnapshot('live', 'default'), log.events);
      return versions(s.objects[kind] as KubeObject[]);
    };
    const versions = (objects: readonly KubeObject[]) => Object.fromEntries(objects.map((o): [string, string] => [o.metadata?.name ?? '', o.metadata?.resourceVersion ?? '']).sort(([a], [b]) => a.localeCompare(b)));
    const fresh = async (kind: 'pods' | 'endpointslices') => {
      const sel = kind === 'pods' ? 'app=web' : 'kubernetes.io/service-name=web';
      return versions((await cluster.get<List<KubeObject>>(kind, '-l', sel)).items);
    };

    /** Whether the program's log holds what a fresh list of the pods (and, with slices, the EndpointSlices) returns. */
    const caughtUp = async (record: string, slices = true) => JSON.stringify(state(record, 'Pod')) === JSON.stringify(await fresh('pods'))
      && (!slices || JSON.stringify(state(record, 'EndpointSlice')) === JSON.stringify(await fresh('endpointslices')));

    /** `svc/web -w` through the proxy, recording to `record`: `fn` once it has connected, then ctrl-c; the program's changes. */
    const watching = async (record: string, timeout: string, fn: (changes: () => Change[]) => Promise<void>): Promise<Change[]> => {
      const p = startProgram({ ...env, NO_COLOR: '1' }, ['svc/web', '-w', '-o', 'json', '--record', record, '--request-timeout', timeout]);
      const changes = () => p.out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Change);
      try {
        await Promise.race([p.connected, p.exited]);
        await fn(changes);
      } finally {
        p.interrupt();
        await p.exited;
      }
      return changes();
    };

    test('watches closed by the server, then stalled: reconnects, marks the gap, converges to a fresh list', async () => {
      proxy.clear();
      const record = join(cluster.dir, 'faults.ndjson');
      const changes = await watching(record, '3s', async () => {
        await sleep(1_000);
        // 1. The server closes every watch; meanwhile the Deployment scales to 4.
        assert.ok(proxy.closeWatches() > 0, 'watches were open');
        await cluster.kubectl(['scale', 'deployment/web', '--replicas=4']);
        await waitForReadyEndpoints(cluster, 'web', 4);
        await cluster.waitFor(() => caughtUp(record, false), { what: 'the program caught up after closed watches', timeoutMs: 30_000 });
        // 2. Every watch stalls (connections stay open, nothing flows); new requests still pass.
        assert.ok(proxy.stallWatches() > 0, 'watches were open again');
        await cluster.kubectl(['scale', 'deployment/web', '--replicas=2']);
        await waitForReadyEndpoints(cluster, 'web', 2);
        await cluster.waitFor(() => caughtUp(record), { what: 'the program caught up after stalled watches', timeoutMs: 150_000, intervalMs: 1_000 });
      });
      const kinds = new Set(changes.map((c) => c.kind));
      assert.ok(kinds.has('source-stale'), `the gap is marked: ${[...kinds].join(', ')}`);
      assert.ok(kinds.has('source-reconnected') || kinds.has('source-relisted'), `and its end: ${[...kinds].join(', ')}`);
    });

    test('--request-timeout 2s: a quiet watch is never a gap; a watch silent for 2 s is abandoned, marked, and caught up long before the 90 s stall limit', async () => {
      proxy.clear();
      const record = join(cluster.dir, 'faults-timeout.ndjson');
      const podWatches = () => proxy.seen.filter((r) => r.watch && r.path === '/api/v1/namespaces/default/pods').length;
      const all = await watching(record, '2s', async (changes) => {
        const before = podWatches();
        // Nothing changes for several request timeouts: the server ends each watch first, no gap.
        await sleep(7_000);
        assert.deepEqual(changes().filter((c) => c.kind === 'source-stale'), [], 'a healthy quiet watch is not stale');
        const resumed = podWatches() - before;
        assert.ok(resumed >= 3, `the server ended the pod watch and it was resumed (${resumed} watches)`);
        // Every open watch stalls mid-body; meanwhile the Deployment scales.
        await cluster.waitFor(async () => proxy.stallWatches() > 0, { what: 'open watches to stall', timeoutMs: 10_000, intervalMs: 100 });
        await cluster.kubectl(['scale', 'deployment/web', '--replicas=3']);
        await waitForReadyEndpoints(cluster, 'web', 3);
        await cluster.waitFor(() => caughtUp(record), { what: 'the program caught up after watches stalled', timeoutMs: 45_000, intervalMs: 500 });
      });
      const stale = all.filter((c) => c.kind === 'source-stale');
      assert.ok(stale.length > 0, `the gap is marked: ${[...new Set(all.map((c) => c.kind))].join(', ')}`);
      assert.match(JSON.stringify(stale[0]), /no event and no bookmark .* for 2s/, 'after --request-timeout of silence');
      assert.ok(all.some((c) => c.kind === 'source-reconnected' || c.kind === 'source-relisted'), 'and its end');
    });
  });
});
