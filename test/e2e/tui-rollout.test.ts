// The TUI end to end, as a person uses it during an incident: the real program in a real
// pseudo-terminal (python3's pty; CI taken out of its environment, or Ink would draw only
// its last frame) against the real control plane, while `kubectl rollout restart` replaces a
// 20-replica Deployment whose pods stay terminating (and Ready) for a few seconds.
//
// Behind a ClusterIP Service: one screen at 200×50 started with -w --until-rollout-complete,
// one at 80×24 started without -w where `w` is pressed. Behind a headless Service: one screen
// at 200×50, resized to 80×24 in the middle of the rollout and back. Every screen seen from
// start to end is read as a person reads it (tui-screen.ts: sections in place, every cell
// under its heading, every timeline line a hazard, the report or a change); the timeline
// must show pods terminating and removed; at the end the printed rollout report must state
// the windows in which terminating pods were still routed (and, headless, the DNS-stale
// windows), and its figures must match the test's own watch of the pods and EndpointSlices.

import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import { PtySession } from '../tui/pty-session.ts';
import type { EndpointSlice, Pod } from '../../src/core/types.ts';
import { parseLog } from '../../src/sources/replay/log.ts';
import { podTimes, rawWatch, sliceStates, turnedOff, type RawWatch, type SliceState } from './raw-watch.ts';
import { msOf, parsePrintedReport, type PrintedReport } from './tui-report.ts';
import { assertEveryScreenReads, filterTimeline, read, seenOnTimeline, showingScreens, watching } from './tui-drive.ts';
import { readScreen } from './tui-screen.ts';
import { clusterSkip, webApp, type List } from './kit.ts';

const skip = clusterSkip({ pty: true });

const REPLICAS = 20;
const TERMINATE_S = 6;
/** Longer than the termination: DNS answers then outlive the pods, and the report says by how much. */
const DNS_TTL_S = 10;
/**
 * How far the program's instants may be from the test's own watch of the same events: both stamp
 * an event when they read it, and on 2 busy cores (a control plane, the TUIs, maybe a second test
 * run) either may read it a second or more late. The exact check is against the program's --record log.
 */
const TOLERANCE_MS = 3_000;

const MANIFESTS = webApp({ replicas: REPLICAS, terminateDelaySeconds: TERMINATE_S, headless: true });

/** Where the sessions record what they watched (--record), kept with every screen when a test fails. */
const runDir = mkdtempSync(join(tmpdir(), 'whoselects-tui-rollout-'));
let failed = false;
const keepOnFailure = (body: () => Promise<void>) => async () => {
  try {
    await body();
  } catch (e) {
    failed = true;
    throw e;
  }
};

/** The instants of one old pod's going. */
interface Going {
  /** Seen with a deletionTimestamp. */
  deleting: number;
  /** Its endpoint no longer ready (a headless Service's DNS stops answering with it). */
  leftReady: number;
  /** Its endpoint gone or neither ready nor serving: no more traffic. */
  unrouted: number;
  /** The pod gone. */
  gone: number;
}

interface Expected {
  /** When the test's own watches saw these events. */
  seen: Going;
  /** When the program received the same events (the same object versions), from its --record log; null without one. */
  received: Going | null;
  ip: string;
}

/** When the program received each object version, `Kind/name@resourceVersion` → instant, from its --record log. */
function receivedAt(file: string): Map<string, number> {
  const text = readFileSync(file, 'utf8');
  const out = new Map<string, number>();
  for (const e of parseLog(text.slice(0, text.lastIndexOf('\n') + 1)).events) {
    const objects = e.type === 'sync' ? e.objects : e.type === 'upsert' || e.type === 'delete' ? [e.object] : [];
    for (const o of objects) {
      const key = `${e.kind}/${o.metadata?.name}@${o.metadata?.resourceVersion}`;
      if (!out.has(key)) out.set(key, Date.parse(e.at));
    }
  }
  return out;
}

