// Watch mode end to end against the real control plane: `kubectl rollout restart` of a
// 4-replica Deployment whose pods stay terminating (and Ready) for 8 s, behind a ClusterIP
// and a headless Service, watched by the real program with -o json --until-rollout-complete.
// The NDJSON and the rollout reports are checked against an independent watch of the
// EndpointSlices that this test runs itself, and the recorded event logs replay to the same
// lines through the same code path.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import { runCli } from '../golden/harness.ts';
import type { Change, RolloutReport } from '../../src/core/timeline/types.ts';
import type { EndpointSlice } from '../../src/core/types.ts';

import { clusterSkip, startProgram, webApp, type Program } from './kit.ts';
import { rawWatch } from './raw-watch.ts';

const skip = clusterSkip();

const TERMINATE_MS = 8_000;

const MANIFESTS = webApp({ replicas: 4, terminateDelaySeconds: TERMINATE_MS / 1000, headless: true });

type Run = Program;

const watchProgram = (cluster: Cluster, args: string[]): Run => startProgram(cluster.env, args);

interface SliceSeen {
  at: number;
  endpoints: { pod: string; ready: boolean; serving: boolean; terminating: boolean }[];
}

/** The test's own watch of a Service's EndpointSlices (raw-watch.ts: nothing of the program's), as endpoint lists. */
function watchSlices(cluster: Cluster, service: string): { readonly seen: SliceSeen[]; ready: Promise<void>; stop(): void } {
  const raw = rawWatch<EndpointSlice>(cluster, `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=${encodeURIComponent(`kubernetes.io/service-name=${service}`)}`);
  return {
    get seen() {
      return raw.events.map((e) => ({
        at: e.at,
        endpoints: (e.type === 'DELETED' ? [] : e.object.endpoints ?? []).map((p) => ({
          pod: p.targetRef?.name ?? '', ready: p.conditions?.ready !== false, serving: p.conditions?.serving !== false, terminating: p.conditions?.terminating === true,
        })),
      }));
    },
    ready: raw.ready,
    stop: raw.stop,
  };
}

/** Per pod, from the independent watch: when its endpoint was first seen terminating and when it was last seen. */
function terminatingWindows(seen: SliceSeen[]): Map<string, { from: number; to: number }> {
  const out = new Map<string, { from: number; to: number }>();
  for (const s of seen) {
    for (const e of s.endpoints) if (e.terminating && !out.has(e.pod)) out.set(e.pod, { from: s.at, to: s.at });
    for (const [pod, w] of out) if (s.endpoints.some((e) => e.pod === pod)) w.to = s.at;
  }
  for (const [pod, w] of out) {
    const gone = seen.find((s) => s.at >= w.from && !s.endpoints.some((e) => e.pod === pod));
    w.to = gone ? gone.at : w.to;
  }
  return out;
}

function parse(out: string): { changes: Change[]; report: RolloutReport } {
  const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Change | RolloutReport);
  const report = lines.pop() as RolloutReport;
  return { changes: lines as Change[], report };
}

