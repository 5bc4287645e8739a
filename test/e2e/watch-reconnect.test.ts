// Watch mode across a kube-apiserver restart, end to end: the real program watches a Service
// in front of a 3-replica Deployment (`--watch -o json --record FILE`) while the test kills the
// apiserver (SIGTERM, then SIGKILL), keeps it down for a few seconds, and starts it again on the
// same port. A write just before the restart makes the new apiserver's watch cache start after
// the program's resourceVersion, so every resumed watch is answered 200 and then 410 Gone: the
// relist, not the 200, ends each gap. Right after the apiserver is back, before or while the
// program reconnects, one pod is force-deleted and the Deployment is scaled to 4. The NDJSON
// must show every stream going stale and coming back with the gap marked (its start, end and
// length), the changes made around the outage must appear, and the program's state must end
// equal to a fresh list.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCluster, type Cluster, type Proc } from '../cluster/harness.ts';
import { isRunning } from '../cluster/processes.ts';
import { applyAll } from '../../src/core/events.ts';
import { emptySnapshot, type Kind, type Snapshot } from '../../src/core/snapshot.ts';
import type { Change, RolloutReport } from '../../src/core/timeline/types.ts';
import type { EndpointSlice, KubeObject, Pod } from '../../src/core/types.ts';
import { parseLog } from '../../src/sources/replay/log.ts';
import { clusterSkip, startProgram, waitForReadyEndpoints, webApp, type List, type Program } from './kit.ts';

const skip = clusterSkip();

/** How long the apiserver stays down between its death and its new start. */
const DOWN_MS = 4_000;

const MANIFESTS = webApp({ replicas: 3 });

/** Per kind the program watches: name → resourceVersion. */
type Known = Record<'Pod' | 'EndpointSlice' | 'Deployment' | 'ReplicaSet' | 'Service', Record<string, string>>;

const watchProgram = (cluster: Cluster, args: string[]): Program => startProgram(cluster.env, args);

/** The complete NDJSON lines so far (a line still being written is left out). */
function changesOf(out: string): Change[] {
  return out.slice(0, out.lastIndexOf('\n') + 1).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Change);
}

/** What the program knows: every event it recorded (= every event its timeline stepped through), folded with the core's reducer. */
function programState(record: string): Snapshot {
  const text = readFileSync(record, 'utf8');
  const log = parseLog(text.slice(0, text.lastIndexOf('\n') + 1));
  return applyAll(emptySnapshot('live', 'default'), log.events);
}

/** name → resourceVersion, the finest "same state" there is. */
function versions(objects: readonly KubeObject[]): Record<string, string> {
  const pairs = objects.map((o): [string, string] => [o.metadata?.name ?? '', o.metadata?.resourceVersion ?? '']);
  return Object.fromEntries(pairs.sort(([a], [b]) => a.localeCompare(b)));
}

