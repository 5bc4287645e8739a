// A live Snapshot for the engine, built from one namespace read plus the cluster's Nodes:
// the same plain wire-format objects the live source would hand the core.
import { emptySnapshot, type Kind, type Snapshot } from '../../src/core/snapshot.ts';
import type { Node } from '../../src/core/types.ts';
import { NAMESPACED, type NamespaceState } from './namespace-state.ts';

export function snapshotOf(state: NamespaceState, nodes: Node[]): Snapshot {
  const s = emptySnapshot('live', state.namespace);
  const objects = s.objects as unknown as Record<Kind, unknown[]>;
  for (const [kind] of NAMESPACED) objects[kind] = [...(state.objects[kind] ?? [])];
  s.objects.Node = nodes;
  s.known = [...NAMESPACED.map(([k]) => k), 'Node'];
  return s;
}
