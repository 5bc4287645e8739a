// The bottom line: the filter being typed, a status message, or the keys.

import { fit, lineWidth, padLine, seg, type Line } from '../text.ts';

export interface FooterProps {
  width: number;
  filtering: boolean;
  filter: string;
  status: string | null;
  watchable: boolean;
  stepping: boolean;
}

/** The keys in the order they are shown, with how readily each gives way on a narrow screen (higher goes first). */
const KEYS: [string, string, number][] = [
  ['j/k', 'move', 3], ['tab', 'panel', 2], ['enter', 'details', 2], ['/', 'filter', 1], ['w', 'watch', 1], ['p', 'pause', 4],
  ['n', 'step', 0], ['r', 'refresh', 5], ['o', 'wide', 6], ['?', 'help', 0], ['q', 'quit', 0],
];

function keysLine(keys: [string, string, number][]): Line {
  return keys.flatMap(([k, what], i) => [seg(k, 'key'), seg(` ${what}${i < keys.length - 1 ? '  ' : ''}`, 'dim')]);
}

export function footerPanel(p: FooterProps): Line[] {
  if (p.filtering) {
    return [padLine([seg('/', 'key'), seg(p.filter), seg('▏', 'accent'), seg('   enter keeps it · esc clears it', 'dim')], p.width)];
  }
  if (p.status) return [padLine([seg(p.status, 'accent')], p.width)];
  let keys = KEYS.filter(([k]) => (p.watchable || (k !== 'w' && k !== 'p')) && (p.stepping || k !== 'n'));
  const prefix: Line = p.filter ? [seg(`/${p.filter} `, 'accent'), seg('(esc clears)  ', 'dim')] : [];
  // Drop the keys that give way most readily until the line fits (? help lists them all).
  while (lineWidth([...prefix, ...keysLine(keys)]) > p.width) {
    const worst = keys.reduce((a, b) => (b[2] > a[2] ? b : a));
    if (worst[2] === 0) break;
    keys = keys.filter((k) => k !== worst);
  }
  return [fit([...prefix, ...keysLine(keys)], p.width)];
}
