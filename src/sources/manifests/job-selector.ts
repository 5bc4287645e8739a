// The Job selector the API server generates on create unless spec.manualSelector is
// true (k/k pkg/registry/batch/job/strategy.go: PrepareForCreate -> generateSelectorIfNeeded,
// generateSelector; label names from k/k pkg/apis/batch/types.go). Labels the user
// already set are kept (validation then rejects conflicts), and only the prefixed
// controller-uid key goes into the selector.

import type { Workload } from '../../core/types.ts';
import { uidLabelValue } from './uid.ts';

export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';

export function generateJobSelector(job: Workload): void {
  const spec = (job.spec ??= {});
  if (spec.manualSelector === true) return;
  const template = (spec.template ??= {});
  const meta = (template.metadata ??= {});
  const labels = (meta.labels ??= {});
  const name = job.metadata?.name ?? '';
  const uid = uidLabelValue(job.metadata?.uid ?? '');
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = uid;
  const selector = (spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = uid;
}
