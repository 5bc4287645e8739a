// Which pod `kubectl logs|exec|attach|port-forward TYPE/NAME` uses (semantics §1.1–1.3),
// modelled on polymorphichelpers (logsForObjectWithClient, attachablePodForObject,
// GetPodList/GetFirstPod) and the commands' own checks after the choice.

import type { Pod } from '../types.ts';
import type { PodCommand } from './command.ts';
import { goSorted, INSERTION_SORT_MAX, reversed } from './gosort.ts';
import { activePodsKeys, lessFromKeys, loggingKeys, type OrderKey } from './podutils.ts';
import { atLeast, modelledVersion, type KubectlVersion } from './version.ts';

export { SELECTOR_KINDS, selectorErrorFor, kubectlPodSelector } from './selectors.ts';

export type { PodCommand } from './command.ts';

/** --pod-running-timeout defaults (logs.go, exec.go, attach.go, portforward.go). */
export const DEFAULT_POD_RUNNING_TIMEOUT: Readonly<Record<PodCommand, number>> = {
  logs: 20, exec: 60, attach: 60, 'port-forward': 60,
};

export interface PickOptions {
  /** --pod-running-timeout in seconds; must be > 0. */
  podRunningTimeoutSeconds?: number;
  /** logs --all-pods (kubectl 1.31+). */
  allPods?: boolean;
}

export interface PodPick {
  command: PodCommand;
  /** The pod kubectl uses; null when no pod matched (then kubectl waits, see waits) or on error. */
  chosen: Pod | null;
  /** How many pods the List returned. */
  total: number;
  /** All pods in kubectl's sorted order (ByLogging, or Reverse(ActivePods)). */
  ordered: Pod[];
  /** Plain words: the key that separated the chosen pod from the runner-up. */
  decidedBy: string;
  /** Pods equal to the chosen one on every key. */
  tieWith: Pod[];
  /** True when a different List order could have changed the choice. */
  orderDependent: boolean;
  /** Zero pods: kubectl watches for the first pod to appear (any phase) until the timeout. */
  waits: null | { timeoutSeconds: number; note: string };
  /** kubectl's own error after choosing (exact text, printed after "error: "). */
  afterPick: string | null;
  /** logs with more than one pod and no --all-pods: the stderr line kubectl prints. */
  foundLine: string | null;
  /** The pods whose logs are read: [chosen], or with --all-pods every pod (second List, ByLogging order). */
  targets: Pod[];
  /** kubectl's error before any pod is looked at (flag validation), exact text. */
  error: string | null;
  /** Further things worth saying (version clamped, random stream order, …). */
  notes: string[];
}

function nameOf(p: Pod): string {
  return p.metadata?.name ?? '';
}

/** The ordering kubectl uses for the command, as keys in kubectl's sort direction. */
export function pickKeys(command: PodCommand, v: KubectlVersion): { keys: OrderKey[]; less: (a: Pod, b: Pod) => boolean } {
  if (command === 'logs') {
    const keys = loggingKeys(v);
    return { keys, less: lessFromKeys(keys) };
  }
  const keys = activePodsKeys(v);
  // sort.Reverse(ActivePods): every key's direction flips.
  const flipped = keys.map((k) => ({ ...k, compare: (a: Pod, b: Pod) => k.compare(b, a) }));
  return { keys: flipped, less: reversed(lessFromKeys(keys)) };
}

/** kubectl's check on the chosen pod (exec.go, attach.go: Run; portforward.go: RunPortForwardContext). */
export function afterPickError(command: PodCommand, pod: Pod): string | null {
  const phase = pod.status?.phase ?? '';
  switch (command) {
    case 'exec':
      return phase === 'Succeeded' || phase === 'Failed' ? `cannot exec into a container in a completed pod; current phase is ${phase}` : null;
    case 'attach':
      return phase === 'Succeeded' || phase === 'Failed' ? `cannot attach a container in a completed pod; current phase is ${phase}` : null;
    case 'port-forward':
      return phase !== 'Running' ? `unable to forward port because pod is not running. Current status=${phase}` : null;
    case 'logs':
      return null;
  }
}

