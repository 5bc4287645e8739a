// Gathering what the reads returned into one Snapshot: objects deduplicated (the same pod
// can come from several selector lists), failed reads kept as gaps, and `known` holding the
// kinds whose reads were complete for what the query needs.

import { snapshotBuilder, type SnapshotBuilder } from '../../core/snapshot-builder.ts';
import { KINDS, type Kind, type ReadGap, type Snapshot } from '../../core/snapshot.ts';
import type { KubeObject } from '../../core/types.ts';
import type { TransportError } from './client.ts';
import type { Read } from './errors.ts';

export interface Collector {
  builder: SnapshotBuilder;
  /** The snapshot being built. */
  snapshot: Snapshot;
  /** Kinds read completely at least once (a list without selector, or slices by service name). */
  complete: Set<Kind>;
  failed: Set<Kind>;
  /** Namespaces (or "*" for all) whose pods were listed without a selector. */
  allPods: Set<string>;
  /** Reads that returned an answer, and the first that did not (for a run that read nothing). */
  succeeded: number;
  firstFailure: { read: Read; failure: { status: number; body: unknown } | TransportError } | null;
  /** Every read that returned no answer, in the order they failed. */
  failures: { read: Read; failure: { status: number; body: unknown } | TransportError }[];
}

export function newCollector(defaultNamespace: string): Collector {
  const builder = snapshotBuilder('live', defaultNamespace);
  return { builder, snapshot: builder.snapshot, complete: new Set(), failed: new Set(), allPods: new Set(), succeeded: 0, firstFailure: null, failures: [] };
}

/** The same pod can come from several selector lists: kept once, the later read being the fresher. */
export function addObjects(c: Collector, kind: Kind, objects: KubeObject[]): void {
  c.builder.putAll(kind, objects);
}

export function addGap(c: Collector, kind: Kind, gap: ReadGap): void {
  c.failed.add(kind);
  c.builder.gap(gap);
}

/** The snapshot with `known` filled: kinds read completely, and never failed. */
export function finish(c: Collector): Snapshot {
  return c.builder.finish(KINDS.filter((k) => c.complete.has(k) && !c.failed.has(k)));
}
