// How many rows each section of the screen gets. Every section first gets its minimum (the
// most important first when even that does not fit), then the rows left are handed out one
// at a time to the section furthest from what it wants, so short lists stay short and long
// ones share the rest.

export interface SectionNeed {
  id: string;
  /** Rows without which the section is not worth showing. */
  min: number;
  /** Rows it could use (Infinity: as many as there are). */
  want: number;
}

export function allocate(rows: number, needs: SectionNeed[]): Record<string, number> {
  const out: Record<string, number> = {};
  let left = Math.max(0, rows);
  for (const n of needs) {
    const give = Math.min(n.min, n.want, left);
    out[n.id] = give >= n.min ? give : 0;
    left -= out[n.id] as number;
  }
  while (left > 0) {
    let best: SectionNeed | null = null;
    let bestRatio = Infinity;
    for (const n of needs) {
      const have = out[n.id] ?? 0;
      if (have === 0 && n.min > 0) continue;
      if (have >= n.want) continue;
      const ratio = Number.isFinite(n.want) ? have / n.want : have / (rows || 1);
      if (ratio < bestRatio) {
        best = n;
        bestRatio = ratio;
      }
    }
    if (!best) break;
    out[best.id] = (out[best.id] ?? 0) + 1;
    left--;
  }
  return out;
}

/** The first visible index of a list of `length` items in `height` rows that shows `cursor`. */
export function scrollTop(cursor: number, length: number, height: number, previousTop = 0): number {
  if (height <= 0 || length <= height) return 0;
  let top = Math.min(Math.max(0, previousTop), length - height);
  if (cursor < top) top = cursor;
  if (cursor >= top + height) top = cursor - height + 1;
  return Math.max(0, Math.min(top, length - height));
}
