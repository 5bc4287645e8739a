// Table columns that fit the terminal. When the row is too wide, the optional columns go
// first (least important first), then the flexible columns shrink to their minimum, then
// the least important of the rest go. Columns with nothing to say (every cell `-`) are left out.

import { pad, seg, truncateMiddle, width, type Line, type Seg } from './text.ts';

export interface Column<R> {
  header: string;
  cell(row: R): Seg;
  /** Lower is more important; the first to go is the highest. */
  priority: number;
  /** Cells this column may shrink to (flexible columns only). */
  min?: number;
  /** Cells this column never grows past. */
  max?: number;
  align?: 'left' | 'right';
  /** Kept (shrunk if need be) while optional columns are dropped. */
  essential?: boolean;
  /** Cut in the middle, keeping the end (pod names differ in their last characters). */
  middle?: boolean;
  /**
   * Columns whose cells are values of the row alone name what they measure: over the same
   * array of rows their width is measured once (a screen redrawn at every key press and clock
   * tick does not measure thousands of rows again). Columns without it are measured every time.
   */
  measure?: string;
  /**
   * With `measure`: the cells also depend on this value (AGE on the clock), and the width
   * measured holds only while it stays the same (key presses between clock ticks measure nothing again).
   */
  measuredAt?: number;
}

export interface Table {
  header: Line;
  rows: Line[];
  /** Headers of the columns left out for lack of width. */
  hidden: string[];
}

const GAP = 2;

interface Measured { widest: number; blank: boolean; at: number | undefined }

/** Per array of rows, per `measure` key: the widest cell and whether every cell is `-` (at `measuredAt`). */
const measured = new WeakMap<object, Map<string, Measured>>();

function measureCells<R>(c: Column<R>, rows: R[]): { widest: number; blank: boolean } {
  const known = c.measure === undefined ? undefined : measured.get(rows)?.get(c.measure);
  if (known && known.at === c.measuredAt) return known;
  let widest = 0;
  let blank = true;
  for (const r of rows) {
    const text = c.cell(r).text;
    widest = Math.max(widest, width(text));
    if (text !== '-') blank = false;
  }
  const m = { widest, blank, at: c.measuredAt };
  if (c.measure !== undefined) {
    const byKey = measured.get(rows) ?? new Map<string, Measured>();
    byKey.set(c.measure, m);
    measured.set(rows, byKey);
  }
  return m;
}

function natural<R>(c: Column<R>, rows: R[]): number {
  const w = Math.max(width(c.header), measureCells(c, rows).widest);
  return c.max ? Math.min(c.max, w) : w;
}

/** Column widths for `total` cells, or null for a column left out. */
export function fitColumns<R>(cols: Column<R>[], rows: R[], total: number): (number | null)[] {
  // Each column's natural width is measured once (over every row: a long list is measured, not drawn).
  const naturals = new Map<Column<R>, number>();
  const naturalOf = (c: Column<R>) => {
    let w = naturals.get(c);
    if (w === undefined) {
      w = natural(c, rows);
      naturals.set(c, w);
    }
    return w;
  };
  const widths: (number | null)[] = cols.map((c) => (rows.length > 0 && !c.essential && measureCells(c, rows).blank ? null : naturalOf(c)));
  const used = () => {
    const shown = widths.filter((w): w is number => w !== null);
    return shown.reduce((n, w) => n + w, 0) + GAP * Math.max(0, shown.length - 1);
  };
  const dropLeastImportant = (which: (c: Column<R>) => boolean): boolean => {
    let drop = -1;
    cols.forEach((c, i) => {
      if (widths[i] === null || !which(c)) return;
      if (drop < 0 || c.priority > (cols[drop]?.priority ?? 0)) drop = i;
    });
    if (drop < 0 || widths.filter((w) => w !== null).length === 1) return false;
    widths[drop] = null;
    return true;
  };
  while (used() > total && dropLeastImportant((c) => !c.essential));
  for (;;) {
    // Shrink the flexible columns, widest first, down to their minimum.
    let excess = used() - total;
    while (excess > 0) {
      let widest = -1;
      cols.forEach((c, i) => {
        const w = widths[i];
        if (w === null || w === undefined || c.min === undefined || w <= c.min) return;
        if (widest < 0 || w > (widths[widest] ?? 0)) widest = i;
      });
      if (widest < 0) break;
      widths[widest] = (widths[widest] ?? 0) - 1;
      excess--;
    }
    if (excess <= 0 || !dropLeastImportant(() => true)) return widths;
    // A column went: give the others their natural width back and try again.
    for (let i = 0; i < cols.length; i++) if (widths[i] !== null) widths[i] = naturalOf(cols[i] as Column<R>);
  }
}

/** The table with its rows drawn only when asked for (a list panel draws the visible ones). */
export interface LazyTable {
  header: Line;
  count: number;
  line(index: number): Line;
  hidden: string[];
}

export function lazyTable<R>(cols: Column<R>[], rows: R[], total: number): LazyTable {
  const widths = fitColumns(cols, rows, total);
  const shown = cols.map((c, i) => ({ c, w: widths[i] ?? null })).filter((x): x is { c: Column<R>; w: number } => x.w !== null);
  const line = (cells: Seg[]): Line => {
    const out: Line = [];
    cells.forEach((s, i) => {
      const col = shown[i] as { c: Column<R>; w: number };
      if (i > 0) out.push(seg(' '.repeat(GAP)));
      out.push({ ...s, text: pad(col.c.middle ? truncateMiddle(s.text, col.w) : s.text, col.w, col.c.align) });
    });
    return out;
  };
  return {
    header: line(shown.map(({ c }) => seg(c.header, 'dim'))),
    count: rows.length,
    line: (i) => line(shown.map(({ c }) => c.cell(rows[i] as R))),
    hidden: cols.filter((_, i) => widths[i] === null).map((c) => c.header),
  };
}

export function table<R>(cols: Column<R>[], rows: R[], total: number): Table {
  const t = lazyTable(cols, rows, total);
  return { header: t.header, rows: rows.map((_, i) => t.line(i)), hidden: t.hidden };
}
