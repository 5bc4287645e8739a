// kubectl's two pod orderings (k8s.io/kubectl pkg/util/podutils: ByLogging, ActivePods),
// as ordered lists of keys. Each key is one numbered step of the upstream Less; Less is
// the first key that separates two pods. Checked against release-1.27 … release-1.36:
//   - ByLogging is the same in every release except the sidecar restart element (1.32+).
//   - ActivePods gained the two deletion keys in 1.28 and the sidecar element in 1.32.
// Phase ranks are Go map lookups, so a phase missing from the map ranks 0.

import type { Pod } from '../types.ts';
import { atLeast, type KubectlVersion } from './version.ts';

/** A metav1.Time as kubectl compares it: whole seconds, or null for the zero time. */
export type Seconds = number | null;

/** Go's zero time, 0001-01-01T00:00:00Z, which metav1.Time.IsZero treats as unset. */
const GO_ZERO_TIME_MS = -62135596800000;

/** Parses an RFC 3339 timestamp to whole seconds; absent, unparseable or Go's zero time is null. */
export function seconds(t: string | null | undefined): Seconds {
  if (t === null || t === undefined || t === '') return null;
  // Sorting compares the same timestamps again and again: parse each once (a bounded cache).
  const known = parsed.get(t);
  if (known !== undefined) return known;
  const ms = Date.parse(t);
  const value = Number.isNaN(ms) || ms === GO_ZERO_TIME_MS ? null : Math.floor(ms / 1000);
  if (parsed.size >= 4096) parsed.clear();
  parsed.set(t, value);
  return value;
}

const parsed = new Map<string, Seconds>();

export function formatSeconds(s: Seconds): string {
  return s === null ? '(zero time)' : new Date(s * 1000).toISOString().replace('.000Z', 'Z');
}

