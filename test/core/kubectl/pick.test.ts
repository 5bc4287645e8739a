// Which pod kubectl logs/exec/attach/port-forward TYPE/NAME picks (semantics §1.1–1.4,
// traps 1–5 and 7), including ties for ≤12 and >12 pods against the real Go sort.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { activePods, byLogging } from '../../../src/core/kubectl/podutils.ts';
import { pickPod, podNamedDirectly, type PodCommand } from '../../../src/core/kubectl/pick.ts';
import type { Pod } from '../../../src/core/types.ts';
import { names, pod, version } from '../builders.ts';
import { goSortOracle, type SortCase } from './go-oracle.ts';

const V34 = version(34);
const chosen = (command: PodCommand, pods: Pod[], minor = 34): string | undefined => pickPod(command, pods, version(minor)).chosen?.metadata?.name;

test('rollout: logs reads the old terminating pod, exec (1.28+) avoids it, 1.27 does not (traps 1, 2)', () => {
  const pods = [
    pod('web-new-1', { readyAt: 100, created: 90 }),
    pod('web-old-1', { readyAt: 0, created: 0, deleted: 120 }),
    pod('web-old-2', { readyAt: 1, created: 0 }),
  ];
  assert.equal(chosen('logs', pods), 'web-old-1');
  for (const minor of [28, 32, 34, 36]) {
    for (const cmd of ['exec', 'attach', 'port-forward'] as const) assert.equal(chosen(cmd, pods, minor), 'web-old-2', `${cmd} ${minor}`);
  }
  assert.equal(chosen('exec', pods, 27), 'web-old-1');
  const pick = pickPod('exec', pods, V34);
  assert.match(pick.decidedBy, /^Ready, and ready the longest \(since 2026-03-01T12:00:01Z; pod\/web-new-1 since/);
  assert.deepEqual(names(pick.ordered), ['web-old-2', 'web-new-1', 'web-old-1']);
  assert.match(pickPod('exec', [pods[1] as Pod, pods[2] as Pod], V34).decidedBy, /^not terminating \(pod\/web-old-1 has a deletionTimestamp\)/);
});

test('restart counts pull in opposite directions for logs and exec (trap 2)', () => {
  const pods = [pod('calm', { restarts: [0] }), pod('crashy', { restarts: [5] })];
  assert.equal(chosen('logs', pods), 'crashy');
  assert.equal(chosen('exec', pods), 'calm');
  assert.match(pickPod('logs', pods, V34).decidedBy, /^more container restarts \(5 vs 0/);
  assert.match(pickPod('exec', pods, V34).decidedBy, /^fewer container restarts \(0 vs 5/);
});

test('Ready outranks not-terminating for exec (trap 2)', () => {
  const pods = [pod('unready', { ready: false }), pod('ready-dying', { deleted: 50 })];
  assert.equal(chosen('exec', pods, 36), 'ready-dying');
});

test('an Evicted (Failed) pod can be the logs target when nothing is Running and Ready (trap 3)', () => {
  const evicted = pod('web-evicted', { phase: 'Failed', ready: false, created: 0 });
  const starting = pod('web-starting', { phase: 'Pending', ready: false, created: 50 });
  const crashloop = pod('web-crash', { phase: 'Running', ready: false, created: 60 });
  assert.equal(chosen('logs', [starting, evicted]), 'web-evicted');
  assert.match(pickPod('logs', [starting, evicted], V34).decidedBy, /phase Failed ranks ahead of Pending .*rank like Running/);
  // Failed ties with Running for logs, so age decides here.
  assert.equal(chosen('logs', [crashloop, evicted]), 'web-evicted');
  // exec ranks Failed with Pending, below Running.
  assert.equal(chosen('exec', [evicted, crashloop]), 'web-crash');
  // ... and refuses a completed pod after choosing it.
  const only = pickPod('exec', [evicted, starting], V34);
  assert.equal(only.chosen?.metadata?.name, 'web-evicted');
  assert.equal(only.afterPick, 'cannot exec into a container in a completed pod; current phase is Failed');
  assert.equal(pickPod('attach', [evicted], V34).afterPick, 'cannot attach a container in a completed pod; current phase is Failed');
  assert.equal(pickPod('logs', [evicted], V34).afterPick, null);
});

test('port-forward errors after choosing unless the pod is Running', () => {
  assert.equal(pickPod('port-forward', [pod('p', { phase: 'Pending', ready: false })], V34).afterPick, 'unable to forward port because pod is not running. Current status=Pending');
  assert.equal(pickPod('port-forward', [pod('p', { phase: 'Succeeded', ready: false })], V34).afterPick, 'unable to forward port because pod is not running. Current status=Succeeded');
  assert.equal(pickPod('port-forward', [pod('p')], V34).afterPick, null);
});

test('owner references play no part: any pod the selector matches can be chosen (trap 4)', () => {
  const owned = pod('web-7d9f-abc', { readyAt: 50 });
  owned.metadata = { ...owned.metadata, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d9f', controller: true }] };
  const debugCopy = pod('web-debug', { readyAt: 1 });
  assert.equal(chosen('logs', [owned, debugCopy]), 'web-debug');
  assert.equal(chosen('exec', [owned, debugCopy]), 'web-debug');
});

test('logs prints "Found N pods, using pod/NAME" only with more than one pod', () => {
  const pods = [pod('a', { readyAt: 2 }), pod('b', { readyAt: 1 })];
  assert.equal(pickPod('logs', pods, V34).foundLine, 'Found 2 pods, using pod/b');
  assert.equal(pickPod('logs', pods.slice(0, 1), V34).foundLine, null);
  assert.equal(pickPod('exec', pods, V34).foundLine, null);
});

test('logs --all-pods (1.31+) reads every pod in ByLogging order and prints no Found line', () => {
  const pods = [pod('a', { readyAt: 2 }), pod('b', { readyAt: 1 }), pod('c', { readyAt: 3 })];
  const all = pickPod('logs', pods, version(31), { allPods: true });
  assert.equal(all.error, null);
  assert.equal(all.foundLine, null);
  assert.deepEqual(names(all.targets), ['b', 'a', 'c']);
  assert.ok(all.notes.some((n) => /random/.test(n)));
  assert.equal(pickPod('logs', pods, version(30), { allPods: true }).error, 'unknown flag: --all-pods');
  assert.equal(pickPod('exec', pods, version(36), { allPods: true }).error, 'unknown flag: --all-pods');
  assert.deepEqual(names(pickPod('logs', pods, V34).targets), ['b']);
});

test('zero pods: kubectl waits for the first pod to appear, any phase (trap 7)', () => {
  const logs = pickPod('logs', [], V34);
  assert.equal(logs.chosen, null);
  assert.equal(logs.waits?.timeoutSeconds, 20);
  assert.match(logs.waits?.note ?? '', /any phase/);
  assert.match(logs.waits?.note ?? '', /timed out waiting for the condition/);
  for (const cmd of ['exec', 'attach', 'port-forward'] as const) assert.equal(pickPod(cmd, [], V34).waits?.timeoutSeconds, 60);
  assert.equal(pickPod('exec', [], V34, { podRunningTimeoutSeconds: 5 }).waits?.timeoutSeconds, 5);
  assert.equal(pickPod('exec', [], V34, { podRunningTimeoutSeconds: 0 }).error, '--pod-running-timeout must be higher than zero');
  assert.equal(pickPod('logs', [pod('x')], V34).waits, null);
});

test('decidedBy names the separating key in plain words', () => {
  const table: [PodCommand, Pod[], RegExp][] = [
    ['logs', [pod('b', { node: null }), pod('a')], /^assigned to a node \(pod\/b is not scheduled\)/],
    ['exec', [pod('b', { phase: 'Pending', ready: false }), pod('a', { ready: false })], /^phase Running ranks ahead of Pending/],
    ['logs', [pod('b', { ready: false }), pod('a')], /^Ready \(pod\/b is not\)/],
    ['exec', [pod('b', { readyAt: 9 }), pod('a', { readyAt: 3 })], /^Ready, and ready the longest \(since 2026-03-01T12:00:03Z; pod\/b since 2026-03-01T12:00:09Z\)/],
    ['logs', [pod('b', { created: 5 }), pod('a', { created: 4 })], /^older \(created 2026-03-01T12:00:04Z/],
    ['exec', [pod('b', { deleted: 5 }), pod('a', { deleted: 9 })], /^terminating too, but deleted most recently/],
    ['logs', [pod('only')], /^the only pod/],
  ];
  for (const [cmd, pods, re] of table) assert.match(pickPod(cmd, pods, V34).decidedBy, re);
});

test('≤12 tied pods: insertion sort keeps List order, so the first listed wins (trap 5)', () => {
  const pods = Array.from({ length: 12 }, (_, i) => pod(`web-${String(i).padStart(2, '0')}`));
  for (const cmd of ['logs', 'exec'] as const) {
    const p = pickPod(cmd, pods, V34);
    assert.equal(p.chosen?.metadata?.name, 'web-00');
    assert.deepEqual(names(p.ordered), names(pods));
    assert.equal(p.tieWith.length, 11);
    assert.equal(p.orderDependent, true);
    assert.match(p.decidedBy, /^tie on every key with pod\/web-01: decided by list order/);
    assert.equal(pickPod(cmd, pods.slice().reverse(), V34).chosen?.metadata?.name, 'web-11');
  }
  const clear = pickPod('logs', [pod('a', { readyAt: 1 }), pod('b', { readyAt: 2 })], V34);
  assert.equal(clear.orderDependent, false);
  assert.deepEqual(clear.tieWith, []);
});

test('>12 tied pods: the choice follows pdqsort, not the List order (trap 5)', () => {
  // 13 pods; the first listed is not Ready, the other 12 tie on every key. pdqsort's
  // pivot (the middle pod) ends up first: kubectl picks web-06, not web-01.
  const pods = Array.from({ length: 13 }, (_, i) => pod(`web-${String(i).padStart(2, '0')}`, { ready: i !== 0 }));
  const p = pickPod('logs', pods, V34);
  assert.equal(p.chosen?.metadata?.name, 'web-06');
  assert.equal(p.orderDependent, true);
  assert.equal(p.tieWith.length, 11);
  assert.match(p.decidedBy, /decided by Go's unstable sort \(pdqsort\)/);
  const [expected] = goSortOracle([{ keys: pods.map((_, i) => (i === 0 ? 1 : 0)), reverse: false }]);
  assert.deepEqual(names(p.ordered), (expected as number[]).map((i) => `web-${String(i).padStart(2, '0')}`));
  // Already in key order, pdqsort returns early and keeps the List order.
  const sorted = pickPod('logs', [...pods.slice(1), pods[0] as Pod], V34);
  assert.equal(sorted.chosen?.metadata?.name, 'web-01');
});

/** Integer key per pod whose "<" is exactly less (a strict weak order): how many pods sort before it. */
function ranks(pods: readonly Pod[], less: (a: Pod, b: Pod) => boolean): number[] {
  return pods.map((p) => pods.filter((q) => less(q, p)).length);
}

test('seeded random pod sets: pickPod orders exactly as Go sort.Sort(ByLogging / Reverse(ActivePods))', { timeout: 600_000 }, () => {
  const seed = Number(process.env.WHOSELECTS_PICK_SEED ?? randomInt(2 ** 31));
  let state = seed >>> 0;
  const rnd = (n: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
  const runs: { cmd: 'logs' | 'exec'; minor: number; pods: Pod[] }[] = [];
  for (let r = 0; r < 400; r++) {
    const n = [rnd(13), 13 + rnd(48)][rnd(2)] as number;
    const pods = Array.from({ length: n }, (_, i) => pod(`p${String(i).padStart(2, '0')}`, {
      node: rnd(10) === 0 ? null : 'node-a',
      phase: ['Running', 'Running', 'Pending', 'Failed', 'Unknown'][rnd(5)] as string,
      ready: rnd(4) !== 0,
      readyAt: rnd(3),
      created: rnd(2),
      restarts: [rnd(2)],
      ...(rnd(4) === 0 ? { deleted: 100 + rnd(2) } : {}),
    }));
    runs.push({ cmd: rnd(2) === 0 ? 'logs' : 'exec', minor: [27, 28, 32, 36][rnd(4)] as number, pods });
  }
  const cases: SortCase[] = runs.map(({ cmd, minor, pods }) => cmd === 'logs'
    ? { keys: ranks(pods, byLogging(version(minor))), reverse: false }
    : { keys: ranks(pods, activePods(version(minor))), reverse: true });
  const expected = goSortOracle(cases);
  runs.forEach(({ cmd, minor, pods }, i) => {
    const got = names(pickPod(cmd, pods, version(minor)).ordered);
    const want = (expected[i] as number[]).map((j) => pods[j]?.metadata?.name ?? '');
    assert.deepEqual(got, want, `seed ${seed} (rerun with WHOSELECTS_PICK_SEED=${seed}), run ${i}: ${cmd} kubectl 1.${minor}, ${pods.length} pods`);
  });
});

test('a pod named directly is used as is, in any state', () => {
  const p = podNamedDirectly('port-forward', pod('x', { phase: 'Pending', ready: false }), V34);
  assert.equal(p.chosen?.metadata?.name, 'x');
  assert.match(p.afterPick ?? '', /not running/);
});

test('versions outside the modelled range are clamped and noted', () => {
  const p = pickPod('logs', [pod('a')], version(24));
  assert.ok(p.notes.some((n) => /older than the oldest modelled/.test(n)));
});
