// `check` reads every kind with one list per kind (per namespace with -n). The API server
// answers a list in the order of its storage keys, namespace then name, so the objects of one
// namespace come together and a cluster-wide list that has reached namespace "b/" has given
// every object of "a/". A namespace is whole once every list has gone past it (or ended) and
// the Nodes are read: its objects can be checked while the other namespaces are still on the
// wire. Should a list break that order, or start again (an expired continue token), what was
// told is not to be trusted, and the caller checks from the finished snapshot instead.

import { emptySnapshot, type Kind, type Snapshot } from '../../core/snapshot.ts';
import type { KubeObject } from '../../core/types.ts';
import type { ListSpec, PageObserver } from './reads.ts';

/** Told once per whole namespace: a snapshot of that namespace's objects (and every Node), as the finished snapshot holds them. */
export type NamespaceWhole = (s: Snapshot, namespace: string) => void;

export interface WholeNamespaces {
  /** The observer of one list's pages (every list of the read must get one before any page arrives). */
  observe(spec: ListSpec): PageObserver;
  /** False once a list broke the key order or started again. */
  readonly trusted: boolean;
  /** Namespaces told so far. */
  readonly told: number;
}

interface ListState {
  kind: Kind;
  /** The list's namespace; null: every namespace (or a cluster-scoped kind). */
  scope: string | null;
  /** The namespace of the last object read (a cluster-wide list of a namespaced kind); its key prefix. */
  at: string | null;
  done: boolean;
}

/** A namespace's place in the storage keys: its name and the separator, compared as strings (names are ASCII). */
function prefix(namespace: string): string {
  return `${namespace}/`;
}

export function wholeNamespaces(defaultNamespace: string, onWhole: NamespaceWhole): WholeNamespaces {
  const lists: ListState[] = [];
  const nodes: KubeObject[] = [];
  const waiting = new Map<string, Map<Kind, KubeObject[]>>();
  const toldSet = new Set<string>();
  let trusted = true;

  const isWhole = (namespace: string): boolean => {
    const at = prefix(namespace);
    for (const l of lists) {
      if (l.done) continue;
      if (l.kind === 'Node') return false;
      if (l.scope === null ? l.at === null || at >= l.at : l.scope === namespace) return false;
    }
    return true;
  };

  const tell = (): void => {
    if (!trusted) return;
    // Every kind read by a list without a selector is complete in the finished snapshot (when nothing fails).
    const known = [...new Set(lists.map((l) => l.kind))];
    for (const [namespace, kinds] of waiting) {
      if (!isWhole(namespace)) continue;
      waiting.delete(namespace);
      toldSet.add(namespace);
      const s = emptySnapshot('live', defaultNamespace);
      for (const [kind, objects] of kinds) (s.objects[kind] as KubeObject[]) = objects;
      s.objects.Node = nodes as Snapshot['objects']['Node']; // whole by now, and never added to again
      s.known = known;
      onWhole(s, namespace);
      if (!trusted) return;
    }
  };

  const broken = (): void => {
    trusted = false;
    waiting.clear();
  };

  return {
    get trusted() {
      return trusted;
    },
    get told() {
      return toldSet.size;
    },
    observe(spec) {
      const state: ListState = { kind: spec.kind, scope: spec.kind === 'Node' ? null : spec.namespace, at: null, done: false };
      // Only whole lists tell what a namespace holds.
      if (spec.labelSelector !== undefined || spec.fieldSelector !== undefined) broken();
      lists.push(state);
      return {
        page(items, last) {
          if (!trusted) return;
          if (state.kind === 'Node') {
            for (const o of items) nodes.push(o);
          } else {
            for (const o of items) {
              const namespace = o.metadata?.namespace;
              if (typeof namespace !== 'string' || namespace === '' || toldSet.has(namespace) || (state.scope !== null && namespace !== state.scope)) return broken();
              const at = prefix(namespace);
              if (state.at !== null && at < state.at) return broken();
              state.at = at;
              let kinds = waiting.get(namespace);
              if (!kinds) waiting.set(namespace, (kinds = new Map()));
              const objects = kinds.get(state.kind);
              if (objects) objects.push(o);
              else kinds.set(state.kind, [o]);
            }
          }
          if (last) state.done = true;
          tell();
        },
        restart() {
          broken();
        },
      };
    },
  };
}