describe('watch mode against the real control plane', { skip }, () => {
  let cluster: Cluster;
  let dir: string;
  before(async () => {
    cluster = await startCluster();
    dir = mkdtempSync(join(tmpdir(), 'whoselects-watch-'));
    await cluster.apply(MANIFESTS);
    await cluster.waitFor(async () => {
      const slices = (await cluster.get<{ items: EndpointSlice[] }>('endpointslices')).items;
      const ready = (svc: string) => slices.filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === svc).flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready).length;
      return ready('web') === 4 && ready('web-headless') === 4;
    }, { what: '4 ready endpoints behind both Services', timeoutMs: 30_000 });
  });
  after(async () => {
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('rollout restart: pods terminating and removed, the terminating-but-routed windows, and the same lines on replay', { timeout: 55_000 }, async () => {
    const independent = { web: watchSlices(cluster, 'web'), 'web-headless': watchSlices(cluster, 'web-headless') };
    const common = ['--watch', '-o', 'json', '--until-rollout-complete', '--dns-ttl', '5s'];
    const runs = {
      web: watchProgram(cluster, ['svc/web', ...common, '--record', join(dir, 'web.ndjson')]),
      'web-headless': watchProgram(cluster, ['svc/web-headless', ...common, '--record', join(dir, 'web-headless.ndjson')]),
    };
    const deadline = setTimeout(() => { for (const r of Object.values(runs)) r.interrupt(); }, 45_000);
    try {
      await Promise.all([...Object.values(runs).map((r) => r.connected), ...Object.values(independent).map((w) => w.ready)]);
      const restart = await cluster.kubectl(['rollout', 'restart', 'deploy/web']);
      assert.equal(restart.code, 0, restart.stderr);
      const codes = await Promise.all(Object.values(runs).map((r) => r.exited));
      assert.deepEqual(codes, [0, 0], `stderr: ${Object.values(runs).map((r) => r.err).join('\n')}`);
    } finally {
      clearTimeout(deadline);
      for (const w of Object.values(independent)) w.stop();
    }

    for (const [service, run] of Object.entries(runs)) {
      const { changes, report } = parse(run.out);
      const kinds = (kind: Change['kind']) => changes.filter((c) => c.kind === kind);
      const indep = terminatingWindows(independent[service as keyof typeof independent].seen);
      const old = [...indep.keys()].sort();
      assert.equal(old.length, 4, `${service}: the independent watch saw the 4 old pods' endpoints terminate`);

      // The NDJSON timeline: each old pod's deletion and removal, the rollout's start and end.
      assert.deepEqual(kinds('pod-deletion-requested').map((c) => c.object?.name).sort(), old, `${service}: deletions`);
      assert.deepEqual(kinds('pod-removed').map((c) => c.object?.name).sort(), old, `${service}: removals`);
      assert.deepEqual(kinds('endpoint-removed').map((c) => c.object?.name).sort(), old, `${service}: endpoint removals`);
      assert.equal(kinds('rollout-started').length, 1);
      assert.equal(changes[changes.length - 1]?.kind, 'rollout-complete');
      for (const c of kinds('pod-deletion-requested')) assert.match(c.message, /no preStop hook/);

      // The report: complete, and a terminating-but-routed window per old pod that matches the slices.
      assert.equal(report.kind, 'WhoSelectsRolloutReport');
      assert.equal(report.complete, true);
      // A pod whose endpoint left the ready set before its deletion was seen (the watches report
      // in any order) was never routed while terminating.
      for (const w of report.terminatingRouted) assert.ok(old.includes(w.pod.name), `${service}: ${w.pod.name} is an old pod`);
      for (const w of report.terminatingRouted) {
        const mine = indep.get(w.pod.name) as { from: number; to: number };
        // Routed for new connections while its endpoint is ready; afterwards only as kube-proxy's
        // fallback when no ready endpoint is left (never for headless DNS): never past its endpoint.
        assert.match(w.via, /^ready endpoint|fallback/);
        if (service === 'web-headless') assert.doesNotMatch(w.via, /fallback/);
        if (!/fallback/.test(w.via)) assert.ok(w.durationMs < TERMINATE_MS - 500, `${service} ${w.pod.name}: routed ${w.durationMs}ms, only until its endpoint left the ready set`);
        assert.ok(Date.parse(w.to) <= mine.to + 1_500, `${service} ${w.pod.name}: the window ends by the endpoint's removal (${w.to} vs ${new Date(mine.to).toISOString()})`);
      }
      const routedPods = new Set(report.terminatingRouted.map((w) => w.pod.name)).size;
      assert.ok(report.summary.some((s) => (routedPods === 0 ? /^No terminating pod was routed\.$/ : new RegExp(`^${routedPods} terminating pods? (were|was) still routed new connections`)).test(s)), report.summary.join('\n'));
      assert.deepEqual(report.withoutPreStop.map((p) => p.name).sort(), old);
      assert.equal(report.maxAllowedBySurge, 5, 'replicas 4 + maxSurge 25% rounded up');
      assert.ok(report.maxEndpoints > 5, `terminating endpoints are counted: peak ${report.maxEndpoints}`);
      if (service === 'web-headless') {
        assert.equal(report.dnsTtlSeconds, 5);
        assert.deepEqual(report.dnsStale.map((d) => d.pod.name).sort(), old);
        for (const d of report.dnsStale) assert.ok(d.durationMs <= 5_000);
      } else {
        assert.deepEqual(report.dnsStale, []);
      }

      // The recorded log plays back to the same lines and report.
      const replay = await runCli(['--replay', join(dir, `${service}.ndjson`), '--speed', '0', '-o', 'json', '--until-rollout-complete', '--dns-ttl', '5s']);
      assert.equal(replay.code, 0, replay.stderr);
      const again = parse(replay.stdout);
      assert.deepEqual(again.changes, changes, `${service}: the replay gives the live lines`);
      assert.deepEqual({ ...again.report, to: '' }, { ...report, to: '' });
    }
  });
});
