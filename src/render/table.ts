// kubectl-style columns: upper-case headers, two spaces between columns, no borders.

import { visibleLength } from './theme.ts';

export function table(headers: string[], rows: string[][], indent = '  '): string[] {
  const widths = headers.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const line = (cells: string[]) => indent + cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - visibleLength(c)))).join('   ').trimEnd();
  return [line(headers), ...rows.map(line)];
}