/** IsPodReady: the *first* condition of type Ready has status True. */
export function podReady(p: Pod): boolean {
  return p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** podReadyTime: the first Ready condition whose status is True, else the zero time. */
export function podReadyTime(p: Pod): Seconds {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
  return c ? seconds(c.lastTransitionTime) : null;
}

export function creationTime(p: Pod): Seconds {
  return seconds(p.metadata?.creationTimestamp);
}

/** A pod is deleting when deletionTimestamp is set at all (Go: pointer != nil). */
export function podDeleting(p: Pod): boolean {
  const d = p.metadata?.deletionTimestamp;
  return d !== undefined && d !== null;
}

export function deletionTime(p: Pod): Seconds {
  return seconds(p.metadata?.deletionTimestamp);
}

function assigned(p: Pod): boolean {
  return (p.spec?.nodeName ?? '') !== '';
}

function phaseOf(p: Pod): string {
  return p.status?.phase ?? '';
}

/** ByLogging's phase map: Running 0, Unknown 1, Pending 2; anything else 0 (like Running). */
export function loggingPhaseRank(phase: string): number {
  return ({ Running: 0, Unknown: 1, Pending: 2 } as Record<string, number>)[phase] ?? 0;
}

/** ActivePods' phase map: Pending 0, Unknown 1, Running 2; anything else 0 (like Pending). */
export function activePhaseRank(phase: string): number {
  return ({ Pending: 0, Unknown: 1, Running: 2 } as Record<string, number>)[phase] ?? 0;
}

export interface Restarts {
  /** Max restartCount over status.containerStatuses (0 when none). */
  regular: number;
  /** Max restartCount over initContainerStatuses of restartPolicy: Always init containers; 0 before 1.32. */
  sidecar: number;
}

export function maxRestarts(p: Pod, v: KubectlVersion): Restarts {
  return { regular: regularRestarts(p), sidecar: sidecarRestarts(p, v) };
}

/** Max restartCount over status.containerStatuses (0 when none). */
function regularRestarts(p: Pod): number {
  let regular = 0;
  for (const c of p.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  return regular;
}

/**
 * Max restartCount over the statuses of restartPolicy: Always init containers (1.32+). Asked
 * on every comparison of a sort: loops over the few containers, nothing allocated.
 */
function sidecarRestarts(p: Pod, v: KubectlVersion): number {
  if (!atLeast(v, 32)) return 0;
  const statuses = p.status?.initContainerStatuses;
  const inits = p.spec?.initContainers;
  if (!statuses || !inits) return 0;
  let sidecar = 0;
  for (const c of statuses) {
    if (inits.some((i) => i.restartPolicy === 'Always' && i.name === c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  }
  return sidecar;
}

/** Go's afterOrZero(t1, t2): t1 is after t2, a zero time counting as after any other. */
function afterOrZero(t1: Seconds, t2: Seconds): boolean {
  if (t1 === null || t2 === null) return t1 === null;
  return t1 > t2;
}

/** -1 when the first argument sorts first, 1 when the second does, 0 when this step cannot tell. */
function order(firstWins: boolean, secondWins: boolean): number {
  return firstWins ? -1 : secondWins ? 1 : 0;
}

export interface OrderKey {
  /** Short stable name: assigned, phase, ready, deleting, deletionTime, readyTime, restarts, created. */
  name: string;
  /** This step of the upstream Less: negative when a sorts before b, positive after, 0 when it does not decide. */
  compare(a: Pod, b: Pod): number;
  /**
   * Plain words on why `chosen` beat `other` on this key, where `chosen` is the pod kubectl
   * prefers (first after its sort: ByLogging as is, ActivePods after sort.Reverse).
   */
  because(chosen: Pod, other: Pod): string;
}

function nameOf(p: Pod): string {
  return `pod/${p.metadata?.name ?? '(unnamed)'}`;
}

function phaseWords(p: Pod): string {
  return phaseOf(p) === '' ? 'no phase' : phaseOf(p);
}

function readySince(p: Pod): string {
  const t = podReadyTime(p);
  return t === null ? 'with no lastTransitionTime' : `since ${formatSeconds(t)}`;
}

function restartWords(chosen: Pod, other: Pod, v: KubectlVersion, more: boolean): string {
  const a = maxRestarts(chosen, v);
  const b = maxRestarts(other, v);
  const dir = more ? 'more' : 'fewer';
  if (a.regular !== b.regular) return `${dir} container restarts (${a.regular} vs ${b.regular} for ${nameOf(other)})`;
  return `same container restarts (${a.regular}), ${dir} sidecar restarts (${a.sidecar} vs ${b.sidecar} for ${nameOf(other)})`;
}

function compareRestarts(a: Pod, b: Pod, v: KubectlVersion): number {
  // compareMaxContainerRestarts: higher restart counts sort first in both orderings.
  const ra = regularRestarts(a);
  const rb = regularRestarts(b);
  if (ra !== rb) return ra > rb ? -1 : 1;
  const sa = sidecarRestarts(a, v);
  const sb = sidecarRestarts(b, v);
  if (sa !== sb) return sa > sb ? -1 : 1;
  return 0;
}

// The last three steps are the same in both orderings, in opposite directions: ByLogging puts
// the pod it picks first, ActivePods (sorted in reverse) last.

/** Both ready: longest ready first (`longestFirst`), else the other way round; a zero time goes after, or before. */
function readyTimeKey(longestFirst: boolean): OrderKey {
  return {
    name: 'readyTime',
    compare: (a, b) => {
      if (!podReady(a) || !podReady(b)) return 0;
      const ta = podReadyTime(a);
      const tb = podReadyTime(b);
      if (ta === tb) return 0;
      return (longestFirst ? afterOrZero(tb, ta) : afterOrZero(ta, tb)) ? -1 : 1;
    },
    because: (c, o) => `Ready, and ready the longest (${readySince(c)}; ${nameOf(o)} ${readySince(o)})`,
  };
}

/** More restarts first in both orderings; the words say more (logs) or fewer (the reversed ones). */
function restartsKey(v: KubectlVersion, more: boolean): OrderKey {
  return { name: 'restarts', compare: (a, b) => compareRestarts(a, b, v), because: (c, o) => restartWords(c, o, v, more) };
}

/** Oldest first (`oldestFirst`), else the other way round; a zero creationTimestamp goes after, or before. */
function createdKey(oldestFirst: boolean): OrderKey {
  return {
    name: 'created',
    compare: (a, b) => {
      const ca = creationTime(a);
      const cb = creationTime(b);
      if (ca === cb) return 0;
      return (oldestFirst ? afterOrZero(cb, ca) : afterOrZero(ca, cb)) ? -1 : 1;
    },
    because: (c, o) => `older (created ${formatSeconds(creationTime(c))}; ${nameOf(o)} ${formatSeconds(creationTime(o))})`,
  };
}

/** ByLogging's steps in order (kubectl logs TYPE/NAME; not reversed, first pod wins). */
export function loggingKeys(v: KubectlVersion): OrderKey[] {
  return [
    {
      name: 'assigned',
      // 1. assigned < unassigned
      compare: (a, b) => order(assigned(a) && !assigned(b), assigned(b) && !assigned(a)),
      because: (_c, o) => `assigned to a node (${nameOf(o)} is not scheduled)`,
    },
    {
      name: 'phase',
      // 2. Running < Unknown < Pending, through a map: Succeeded, Failed and "" rank as Running
      compare: (a, b) => Math.sign(loggingPhaseRank(phaseOf(a)) - loggingPhaseRank(phaseOf(b))),
      because: (c, o) => {
        const odd = loggingPhaseRank(phaseOf(c)) === 0 && phaseOf(c) !== 'Running' ? ' (phases missing from kubectl\'s map rank like Running)' : '';
        return `phase ${phaseWords(c)} ranks ahead of ${phaseWords(o)} for logs${odd}`;
      },
    },
    {
      name: 'ready',
      // 3. ready < not ready
      compare: (a, b) => order(podReady(a) && !podReady(b), podReady(b) && !podReady(a)),
      because: (_c, o) => `Ready (${nameOf(o)} is not)`,
    },
    // 4. both ready: ready longer < ready shorter < zero time
    readyTimeKey(true),
    // 5. more restarts < fewer restarts
    restartsKey(v, true),
    // 6. older < newer < zero creationTimestamp
    createdKey(true),
  ];
}

/**
 * ActivePods' steps in order. ActivePods sorts the best *deletion candidate* first;
 * exec, attach and port-forward sort with sort.Reverse and take the first pod, so the
 * `because` texts describe the pod that sorts *last* here.
 */
export function activePodsKeys(v: KubectlVersion): OrderKey[] {
  const keys: OrderKey[] = [
    {
      name: 'assigned',
      // 1. unassigned < assigned
      compare: (a, b) => order(!assigned(a) && assigned(b), !assigned(b) && assigned(a)),
      because: (_c, o) => `assigned to a node (${nameOf(o)} is not scheduled)`,
    },
    {
      name: 'phase',
      // 2. Pending < Unknown < Running, through a map: Succeeded, Failed and "" rank as Pending
      compare: (a, b) => Math.sign(activePhaseRank(phaseOf(a)) - activePhaseRank(phaseOf(b))),
      because: (c, o) => {
        const odd = activePhaseRank(phaseOf(o)) === 0 && phaseOf(o) !== 'Pending' ? ' (phases missing from kubectl\'s map rank like Pending)' : '';
        return `phase ${phaseWords(c)} ranks ahead of ${phaseWords(o)}${odd}`;
      },
    },
    {
      name: 'ready',
      // 3. not ready < ready
      compare: (a, b) => order(!podReady(a) && podReady(b), !podReady(b) && podReady(a)),
      because: (_c, o) => `Ready (${nameOf(o)} is not)`,
    },
  ];
  if (atLeast(v, 28)) {
    keys.push(
      {
        name: 'deleting',
        // 4. deleting < not deleting (1.28+)
        compare: (a, b) => order(podDeleting(a) && !podDeleting(b), podDeleting(b) && !podDeleting(a)),
        because: (_c, o) => `not terminating (${nameOf(o)} has a deletionTimestamp)`,
      },
      {
        name: 'deletionTime',
        // 5. both deleting: older deletionTimestamp < newer (1.28+)
        compare: (a, b) => {
          if (!podDeleting(a) || !podDeleting(b)) return 0;
          const da = deletionTime(a) ?? Number.NEGATIVE_INFINITY;
          const db = deletionTime(b) ?? Number.NEGATIVE_INFINITY;
          return da === db ? 0 : da < db ? -1 : 1;
        },
        because: (c, o) => `terminating too, but deleted most recently (deletionTimestamp ${formatSeconds(deletionTime(c))}; ${nameOf(o)} ${formatSeconds(deletionTime(o))})`,
      },
    );
  }
  keys.push(
    // 6. both ready: zero time < ready shorter < ready longer
    readyTimeKey(false),
    // 7. more restarts < fewer restarts
    restartsKey(v, false),
    // 8. zero creationTimestamp < newer < older
    createdKey(false),
  );
  return keys;
}

/** Less over keys: the first key that separates the two pods. */
export function lessFromKeys(keys: readonly OrderKey[]): (a: Pod, b: Pod) => boolean {
  return (a, b) => {
    for (const k of keys) {
      const c = k.compare(a, b);
      if (c !== 0) return c < 0;
    }
    return false;
  };
}

/** podutils.ByLogging's Less for kubectl version v. */
export function byLogging(v: KubectlVersion): (a: Pod, b: Pod) => boolean {
  return lessFromKeys(loggingKeys(v));
}

/** podutils.ActivePods' Less for kubectl version v (not reversed). */
export function activePods(v: KubectlVersion): (a: Pod, b: Pod) => boolean {
  return lessFromKeys(activePodsKeys(v));
}
