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

/** One cell of a table row: its text and its role; a view lays cells out in columns. */
export interface Cell {
  text: string;
  role?: Role;
}

export function seg(text: string, role?: Role): Seg {
  return role ? { text, role } : { text };
}

/** How old something created at `from` is, as kubectl's AGE column says it: 45s, 12m, 5h, 3d. */
export function age(from: string | null, now: Date, fromMs?: number): string {
  if (!from) return '-';
  // fromMs: `from` already parsed (a view drawing thousands of ages at every tick parses each once).
  const s = Math.max(0, Math.floor((now.getTime() - (fromMs ?? Date.parse(from))) / 1000));
  if (Number.isNaN(s)) return '-';
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}
