// Building Change lines, and the orders and words they share.

import type { ObjectRef } from '../snapshot.ts';
import type { Change, ChangeKind } from './types.ts';

export type Details = Change['details'];

export function change(at: string, kind: ChangeKind, object: ObjectRef | null, message: string, details: Details = {}): Change {
  return { at, kind, object, message, details };
}

/** Names and addresses in human order: digit runs compare as numbers ("web-2" < "web-10", "10.0.0.9" < "10.0.0.10"). */
export function naturalCompare(a: string, b: string): number {
  const x = a.split(/(\d+)/);
  const y = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p === q) continue;
    if (i % 2 === 1) {
      const d = Number(p) - Number(q);
      if (d !== 0) return d;
    }
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

export { refText } from '../refs.ts';

export function msBetween(from: string, to: string): number {
  const d = Date.parse(to) - Date.parse(from);
  return Number.isNaN(d) ? 0 : Math.max(0, d);
}

export function addMs(at: string, ms: number): string {
  return new Date(Date.parse(at) + ms).toISOString();
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

