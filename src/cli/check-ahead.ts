// `check` against a live cluster: a namespace is checked as soon as every list has read it,
// one namespace per turn of the event loop (so the pages still arriving are read between
// them), while the API server prepares the rest. What was checked ahead counts only when the
// source says its snapshot holds those namespaces as they were told; otherwise, and for
// every namespace not reached in time, the check is made from the finished snapshot.

import { checkRun, type CheckQuery, type CheckRun } from '../core/check.ts';
import type { Snapshot } from '../core/snapshot.ts';
import type { NamespaceWhole } from '../sources/live/whole-namespaces.ts';
import type { SourceResult } from '../sources/result.ts';

export interface CheckAhead {
  /** For the live source. */
  onNamespaceWhole: NamespaceWhole;
  /** Stops checking ahead; the run to report from (a new one when nothing told ahead holds). */
  finish(loaded: SourceResult): Promise<CheckRun>;
}

export function checkAhead(query: Promise<CheckQuery>, now: Date): CheckAhead {
  const queue: { s: Snapshot; namespace: string }[] = [];
  let run: CheckRun | null = null;
  let stopped = false;
  let scheduled = false;
  let failed = false;

  const step = (): void => {
    scheduled = false;
    if (stopped || !run) return;
    const next = queue.shift();
    if (!next) return;
    try {
      run.add(next.s, [next.namespace]);
    } catch {
      // Checked again from the finished snapshot, where the same failure is reported.
      failed = true;
      stopped = true;
      return;
    }
    schedule();
  };
  const schedule = (): void => {
    if (scheduled || stopped || !run || queue.length === 0) return;
    scheduled = true;
    setImmediate(step);
  };
  // Until the query is known (the kubectl version to model), namespaces wait in the queue.
  query.then((q) => {
    run = checkRun(q, now);
    schedule();
  }, () => {
    stopped = true; // finish reports it
  });

  return {
    onNamespaceWhole(s, namespace) {
      if (stopped) return;
      queue.push({ s, namespace });
      schedule();
    },
    async finish(loaded) {
      stopped = true;
      const q = await query;
      const left = queue.splice(0);
      if (!run || failed || loaded.toldAhead !== true) return checkRun(q, now);
      try {
        // The namespaces told last (the last page tells every one left) are checked from their
        // own snapshots too: smaller than the whole one, whose indexes no namespace then needs.
        for (const { s, namespace } of left) run.add(s, [namespace]);
      } catch {
        return checkRun(q, now);
      }
      return run;
    },
  };
}
