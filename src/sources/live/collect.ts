// Gathering what the reads returned into one Snapshot: objects deduplicated (the same pod
// can come from several selector lists), failed reads kept as gaps, and `known` holding the
// kinds whose reads were complete for what the query needs.

import { emptySnapshot, KINDS, type Kind, type ReadGap, type Snapshot } from '../../core/snapshot.ts';
import type { KubeObject } from '../../core/types.ts';
import type { TransportError } from './client.ts';
import type { Read } from './errors.ts';

export interface Collector {
  snapshot: Snapshot;
  /** Kinds read completely at least once (a list without selector, or slices by service name). */
  complete: Set<Kind>;
  failed: Set<Kind>;
  /** Namespaces (or "*" for all) whose pods were listed without a selector. */
  allPods: Set<string>;
  seen: Map<string, number>;
  /** Reads that returned an answer, and the first that did not (for a run that read nothing). */
  succeeded: number;
  firstFailure: { read: Read; failure: { status: number; body: unknown } | TransportError } | null;
}

export function newCollector(defaultNamespace: string): Collector {
  return { snapshot: emptySnapshot('live', defaultNamespace), complete: new Set(), failed: new Set(), allPods: new Set(), seen: new Map(), succeeded: 0, firstFailure: null };
}

function keyOf(kind: Kind, o: KubeObject): string {
  return `${kind}\u0000${o.metadata?.namespace ?? ''}\u0000${o.metadata?.name ?? ''}`;
}

export function addObjects(c: Collector, kind: Kind, objects: KubeObject[]): void {
  const list = c.snapshot.objects[kind] as KubeObject[];
  for (const o of objects) {
    const key = keyOf(kind, o);
    const at = c.seen.get(key);
    if (at === undefined) {
      c.seen.set(key, list.length);
      list.push(o);
    } else {
      list[at] = o; // the later read is the fresher one
    }
  }
}

export function addGap(c: Collector, kind: Kind, gap: ReadGap): void {
  c.failed.add(kind);
  c.snapshot.gaps.push(gap);
}

/** The snapshot with `known` filled: kinds read completely, and never failed. */
export function finish(c: Collector): Snapshot {
  c.snapshot.known = KINDS.filter((k) => c.complete.has(k) && !c.failed.has(k));
  return c.snapshot;
}
