// For a pod target: the objects whose selectors match it, one row each, and whether each is
// the pod's owner. The text view's table and the TUI's compare panel lay out the same rows.

import type { Report } from '../../core/report.ts';
import type { ObjectRef } from '../../core/snapshot.ts';
import type { Cell } from './line.ts';

export interface SelectedByRow {
  /** A view names it long (`refText`) or short (`shortRef`), in `owner`'s role when it owns the pod. */
  ref: ObjectRef;
  field: string;
  selector: string;
  /** `owner` (ok), `not its owner` (warning) for a controller kind; `-` for a kind that owns no pods. */
  owner: Cell;
  /** Whether it is in the pod's owner chain. */
  owns: boolean;
  note: string;
}

export function selectedByRows(r: Report): SelectedByRow[] {
  return r.selectedBy.map((m) => ({
    ref: m.object,
    field: m.field,
    selector: m.selector,
    owner: m.controllerKind ? (m.owner ? { text: 'owner', role: 'ok' } : { text: 'not its owner', role: 'warning' }) : { text: '-' },
    owns: m.owner,
    note: m.note ?? '',
  }));
}
