// The oracle's own reading of label selectors, kept apart from the engine's labels.ts so
// that the tests do not grade the engine with its own code. Only what the scenarios use:
// map selectors (Service, ReplicationController) and metav1.LabelSelector.
import type { LabelSelector } from '../../src/core/types.ts';

export type OracleSelector = { map: Record<string, string> } | { labelSelector: LabelSelector };

type Labels = Record<string, string> | undefined | null;

function requirementHolds(labels: Labels, key: string, operator: string, values: string[]): boolean {
  const has = labels !== undefined && labels !== null && Object.hasOwn(labels, key);
  const value = has ? labels[key] : undefined;
  switch (operator) {
    case 'In': return has && values.includes(value as string);
    case 'NotIn': return !has || !values.includes(value as string);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    default: throw new Error(`oracle: unsupported selector operator ${operator}`);
  }
}

/** Whether labels satisfy the selector (an empty selector matches everything). */
export function selectorMatches(sel: OracleSelector, labels: Labels): boolean {
  if ('map' in sel) return Object.entries(sel.map).every(([k, v]) => labels?.[k] === v);
  const ls = sel.labelSelector;
  return Object.entries(ls.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v)
    && (ls.matchExpressions ?? []).every((r) => requirementHolds(labels, r.key, r.operator, r.values ?? []));
}

/** The selector as `-l`/labelSelector text, one requirement per top-level comma. */
export function selectorText(sel: OracleSelector): string {
  if ('map' in sel) return Object.entries(sel.map).map(([k, v]) => `${k}=${v}`).join(',');
  const parts = Object.entries(sel.labelSelector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of sel.labelSelector.matchExpressions ?? []) {
    const vals = [...(r.values ?? [])].sort().join(',');
    parts.push(r.operator === 'In' ? `${r.key} in (${vals})` : r.operator === 'NotIn' ? `${r.key} notin (${vals})` : r.operator === 'Exists' ? r.key : `!${r.key}`);
  }
  return parts.join(',');
}

/** The requirements of a selector text, split at the commas outside `in (…)` lists. */
export function splitTerms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

/** Requirements of a selector text as a sorted list, so two texts compare whatever their order. */
export function requirementsOf(text: string): string[] {
  return splitTerms(text).map((r) => r.replace(/\s*==?\s*/, '=')).sort();
}
