// The TUI across a kube-apiserver restart, end to end: the real program in real
// pseudo-terminals (200×50 started with -w, 80×24 where `w` is pressed) watches a Service
// while the test kills the apiserver, keeps it down for a few seconds and starts it again.
// While it is down, both screens must say "stale since …" with the time the streams broke and
// a duration that grows; once it is back, the header must say "watching" again, the timeline
// must mark each stream's gap (stale, then reconnected or relisted "after a …s gap"), a change
// made afterwards must show up, and the printed report must say how long the watch was down.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import { PtySession } from '../tui/pty-session.ts';
import { clusterSkip, waitForReadyEndpoints, webApp } from './kit.ts';
import { assertEveryScreenReads, filterTimeline, read, showingScreens, watching } from './tui-drive.ts';
import { instantOf, msOf } from './tui-report.ts';

const skip = clusterSkip({ pty: true });

/** How long the apiserver stays down between its death and its new start. */
const DOWN_MS = 5_000;
/** Streams the program watches for a Service behind a Deployment (it watches StatefulSets and Jobs too). */
const STREAMS = ['Deployment', 'EndpointSlice', 'Pod', 'ReplicaSet', 'Service'];

const MANIFESTS = webApp({ replicas: 3 });

const STALE = /✖ stale since (\d\d:\d\d:\d\d\.\d{3})Z \((\S+)\)$/;

