// Watch mode: the live hazards with their durations, then the timeline, newest at the
// bottom. Lines are only ever appended, so the region scrolls like `tail -f`; moving the
// cursor up stops the scrolling until the end (G) is reached again.

import type { Change, Hazard } from '../../core/timeline/types.ts';
import type { RolloutReport } from '../../core/timeline/types.ts';
import { activeHazardLines, changeLine, rolloutLines } from '../../render/model/timeline.ts';
import { fit, seg, type Line } from '../text.ts';
import { listPanel } from './list.ts';

export interface TimelinePanelProps {
  changes: readonly Change[];
  total: number;
  hazards: readonly Hazard[];
  rollout: RolloutReport | null;
  now: Date;
  /** Index of the chosen line in `changes`. */
  chosen: number;
  top: number;
  following: boolean;
  focused: boolean;
  width: number;
  height: number;
  filter: string;
  watching: boolean;
  paused: number | null;
  /** timelineFixed(p), when the caller has made it already. */
  fixed?: Line[];
}

/** Lines above the timeline that do not scroll: the rollout report, then hazards still active. */
export function timelineFixed(p: Pick<TimelinePanelProps, 'hazards' | 'rollout' | 'now'>): Line[] {
  return [...(p.rollout ? rolloutLines(p.rollout) : []), ...activeHazardLines(p.hazards, p.now)];
}

export function timelinePanel(p: TimelinePanelProps): Line[] {
  const title: Line = [seg('TIMELINE'), seg(' UTC', 'dim'), seg(` · ${p.total} ${p.total === 1 ? 'change' : 'changes'}`, 'dim')];
  if (p.paused !== null) title.push(seg(` · paused, ${p.paused} new`, 'warning'));
  else if (!p.following) title.push(seg(' · scrolled (G follows)', 'accent'));
  else if (!p.watching) title.push(seg(' · not watching (w)', 'dim'));
  if (p.filter) title.push(seg(` · /${p.filter}: ${p.changes.length} shown`, 'accent'));
  const hazards = p.hazards.filter((h) => h.until === null).length;
  if (hazards) title.push(seg(` · ${hazards} ${hazards === 1 ? 'hazard' : 'hazards'}`, 'error'));
  // Fixed lines take at most half the panel, so the timeline itself stays visible.
  const fixed = (p.fixed ?? timelineFixed(p)).slice(0, Math.max(0, Math.floor((p.height - 1) / 2))).map((l) => fit(l, p.width - 2));
  return listPanel({
    title, fixed, items: { count: p.changes.length, line: (i) => changeLine(p.changes[i] as Change) }, chosen: p.following && !p.focused ? -1 : p.chosen, top: p.top,
    focused: p.focused, width: p.width, height: p.height, empty: [seg(p.watching ? 'waiting for changes…' : 'press w to watch', 'dim')],
  });
}
