// How many rows each section of the screen gets. Every section first gets its minimum (the
// most important first when even that does not fit), then the rows left are handed out one
// at a time to the section with the fewest, so a short list gets all it wants and long ones
// share the rest evenly; sections of a later tier only get what the earlier ones leave.

export interface SectionNeed {
  id: string;
  /** Rows without which the section is not worth showing. */
  min: number;
  /** Rows it could use (Infinity: as many as there are). */
  want: number;
  /** Only rows no other section wants go to a section of a later tier (default 0). */
  tier?: number;
}

export function allocate(rows: number, needs: SectionNeed[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(needs.map((n) => [n.id, 0]));
  let left = Math.max(0, rows);
  const tiers = [...new Set(needs.map((n) => n.tier ?? 0))].sort((a, b) => a - b);
  for (const tier of tiers) {
    const group = needs.filter((n) => (n.tier ?? 0) === tier);
    for (const n of group) {
      const give = Math.min(n.min, n.want);
      if (give > left) continue;
      out[n.id] = give;
      left -= give;
    }
    left = fill(group, out, left);
  }
  return out;
}

/** Hands rows out one at a time to the section that has the fewest so far, until each has what it wants. */
function fill(needs: SectionNeed[], out: Record<string, number>, rowsLeft: number): number {
  let left = rowsLeft;
  while (left > 0) {
    let best: SectionNeed | null = null;
    for (const n of needs) {
      const have = out[n.id] ?? 0;
      if ((have === 0 && n.min > 0) || have >= n.want) continue;
      if (!best || have < (out[best.id] ?? 0)) best = n;
    }
    if (!best) break;
    out[best.id] = (out[best.id] ?? 0) + 1;
    left--;
  }
  return left;
}

/** The first visible index of a list of `length` items in `height` rows that shows `cursor`. */
export function scrollTop(cursor: number, length: number, height: number, previousTop = 0): number {
  if (height <= 0 || length <= height) return 0;
  let top = Math.min(Math.max(0, previousTop), length - height);
  if (cursor < top) top = cursor;
  if (cursor >= top + height) top = cursor - height + 1;
  return Math.max(0, Math.min(top, length - height));
}
