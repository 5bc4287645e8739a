// Lines of styled segments: the presentation model's unit. A view (the TUI's panels) lays
// them out; each segment names its role, and the theme (render/theme.ts) gives the role its style.

import type { Role } from '../theme.ts';

export interface Seg {
  text: string;
  role?: Role | undefined;
  /** Drawn in reverse video: the chosen row of the focused panel. */
  inverse?: boolean;
}

export type Line = Seg[];

export function seg(text: string, role?: Role): Seg {
  return role ? { text, role } : { text };
}

/** Time of day of an RFC 3339 instant, in UTC, with milliseconds when the source has them. */
export function clockText(at: string): string {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return at;
  const iso = new Date(t).toISOString();
  return /\.\d+/.test(at) ? iso.slice(11, 23) : iso.slice(11, 19);
}

