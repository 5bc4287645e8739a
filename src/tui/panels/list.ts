// A scrolling list inside a panel: a title rule, optional fixed lines, then the visible
// window of items with the chosen one marked (› and, when the panel has the focus, reverse video).

import { rule, padLine, inverse, seg, type Line } from '../text.ts';

export interface ListPanel {
  title: Line;
  /** Lines under the title that do not scroll (a table header). */
  fixed?: Line[];
  /** The items, or how many there are and how to draw one (only the visible ones are drawn). */
  items: Line[] | { count: number; line(index: number): Line };
  chosen: number;
  top: number;
  focused: boolean;
  width: number;
  height: number;
  /** Said in place of the items when there are none. */
  empty?: Line;
}

export function listPanel(p: ListPanel): Line[] {
  if (p.height <= 0) return [];
  const out: Line[] = [rule(p.title, p.width, p.focused ? 'focus' : 'title')];
  for (const f of p.fixed ?? []) if (out.length < p.height) out.push(padLine([seg('  '), ...f], p.width));
  const room = p.height - out.length;
  const items = Array.isArray(p.items) ? { count: p.items.length, line: (i: number) => (p.items as Line[])[i] as Line } : p.items;
  if (items.count === 0 && p.empty && room > 0) out.push(padLine([seg('  '), ...p.empty], p.width));
  const visible: Line[] = [];
  for (let i = p.top; i < Math.min(items.count, p.top + room); i++) visible.push(items.line(i));
  visible.forEach((item, i) => {
    const chosen = p.top + i === p.chosen;
    const line = padLine([seg(chosen ? '› ' : '  ', chosen && p.focused ? 'focus' : undefined), ...item], p.width);
    out.push(chosen && p.focused ? inverse(line) : line);
  });
  const hiddenBelow = items.count - (p.top + visible.length);
  // Say that more lies above or below, on the rule's tail, so no row is spent on it.
  if ((p.top > 0 || hiddenBelow > 0) && out[0]) {
    const more = `${p.top > 0 ? `↑${p.top}` : ''}${p.top > 0 && hiddenBelow > 0 ? ' ' : ''}${hiddenBelow > 0 ? `↓${hiddenBelow}` : ''}`;
    out[0] = rule([...p.title, seg(`  ${more}`, 'dim')], p.width, p.focused ? 'focus' : 'title');
  }
  return out;
}
