// Colours live here and nowhere else. NO_COLOR (any non-empty value) and --color=never
// turn them off; --color=always forces them.

export interface Theme {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const COLOR: Theme = {
  bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39), magenta: wrap(35, 39),
};

const id = (s: string) => s;
export const PLAIN: Theme = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id, magenta: id };

export function chooseTheme(when: 'auto' | 'always' | 'never', env: Record<string, string | undefined>, isTTY: boolean): Theme {
  if (when === 'always') return COLOR;
  if (when === 'never') return PLAIN;
  if (env.NO_COLOR) return PLAIN;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return COLOR;
  return isTTY && env.TERM !== 'dumb' ? COLOR : PLAIN;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
export function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}