function expectations(old: string[], pods: RawWatch<Pod>, slices: RawWatch<EndpointSlice>, record: string | null): { pods: Map<string, Expected>; peak: number; minReady: number } {
  const times = podTimes(pods.events);
  const states = sliceStates(slices.events);
  const received = record ? receivedAt(record) : null;
  const recv = (key: string): number => {
    const at = received?.get(key);
    assert.ok(at !== undefined, `the program received ${key} (its --record log)`);
    return at;
  };
  const out = new Map<string, Expected>();
  for (const name of old) {
    const p = times.get(name);
    assert.ok(p?.deleting && p.gone && p.deletingRv && p.goneRv, `the test's watch saw ${name} deleted and gone`);
    const ep = (at: number) => [...states].reverse().find((s) => s.at <= at)?.endpoints.get(name);
    const leftReady = turnedOff(states, (s) => s.endpoints.get(name)?.ready === true);
    const unrouted = turnedOff(states, (s) => { const e = s.endpoints.get(name); return !!e && (e.ready || e.serving); });
    assert.ok(leftReady && unrouted, `the test's watch saw ${name}'s endpoint leave`);
    const slice = (st: SliceState) => `EndpointSlice/${st.slice}@${st.rv}`;
    out.set(name, {
      seen: { deleting: p.deleting, leftReady: leftReady.at, unrouted: unrouted.at, gone: p.gone },
      received: received ? { deleting: recv(`Pod/${name}@${p.deletingRv}`), leftReady: recv(slice(leftReady)), unrouted: recv(slice(unrouted)), gone: recv(`Pod/${name}@${p.goneRv}`) } : null,
      ip: ep(p.deleting)?.address ?? '',
    });
  }
  const peak = Math.max(...states.map((s) => s.endpoints.size));
  const minReady = Math.min(...states.map((s) => [...s.endpoints.values()].filter((e) => e.ready).length));
  return { pods: out, peak, minReady };
}