function flagError(command: PodCommand, v: KubectlVersion, opts: PickOptions): string | null {
  if (opts.allPods && (command !== 'logs' || !atLeast(v, 31))) return 'unknown flag: --all-pods';
  if (opts.podRunningTimeoutSeconds !== undefined && !(opts.podRunningTimeoutSeconds > 0)) return '--pod-running-timeout must be higher than zero';
  return null;
}

function explain(keys: readonly OrderKey[], chosen: Pod, runnerUp: Pod, total: number): string {
  for (const k of keys) {
    if (k.compare(chosen, runnerUp) !== 0) return k.because(chosen, runnerUp);
  }
  return total <= INSERTION_SORT_MAX
    ? `tie on every key with pod/${nameOf(runnerUp)}: decided by list order (insertion sort keeps the List order for up to ${INSERTION_SORT_MAX} pods)`
    : `tie on every key with pod/${nameOf(runnerUp)}: decided by Go's unstable sort (pdqsort) over the List order, ${total} pods`;
}

/**
 * Predicts kubectl's pod for `kubectl COMMAND TYPE/NAME`, given the pods matching the
 * object's selector in the object's namespace, in API List order (all phases, terminating
 * and terminal pods included: kubectl filters nothing).
 */
export function pickPod(command: PodCommand, pods: readonly Pod[], version: KubectlVersion, opts: PickOptions = {}): PodPick {
  const { version: v, note } = modelledVersion(version);
  const notes: string[] = note ? [note] : [];
  const base: PodPick = {
    command, chosen: null, total: pods.length, ordered: [], decidedBy: '', tieWith: [], orderDependent: false,
    waits: null, afterPick: null, foundLine: null, targets: [], error: null, notes,
  };
  const error = flagError(command, v, opts);
  if (error) return { ...base, error, decidedBy: 'kubectl stops before listing pods' };

  if (pods.length === 0) {
    const timeoutSeconds = opts.podRunningTimeoutSeconds ?? DEFAULT_POD_RUNNING_TIMEOUT[command];
    return {
      ...base,
      decidedBy: 'no pod matches yet: kubectl takes the first pod the watch reports',
      waits: {
        timeoutSeconds,
        note: `kubectl watches for the first matching pod to be added or modified, in any phase (not necessarily Running or Ready), for up to ${timeoutSeconds}s; then it fails with "timed out waiting for the condition"`,
      },
    };
  }

  const { keys, less } = pickKeys(command, v);
  const ordered = goSorted(pods, less);
  const chosen = ordered[0] as Pod;
  const tieWith = ordered.filter((p) => p !== chosen && !less(chosen, p) && !less(p, chosen));
  const decidedBy = ordered.length === 1 ? 'the only pod matching the selector' : explain(keys, chosen, ordered[1] as Pod, ordered.length);

  const allPods = command === 'logs' && opts.allPods === true;
  let targets = [chosen];
  let foundLine: string | null = null;
  if (command === 'logs' && pods.length > 1) {
    if (allPods) {
      targets = ordered;
      notes.push('--all-pods: kubectl lists the pods again (a second, independent List) and reads every one; streams are collected in a Go map, so their output order is random');
    } else {
      foundLine = `Found ${pods.length} pods, using pod/${nameOf(chosen)}`;
    }
  }
  if (tieWith.length > 0 && pods.length > INSERTION_SORT_MAX) {
    notes.push(`more than ${INSERTION_SORT_MAX} pods: Go's sort is not stable, so among tied pods the choice follows pdqsort's moves over this List order`);
  }

  return {
    ...base,
    chosen,
    ordered,
    decidedBy,
    tieWith,
    orderDependent: tieWith.length > 0 && !allPods,
    afterPick: afterPickError(command, chosen),
    foundLine,
    targets,
  };
}

/** `kubectl COMMAND pod/NAME` (or a bare NAME): the pod is used as it is, whatever its state. */
export function podNamedDirectly(command: PodCommand, pod: Pod, version: KubectlVersion): PodPick {
  const { note } = modelledVersion(version);
  return {
    command, chosen: pod, total: 1, ordered: [pod], decidedBy: 'named directly: no selector and no ordering', tieWith: [],
    orderDependent: false, waits: null, afterPick: afterPickError(command, pod), foundLine: null, targets: [pod], error: null,
    notes: note ? [note] : [],
  };
}
