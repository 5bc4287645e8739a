// Shared by the JSON and block-YAML readers' tests of document heads (a scoped read's keep.head).
import fc from 'fast-check';
import type { DocumentHead, Keep } from '../../../src/sources/manifests/parse-json.ts';

/** A scoped read's keep for `namespace` that also answers from a document's head, recording the heads and the items parsed. */
export function headKeep(namespace: string) {
  const heads: DocumentHead[] = [];
  const parsed: unknown[] = [];
  const inside = (ns: string | null) => ns === null || ns === namespace;
  const keep: Keep = (item) => {
    parsed.push(item);
    const meta = (item as { metadata?: unknown }).metadata;
    const ns = meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? (meta as { namespace?: unknown }).namespace : undefined;
    return typeof ns !== 'string' || inside(ns === '' ? null : ns);
  };
  keep.head = (h) => {
    heads.push(h);
    return inside(h.namespace);
  };
  return { keep, heads, parsed };
}

/**
 * The head a document read by the YAML reader has (the namespace null when absent, null, empty or
 * metadata is not a mapping; the name only when it is a plain word).
 */
export function headOf(value: unknown): { apiVersion: unknown; kind: unknown; namespace: unknown; name: string | null } {
  const v = value as { apiVersion?: unknown; kind?: unknown; metadata?: unknown };
  const md = v.metadata !== null && typeof v.metadata === 'object' && !Array.isArray(v.metadata) ? v.metadata as { namespace?: unknown; name?: unknown } : {};
  const namespace = md.namespace === undefined || md.namespace === null || md.namespace === '' ? null : md.namespace;
  const name = typeof md.name === 'string' && /^[A-Za-z0-9._/-]+$/.test(md.name) ? md.name : null;
  return { apiVersion: v.apiVersion, kind: v.kind, namespace, name };
}

/** `a` five times in six, else `b`. */
export const often = <T, U>(a: fc.Arbitrary<T>, b: fc.Arbitrary<U>) => fc.oneof({ arbitrary: a, weight: 5 }, { arbitrary: b, weight: 1 });