/** The pods named by timeline lines that must all be of one kind, sorted. */
function podsOf(lines: { kind: string; object: string }[], kind: string): string[] {
  for (const c of lines) assert.equal(c.kind, kind, JSON.stringify(c));
  return lines.map((c) => c.object.replace(/^pod\//, '')).sort();
}

/** The largest gap seen between the program's instants and the test's, for the test log. */
let widest = 0;
const near = (a: number, b: number, what: string) => {
  widest = Math.max(widest, Math.abs(a - b));
  assert.ok(Math.abs(a - b) <= TOLERANCE_MS, `${what}: ${new Date(a).toISOString()} vs the test's ${new Date(b).toISOString()} (${a - b} ms apart)`);
};

/**
 * The printed report against the test's own watch: each instant near the one at which the test
 * saw the same event (TOLERANCE_MS: both are stamped when read, by busy processes), and, when the
 * program recorded what it received, exactly the instant it received that event.
 */
function assertReport(name: string, report: PrintedReport, old: string[], exp: ReturnType<typeof expectations>, headless: boolean): void {
  assert.equal(report.complete, true, `${name}: ${report.summary.join('\n')}`);
  // An old pod whose endpoint left the ready set before the program saw its deletion (the pod
  // and slice watches report in any order) was never routed while terminating: no window.
  const routedPods = [...new Set(report.routed.map((w) => w.pod))].sort();
  for (const pod of routedPods) assert.ok(old.includes(pod), `${name}: ${pod} is an old pod`);
  for (const w of report.routed) {
    const { seen, received } = exp.pods.get(w.pod) as Expected;
    // New connections reach a terminating pod while its endpoint is ready; after that only
    // through kube-proxy's fallback (no ready endpoint left), never through headless DNS.
    const fallback = / fallback/.test(w.via);
    if (!fallback) {
      near(w.from, seen.deleting, `${name} ${w.pod}: routed while terminating from`);
      near(w.to, Math.min(seen.leftReady, seen.gone), `${name} ${w.pod}: routed while its endpoint is ready, until`);
      if (received) {
        assert.equal(w.from, received.deleting, `${name} ${w.pod}: the window opens with the pod's deletion`);
        assert.equal(w.to, Math.min(received.leftReady, received.gone), `${name} ${w.pod}: the window closes when its endpoint leaves the ready set (or the pod is gone)`);
      }
    } else {
      assert.ok(!headless, `${name} ${w.pod}: headless DNS has no fallback`);
      assert.ok(w.to <= Math.min(seen.unrouted, seen.gone) + TOLERANCE_MS, `${name} ${w.pod}: the fallback ends with its serving endpoint`);
    }
    assert.ok(Math.abs(w.durationMs - (w.to - w.from)) <= 100, `${name} ${w.pod}: ${w.durationMs} ms is its from → to`);
    assert.match(w.via, /^ready endpoint|fallback/);
  }
  // The sentence names the longest window (durations as printed, so to their rounding).
  if (routedPods.length === 0) {
    assert.ok(report.summary.includes('No terminating pod was routed.'), report.summary.join('\n'));
  }
  const sentence = routedPods.length === 0 ? null : report.summary.map((s) => new RegExp(`^${routedPods.length} terminating pods? (?:were|was) still routed new connections: the longest window was (\\S+) \\(pod/(\\S+): `).exec(s)).find(Boolean);
  if (routedPods.length > 0) assert.ok(sentence, report.summary.join('\n'));
  if (sentence) {
    const longest = Math.max(...report.routed.map((w) => w.durationMs));
    assert.ok(Math.abs(msOf(sentence[1] as string) - longest) <= 100, `the longest window: ${sentence[1]} vs ${longest} ms`);
    assert.ok(Math.abs((report.routed.find((w) => w.pod === sentence[2])?.durationMs ?? -1) - longest) <= 100, `pod/${sentence[2]} had the longest window`);
  }
  assert.deepEqual([...report.withoutPreStop].sort(), old);
  // Zero ready endpoints: the test's watch decides whether there was such a window.
  if (exp.minReady > 0) {
    assert.deepEqual(report.zeroReady, []);
    assert.ok(report.summary.includes('The Service always had a ready endpoint.'), report.summary.join('\n'));
  } else assert.ok(report.zeroReady.length > 0, `${name}: the test's watch saw no ready endpoint at some point`);
  const peak = report.summary.map((s) => /^Endpoints peaked at (\d+)/.exec(s)?.[1]).find(Boolean);
  assert.equal(Number(peak), exp.peak, `${name}: the peak number of endpoints`);
  if (!headless) {
    assert.deepEqual(report.dns, []);
    return;
  }
  assert.equal(report.dnsTtlSeconds, DNS_TTL_S);
  assert.deepEqual(report.dns.map((d) => d.pod).sort(), old, `${name}: a DNS-stale window for each old pod`);
  for (const d of report.dns) {
    const { seen, received, ip } = exp.pods.get(d.pod) as Expected;
    assert.equal(d.ip, ip, `${name} ${d.pod}: its IP`);
    near(d.until, seen.leftReady + DNS_TTL_S * 1000, `${name} ${d.pod}: DNS may answer with it until`);
    const after = seen.leftReady + DNS_TTL_S * 1000 - seen.gone;
    if (after > TOLERANCE_MS) {
      assert.ok(d.afterRemovalMs !== null, `${name} ${d.pod}: its IP outlived it by ${after} ms`);
      near(d.afterRemovalMs ?? 0, after, `${name} ${d.pod}: how long its IP outlived it`);
    }
    if (received) {
      assert.equal(d.until, received.leftReady + DNS_TTL_S * 1000, `${name} ${d.pod}: the TTL counts from the slice update that took it out of the ready set`);
      const outlived = received.leftReady + DNS_TTL_S * 1000 - received.gone;
      if (outlived > 0) assert.ok(Math.abs((d.afterRemovalMs ?? 0) - outlived) <= 50, `${name} ${d.pod}: printed ${d.afterRemovalMs} ms after it was gone, received ${outlived} ms`);
      else assert.equal(d.afterRemovalMs, null);
    }
  }
  assert.ok(report.summary.some((s) => s.startsWith(`Headless Service: the IPs of ${REPLICAS} terminated pods may have been returned by DNS for up to 10.0s`)), report.summary.join('\n'));
}

describe('the TUI in a pseudo-terminal during a rollout on the real control plane', { skip }, () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster();
    await cluster.apply(MANIFESTS);
    await cluster.waitFor(async () => {
      const slices = (await cluster.get<List<EndpointSlice>>('endpointslices')).items;
      const ready = (svc: string) => slices.filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === svc).flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready).length;
      return ready('web') === REPLICAS && ready('web-headless') === REPLICAS;
    }, { what: `${REPLICAS} ready endpoints behind both Services`, timeoutMs: 60_000 });
  });
  after(async () => {
    await cluster?.stop();
    if (!failed && !process.env.WHOSELECTS_KEEP_SCREENS) rmSync(runDir, { recursive: true, force: true });
  });
  /** Where a session records what it watched (--record FILE). */
  const recordFile = (name: string) => join(runDir, `${name}-${Date.now()}.ndjson`);

  /** The pods of the Deployment now, once the last rollout (if any) has settled. */
  const currentPods = async (): Promise<string[]> => cluster.waitFor(async () => {
    const pods = (await cluster.get<List<Pod>>('pods', '-l', 'app=web')).items;
    const names = pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).map((p) => p.metadata?.name ?? '');
    return pods.length === REPLICAS && names.length === REPLICAS ? names.sort() : null;
  }, { what: `${REPLICAS} ready pods and no other`, timeoutMs: 30_000 });

  /** The test's own watches of the pods and of the Service's EndpointSlices, stopped when the test ends. */
  const independent = (t: TestContext, service: string) => {
    const w = {
      pods: rawWatch<Pod>(cluster, '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb'),
      slices: rawWatch<EndpointSlice>(cluster, `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=${encodeURIComponent(`kubernetes.io/service-name=${service}`)}`),
    };
    t.after(() => { w.pods.stop(); w.slices.stop(); });
    return w;
  };

  // Generous deadlines (each wait ends as soon as the screen shows what it waits for): on a loaded machine a run takes minutes.
  test('ClusterIP Service: 200×50 with -w, 80×24 with w pressed; pods terminating and removed, and the routed windows', { timeout: 300_000 }, async (t) => {
    const old = await currentPods();
    widest = 0;
    const watch = independent(t, 'web');
    const record = recordFile('web-200x50');
    const big = new PtySession({ args: ['svc/web', '-w', '--until-rollout-complete', '--fail-on', 'never', '--record', record], columns: 200, rows: 50, baseEnv: cluster.env });
    const small = new PtySession({ args: ['svc/web', '--fail-on', 'never'], columns: 80, rows: 24, baseEnv: cluster.env });
    await showingScreens(t, runDir, { '200x50': big, '80x24': small }, keepOnFailure(async () => {
      await Promise.all([watch.pods.ready, watch.slices.ready]);

      // The first screens, before anything happens.
      const first = read(big, await big.waitFor((l) => { const r = read(big, l); return watching(r) && r.timeline.some((c) => c.kind === 'source-connected') && l; }, { what: 'the 200×50 screen watching' }));
      assert.match(first.header[0], /^service\/web {2}ns default {2}· {2}live whoselects .* · kubectl v1\.\d+\.\d+ +● watching$/);
      assert.match(first.header[1], /^spec\.selector app=web +20 pods · 1 owner/);
      assert.deepEqual(first.podColumns, ['OWNER', 'POD', 'STATUS', 'READY', 'ENDPOINT', 'PORT http', 'NODE', 'ZONE', 'RESTARTS', 'AGE']);
      assert.ok(first.pods.length >= 6, `${first.pods.length} pod rows at 200×50`);
      for (const p of first.pods) {
        assert.ok(old.includes(p.pod), p.pod);
        assert.deepEqual([p.owner, p.status, p.ready, p.endpoint, p.port], ['deploy/web', 'Running', 'yes', 'ready', '✓ yes']);
      }
      await small.waitFor((l) => /q quit$/.test(l[23] ?? ''), { what: 'the 80×24 screen' });
      assert.ok(!watching(read(small)), 'not watching before w');
      await small.type('w');
      const smallFirst = read(small, await small.waitFor((l) => { const r = read(small, l); return watching(r) && r.timeline.some((c) => c.kind === 'source-connected') && l; }, { what: 'w: the 80×24 screen watching' }));
      assert.deepEqual(smallFirst.podColumns, ['OWNER', 'POD', 'STATUS', 'READY', 'ENDPOINT', 'PORT http'], 'the columns that fit in 80');

      // What the screens show during the rollout lasts only as long as it does: every screen
      // seen from now on counts, not only the one on display when the test gets to look.
      const since = new Map([[big, big.frames.length], [small, small.frames.length]]);
      const restart = await cluster.kubectl(['rollout', 'restart', 'deploy/web']);
      assert.equal(restart.code, 0, restart.stderr);

      // During the rollout: terminating pods (without a preStop delay), as a live hazard, on both
      // screens. (They stay routed only until their endpoints leave the ready set, a few tens of
      // milliseconds, which a redraw may never show.)
      const routed = (s: PtySession) => (l: string[]) => {
        const r = read(s, l);
        return r.hazards.some((h) => /^● for \S+ {2}terminating-without-prestop ×\d+ {2}web-/.test(h)) && r;
      };
      const [during] = await Promise.all([
        big.waitForSeen(since.get(big) ?? 0, routed(big), { what: 'the terminating-without-prestop hazard on the 200×50 screen', timeoutMs: 90_000 }),
        small.waitForSeen(since.get(small) ?? 0, routed(small), { what: 'the terminating-without-prestop hazard on the 80×24 screen', timeoutMs: 90_000 }),
      ]);
      assert.match(during.header[1], /^spec\.selector app=web +\d+ pods · 1 owner/);
      // The table may have the terminating pods out of view: its title counts them.
      for (const s of [big, small]) await s.waitForSeen(since.get(s) ?? 0, (l) => /^── PODS \d+ · 1 owner · [1-9]\d* terminating/.test(l[2] ?? ''), { what: 'the terminating pods counted in the PODS title', timeoutMs: 90_000 });
      // Which pods are terminating? A person filters the table (80×24 shows only a few rows).
      const typed = small.frames.length;
      await small.type('/terminating\r');
      const [term, filtered] = await small.waitForSeen(typed, (l) => {
        const r = read(small, l);
        const p = /\/terminating: [1-9]\d* shown/.test(r.sections.find((x) => x.name === 'PODS')?.rule ?? '') && r.pods.find((x) => x.endpoint === 'serving·term');
        return p && [p, r] as const;
      }, { what: 'a terminating pod whose endpoint is serving, not ready, in the filtered table', timeoutMs: 60_000 });
      assert.ok(old.includes(term.pod) && term.status === 'Terminating', JSON.stringify(term));
      for (const p of filtered.pods) assert.equal(p.status, 'Terminating', JSON.stringify(p));
      await small.type('\u001b');
      await small.waitFor((l) => !l.some((x) => x.includes('/terminating')) && l, { what: 'the filter cleared' });

      // The end: the rollout report on the screen, and the watch stopped (--until-rollout-complete).
      const done = read(big, await big.waitFor((l) => { const r = read(big, l); return r.rollout.length > 0 && !watching(r) && l; }, { what: 'the rollout report on the 200×50 screen', timeoutMs: 90_000 }));
      assert.match(done.rollout[0] ?? '', /^rollout report for service\/web: rollout complete {2}watched \d\d:\d\d:\d\d\.\d{3} → \d\d:\d\d:\d\d\.\d{3} \(\d+(\.\d)?s\)$/);
      assert.ok(done.rollout.some((s) => /^(\d+ terminating pods? (were|was) still routed new connections|No terminating pod was routed\.)/.test(s)), done.rollout.join('\n'));
      assert.match(done.sections.find((s) => s.name === 'TIMELINE')?.rule ?? '', /not watching \(w\)/);
      assert.ok(done.timeline.some((c) => c.kind === 'rollout-complete'), 'the last change shown is the rollout completing');
      assert.ok(done.pods.every((p) => !old.includes(p.pod) && p.status === 'Running' && p.endpoint === 'ready'), 'only new pods, all ready');

      // A person filters the timeline for the deletions and the removals: one of each per old pod.
      for (const kind of ['pod-deletion-requested', 'pod-removed']) assert.deepEqual(podsOf(await filterTimeline(big, kind), kind), old, `200×50 /${kind}`);

      // The 80×24 screen is still watching (no --until-rollout-complete): it shows the completion too.
      await small.waitFor((l) => read(small, l).timeline.some((c) => c.kind === 'rollout-complete'), { what: 'the rollout complete on the 80×24 screen', timeoutMs: 90_000 });
      // At 80×24 the changes scroll past a few rows: a person filters, then scrolls the timeline.
      assert.deepEqual(podsOf(await filterTimeline(small, 'pod-deletion-requested'), 'pod-deletion-requested'), old, '80×24 /pod-deletion-requested');
      await big.type('q');
      await small.type('q');
      assert.equal(await big.exited, 0, big.afterScreen());
      assert.equal(await small.exited, 0, small.afterScreen());
      watch.pods.stop();
      watch.slices.stop();

      // Every screen, from the first to the last, reads well.
      const bigReads = assertEveryScreenReads('200×50', big);
      const smallReads = assertEveryScreenReads('80×24', small);
      // While it happened, the timeline showed the old pods going (whatever the screen had room for).
      for (const [reads, size] of [[bigReads, '200×50'], [smallReads, '80×24']] as const) {
        const going = ['pod-deletion-requested', 'hazard-started', 'pod-left-ready-set', 'pod-serving-while-terminating', 'endpoint-removed', 'pod-removed'].flatMap((k) => [...seenOnTimeline(reads, k)]);
        assert.ok(going.some((name) => old.includes(name)), `${size}: the timeline showed old pods going`);
      }

      // The printed reports against the test's own watch.
      // (The 80×24 screen started without -w, so it recorded nothing: its instants are checked against the test's watch only.)
      for (const [s, size, file] of [[big, '200×50', record], [small, '80×24', null]] as const) {
        const text = s.afterScreen();
        assert.match(text, /^whoselects: service\/web in default: 20 pods of 1 owner; findings /m);
        assertReport(size, parsePrintedReport(text, Date.now()), old, expectations(old, watch.pods, watch.slices, file), false);
      }
      t.diagnostic(`the reports' instants were at most ${widest} ms from the test's own watch`);
    }));
  });

  test('headless Service: 200×50, resized to 80×24 and back during the rollout; DNS-stale windows in the report', { timeout: 300_000 }, async (t) => {
    const old = await currentPods();
    widest = 0;
    const watch = independent(t, 'web-headless');
    const record = recordFile('web-headless');
    const s = new PtySession({ args: ['svc/web-headless', '-w', '--until-rollout-complete', '--dns-ttl', `${DNS_TTL_S}s`, '--fail-on', 'never', '--record', record], columns: 200, rows: 50, baseEnv: cluster.env });
    await showingScreens(t, runDir, { headless: s }, keepOnFailure(async () => {
      await Promise.all([watch.pods.ready, watch.slices.ready]);
      const first = read(s, await s.waitFor((l) => { const r = read(s, l); return watching(r) && r.timeline.some((c) => c.kind === 'source-connected') && l; }, { what: 'the screen watching' }));
      assert.match(first.header[0], /^service\/web-headless {2}ns default {2}· {2}live /);
      assert.ok(first.pods.every((p) => p.endpoint === 'ready'));

      const rolling = s.frames.length;
      const restart = await cluster.kubectl(['rollout', 'restart', 'deploy/web']);
      assert.equal(restart.code, 0, restart.stderr);
      await s.waitForSeen(rolling, (l) => readScreen(l, 200, 50).hazards.some((h) => /terminating-without-prestop ×\d+/.test(h)), { what: 'terminating pods without a preStop delay', timeoutMs: 90_000 });

      // The window made small in the middle of the rollout: the screen follows, and reads well.
      const resized = s.frames.length;
      s.resize(80, 24);
      const small = read(s, await s.waitForSeen(resized, (l, f) => {
        if (l.length !== 24 || f.columns !== 80) return null;
        const r = readScreen(l, 80, 24);
        return r.problems.length === 0 && r.pods.length > 0 && r.hazards.length > 0 && l;
      }, { what: 'the screen redrawn at 80×24 with hazards', timeoutMs: 60_000 }));
      assert.deepEqual(small.podColumns, ['OWNER', 'POD', 'STATUS', 'READY', 'ENDPOINT', 'PORT http']);
      // And large again, where the DNS hazard of the headless Service shows.
      const enlarged = s.frames.length;
      s.resize(200, 50);
      const large = read(s, await s.waitForSeen(enlarged, (l, f) => {
        if (l.length !== 50 || f.columns !== 200) return null;
        const r = readScreen(l, 200, 50);
        return r.problems.length === 0 && r.hazards.some((h) => /dns-stale-ip/.test(h)) && l;
      }, { what: 'the screen redrawn at 200×50 with the DNS-stale hazard', timeoutMs: 60_000 }));
      // One pod (`dns-stale-ip pod/web-…`) or several at once (`dns-stale-ip ×N  web-…`), as the rollout's timing falls.
      assert.ok(large.hazards.some((h) => /^● for \S+ {2}dns-stale-ip (×\d+ {2}web-|pod\/web-)/.test(h)), large.hazards.join('\n'));

      const done = read(s, await s.waitFor((l) => { const r = read(s, l); return r.rollout.length > 0 && !watching(r) && l; }, { what: 'the rollout report on the screen', timeoutMs: 90_000 }));
      assert.match(done.rollout[0] ?? '', /^rollout report for service\/web-headless: rollout complete/);
      for (const kind of ['pod-deletion-requested', 'pod-removed']) assert.deepEqual(podsOf(await filterTimeline(s, kind), kind), old, `headless /${kind}`);
      // What leaving the ready set means for a headless Service, in the timeline's words.
      const left = await filterTimeline(s, 'pod-left-ready-set');
      assert.deepEqual(podsOf(left, 'pod-left-ready-set'), old);
      for (const c of left) assert.match(c.message, /^left the ready set: DNS stops returning its IP/);
      await s.type('q');
      assert.equal(await s.exited, 0, s.afterScreen());
      watch.pods.stop();
      watch.slices.stop();

      const reads = assertEveryScreenReads('headless', s);
      assert.ok(reads.some((r) => r.timeline.some((c) => old.includes(c.object.replace(/^pod\//, '')))), 'the timeline showed the old pods going as it happened');

      const exp = expectations(old, watch.pods, watch.slices, record);
      const report = parsePrintedReport(s.afterScreen(), Date.now());
      assert.equal(report.target, 'service/web-headless');
      assertReport('headless', report, old, exp, true);
      t.diagnostic(`the reports' instants were at most ${widest} ms from the test's own watch`);
    }));
  });
});
