// What the source could not read: the answer is partial, and says where.

import type { Finding } from '../report.ts';
import type { ReadGap } from '../snapshot.ts';
import { finding, type Rule } from './context.ts';

/** One finding per read that failed. */
export function gapFindings(gaps: readonly ReadGap[]): Finding[] {
  return gaps.map((g) =>
    finding('partial-results', 'warning', `Could not read ${g.kind}${g.namespace ? ` in namespace ${g.namespace}` : ''} (${g.reason}): answers that depend on it are partial.`,
      [], [g.message]));
}

export const partialResults: Rule = (ctx) => gapFindings(ctx.snapshot.gaps);
