// The TUI's colours, by role: the only place that picks one. NO_COLOR, --color=never and
// TERM=dumb drop the colours (bold, dim and inverse stay: they are not colours); every
// coloured fact also has a mark in the text (≠, ✓, ✗, ▲), so nothing depends on colour.

import { chooseTheme, PLAIN } from '../render/theme.ts';

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

export interface TuiTheme {
  color: boolean;
  style(role: Role): Style;
}

const COLOURED: Record<Role, Style> = {
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

function withoutColour(s: Style): Style {
  const { color: _color, ...rest } = s;
  return rest;
}

export function tuiTheme(color: boolean): TuiTheme {
  return { color, style: (role) => (color ? COLOURED[role] : withoutColour(COLOURED[role])) };
}

/** The same decision as the static text output (render/theme.ts), for a terminal. */
export function chooseTuiTheme(when: 'auto' | 'always' | 'never', env: Record<string, string | undefined>): TuiTheme {
  return tuiTheme(chooseTheme(when, env, true) !== PLAIN);
}
