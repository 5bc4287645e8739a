// kubectl-style columns: upper-case headers, two spaces between columns, no borders.

import { visibleLength } from './theme.ts';

/** Appends every line of `more` to `lines` without spreading it into a call (which overflows the stack past ~100k items). */
export function append(lines: string[], more: readonly string[]): string[] {
  for (const l of more) lines.push(l);
  return lines;
}

export function table(headers: string[], rows: string[][], indent = '  '): string[] {
  const widths = headers.map((h, i) => rows.reduce((w, r) => Math.max(w, visibleLength(r[i] ?? '')), visibleLength(h)));
  const line = (cells: string[]) => indent + cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - visibleLength(c)))).join('   ').trimEnd();
  return [line(headers), ...rows.map(line)];
}
