// The TUI's side of the one theme (render/theme.ts): each role's style as Ink props. NO_COLOR,
// --color=never and TERM=dumb drop the colours (bold, dim and inverse stay: they are not
// colours); every coloured fact also has a mark in the text (≠, ✓, ✗, ▲), so nothing depends on colour.

import { chooseTheme, PLAIN, ROLE_STYLES, type Role, type Style } from '../render/theme.ts';

export type { Role, Style } from '../render/theme.ts';

export interface TuiTheme {
  color: boolean;
  style(role: Role): Style;
}

const COLOURED = ROLE_STYLES;

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
