// The one way a source assembles a Snapshot from what it read: objects keyed by kind,
// namespace and name (the same object read twice is kept once, the later read winning, in
// the place it was first seen), gaps for reads that failed, and `known` as the source
// decides it (live: kinds read completely; manifests: what manifests can vouch for).
// Watch mode folds SourceEvents with apply() (events.ts), which keys objects the same way.
//
// What is derived from a list (indexes, memos) is kept by the list's identity and length, so
// a list must not be edited in place once something has been worked out from it. put replaces
// in place: for a source that analyses nothing before it is done (manifests). putAll is for
// one that works out what to read next from what it has read (live): a batch that replaces
// any object puts the kind's objects in a new list, once per batch.

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
  /** Adds or replaces each object; when one replaces another, the kind's list is a new one. */
  putAll(kind: Kind, objects: readonly KubeObject[]): void;
  gap(g: ReadGap): void;
  /** The snapshot with the kinds the source vouches for as complete. */
  finish(known: readonly Kind[]): Snapshot;
}

export function snapshotBuilder(origin: Origin, defaultNamespace: string): SnapshotBuilder {
  const snapshot = emptySnapshot(origin, defaultNamespace);
  const index = new Map<string, number>();
  /** Appends an object new to its kind's list; for one already there, its place in the list. */
  const placeOf = (kind: Kind, list: KubeObject[], o: KubeObject): number | undefined => {
    const key = `${kind}\u0000${objectKey(o)}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, list.length);
      list.push(o);
    }
    return at;
  };
  return {
    snapshot,
    put(kind, o) {
      const list = snapshot.objects[kind] as KubeObject[];
      const at = placeOf(kind, list, o);
      if (at === undefined) return false;
      list[at] = o;
      return true;
    },
    putAll(kind, objects) {
      let list = snapshot.objects[kind] as KubeObject[];
      let copied = false;
      for (const o of objects) {
        const at = placeOf(kind, list, o);
        if (at === undefined) continue;
        if (!copied) {
          list = list.slice();
          (snapshot.objects as Record<Kind, KubeObject[]>)[kind] = list;
          copied = true;
        }
        list[at] = o;
      }
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
