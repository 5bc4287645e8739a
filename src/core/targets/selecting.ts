// In reverse, per namespace: which objects of a kind select each pod, read from the label
// index once per snapshot instead of testing every object's selector against every pod.

import { matches, type Selector } from '../labels.ts';
import { objectsInNamespace, podsInNamespaceSelected, remember } from '../indexes.ts';
import type { Kind, Snapshot } from '../snapshot.ts';
import type { KubeObject, Pod } from '../types.ts';

export interface Selecting<T> {
  object: T;
  selector: Selector;
}

/**
 * The objects of `kind` in `namespace` that select `pod`, in list order, given how each
 * object's selector is read (`selectorFor` returns null for one that selects no pods).
 * `name` identifies `selectorFor` in the snapshot's memo.
 */
export function selectingPod<T extends KubeObject>(
  s: Snapshot, kind: Kind, namespace: string, pod: Pod, name: string, selectorFor: (o: T) => Selector | null,
): Selecting<T>[] {
  const all = remember(s.objects, `selectors\u0000${kind}\u0000${name}\u0000${namespace}`, () => (objectsInNamespace(s.objects[kind] as unknown as readonly T[], namespace))
    .flatMap((object) => { const selector = selectorFor(object); return selector ? [{ object, selector }] : []; }));
  return selectingFrom(s, namespace, `selecting\u0000${kind}\u0000${name}\u0000${namespace}`, all, pod);
}

/**
 * Of `items` (each with its selector, all of `namespace`), those that select `pod`, in their
 * order: one pass over the label index per snapshot, memoised under `key`.
 */
export function selectingFrom<X extends { selector: Selector }>(s: Snapshot, namespace: string, key: string, items: readonly X[], pod: Pod): X[] {
  // A pod outside the namespace's bucket (no namespace of its own, another default): test it directly.
  if ((pod.metadata?.namespace ?? 'default') !== namespace) return items.filter((x) => matches(x.selector, pod.metadata?.labels));
  const byPod = remember(s.objects, key, () => {
    const map = new Map<Pod, X[]>();
    for (const x of items) {
      for (const p of podsInNamespaceSelected(s.objects.Pod, namespace, x.selector)) {
        const list = map.get(p);
        if (list) list.push(x);
        else map.set(p, [x]);
      }
    }
    return map;
  });
  return byPod.get(pod) ?? [];
}
