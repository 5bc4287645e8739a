// Label selectors as apimachinery evaluates them (semantics §2).
//
// metav1.LabelSelector: nil -> Nothing, {} -> Everything, otherwise the AND of its
// requirements. A map selector (Service, ReplicationController) is the AND of
// equalities; an empty map is Everything *as a selector* — whether that means "no
// managed endpoints" is the consumer's rule, not the selector's (see targets).

import type { LabelSelector } from './types.ts';

export type Operator = 'Equals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Selector =
  | { kind: 'nothing' }
  | { kind: 'everything' }
  | { kind: 'requirements'; requirements: Requirement[] };

export interface SelectorError {
  error: string;
}

export const NOTHING: Selector = { kind: 'nothing' };
export const EVERYTHING: Selector = { kind: 'everything' };

const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function isSelectorError(s: Selector | SelectorError): s is SelectorError {
  return 'error' in s;
}

function validateKey(key: string): string | undefined {
  const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
  const prefix = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
  if (!QUALIFIED_NAME.test(key) || name.length > 63 || prefix.length > 253) {
    return `invalid label key ${JSON.stringify(key)}: must be a qualified name (an optional DNS prefix and '/', then up to 63 alphanumerics, '-', '_' or '.')`;
  }
  return undefined;
}

function validateValue(key: string, value: string): string | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    return `invalid label value ${JSON.stringify(value)} for key ${JSON.stringify(key)}: at most 63 alphanumerics, '-', '_' or '.', beginning and ending with an alphanumeric`;
  }
  return undefined;
}

function sortByKey(reqs: Requirement[]): Requirement[] {
  // apimachinery's selector.Add keeps requirements sorted by key (stable for equal keys).
  return reqs.map((r, i) => ({ r, i })).sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i)).map((x) => x.r);
}

/** metav1.LabelSelectorAsSelector: nil -> Nothing, {} -> Everything. */
export function fromLabelSelector(ls: LabelSelector | null | undefined): Selector | SelectorError {
  if (ls === null || ls === undefined) return NOTHING;
  const matchLabels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  if (Object.keys(matchLabels).length === 0 && exprs.length === 0) return EVERYTHING;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(matchLabels)) {
    const bad = validateKey(key) ?? validateValue(key, String(value));
    if (bad) return { error: bad };
    reqs.push({ key, operator: 'Equals', values: [String(value)] });
  }
  for (const expr of exprs) {
    const key = expr?.key ?? '';
    const values = (expr?.values ?? []).map(String);
    const badKey = validateKey(key);
    if (badKey) return { error: badKey };
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return { error: `values: must be specified when operator is ${expr.operator} (key ${JSON.stringify(key)})` };
        for (const v of values) {
          const bad = validateValue(key, v);
          if (bad) return { error: bad };
        }
        reqs.push({ key, operator: expr.operator, values: [...new Set(values)].sort() });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return { error: `values: may not be specified when operator is ${expr.operator} (key ${JSON.stringify(key)})` };
        reqs.push({ key, operator: expr.operator, values: [] });
        break;
      default:
        return { error: `${JSON.stringify(expr.operator ?? '')} is not a valid label selector operator (use In, NotIn, Exists or DoesNotExist)` };
    }
  }
  return { kind: 'requirements', requirements: sortByKey(reqs) };
}

/** The error fromSet gives for a map, or null, without making its selector (every label map read is checked). */
export function setError(set: Record<string, string> | null | undefined): string | null {
  if (!set) return null;
  for (const key in set) {
    if (!Object.hasOwn(set, key)) continue;
    const bad = validateKey(key) ?? validateValue(key, String(set[key]));
    if (bad) return bad;
  }
  return null;
}

/** labels.SelectorFromSet: nil or empty map -> Everything. */
export function fromSet(set: Record<string, string> | null | undefined): Selector | SelectorError {
  const entries = Object.entries(set ?? {});
  if (entries.length === 0) return EVERYTHING;
  const reqs: Requirement[] = [];
  for (const [key, value] of entries) {
    const bad = validateKey(key) ?? validateValue(key, String(value));
    if (bad) return { error: bad };
    reqs.push({ key, operator: 'Equals', values: [String(value)] });
  }
  return { kind: 'requirements', requirements: sortByKey(reqs) };
}

