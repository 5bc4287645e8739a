// The one event vocabulary every source speaks (live list+watch, replayed logs), and
// the reducer that folds events into a Snapshot. Applying the same list twice gives
// the same snapshot; nothing here reads the clock: every event carries its time.

import { objectKey as key } from './snapshot-builder.ts';
import type { Kind, ReadGap, Snapshot } from './snapshot.ts';
import type { KubeObject } from './types.ts';

export type SourceEvent =
  /** A full list of one kind (in one namespace, or cluster-wide): replaces what was known of it. */
  | { type: 'sync'; at: string; kind: Kind; namespace: string | null; objects: KubeObject[]; resourceVersion?: string }
  | { type: 'upsert'; at: string; kind: Kind; object: KubeObject }
  | { type: 'delete'; at: string; kind: Kind; object: KubeObject }
  /** The source's own health: connected, retrying, stale since, forbidden, relisted after 410. */
  | { type: 'status'; at: string; state: SourceState; kind: Kind | null; message: string };

export type SourceState = 'connected' | 'retrying' | 'stale' | 'forbidden' | 'relisted' | 'bookmark';

function withGap(s: Snapshot, gap: ReadGap | null, kind: Kind): ReadGap[] {
  const rest = s.gaps.filter((g) => g.kind !== kind);
  return gap ? [...rest, gap] : rest;
}

/** Folds one event into a snapshot; returns a new snapshot (the input is not changed). */
export function apply(s: Snapshot, e: SourceEvent): Snapshot {
  switch (e.type) {
    case 'sync': {
      const list = (s.objects[e.kind] as KubeObject[]).filter((o) => e.namespace !== null && (o.metadata?.namespace ?? '') !== e.namespace);
      const objects = { ...s.objects, [e.kind]: [...list, ...e.objects] };
      const known = s.known.includes(e.kind) ? s.known : [...s.known, e.kind];
      return { ...s, objects, known, gaps: withGap(s, null, e.kind) };
    }
    case 'upsert': {
      const k = key(e.object);
      const list = s.objects[e.kind] as KubeObject[];
      const i = list.findIndex((o) => key(o) === k);
      const next = i < 0 ? [...list, e.object] : list.map((o, j) => (j === i ? e.object : o));
      return { ...s, objects: { ...s.objects, [e.kind]: next } };
    }
    case 'delete': {
      const k = key(e.object);
      return { ...s, objects: { ...s.objects, [e.kind]: (s.objects[e.kind] as KubeObject[]).filter((o) => key(o) !== k) } };
    }
    case 'status': {
      if (e.state === 'forbidden' && e.kind) return { ...s, gaps: withGap(s, { kind: e.kind, reason: 'forbidden', message: e.message }, e.kind) };
      return s;
    }
  }
}

export function applyAll(s: Snapshot, events: SourceEvent[]): Snapshot {
  return events.reduce(apply, s);
}
