// `kubectl logs -l SELECTOR` (semantics §1.6, trap 6): no SelectorsForObject, no
// sorting, no waiting. kubectl LISTs pods and reads every one of them, any phase, with
// --tail defaulting to 10; the streams land in a Go map, so their order is random.
// Also the --max-log-requests check shared with TYPE/NAME --all-pods.

import type { Pod } from '../types.ts';

/** --tail's default when -l is used and --tail is not set (logs.go: selectorTail). */
export const SELECTOR_TAIL = 10;

/** --max-log-requests default. */
export const DEFAULT_MAX_LOG_REQUESTS = 5;

export interface SelectorLogs {
  /** Every listed pod, in List order (kubectl does not sort them). */
  targets: Pod[];
  /** Lines per container kubectl asks for; null = all (an explicit --tail=-1). */
  tailLines: number | null;
  /** What kubectl prints on stderr when nothing matched. */
  noResourcesLine: string | null;
  note: string;
}

export interface SelectorLogsOptions {
  /** --tail as given; undefined when not set on the command line. */
  tail?: number;
}

export function logsBySelector(pods: readonly Pod[], namespace: string, opts: SelectorLogsOptions = {}): SelectorLogs {
  const tailLines = opts.tail === undefined ? SELECTOR_TAIL : opts.tail === -1 ? null : opts.tail;
  return {
    targets: pods.slice(),
    tailLines,
    noResourcesLine: pods.length === 0 ? `No resources found in ${namespace} namespace.` : null,
    note: 'kubectl logs -l reads every matching pod (terminal and terminating ones too), without sorting or waiting; without -f the streams are read one after another in random (Go map) order',
  };
}

/** The follow-concurrency error (logs.go: RunLogs): only with -f and more than one stream. */
export function followLimitError(streams: number, follow: boolean, maxLogRequests = DEFAULT_MAX_LOG_REQUESTS): string | null {
  if (!follow || streams <= 1 || streams <= maxLogRequests) return null;
  return `you are attempting to follow ${streams} log streams, but maximum allowed concurrency is ${maxLogRequests}, use --max-log-requests to increase the limit`;
}
