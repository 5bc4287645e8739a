// PodDisruptionBudget as stored from a policy/v1beta1 manifest.

import type { PodDisruptionBudget } from '../../core/types.ts';

/** The marker a v1beta1 empty selector is stored as, so that it keeps matching nothing (k/k pkg/apis/policy/helper.go). */
export const V1BETA1_EMPTY_SELECTOR_KEY = 'pdb.kubernetes.io/deprecated-v1beta1-empty-selector-match';

/**
 * In policy/v1beta1 an empty selector ({}) matched no pods; in policy/v1 it matches
 * all of them. The API server stored a v1beta1 {} as an Exists requirement on a key
 * no pod has (k/k pkg/apis/policy/v1beta1/conversion.go).
 */
export function convertLegacyPdb(pdb: PodDisruptionBudget): void {
  const spec = pdb.spec;
  const sel = spec?.selector;
  if (!spec || !sel || typeof sel !== 'object') return;
  if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
    spec.selector = { matchExpressions: [{ key: V1BETA1_EMPTY_SELECTOR_KEY, operator: 'Exists' }] };
  }
}
