// Indexes over a snapshot's object lists, the way client-go's Indexer keys a cache: by
// namespace, by namespace/name, and (for pods) by label key and key=value. Each is built
// once per list and shared by every target of `check` and every view of one report, so
// answering a selector costs the pods it could match, not every pod of the namespace.
//
// Snapshots are values: sources and events build new lists rather than edit old ones.
// An index remembers the length of the list it was built from and is rebuilt if a list
// grew or shrank in place (a loader still appending); lists must not be edited otherwise
// once analysed.

import { matches, type Selector } from './labels.ts';
import type { KubeObject, Pod } from './types.ts';

interface ListIndex {
  length: number;
  byNamespace: Map<string, KubeObject[]>;
  /**
   * namespace -> name -> the first object of that name, as Array.find would return it; built
   * on the first lookup by name (a list only ever walked by namespace builds none). Two maps, not
   * one keyed by both: a lookup makes no key string.
   */
  byName: Map<string, Map<string, KubeObject>> | null;
}

const EMPTY: readonly never[] = Object.freeze([]);
const lists = new WeakMap<readonly KubeObject[], ListIndex>();

/** The namespace an object lives in; an object without one counts as in "default", as everywhere in the core. */
function namespaceKey(o: KubeObject): string {
  return o.metadata?.namespace ?? 'default';
}

function listIndex(list: readonly KubeObject[]): ListIndex {
  const known = lists.get(list);
  if (known && known.length === list.length) return known;
  const byNamespace = new Map<string, KubeObject[]>();
  for (const o of list) {
    const ns = namespaceKey(o);
    const bucket = byNamespace.get(ns);
    if (bucket) bucket.push(o);
    else byNamespace.set(ns, [o]);
  }
  const index: ListIndex = { length: list.length, byNamespace, byName: null };
  lists.set(list, index);
  return index;
}

function namesOf(list: readonly KubeObject[]): Map<string, Map<string, KubeObject>> {
  const byName = new Map<string, Map<string, KubeObject>>();
  for (const o of list) {
    const ns = namespaceKey(o);
    let names = byName.get(ns);
    if (names === undefined) {
      names = new Map();
      byName.set(ns, names);
    }
    const name = o.metadata?.name ?? '';
    if (!names.has(name)) names.set(name, o);
  }
  return byName;
}

/** The objects of a namespace, in list order. Shared: callers must not modify it. */
export function objectsInNamespace<T extends KubeObject>(list: readonly T[], namespace: string): readonly T[] {
  return (listIndex(list).byNamespace.get(namespace) as T[] | undefined) ?? EMPTY;
}

/** The first object of that namespace and name. */
export function objectNamed<T extends KubeObject>(list: readonly T[], namespace: string, name: string): T | undefined {
  const index = listIndex(list);
  index.byName ??= namesOf(list);
  return index.byName.get(namespace)?.get(name) as T | undefined;
}

/** The namespaces the list has objects in, in order of first appearance. */
export function namespacesIn(list: readonly KubeObject[]): string[] {
  return [...listIndex(list).byNamespace.keys()];
}

// ---------------------------------------------------------------- labels

interface LabelIndex {
  /** label key -> label value -> objects carrying it, in list order. */
  byValue: Map<string, Map<unknown, KubeObject[]>>;
  /** label key -> objects carrying the key, in list order. */
  byKey: Map<string, KubeObject[]>;
  position: Map<KubeObject, number>;
}

const labelIndexes = new WeakMap<readonly KubeObject[], LabelIndex>();

function labelIndex(pods: readonly KubeObject[]): LabelIndex {
  const known = labelIndexes.get(pods);
  if (known) return known;
  const byValue = new Map<string, Map<unknown, KubeObject[]>>();
  const byKey = new Map<string, KubeObject[]>();
  const position = new Map<KubeObject, number>();
  pods.forEach((p, i) => {
    position.set(p, i);
    const labels = p.metadata?.labels;
    if (!labels) return;
    for (const key of Object.keys(labels)) {
      const value: unknown = labels[key];
      const withKey = byKey.get(key);
      if (withKey) withKey.push(p);
      else byKey.set(key, [p]);
      let values = byValue.get(key);
      if (!values) {
        values = new Map();
        byValue.set(key, values);
      }
      const same = values.get(value);
      if (same) same.push(p);
      else values.set(value, [p]);
    }
  });
  const index = { byValue, byKey, position };
  labelIndexes.set(pods, index);
  return index;
}

