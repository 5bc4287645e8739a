// Colours live here and nowhere else, by role: the static text view paints a role with the
// ANSI functions below, the TUI (tui/theme.ts) turns the same role into Ink props. NO_COLOR
// (any non-empty value), --color=never and TERM=dumb turn colours off in both; --color=always
// forces them. Bold, dim and inverse are not colours and stay.

/** What a piece of text is, for its colour: a severity, a state, or a part of the screen. */
export type Role =
  | 'error' | 'warning' | 'info' | 'ok' | 'dim' | 'accent' | 'title' | 'focus'
  | 'cursor' | 'match' | 'foreign' | 'key';

export interface Style {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

/** The one theme: each role's style when colours are on. */
export const ROLE_STYLES: Readonly<Record<Role, Style>> = {
  error: { color: 'red' },
  warning: { color: 'yellow' },
  info: { color: 'cyan' },
  ok: { color: 'green' },
  dim: { dimColor: true },
  accent: { color: 'cyan' },
  title: { bold: true },
  focus: { bold: true, color: 'cyan' },
  cursor: { inverse: true },
  match: { bold: true, color: 'green' },
  foreign: { bold: true, color: 'yellow' },
  key: { bold: true },
};

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

const COLOR_FUNCTION: Record<string, keyof Theme> = { red: 'red', yellow: 'yellow', green: 'green', cyan: 'cyan', magenta: 'magenta' };

/** Text in a role's style, for the static views (PLAIN leaves colours out). */
export function paint(t: Theme, role: Role, s: string): string {
  const st = ROLE_STYLES[role];
  let out = st.color ? t[COLOR_FUNCTION[st.color] ?? 'bold'](s) : s;
  if (st.bold) out = t.bold(out);
  if (st.dimColor) out = t.dim(out);
  return out;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
export function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}