describe('watch mode across a kube-apiserver restart', { skip }, () => {
  let cluster: Cluster;
  let dir: string;
  const apiserver = (): Proc => cluster.procs.find((p) => p.name === 'kube-apiserver') as Proc;
  before(async () => {
    cluster = await startCluster();
    dir = mkdtempSync(join(tmpdir(), 'whoselects-reconnect-'));
    await cluster.apply(MANIFESTS);
    await waitForReadyEndpoints(cluster, 'web', 3);
  });
  after(async () => {
    const last = cluster ? apiserver() : null;
    await cluster?.stop();
    if (last) assert.equal(isRunning(last.pid, last.bin), false, 'stop() stopped the restarted apiserver');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** What a fresh list says now, per kind the program watches (in the same shape as known()), and the pods themselves. */
  const freshList = async (): Promise<{ known: Known; pods: Pod[] }> => {
    const [pods, slices, deployments, replicaSets, service] = await Promise.all([
      cluster.get<List<Pod>>('pods', '-l', 'app=web'),
      cluster.get<List<EndpointSlice>>('endpointslices', '-l', 'kubernetes.io/service-name=web'),
      cluster.get<List<KubeObject>>('deployments'),
      cluster.get<List<KubeObject>>('replicasets'),
      cluster.get<KubeObject>('service', 'web'),
    ]);
    return {
      known: { Pod: versions(pods.items), EndpointSlice: versions(slices.items), Deployment: versions(deployments.items), ReplicaSet: versions(replicaSets.items), Service: versions([service]) },
      pods: pods.items,
    };
  };
  const known = (s: Snapshot): Known => {
    const inDefault = (kind: Kind) => (s.objects[kind] as KubeObject[]).filter((o) => o.metadata?.namespace === 'default');
    return {
      Pod: versions(inDefault('Pod').filter((p) => p.metadata?.labels?.app === 'web')),
      EndpointSlice: versions(inDefault('EndpointSlice').filter((e) => e.metadata?.labels?.['kubernetes.io/service-name'] === 'web')),
      Deployment: versions(inDefault('Deployment')),
      ReplicaSet: versions(inDefault('ReplicaSet')),
      Service: versions(inDefault('Service').filter((x) => x.metadata?.name === 'web')),
    };
  };

  test('every stream goes stale and comes back with the gap marked; the changes around the outage appear; the state ends equal to a fresh list', { timeout: 100_000 }, async (t) => {
    const record = join(dir, 'web.ndjson');
    const before = (await cluster.get<List<Pod>>('pods', '-l', 'app=web')).items.map((p) => p.metadata?.name ?? '').sort();
    assert.equal(before.length, 3);
    const run = watchProgram(cluster, ['svc/web', '--watch', '-o', 'json', '--record', record]);
    const deadline = setTimeout(() => run.interrupt(), 80_000);
    const times = { restartAt: 0, backAt: 0, changedAt: 0 };
    const t0 = Date.now();
    const phase = (what: string) => t.diagnostic(`${what} at +${((Date.now() - t0) / 1000).toFixed(1)}s`);
    const deleted = before[0] as string;
    try {
      await cluster.waitFor(() => run.out.includes('"source-connected"'), { what: 'the program watching', timeoutMs: 20_000, intervalMs: 50 });

      // Any write moves etcd's revision past what the program has seen (in a real cluster a
      // lease renewal does, every few seconds): the restarted apiserver's watch cache then
      // starts after the program's resourceVersion and answers every resumed watch with 200
      // and at once an ERROR 410, so each stream must list again.
      const bump = await cluster.kubectl(['create', 'configmap', 'bump']);
      assert.equal(bump.code, 0, bump.stderr);
      times.restartAt = Date.now();
      phase('restarting kube-apiserver');
      const old = apiserver();
      await cluster.restartApiserver({ downMs: DOWN_MS });
      times.backAt = Date.now();
      assert.notEqual(apiserver().pid, old.pid);
      assert.equal(isRunning(old.pid, old.bin), false);
      assert.equal(cluster.procs.filter((p) => p.name === 'kube-apiserver').length, 1);
      phase('kube-apiserver ready again');
      // Right after the apiserver is back, before or while the program reconnects: a pod goes
      // at once (no deletion seen first) and the Deployment is scaled up.
      times.changedAt = Date.now();
      const del = await cluster.kubectl(['delete', 'pod', deleted, '--grace-period=0', '--force']);
      assert.equal(del.code, 0, del.stderr);
      const scale = await cluster.kubectl(['scale', 'deploy/web', '--replicas=4']);
      assert.equal(scale.code, 0, scale.stderr);

      // The controllers, themselves reconnecting with their own backoff, replace the pod and
      // add one, and kwok makes them Ready. Once they have, the program's state must equal a
      // fresh list, object by object, resourceVersion by resourceVersion. (The EndpointSlice
      // controller may take longer to settle; its slices are compared as they are.)
      let last = '';
      await cluster.waitFor(async () => {
        const fresh = await freshList();
        const ready = fresh.pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
        const mine = known(programState(record));
        last = `program ${JSON.stringify(mine)}\nfresh   ${JSON.stringify(fresh.known)}`;
        return fresh.pods.length === 4 && ready.length === 4 && JSON.stringify(mine) === JSON.stringify(fresh.known);
      }, { what: '4 Ready pods, and the program\'s state equal to a fresh list', timeoutMs: 60_000, intervalMs: 250 }).catch((e: Error) => {
        throw new Error(`${e.message}\n${last}\nstderr: ${run.err}`);
      });
      phase('4 Ready pods, and the program\'s state equals a fresh list');
      run.interrupt();
      assert.equal(await run.exited, 0, `stderr: ${run.err}`);
    } finally {
      clearTimeout(deadline);
      run.interrupt();
      if (await Promise.race([run.exited.then(() => false), sleep(5_000, true, { ref: false })])) run.kill();
    }

    const lines = run.out.trim().split('\n');
    const report = JSON.parse(lines.pop() as string) as RolloutReport;
    const changes = changesOf(`${lines.join('\n')}\n`);
    const { restartAt, backAt, changedAt } = times;
    const at = (c: Change) => Date.parse(c.at);
    const sourceOf = (c: Change) => String(c.details.source);

    // Connected once, before the restart.
    const connected = changes.filter((c) => c.kind === 'source-connected');
    assert.equal(connected.length, 1);
    assert.ok(at(connected[0] as Change) < restartAt);

    // Every stream went down and came back: per source, stale and recovered alternate and end
    // recovered; the recovery names when the gap began and how long it lasted.
    const health = changes.filter((c) => ['source-stale', 'source-reconnected', 'source-relisted', 'source-forbidden'].includes(c.kind));
    assert.ok(!health.some((c) => c.kind === 'source-forbidden'));
    assert.deepEqual(health.filter((c) => c.kind === 'source-relisted' && c.details.staleSince === undefined).map((c) => c.message), [], 'every relist closes a gap');
    const sources = [...new Set(health.map(sourceOf))].sort();
    for (const kind of ['Deployment', 'EndpointSlice', 'Pod', 'ReplicaSet', 'Service']) assert.ok(sources.includes(kind), `${kind} went stale: ${sources.join(', ')}`);
    for (const source of sources) {
      const mine = health.filter((c) => sourceOf(c) === source && (c.kind === 'source-stale' || c.details.staleSince !== undefined));
      assert.ok(mine.length >= 2 && mine.length % 2 === 0, `${source}: ${mine.map((c) => c.kind).join(', ')}`);
      for (let i = 0; i < mine.length; i += 2) {
        const stale = mine[i] as Change, back = mine[i + 1] as Change;
        assert.equal(stale.kind, 'source-stale', `${source}: ${stale.message}`);
        assert.match(back.kind, /^source-(reconnected|relisted)$/, `${source}: ${back.message}`);
        assert.equal(back.details.staleSince, stale.at, `${source}: the gap starts where the stale line said`);
        assert.equal(back.details.gapMs, at(back) - at(stale), `${source}: the gap's length`);
        assert.match(back.message, /after a \d+(\.\d+)?s gap/);
        assert.ok(at(stale) >= restartAt, `${source} went stale after the restart began`);
      }
      // A watch the apiserver accepted and then answered with 410 was no reconnection: the
      // relist ends that gap, and no stream says it reconnected before it had to list again.
      assert.equal((mine[1] as Change).kind, 'source-relisted', `${source}: ${(mine[1] as Change).message}`);
      assert.match((mine[1] as Change).message, /fell behind \(410 Gone: too old resource version/);
      const first = mine[0] as Change, lastBack = mine[mine.length - 1] as Change;
      // Nothing answered for DOWN_MS after the old apiserver died (the program saw it die):
      // the gap cannot be shorter.
      assert.ok(at(lastBack) - at(first) >= DOWN_MS, `${source}: gap ${at(lastBack) - at(first)}ms`);
      assert.ok(at(lastBack) >= restartAt + DOWN_MS, `${source} came back after the apiserver did`);
    }

    // The report marks the gaps as over, and says how long the watch was down.
    const staleHazards = report.hazards.filter((h) => h.kind === 'source-stale');
    assert.ok(staleHazards.length >= sources.length);
    for (const h of staleHazards) assert.notEqual(h.until, null, h.message);
    assert.ok(report.summary.some((s) => /The watch was down for .* in \d+ gaps?/.test(s)), report.summary.join('\n'));

    // The changes made around the outage: the scale, the pod deleted while the program was
    // (probably) away, and the two pods the ReplicaSet made.
    const staleSince = (source: string) => at(health.find((c) => sourceOf(c) === source && c.kind === 'source-stale') as Change);
    const scaled = changes.find((c) => c.kind === 'replicas-changed' && c.object?.kind === 'Deployment' && c.details.desired === 4);
    assert.ok(scaled, 'the scale to 4 is on the timeline');
    assert.match(scaled.message, /desired 3 → 4/);
    assert.ok(at(scaled) >= changedAt && at(scaled) > staleSince('Deployment'));
    const removed = changes.filter((c) => c.kind === 'pod-removed').map((c) => c.object?.name);
    assert.deepEqual(removed, [deleted]);
    const created = changes.filter((c) => c.kind === 'pod-created').map((c) => c.object?.name ?? '');
    assert.equal(created.length, 2, `created: ${created.join(', ')}`);
    for (const c of changes.filter((x) => x.kind === 'pod-created' || x.kind === 'pod-removed')) assert.ok(at(c) >= changedAt && at(c) > staleSince('Pod'));

    // The pods the program's own lines account for (those there at the start, minus removed,
    // plus created) are those a fresh list gives after it exited, and so are the pods it knew.
    const fresh = await freshList();
    assert.deepEqual([...before.filter((n) => !removed.includes(n)), ...created].sort(), Object.keys(fresh.known.Pod));
    assert.deepEqual(known(programState(record)).Pod, fresh.known.Pod);
    assert.ok(backAt - restartAt >= DOWN_MS, 'the apiserver was down for DOWN_MS at least');
  });
});
