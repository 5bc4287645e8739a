// The Namespaces a NetworkPolicy peer's namespaceSelector matches (§6.1): each Namespace's labels
// with kubernetes.io/metadata.name holding its name, as the API server sets it on every Namespace,
// over any value written. Read from a label index over the Namespaces and kept per selector: in a
// cluster of thousands of namespaces with a policy in each, every policy's peer would otherwise
// weigh every namespace, once for its pods and once for its findings.

import type { Selector } from '../labels.ts';
import { kept, podsSelected, snapshotCache } from '../indexes.ts';
import type { Snapshot } from '../snapshot.ts';
import type { KubeObject } from '../types.ts';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

interface NamespaceLabels {
  /** One object per Namespace, in list order: its name, and the labels a namespaceSelector sees. */
  seen: KubeObject[];
  /** The names each selector matched (by the selector's JSON). */
  bySelector: Map<string, string[]>;
}

function namespaceLabels(s: Snapshot): NamespaceLabels {
  return snapshotCache(s, 'namespace-selector-labels', () => ({
    seen: s.objects.Namespace.map((n) => {
      const name = n.metadata?.name ?? '';
      return { metadata: { name, labels: { ...(n.metadata?.labels ?? {}), [NAMESPACE_NAME_LABEL]: name } } };
    }),
    bySelector: new Map(),
  }), true);
}

/**
 * The names of the Namespaces read that the selector matches, in list order. Kept while the
 * snapshot's lists stay the same, shared: do not modify.
 */
export function namespacesSelected(s: Snapshot, selector: Selector): string[] {
  const labels = namespaceLabels(s);
  return kept(labels.bySelector, JSON.stringify(selector), () => podsSelected(labels.seen, selector).map((n) => n.metadata?.name ?? ''));
}