export function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'Equals':
    case 'In':
      return has && r.values.includes(labels[r.key] as string);
    case 'NotIn':
      // A pod that lacks the key matches NotIn (trap 12).
      return !has || !r.values.includes(labels[r.key] as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function matches(s: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  switch (s.kind) {
    case 'nothing':
      return false;
    case 'everything':
      return true;
    case 'requirements':
      return s.requirements.every((r) => requirementMatches(r, l));
  }
}

export function requirementString(r: Requirement): string {
  switch (r.operator) {
    case 'Equals':
      return `${r.key}=${r.values[0]}`;
    case 'In':
      return `${r.key} in (${r.values.join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${r.values.join(',')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

/**
 * The selector as a `labelSelector` query parameter. Nothing has no query form:
 * apimachinery renders it as "", which the API server reads as "everything"
 * (trap 11), so this returns null and callers must not list at all.
 */
export function toQuery(s: Selector): string | null {
  switch (s.kind) {
    case 'nothing':
      return null;
    case 'everything':
      return '';
    case 'requirements':
      return s.requirements.map(requirementString).join(',');
  }
}

/**
 * The selector a string in apimachinery's printed form stands for (labels.Selector's String(),
 * as toQuery writes it and as the API server prints a workload's selector in its table
 * column): requirements joined by commas, each `key=value`, `key in (a,b)`, `key notin (a,b)`,
 * `key` or `!key`. null for anything else, or a key or value that is not valid: the printer
 * writes `<none>` for an empty selector and `<error>` for an invalid one, and neither stands
 * for a selector to evaluate.
 */
export function parsePrinted(text: string): Selector | null {
  if (text === '') return null;
  // Commas inside parentheses separate a set's values, not requirements.
  const parts = text.match(/[^,(]+(?:\([^)]*\))?/g) ?? [];
  // Every character accounted for: the parts and the commas between them.
  if (parts.join(',') !== text) return null;
  const reqs: Requirement[] = [];
  for (const part of parts) {
    const r = printedRequirement(part);
    if (r === null) return null;
    reqs.push(r);
  }
  return { kind: 'requirements', requirements: sortByKey(reqs) };
}

function printedRequirement(part: string): Requirement | null {
  // A set's values may be empty strings: `k in ()` is In with the one value "".
  let m = /^([^\s=!(),]+) (in|notin) \(([^\s()]*)\)$/.exec(part);
  if (m) {
    const values = (m[3] as string).split(',');
    if (values.some((v) => validateValue(m?.[1] as string, v) !== undefined)) return null;
    return keyed(m[1] as string, m[2] === 'in' ? 'In' : 'NotIn', [...new Set(values)].sort());
  }
  m = /^([^\s=!(),]+)=([^\s=!(),]*)$/.exec(part);
  if (m) return validateValue(m[1] as string, m[2] as string) === undefined ? keyed(m[1] as string, 'Equals', [m[2] as string]) : null;
  m = /^(!?)([^\s=!(),]+)$/.exec(part);
  if (m) return keyed(m[2] as string, m[1] === '!' ? 'DoesNotExist' : 'Exists', []);
  return null;
}

function keyed(key: string, operator: Operator, values: string[]): Requirement | null {
  return validateKey(key) === undefined ? { key, operator, values } : null;
}

/** Human form: like toQuery, but names the two special selectors. */
export function describe(s: Selector): string {
  if (s.kind === 'nothing') return '<none: matches nothing>';
  if (s.kind === 'everything') return '<empty: matches everything>';
  return toQuery(s) as string;
}

export interface RequirementVerdict {
  requirement: string;
  key: string;
  operator: Operator;
  matched: boolean;
  /** The pod's value for the key, or null when the pod lacks it. */
  actual: string | null;
  why: string;
}

/** Why a label set does or does not match, requirement by requirement. */
export function explain(s: Selector, labels: Record<string, string> | undefined): RequirementVerdict[] {
  if (s.kind !== 'requirements') return [];
  const l = labels ?? {};
  return s.requirements.map((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const actual = has ? (l[r.key] as string) : null;
    const matched = requirementMatches(r, l);
    let why: string;
    switch (r.operator) {
      case 'Equals':
      case 'In':
        why = !has ? `no label ${r.key}` : matched ? `${r.key}=${actual}` : `${r.key}=${actual}, wanted ${r.values.length === 1 ? r.values[0] : `one of ${r.values.join(', ')}`}`;
        break;
      case 'NotIn':
        why = !has ? `no label ${r.key} (NotIn matches a missing key)` : matched ? `${r.key}=${actual} is not in (${r.values.join(',')})` : `${r.key}=${actual} is excluded`;
        break;
      case 'Exists':
        why = has ? `has ${r.key}` : `no label ${r.key}`;
        break;
      case 'DoesNotExist':
        why = has ? `has ${r.key}=${actual}, which must be absent` : `no label ${r.key}`;
        break;
    }
    return { requirement: requirementString(r), key: r.key, operator: r.operator, matched, actual, why };
  });
}

/** True when some label set could satisfy both selectors (a conservative overlap test). */
export function couldOverlap(a: Selector, b: Selector): boolean {
  if (a.kind === 'nothing' || b.kind === 'nothing') return false;
  if (a.kind === 'everything' || b.kind === 'everything') return true;
  const byKey = new Map<string, Requirement[]>();
  for (const r of [...a.requirements, ...b.requirements]) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  for (const reqs of byKey.values()) {
    const mustExist = reqs.some((r) => r.operator === 'Equals' || r.operator === 'In' || r.operator === 'Exists');
    const mustNotExist = reqs.some((r) => r.operator === 'DoesNotExist');
    if (mustExist && mustNotExist) return false;
    if (mustNotExist) continue;
    const allowedSets = reqs.filter((r) => r.operator === 'Equals' || r.operator === 'In').map((r) => new Set(r.values));
    const excluded = new Set(reqs.filter((r) => r.operator === 'NotIn').flatMap((r) => r.values));
    if (allowedSets.length === 0) continue; // Exists / NotIn only: some fresh value satisfies them
    const [first, ...rest] = allowedSets as [Set<string>, ...Set<string>[]];
    const common = [...first].filter((v) => rest.every((s) => s.has(v)) && !excluded.has(v));
    if (common.length === 0) return false;
  }
  return true;
}

/**
 * True when every label set matching `narrow` also matches `broad`: each requirement of
 * `broad` appears in `narrow` (a syntactic test, enough for nested selectors such as
 * app=web inside app=web,track=canary).
 */
export function contains(broad: Selector, narrow: Selector): boolean {
  if (narrow.kind === 'nothing' || broad.kind === 'everything') return true;
  if (broad.kind === 'nothing' || narrow.kind === 'everything') return false;
  const have = new Set(narrow.requirements.map(requirementString));
  return broad.requirements.every((r) => have.has(requirementString(r)));
}
