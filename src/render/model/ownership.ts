// The ownership tree: each owner of selected pods (the target's own first, as the core
// orders them), with its pods as branches.

import type { Report } from '../../core/report.ts';
import { refText } from '../../core/refs.ts';
import type { Cell } from './line.ts';

export interface OwnershipGroupRow {
  /** `deployment/web` (the target's in the title role), or `no controller (bare pods)` in the warning role. */
  owner: Cell;
  /** `(the target)` beside the target's own group, dimmed; null otherwise. */
  note: Cell | null;
  /** `├─ web-1`, the last `└─ web-2`. */
  pods: { branch: '├─' | '└─'; name: string }[];
}

export function ownershipRows(r: Report): OwnershipGroupRow[] {
  return r.owners.map((g) => {
    const bare = g.owner.name === '(bare pods)';
    return {
      owner: bare ? { text: 'no controller (bare pods)', role: 'warning' } : g.isTarget ? { text: refText(g.owner), role: 'title' } : { text: refText(g.owner) },
      note: g.isTarget ? { text: '  (the target)', role: 'dim' } : null,
      pods: g.pods.map((name, i) => ({ branch: i === g.pods.length - 1 ? '└─' : '├─', name })),
    };
  });
}