describe('the TUI in a pseudo-terminal across a kube-apiserver restart', { skip }, () => {
  let cluster: Cluster;
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-tui-reconnect-'));
  let failed = false;
  before(async () => {
    cluster = await startCluster();
    await cluster.apply(MANIFESTS);
    await waitForReadyEndpoints(cluster, 'web', 3);
  });
  after(async () => {
    await cluster?.stop();
    if (!failed && !process.env.WHOSELECTS_KEEP_SCREENS) rmSync(dir, { recursive: true, force: true });
  });

  // Generous deadline (each wait ends as soon as the screen shows what it waits for): on a loaded machine a run takes minutes.
  test('"stale since …" while the apiserver is down, the gap marked on the timeline, then watching again', { timeout: 300_000 }, async (t) => {
    const big = new PtySession({ args: ['svc/web', '-w', '--fail-on', 'never', '--record', join(dir, 'web.ndjson')], columns: 200, rows: 50, baseEnv: cluster.env });
    const small = new PtySession({ args: ['svc/web', '--fail-on', 'never'], columns: 80, rows: 24, baseEnv: cluster.env });
    const sessions = { '200x50': big, '80x24': small };
    await showingScreens(t, dir, sessions, async () => {
      const connected = (s: PtySession) => (l: string[]) => { const r = read(s, l); return watching(r) && r.timeline.some((c) => c.kind === 'source-connected') && l; };
      await big.waitFor(connected(big), { what: 'the 200×50 screen watching' });
      await small.waitFor((l) => /q quit$/.test(l[23] ?? ''), { what: 'the 80×24 screen' });
      await small.type('w');
      await small.waitFor(connected(small), { what: 'w: the 80×24 screen watching' });

      // A write moves etcd past what the program has seen, as a busy cluster always does.
      const bump = await cluster.kubectl(['create', 'configmap', 'bump']);
      assert.equal(bump.code, 0, bump.stderr);
      // The outage lasts DOWN_MS: every screen seen from now on counts, not only the one on
      // display when the test gets to look (two screens are checked one after the other).
      const since = new Map([[big, big.frames.length], [small, small.frames.length]]);
      const restartAt = Date.now();
      const restarted = cluster.restartApiserver({ downMs: DOWN_MS });
      restarted.catch(() => {});

      // Down: both headers say since when, and the duration grows with the clock.
      for (const [s, size] of [[big, '200×50'], [small, '80×24']] as const) {
        const staleFrame = await s.waitForSeen(since.get(s) ?? 0, (l, f) => STALE.test(l[0] ?? '') && f, { what: `"stale since" on the ${size} screen` });
        const first = STALE.exec(read(s, staleFrame.lines).header[0]) as RegExpExecArray;
        const staleAt = instantOf(first[1] as string, restartAt);
        assert.ok(staleAt >= restartAt - 1_000 && staleAt <= Date.now(), `${size}: stale since ${first[1]}, the restart began at ${new Date(restartAt).toISOString()}`);
        const laterFrame = await s.waitForSeen(s.frames.indexOf(staleFrame), (l, f) => { const m = STALE.exec(l[0] ?? ''); return m && msOf(m[2] as string) >= 2_000 && f; }, { what: `the ${size} stale duration growing` });
        const later = STALE.exec(laterFrame.lines[0] ?? '') as RegExpExecArray;
        assert.equal(later[1], first[1], `${size}: the gap keeps its start`);
        const r = read(s, laterFrame.lines);
        assert.deepEqual(r.problems, [], s.dump(laterFrame.lines));
        assert.ok(r.hazards.some((h) => /^● for \S+ {2}source-stale/.test(h)), `${size}: the stale watch is a live hazard:\n${r.hazards.join('\n')}`);
      }
      await restarted;
      const backAt = Date.now();

      // Back: watching again, no longer stale, on both screens.
      for (const [s, size] of [[big, '200×50'], [small, '80×24']] as const) {
        await s.waitFor((l) => { const r = read(s, l); return watching(r) && !STALE.test(r.header[0]) && r.hazards.every((h) => !/source-stale/.test(h)) && l; }, { what: `the ${size} screen watching again` });
      }

      // The gap on the timeline, as a person finds it: /source- lists every stream going stale
      // and coming back "after a …s gap".
      for (const [s, size] of [[big, '200×50'], [small, '80×24']] as const) {
        const lines = await filterTimeline(s, 'source-');
        const stale = lines.filter((c) => c.kind === 'source-stale');
        const back = lines.filter((c) => c.kind === 'source-reconnected' || c.kind === 'source-relisted');
        const streams = (cs: typeof lines) => [...new Set(cs.map((c) => /^(\S+) /.exec(c.message)?.[1] ?? ''))].sort();
        for (const k of STREAMS) assert.ok(streams(stale).includes(k), `${size}: the ${k} stream went stale:\n${stale.map((c) => c.message).join('\n')}`);
        assert.equal(back.length, stale.length, `${size}: each gap closed:\n${lines.map((c) => `${c.clock} ${c.kind} ${c.message}`).join('\n')}`);
        assert.deepEqual(streams(back), streams(stale), `${size}: each stream came back`);
        for (const c of back) assert.ok(instantOf(c.clock, backAt) >= restartAt + DOWN_MS, `${size}: ${c.kind} at ${c.clock}, after the apiserver was back`);
        for (const c of stale) assert.ok(instantOf(c.clock, restartAt) >= restartAt - 1_000, `${size}: ${c.clock} ${c.message}`);
        // How long each gap lasted ends the line: at 80 columns it is cut (enter shows it).
        if (s !== big) continue;
        for (const c of back) {
          const gap = /after a (\S+) gap/.exec(c.message);
          assert.ok(gap, `${size}: ${c.message}`);
          const ms = msOf(gap[1] as string);
          assert.ok(ms >= DOWN_MS - 100 && ms <= backAt - restartAt + 15_000, `${size}: a ${gap[1]} gap for a ${DOWN_MS} ms outage (${c.message})`);
        }
      }

      // And the watch works: a change made now shows up on both screens.
      const scale = await cluster.kubectl(['scale', 'deploy/web', '--replicas=4']);
      assert.equal(scale.code, 0, scale.stderr);
      for (const [s, size] of [[big, '200×50'], [small, '80×24']] as const) {
        await s.waitFor((l) => { const r = read(s, l); return /^── PODS 4 /.test(r.sections.find((x) => x.name === 'PODS')?.rule ?? '') && r.pods.filter((p) => p.endpoint === 'ready').length === Math.min(4, r.pods.length) && l; }, { what: `the ${size} screen showing the 4th pod ready` });
      }

      await big.type('q');
      await small.type('q');
      for (const [s, size] of [[big, '200×50'], [small, '80×24']] as const) {
        assert.equal(await s.exited, 0, s.afterScreen());
        const text = s.afterScreen();
        const down = /The watch was down for (\S+) in (\d+) gaps?/.exec(text);
        assert.ok(down, `${size}: the report says the watch was down:\n${text}`);
        assert.ok(msOf(down[1] as string) >= DOWN_MS, `${size}: down for ${down[1]}`);
        assert.ok(Number(down[2]) >= STREAMS.length, `${size}: ${down[2]} gaps`);
        assertEveryScreenReads(size, s);
      }
    }).catch((e: unknown) => {
      failed = true;
      throw e;
    });
  });
});
