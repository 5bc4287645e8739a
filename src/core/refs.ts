// How an object is named wherever a person reads it: `kind/name` as kubectl prints a
// reference, and the workload a selected pod belongs to. Defined once; every view uses these.

import type { PodView } from './report.ts';
import type { ObjectRef } from './snapshot.ts';

/** `deployment/web`, as kubectl prints a reference. */
export function refText(r: Pick<ObjectRef, 'kind' | 'name'>): string {
  return `${r.kind.toLowerCase()}/${r.name}`;
}

/** The top of a pod's owner chain (its workload), or null for a bare pod. */
export function rootOf(v: Pick<PodView, 'owners'>): ObjectRef | null {
  return v.owners[v.owners.length - 1]?.ref ?? null;
}
