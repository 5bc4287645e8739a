// The one way a source assembles a Snapshot from what it read: objects keyed by kind,
// namespace and name (the same object read twice is kept once, the later read winning, in
// the place it was first seen), gaps for reads that failed, and `known` as the source
// decides it (live: kinds read completely; manifests: what manifests can vouch for).
// Watch mode folds SourceEvents with apply() (events.ts), which keys objects the same way.

import { emptySnapshot, type Kind, type Origin, type ReadGap, type Snapshot } from './snapshot.ts';
import type { KubeObject } from './types.ts';

/** The identity of an object within its kind: namespace and name. */
export function objectKey(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

export interface SnapshotBuilder {
  /** The snapshot so far (objects in the order first seen). */
  readonly snapshot: Snapshot;
  /** Adds an object, or replaces the one of the same kind, namespace and name; true when it replaced one. */
  put(kind: Kind, o: KubeObject): boolean;
  gap(g: ReadGap): void;
  /** The snapshot with the kinds the source vouches for as complete. */
  finish(known: readonly Kind[]): Snapshot;
}

export function snapshotBuilder(origin: Origin, defaultNamespace: string): SnapshotBuilder {
  const snapshot = emptySnapshot(origin, defaultNamespace);
  const index = new Map<string, number>();
  return {
    snapshot,
    put(kind, o) {
      const list = snapshot.objects[kind] as KubeObject[];
      const key = `${kind}\u0000${objectKey(o)}`;
      const at = index.get(key);
      if (at !== undefined) {
        list[at] = o;
        return true;
      }
      index.set(key, list.length);
      list.push(o);
      return false;
    },
    gap(g) {
      snapshot.gaps.push(g);
    },
    finish(known) {
      snapshot.known = [...known];
      return snapshot;
    },
  };
}
