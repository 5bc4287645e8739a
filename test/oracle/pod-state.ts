// Small readers of pod state for the scenarios' "wait until" conditions.
import type { Pod } from '../../src/core/types.ts';
import { itemsOf, type NamespaceState } from './namespace-state.ts';

export const isReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
export const isDeleting = (p: Pod): boolean => !!p.metadata?.deletionTimestamp;
export const hasLabel = (key: string, value: string) => (p: Pod): boolean => p.metadata?.labels?.[key] === value;

export function podsOf(s: NamespaceState, where: (p: Pod) => boolean = () => true): Pod[] {
  return itemsOf<Pod>(s, 'Pod').filter(where);
}

/** null when exactly n pods (matching where) are Ready and not terminating, else what is awaited. */
export function readyCount(s: NamespaceState, n: number, where: (p: Pod) => boolean = () => true): string | null {
  const live = podsOf(s, where).filter((p) => !isDeleting(p));
  const ready = live.filter(isReady);
  return ready.length === n && live.length === n ? null : `${n} Ready pods (${ready.length} Ready of ${live.length} not terminating)`;
}

/** The first reason to wait, or null. */
export function firstWait(...reasons: (string | null)[]): string | null {
  return reasons.find((r) => r !== null) ?? null;
}
