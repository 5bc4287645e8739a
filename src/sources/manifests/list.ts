// `kind: List` and typed lists (PodList, DeploymentList, ...) are flattened into their
// items, as kubectl does. Items of a typed list that carry neither kind nor apiVersion
// take the item kind and the list's apiVersion (apimachinery
// pkg/apis/meta/v1/unstructured/helpers.go: UnstructuredJSONScheme.decodeToList).

import type { FieldPath, RawDocument } from './parse.ts';
import { LEFT_OUT, Later } from './parse-json.ts';

export interface ManifestObject {
  source: string;
  document: number;
  line: number | null;
  value: unknown;
  /** The line of a field of this object, when the source has positions. */
  lineOf?(path: FieldPath): number | null;
  /** No part of value is shared with another object (see RawDocument.unshared). */
  unshared?: boolean;
}

type Mapping = Record<string, unknown>;

function isMapping(v: unknown): v is Mapping {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isListObject(v: unknown): v is Mapping & { kind: string; items: unknown[] } {
  return isMapping(v) && typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items);
}

function flatten(value: unknown, base: ManifestObject, lines: (number | null)[] | null, out: ManifestObject[]): void {
  if (!isListObject(value)) {
    out.push({ ...base, value });
    return;
  }
  const itemKind = value.kind.slice(0, -'List'.length);
  value.items.forEach((item, i) => {
    let v = item;
    // An item left out or left for later (parse-json.ts) stays as it is: one left for later was
    // left so by its apiVersion and kind (it has both), one left out is counted, not read.
    if (isMapping(item) && item !== LEFT_OUT && !(item instanceof Later) && item.kind === undefined && item.apiVersion === undefined && itemKind !== '') {
      v = { ...item, apiVersion: value.apiVersion, kind: itemKind };
    }
    const at: ManifestObject = { ...base, line: lines?.[i] ?? base.line };
    const parent = base.lineOf;
    if (parent) at.lineOf = (path) => parent(['items', i, ...path]);
    flatten(v, at, null, out);
  });
}

/** The objects of one document, added to `out`: the document itself (not a copy: manifests hold thousands), or the items of a list. */
export function objectsOf(doc: RawDocument, out: ManifestObject[] = []): ManifestObject[] {
  if (!isListObject(doc.value)) {
    out.push(doc);
    return out;
  }
  const base: ManifestObject = { source: doc.source, document: doc.document, line: doc.line, value: doc.value };
  if (doc.lineOf) base.lineOf = (path) => doc.lineOf?.(path) ?? null;
  if (doc.unshared) base.unshared = true;
  flatten(doc.value, base, doc.itemLines, out);
  return out;
}
