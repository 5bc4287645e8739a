// `check`: every modelled kind of the namespaces (or of the whole cluster with -A), all in
// one round of parallel lists, plus Nodes (metadata only).

import { KINDS, type Kind } from '../../core/snapshot.ts';
import type { ListSpec } from './reads.ts';
import type { Reader } from './reader.ts';
import type { WholeNamespaces } from './whole-namespaces.ts';

export const CHECK_KINDS: Kind[] = KINDS.filter((k) => k !== 'Node' && k !== 'Namespace');

/** namespaces null: every namespace (cluster-wide lists). */
export function checkLists(namespaces: string[] | null): ListSpec[] {
  const scopes = namespaces ?? [null];
  return [
    ...scopes.flatMap((namespace) => CHECK_KINDS.map((kind): ListSpec => ({ kind, namespace }))),
    { kind: 'Node', namespace: null, metadataOnly: true },
  ];
}

/** whole: told of each list's pages, to tell of each namespace once every list has read it. */
export async function readCheck(r: Reader, namespaces: string[] | null, whole?: WholeNamespaces): Promise<void> {
  r.rounds++;
  await Promise.all(checkLists(namespaces).map((s) => r.list(s, whole?.observe(s))));
}
