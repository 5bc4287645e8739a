// The hazard tracker folded over observations: windows open and close, routes change,
// Ready -> endpoint lags are measured, and a headless Service's DNS windows expire on time.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Observed } from '../../../src/core/timeline/observe.ts';
import { allHazards, emptyHazards, ENDED_READY_NOT_IN_SLICES_KEPT, expire, lagSamples, track, type HazardState } from '../../../src/core/timeline/tracker.ts';
import type { Change } from '../../../src/core/timeline/types.ts';
import { controllerSlice, D, observed, RS_OLD, service, sliceOf, t, webPod } from './builders.ts';

const TTL = 30_000;

/** Folds observations at the given times; returns the final state and every change. */
function fold(steps: [number, Observed][], first = false): { state: HazardState; changes: Change[] } {
  let state = emptyHazards();
  let prev: Observed | null = null;
  const changes: Change[] = [];
  for (const [ms, next] of steps) {
    const r = track(state, { prev, next, stale: [], at: t(ms), baseline: first && prev === null, dnsTtlMs: TTL });
    state = r.state;
    changes.push(...r.changes);
    prev = next;
  }
  return { state, changes };
}

const p = webPod('web-1');
const q = webPod('web-2');
const dying = webPod('web-1', { terminating: true });

test('a terminating pod\'s routed window: while its endpoint is ready; then only as kube-proxy\'s fallback, when no ready endpoint remains', () => {
  const r = fold([
    [0, observed([service(), D, RS_OLD, p, q, controllerSlice([p, q])])],
    [1_000, observed([service(), D, RS_OLD, dying, q, controllerSlice([p, q])])],
    [1_050, observed([service(), D, RS_OLD, dying, q, controllerSlice([dying, q])])],
    [21_000, observed([service(), D, RS_OLD, q, controllerSlice([q])])],
  ]);
  const routed = allHazards(r.state).filter((h) => h.hazard.kind === 'terminating-still-routed');
  assert.equal(routed.length, 1);
  // web-2 stays ready: once web-1 is only serving-terminating, kube-proxy sends it no new connection.
  assert.deepEqual([routed[0]?.hazard.since, routed[0]?.hazard.until], [t(1_000), t(1_050)]);
  assert.deepEqual(routed[0]?.segments.map((s) => [s.via.replace(/ \(.*/, ''), s.from]), [['ready endpoint', t(1_000)]]);
  assert.deepEqual(r.changes.map((c) => `${c.at} ${c.kind} ${c.details.hazard}`), [
    `${t(1_000)} hazard-started terminating-still-routed`,
    `${t(1_050)} hazard-ended terminating-still-routed`,
  ], 'the no-preStop hazard is tracked but gets no lines of its own');
  assert.match(r.changes[1]?.message ?? '', /over after 50ms: ready endpoint 50ms$/);
  assert.equal(allHazards(r.state).filter((h) => h.hazard.kind === 'terminating-without-prestop').length, 1);
  // Alone, it is kube-proxy's terminating fallback until it is gone.
  const alone = fold([
    [0, observed([service(), D, RS_OLD, p, controllerSlice([p])])],
    [1_000, observed([service(), D, RS_OLD, dying, controllerSlice([p])])],
    [1_050, observed([service(), D, RS_OLD, dying, controllerSlice([dying])])],
    [21_000, observed([service(), D, RS_OLD, controllerSlice([])])],
  ]);
  const fb = allHazards(alone.state).filter((h) => h.hazard.kind === 'terminating-still-routed');
  assert.deepEqual([fb[0]?.hazard.since, fb[0]?.hazard.until], [t(1_000), t(21_000)]);
  assert.deepEqual(fb[0]?.segments.map((s) => s.via.replace(/ \(.*/, '')), ['ready endpoint', 'serving endpoint, used by kube-proxy\'s terminating fallback']);
});

test('Ready -> ready endpoint lag: measured for pods seen becoming Ready; 0 when the endpoint came first', () => {
  const notYet = webPod('web-1', { ready: false });
  const r = fold([
    [0, observed([service(), notYet, sliceOf([[notYet, { ready: false, serving: false }]])])],
    [1_000, observed([service(), p, sliceOf([[notYet, { ready: false, serving: false }]])])],
    [1_040, observed([service(), p, controllerSlice([p])])],
  ]);
  assert.deepEqual(lagSamples(r.state), [40]);
  const early = fold([
    [0, observed([service(), notYet, sliceOf([[notYet, { ready: false, serving: false }]])])],
    [500, observed([service(), notYet, sliceOf([[notYet]])])],
    [510, observed([service(), p, sliceOf([[p]])])],
  ]);
  assert.deepEqual(lagSamples(early.state), [0]);
});

test('a pod Ready but outside the slices when watching began gives no lag sample, and its hazard says it held already', () => {
  const r = fold([
    [0, observed([service(), p, sliceOf([])])],
    [2_000, observed([service(), p, controllerSlice([p])])],
  ], true);
  assert.deepEqual(lagSamples(r.state), []);
  const h = allHazards(r.state).find((x) => x.hazard.kind === 'ready-not-in-slices');
  assert.equal(h?.baseline, true);
  assert.equal(h?.hazard.until, t(2_000));
});

test('headless: a terminating pod that leaves the ready set stays in DNS answers for the TTL, then the window closes by itself', () => {
  const s = service({ headless: true });
  const r = fold([
    [0, observed([s, p, q, controllerSlice([p, q])])],
    [1_000, observed([s, dying, q, controllerSlice([dying, q])])],
    [5_000, observed([s, q, controllerSlice([q])])],
  ]);
  const dns = allHazards(r.state).find((h) => h.hazard.kind === 'dns-stale-ip');
  assert.deepEqual([dns?.hazard.since, dns?.hazard.until, dns?.expires, dns?.ip], [t(1_000), null, t(31_000), p.status?.podIP]);
  assert.equal(r.state.gone[p.metadata?.uid as string], t(5_000), 'when it went away');
  assert.equal(expire(r.state, t(30_999)).changes.length, 0);
  const e = expire(r.state, t(40_000));
  assert.deepEqual(e.changes.map((c) => [c.at, c.kind, c.details.hazard]), [[t(31_000), 'hazard-ended', 'dns-stale-ip']], 'stamped at its expiry, not at now');
  assert.equal(allHazards(e.state).find((h) => h.hazard.kind === 'dns-stale-ip')?.hazard.until, t(31_000));
});

test('headless: a pod that is not terminating and leaves the ready set is not a stale-DNS window; one that comes back closes it', () => {
  const s = service({ headless: true });
  const unready = webPod('web-1', { ready: false });
  const r = fold([[0, observed([s, p, controllerSlice([p])])], [1_000, observed([s, unready, controllerSlice([unready])])]]);
  assert.ok(!allHazards(r.state).some((h) => h.hazard.kind === 'dns-stale-ip'));
  const publish = service({ headless: true, publishNotReadyAddresses: false });
  const back = fold([
    [0, observed([publish, p, controllerSlice([p])])],
    [1_000, observed([publish, dying, sliceOf([[dying, { ready: false, serving: true, terminating: true }]])])],
    [2_000, observed([publish, dying, sliceOf([[dying, { ready: true, serving: true, terminating: true }]])])],
  ]);
  assert.equal(allHazards(back.state).find((h) => h.hazard.kind === 'dns-stale-ip')?.hazard.until, t(2_000));
});

test('headless: the EndpointSlice says terminating before the pod watch does: the window starts when the pod left the ready set', () => {
  const s = service({ headless: true });
  const r = fold([
    [0, observed([s, p, q, controllerSlice([p, q])])],
    [1_000, observed([s, p, q, sliceOf([[p, { ready: false, serving: true, terminating: true }], [q]])])],
    [1_200, observed([s, dying, q, sliceOf([[dying, { ready: false, serving: true, terminating: true }], [q]])])],
  ]);
  const dns = allHazards(r.state).filter((h) => h.hazard.kind === 'dns-stale-ip');
  assert.deepEqual(dns.map((h) => [h.hazard.since, h.expires, h.ip]), [[t(1_000), t(31_000), p.status?.podIP]]);
});

test('ClusterIP Services have no DNS windows', () => {
  const r = fold([[0, observed([service(), p, controllerSlice([p])])], [1_000, observed([service(), controllerSlice([])])]]);
  assert.ok(!allHazards(r.state).some((h) => h.hazard.kind === 'dns-stale-ip'));
});

test('over surge: the peak is kept, in the message and at the end', () => {
  const pods = [1, 2, 3, 4].map((i) => webPod(`web-${i}`, { preStop: true }));
  const extra = [5, 6, 7].map((i) => webPod(`web-${i}`, { terminating: true, preStop: true }));
  const at = (n: number) => observed([service(), D, RS_OLD, ...pods, ...extra.slice(0, n), controllerSlice([...pods, ...extra.slice(0, n)])]);
  const r = fold([[0, at(0)], [1_000, at(2)], [2_000, at(3)], [3_000, at(2)], [4_000, at(0)]]);
  const h = allHazards(r.state).find((x) => x.hazard.kind === 'endpoints-over-surge');
  assert.equal(h?.peak, 7);
  assert.match(h?.hazard.message ?? '', /^7 endpoints/);
  assert.deepEqual([r.state.maxEndpoints, r.state.allowed], [7, 5]);
  assert.match(r.changes.find((c) => c.kind === 'hazard-ended' && c.details.hazard === 'endpoints-over-surge')?.message ?? '', /endpoints-over-surge over after 3\.0s \(peak 7\)/);
});

test('the same observations give the same state and changes', () => {
  const steps: [number, Observed][] = [[0, observed([service(), p, controllerSlice([p])])], [1_000, observed([service(), dying, controllerSlice([dying])])], [9_000, observed([service(), controllerSlice([])])]];
  assert.deepEqual(fold(steps), fold(steps));
});

test('a pod whose readiness flaps for a long watch: every lag counted, but only the newest ended ready-not-in-slices hazards kept', () => {
  const notYet = webPod('web-1', { ready: false });
  const steps: [number, Observed][] = [[0, observed([service(), notYet, sliceOf([[notYet, { ready: false, serving: false }]])])]];
  const flaps = ENDED_READY_NOT_IN_SLICES_KEPT * 3;
  for (let i = 0; i < flaps; i++) {
    const at = 1_000 * (i + 1);
    steps.push([at, observed([service(), p, sliceOf([[notYet, { ready: false, serving: false }]])])]);
    // Lags 10, 20, 30, 10, 20, 30, ... ms: the pod joins the ready set that long after it became Ready.
    steps.push([at + 10 * ((i % 3) + 1), observed([service(), p, controllerSlice([p])])]);
    steps.push([at + 500, observed([service(), notYet, sliceOf([[notYet, { ready: false, serving: false }]])])]);
  }
  const r = fold(steps);
  const samples = lagSamples(r.state);
  assert.equal(samples.length, flaps, 'one sample per time the pod became Ready');
  assert.deepEqual([samples[0], samples[flaps - 1]], [10, 30]);
  assert.equal(samples.filter((x) => x === 20).length, flaps / 3);
  const ended = allHazards(r.state).filter((h) => h.hazard.kind === 'ready-not-in-slices');
  assert.equal(ended.length, ENDED_READY_NOT_IN_SLICES_KEPT);
  // The newest are kept: the last flap's window is there, the first one's is not.
  const last = 1_000 * flaps;
  assert.ok(ended.some((h) => h.hazard.since === t(last)));
  assert.ok(!ended.some((h) => h.hazard.since === t(1_000)));
});