/**
 * The pods of a list (usually one namespace's bucket) a selector matches, in list order:
 * the same answer as `pods.filter((p) => matches(selector, p.metadata?.labels))`, read
 * from the label index. Candidates come from the requirement that admits the fewest
 * pods (key=value or key in (...), or key exists); each candidate is then checked against
 * the whole selector, so NotIn and DoesNotExist keep their meaning (a missing key matches).
 */
export function podsSelected<T extends KubeObject = Pod>(pods: readonly T[], selector: Selector): T[] {
  if (selector.kind === 'nothing') return [];
  if (selector.kind === 'everything') return [...pods];
  const index = labelIndex(pods);
  let best: KubeObject[][] | null = null;
  let bestSize = Infinity;
  for (const r of selector.requirements) {
    let lists: KubeObject[][];
    if (r.operator === 'Equals' || r.operator === 'In') {
      const values = index.byValue.get(r.key);
      lists = values ? [...new Set(r.values)].map((v) => values.get(v) ?? []).filter((l) => l.length > 0) : [];
    } else if (r.operator === 'Exists') {
      lists = [index.byKey.get(r.key) ?? []];
    } else {
      continue;
    }
    const size = lists.reduce((n, l) => n + l.length, 0);
    if (size < bestSize) {
      best = lists;
      bestSize = size;
      if (size === 0) return [];
    }
  }
  if (best === null) return pods.filter((p) => matches(selector, p.metadata?.labels));
  let candidates: T[];
  if (best.length === 1) candidates = best[0] as T[];
  else candidates = (best.flat() as T[]).sort((a, b) => (index.position.get(a) as number) - (index.position.get(b) as number));
  return candidates.filter((p) => matches(selector, p.metadata?.labels));
}

/** Pods of a namespace a selector matches, in list order. */
export function podsInNamespaceSelected(pods: readonly Pod[], namespace: string, selector: Selector): Pod[] {
  return podsSelected(objectsInNamespace(pods, namespace), selector);
}

// ---------------------------------------------------------------- memo per snapshot

/**
 * A place to keep what is derived from a snapshot's objects (the ownership graph, the
 * top-level workloads of a namespace, which PDBs match a pod...), built on first use and
 * kept while the lists are the same lists of the same lengths.
 */
export interface Memo {
  signature: { list: readonly KubeObject[]; length: number }[];
  values: Map<string, unknown>;
  /**
   * snapshotCache's caches by name (apart from `values`: no key is made per call), emptied by
   * releaseCaches; their keys, the few snapshots over these lists, are held as long as the memo.
   */
  snapshots: Map<string, Map<object, unknown>>;
  /** The same for caches that outlive releaseCaches (asked for across namespaces). */
  lasting: Map<string, WeakMap<object, unknown>>;
}

/** What snapshotCache keeps one cache's values in, by snapshot. */
type ValuesBySnapshot = { get(key: object): unknown; set(key: object, value: unknown): unknown };

const memos = new WeakMap<object, Memo>();

export function memoOf(objects: Record<string, readonly KubeObject[]>): Memo {
  const known = memos.get(objects);
  if (known && sameLists(known, objects)) return known;
  const lists = Object.values(objects);
  const memo: Memo = { signature: lists.map((list) => ({ list, length: list.length })), values: new Map(), snapshots: new Map(), lasting: new Map() };
  memos.set(objects, memo);
  return memo;
}

/** Whether the memo was made for these very lists at these lengths (asked on every use: no array is made). */
function sameLists(memo: Memo, objects: Record<string, readonly KubeObject[]>): boolean {
  const signature = memo.signature;
  let i = 0;
  for (const key in objects) {
    const list = objects[key] as readonly KubeObject[];
    const e = signature[i++];
    if (!e || e.list !== list || e.length !== list.length) return false;
  }
  return i === signature.length;
}

