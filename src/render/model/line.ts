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

export function durationText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)}s`;
  if (s < 120) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Time of day of an RFC 3339 instant, in UTC, with milliseconds when the source has them. */
export function clockText(at: string): string {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return at;
  const iso = new Date(t).toISOString();
  return /\.\d+/.test(at) ? iso.slice(11, 23) : iso.slice(11, 19);
}

