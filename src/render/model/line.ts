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

/**
 * How old something created at `from` is, as kubectl's AGE column says it (apimachinery's
 * duration.HumanDuration, about two significant figures): 45s, 2m30s, 12m, 3h20m, 5h, 2d3h,
 * 30d, 2y45d; "<invalid>" when `from` is more than a second in the future (clocks apart).
 */
export function age(from: string | null, now: Date, fromMs?: number): string {
  if (!from) return '-';
  // fromMs: `from` already parsed (a view drawing thousands of ages at every tick parses each once).
  const ms = now.getTime() - (fromMs ?? Date.parse(from));
  if (Number.isNaN(ms)) return '-';
  return humanDuration(ms);
}

/** Go's integer division of a duration: toward zero. */
const per = (ms: number, unit: number) => Math.trunc(ms / unit);

/** kubectl's rounding of a duration for people (apimachinery duration.HumanDuration), from milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = per(ms, 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = per(ms, 60_000);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = per(ms, 3_600_000);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = per(hours, 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = per(days, 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}