/** The value kept under key for these objects, computed by make on first use. */
export function remember<T>(objects: Record<string, readonly KubeObject[]>, key: string, make: () => T): T {
  const memo = memoOf(objects);
  const known = memo.values.get(key);
  if (known !== undefined || memo.values.has(key)) return known as T;
  const value = make();
  memo.values.set(key, value);
  return value;
}

// ---------------------------------------------------------------- other keys

const keyed = new WeakMap<readonly KubeObject[], Map<string, { length: number; map: Map<string, KubeObject[]> }>>();

/**
 * The list grouped by a key (objects without one are left out), in list order; built once
 * per list and index name. `name` must identify `keyOf`.
 */
export function groupedBy<T extends KubeObject>(list: readonly T[], name: string, keyOf: (o: T) => string | null): Map<string, T[]> {
  let byName = keyed.get(list);
  if (!byName) {
    byName = new Map();
    keyed.set(list, byName);
  }
  const known = byName.get(name);
  if (known && known.length === list.length) return known.map as Map<string, T[]>;
  const map = new Map<string, T[]>();
  for (const o of list) {
    const k = keyOf(o);
    if (k === null) continue;
    const same = map.get(k);
    if (same) same.push(o);
    else map.set(k, [o]);
  }
  byName.set(name, { length: list.length, map: map as Map<string, KubeObject[]> });
  return map;
}

const positions = new WeakMap<readonly KubeObject[], Map<KubeObject, number>>();

/** Objects taken from a list, put back in the list's own order. */
export function inListOrder<T extends KubeObject>(list: readonly T[], picked: T[]): T[] {
  let position = positions.get(list);
  if (!position || position.size !== list.length) {
    position = new Map(list.map((o, i) => [o, i]));
    positions.set(list, position);
  }
  const at = position;
  return picked.sort((a, b) => (at.get(a) ?? 0) - (at.get(b) ?? 0));
}

// ---------------------------------------------------------------- per snapshot

/** The value under `key` in a cache, made by `make` on first use (a value of undefined is not kept). */
export function kept<K, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = make();
  cache.set(key, value);
  return value;
}

/**
 * A value kept for one snapshot (not only its lists: the origin and the template map also
 * shape what is derived) while its lists stay the same, made by make on first use. Used for
 * caches of per-object facts that every target of `check` would otherwise compute again.
 * Such a cache lives until releaseCaches, unless `lasting` (a value other namespaces ask for).
 */
export function snapshotCache<T>(s: { objects: Record<string, readonly KubeObject[]> }, name: string, make: () => T, lasting = false): T {
  // Asked for per pod and per rule by every target of `check`: one lookup by the name as given.
  const memo = memoOf(s.objects);
  const caches: Map<string, ValuesBySnapshot> = lasting ? memo.lasting : memo.snapshots;
  let cache = caches.get(name);
  if (cache === undefined) {
    cache = lasting ? new WeakMap<object, unknown>() : new Map<object, unknown>();
    caches.set(name, cache);
  }
  return kept(cache as { get(key: object): T | undefined; set(key: object, value: T): unknown }, s, make);
}

/**
 * Lets go of the snapshot caches that are not lasting: what the targets of one namespace
 * derived (their pods' views, routing, kubectl's picks). `check` calls it as it moves to the
 * next namespace, so its memory stays that of one namespace's answers rather than growing
 * with the cluster; anything asked for again is derived again, the same.
 */
export function releaseCaches(s: { objects: Record<string, readonly KubeObject[]> }): void {
  // Entry by entry, not clear(): a table that has lived long enough to be in V8's old
  // generation keeps what its entries point to alive through every young collection until
  // the next full one, dead or not (clear() swaps the table and leaves the old one's entries).
  // Overwriting each value lets what the namespace derived die young; the caches and their
  // keys (the snapshots) stay for the next namespace, so nothing is allocated to empty them.
  for (const cache of memoOf(s.objects).snapshots.values()) for (const key of cache.keys()) cache.set(key, undefined);
}
