// The bottom line: the filter being typed, a status message, or the keys.

import { fit, padLine, seg, type Line } from '../text.ts';

export interface FooterProps {
  width: number;
  filtering: boolean;
  filter: string;
  status: string | null;
  watchable: boolean;
  stepping: boolean;
}

const KEYS: [string, string][] = [['j/k', 'move'], ['tab', 'panel'], ['enter', 'details'], ['/', 'filter'], ['w', 'watch'], ['p', 'pause'], ['r', 'refresh'], ['o', 'wide'], ['?', 'help'], ['q', 'quit']];

export function footerPanel(p: FooterProps): Line[] {
  if (p.filtering) {
    return [padLine([seg('/', 'key'), seg(p.filter), seg('▏', 'accent'), seg('   enter keeps it · esc clears it', 'dim')], p.width)];
  }
  if (p.status) return [padLine([seg(p.status, 'accent')], p.width)];
  const keys = KEYS.filter(([k]) => p.watchable || (k !== 'w' && k !== 'p'));
  if (p.stepping) keys.splice(keys.length - 2, 0, ['n', 'step']);
  const line: Line = [];
  for (const [k, what] of keys) line.push(seg(k, 'key'), seg(` ${what}  `, 'dim'));
  if (p.filter) line.unshift(seg(`/${p.filter} `, 'accent'), seg('(esc clears)  ', 'dim'));
  const last = line[line.length - 1];
  if (last) line[line.length - 1] = { ...last, text: last.text.trimEnd() };
  return [fit(line, p.width)];
}
