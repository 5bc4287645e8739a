// The two orderings key by key (semantics §1.4, traps 1–3, 5), per kubectl version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activePods, byLogging, maxRestarts, podReady, podReadyTime, seconds } from '../../../src/core/kubectl/podutils.ts';
import type { Pod } from '../../../src/core/types.ts';
import { at, pod, version } from '../builders.ts';

const V = version(34);

/** "a" sorts strictly before "b" under less, and not the other way round. */
function before(less: (x: Pod, y: Pod) => boolean, a: Pod, b: Pod): void {
  assert.equal(less(a, b), true, 'expected a before b');
  assert.equal(less(b, a), false, 'expected b not before a');
}

function tie(less: (x: Pod, y: Pod) => boolean, a: Pod, b: Pod): void {
  assert.equal(less(a, b), false);
  assert.equal(less(b, a), false);
}

test('ByLogging: assigned before unassigned, whatever else', () => {
  before(byLogging(V), pod('a', { phase: 'Pending', ready: false }), pod('b', { node: null }));
});

test('ByLogging phase ranks: Running = Succeeded = Failed = "" (0) < Unknown < Pending (trap 3)', () => {
  const less = byLogging(V);
  const p = (phase: string | null): Pod => pod(String(phase), { phase, ready: false });
  for (const ph of ['Succeeded', 'Failed', null, 'Bogus']) tie(less, p('Running'), p(ph));
  before(less, p('Failed'), p('Unknown'));
  before(less, p('Unknown'), p('Pending'));
  before(less, p('Succeeded'), p('Pending'));
});

test('ActivePods phase ranks: Pending = Succeeded = Failed = "" (0) < Unknown < Running (trap 3)', () => {
  const less = activePods(V);
  const p = (phase: string | null): Pod => pod(String(phase), { phase, ready: false });
  for (const ph of ['Succeeded', 'Failed', null]) tie(less, p('Pending'), p(ph));
  before(less, p('Failed'), p('Unknown'));
  before(less, p('Unknown'), p('Running'));
});

test('ByLogging: ready the longest first, then MORE restarts, then older (trap 1)', () => {
  const less = byLogging(V);
  before(less, pod('early', { readyAt: 5 }), pod('late', { readyAt: 50 }));
  before(less, pod('crashy', { restarts: [3] }), pod('calm', { restarts: [0] }));
  before(less, pod('old', { created: 0 }), pod('new', { created: 9 }));
  // ready time outranks restarts, restarts outrank age
  before(less, pod('a', { readyAt: 5, restarts: [0], created: 9 }), pod('b', { readyAt: 6, restarts: [9], created: 0 }));
  before(less, pod('a', { restarts: [1], created: 9 }), pod('b', { restarts: [0], created: 0 }));
});

test('ByLogging has no terminating key in any version (trap 1)', () => {
  for (const minor of [27, 28, 32, 36]) {
    const less = byLogging(version(minor));
    tie(less, pod('dying', { deleted: 100 }), pod('alive'));
    before(less, pod('dying-but-ready-longer', { deleted: 100, readyAt: 1 }), pod('alive', { readyAt: 2 }));
  }
});

test('ActivePods: fewer restarts and older are the keepers, i.e. sort last (trap 2)', () => {
  const less = activePods(V);
  before(less, pod('crashy', { restarts: [3] }), pod('calm'));
  before(less, pod('new', { created: 9 }), pod('old', { created: 0 }));
  before(less, pod('late', { readyAt: 50 }), pod('early', { readyAt: 5 }));
});

test('ActivePods deletion keys exist from 1.28 only, after Ready (trap 2)', () => {
  const dying = pod('dying', { deleted: 100 });
  const alive = pod('alive', { readyAt: 50 });
  const dyingEarlyReady = pod('dying', { deleted: 100, readyAt: 1 });
  // 1.27: no deletion key; ready-longer wins (sorts last) even though it is terminating.
  before(activePods(version(27)), alive, dyingEarlyReady);
  tie(activePods(version(27)), dying, pod('alive2'));
  // 1.28+: deleting sorts first (worst), whatever the ready time.
  for (const minor of [28, 32, 36]) before(activePods(version(minor)), dyingEarlyReady, alive);
  // Ready still outranks not-deleting.
  before(activePods(version(28)), pod('unready', { ready: false }), pod('ready-dying', { deleted: 5 }));
  // Both deleting: the older deletionTimestamp sorts first.
  before(activePods(version(28)), pod('d1', { deleted: 10 }), pod('d2', { deleted: 20 }));
});

test('sidecar restarts are a second restart key from 1.32 only', () => {
  const sidecar = { name: 'proxy', restartPolicy: 'Always' };
  const a = pod('a', { initContainers: [sidecar], initRestarts: { proxy: 4 } });
  const b = pod('b', { initContainers: [sidecar], initRestarts: { proxy: 1 } });
  assert.deepEqual(maxRestarts(a, version(32)), { regular: 0, sidecar: 4 });
  assert.deepEqual(maxRestarts(a, version(31)), { regular: 0, sidecar: 0 });
  tie(byLogging(version(31)), a, b);
  before(byLogging(version(32)), a, b);
  before(activePods(version(32)), a, b);
  // Ordinary init containers (no restartPolicy Always) never count.
  const plain = pod('c', { initContainers: ['setup'], initRestarts: { setup: 7 } });
  assert.deepEqual(maxRestarts(plain, version(36)), { regular: 0, sidecar: 0 });
  // Regular restarts decide before sidecar restarts.
  before(byLogging(version(32)), pod('d', { restarts: [1], initContainers: [sidecar], initRestarts: { proxy: 0 } }), a);
});

test('timestamps compare at 1-second resolution; sub-second differences tie (trap 5)', () => {
  const less = byLogging(V);
  tie(less, pod('a', { created: 0.2 }), pod('b', { created: 0.9 }));
  tie(less, pod('a', { readyAt: 3.1 }), pod('b', { readyAt: 3.7 }));
  assert.equal(seconds('2026-03-01T12:00:00+01:00'), seconds('2026-03-01T11:00:00Z'));
});

test('zero times sort last for logs and first for exec (the deletion-candidate end)', () => {
  const noTime = pod('no-created', { created: null });
  const old = pod('old', { created: 0 });
  before(byLogging(V), old, noTime);
  before(activePods(V), noTime, old);
  // Ready with no lastTransitionTime: zero ready time, i.e. "ready the shortest".
  const readyNoTime = pod('r0', { readyAt: null });
  before(byLogging(V), pod('r', { readyAt: 100 }), readyNoTime);
  before(activePods(V), readyNoTime, pod('r', { readyAt: 100 }));
  assert.equal(seconds('0001-01-01T00:00:00Z'), null);
});

test('readyTime counts only when Ready is True; not-ready pods skip that key', () => {
  const a = pod('a', { ready: false, readyAt: 1 });
  const b = pod('b', { ready: false, readyAt: 99 });
  assert.equal(podReadyTime(a), null);
  tie(byLogging(V), a, b);
  tie(activePods(V), a, b);
});

test('IsPodReady reads the first Ready condition; podReadyTime the first True one', () => {
  const p = pod('dup', {
    conditions: [
      { type: 'Ready', status: 'False', lastTransitionTime: at(1) },
      { type: 'Ready', status: 'True', lastTransitionTime: at(2) },
    ],
  });
  assert.equal(podReady(p), false);
  assert.equal(podReadyTime(p), seconds(at(2)));
});
