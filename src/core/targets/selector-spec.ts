// How each kind's selector field is read (semantics §2.3): the same JSON means
// different things on different kinds, so the meaning travels with the selector.

import { fromLabelSelector, fromSet, isSelectorError, NOTHING, describe, type Selector } from '../labels.ts';
import type { LabelSelector } from '../types.ts';

export interface SelectorSpec {
  /** The field it came from, e.g. `spec.selector`. */
  field: string;
  form: 'labelSelector' | 'map' | 'derived';
  /** The field as written (null when absent). */
  raw: unknown;
  /** Null when the field is invalid (see error). */
  selector: Selector | null;
  error: string | null;
  /** Plain words: what this selector means for this kind. */
  meaning: string;
  /** Whether, by this kind's rule, the selector picks pods at all. */
  selectsPods: boolean;
  text: string;
}

function spec(field: string, form: SelectorSpec['form'], raw: unknown, parsed: Selector | { error: string }, meaning: (s: Selector) => { meaning: string; selectsPods: boolean }): SelectorSpec {
  if (isSelectorError(parsed)) {
    return { field, form, raw, selector: null, error: parsed.error, meaning: 'invalid: the API server would reject it', selectsPods: false, text: '<invalid>' };
  }
  const m = meaning(parsed);
  return { field, form, raw: raw ?? null, selector: parsed, error: null, meaning: m.meaning, selectsPods: m.selectsPods, text: describe(parsed) };
}

function isEmptyMap(m: Record<string, string> | null | undefined): boolean {
  return !m || Object.keys(m).length === 0;
}

/** Service spec.selector: nil and {} both mean "no managed endpoints" (§2.2). */
export function serviceSelector(raw: Record<string, string> | null | undefined): SelectorSpec {
  if (isEmptyMap(raw)) {
    return {
      field: 'spec.selector', form: 'map', raw: raw ?? null, selector: NOTHING, error: null,
      meaning: raw ? 'empty map: same as no selector — Kubernetes manages no endpoints; EndpointSlices labelled with the Service name are used as they are'
        : 'no selector: Kubernetes manages no endpoints; EndpointSlices labelled with the Service name are used as they are',
      selectsPods: false, text: '<none>',
    };
  }
  return spec('spec.selector', 'map', raw, fromSet(raw), () => ({ meaning: 'map selector: pods with all of these labels, in the Service\'s namespace', selectsPods: true }));
}

/** ReplicationController spec.selector: a map, defaulted from the template labels when empty. */
export function replicationControllerSelector(raw: Record<string, string> | null | undefined): SelectorSpec {
  return spec('spec.selector', 'map', raw, fromSet(raw), (s) => s.kind === 'everything'
    ? { meaning: 'empty: the API server defaults it to the template labels; as written it would match every pod', selectsPods: true }
    : { meaning: 'map selector: pods with all of these labels', selectsPods: true });
}

/** Deployment, ReplicaSet, StatefulSet, DaemonSet, Job: nil and {} are rejected by validation. */
export function workloadSelector(kind: string, raw: LabelSelector | null | undefined): SelectorSpec {
  return spec('spec.selector', 'labelSelector', raw, fromLabelSelector(raw), (s) => {
    if (s.kind === 'nothing') return { meaning: `missing: required for a ${kind}; as a selector it matches nothing`, selectsPods: false };
    if (s.kind === 'everything') return { meaning: `empty: invalid for a ${kind} ("empty selector is invalid"); as a selector it would match every pod`, selectsPods: true };
    return { meaning: kind === 'Deployment' ? 'label selector: pods of every ReplicaSet revision that carry these labels' : 'label selector', selectsPods: true };
  });
}

/** NetworkPolicy spec.podSelector: absent is {}: every pod in the policy's namespace. */
export function networkPolicySelector(raw: LabelSelector | null | undefined): SelectorSpec {
  return spec('spec.podSelector', 'labelSelector', raw, fromLabelSelector(raw ?? {}), (s) => s.kind === 'everything'
    ? { meaning: 'empty: every pod in the policy\'s namespace', selectsPods: true }
    : { meaning: 'label selector over the policy\'s namespace', selectsPods: true });
}

/** The legacy marker a v1beta1-era empty PDB selector persists as (§2.3). */
export const PDB_LEGACY_MATCH_NONE_KEY = 'pdb.kubernetes.io/deprecated-v1beta1-empty-selector-match';

/** PodDisruptionBudget (policy/v1): null = no pods, {} = every pod in the namespace. */
export function pdbSelector(raw: LabelSelector | null | undefined): SelectorSpec {
  const legacy = raw?.matchExpressions?.some((e) => e.key === PDB_LEGACY_MATCH_NONE_KEY && e.operator === 'Exists');
  return spec('spec.selector', 'labelSelector', raw, fromLabelSelector(raw), (s) => {
    if (s.kind === 'nothing') return { meaning: 'null: a policy/v1 PodDisruptionBudget with no selector matches no pods', selectsPods: false };
    if (s.kind === 'everything') return { meaning: 'empty: a policy/v1 PodDisruptionBudget with {} matches every pod in its namespace', selectsPods: true };
    if (legacy) return { meaning: `the v1beta1-era empty selector, stored as "${PDB_LEGACY_MATCH_NONE_KEY}" Exists: matches no pods`, selectsPods: true };
    return { meaning: 'label selector', selectsPods: true };
  });
}

export function derivedSelector(field: string, selector: SelectorSpec, meaning: string): SelectorSpec {
  return { ...selector, field, form: 'derived', meaning: `${meaning}; ${selector.meaning}` };
}
