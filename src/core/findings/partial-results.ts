// What the source could not read: the answer is partial, and says where.

import { finding, type Rule } from './context.ts';

export const partialResults: Rule = (ctx) => ctx.snapshot.gaps.map((g) =>
  finding('partial-results', 'warning', `Could not read ${g.kind}${g.namespace ? ` in namespace ${g.namespace}` : ''} (${g.reason}): answers that depend on it are partial.`,
    [], [g.message]));
