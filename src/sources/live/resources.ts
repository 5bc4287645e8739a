// REST paths of the modelled kinds, and normalising what the API server returns into the
// wire format the core reads: items of a List get their kind and apiVersion (the server
// leaves them out), managedFields are dropped.

import { RESOURCE_TYPES, type ResourceType } from '../../core/resources.ts';
import type { Kind } from '../../core/snapshot.ts';
import type { KubeObject } from '../../core/types.ts';

const CLUSTER_SCOPED: ReadonlySet<Kind> = new Set(['Node', 'Namespace']);

export function typeOf(kind: Kind): ResourceType {
  const t = RESOURCE_TYPES.find((r) => r.kind === kind);
  if (!t) throw new Error(`no resource type for kind ${kind}`);
  return t;
}

export function isNamespaced(kind: Kind): boolean {
  return !CLUSTER_SCOPED.has(kind);
}

/** plural[.group], as RBAC and error messages name it. */
export function resourceName(kind: Kind): string {
  const t = typeOf(kind);
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

export function apiVersionOf(kind: Kind, version: string): string {
  const t = typeOf(kind);
  return t.group ? `${t.group}/${version}` : version;
}

/** /api/v1/namespaces/NS/pods[/NAME], /apis/GROUP/VERSION/…; namespace null: cluster-scoped or every namespace. */
export function resourcePath(kind: Kind, version: string, namespace: string | null, name?: string): string {
  const t = typeOf(kind);
  const base = t.group ? `/apis/${t.group}/${version}` : `/api/${version}`;
  const ns = namespace !== null && isNamespaced(kind) ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${t.plural}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}

type Loose = Record<string, unknown>;

/**
 * The object as the core expects it: kind and apiVersion set, managedFields gone. Built by
 * rest spreads, not by deleting from a copy: V8 turns an object it deletes from into a slow
 * dictionary, and the core reads every pod's metadata many times.
 */
export function normalizeObject(raw: unknown, kind: Kind, apiVersion: string): KubeObject {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = raw as Loose;
  const out: Loose = { kind, apiVersion, ...rest };
  const meta = out.metadata;
  if (typeof meta === 'object' && meta !== null && 'managedFields' in meta) {
    const { managedFields: _managedFields, ...kept } = meta as Loose;
    out.metadata = kept;
  }
  return out as KubeObject;
}
