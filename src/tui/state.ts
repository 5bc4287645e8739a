// The screen's own state (focus, selection, filter, overlays) and the one reducer that
// changes it. Pure: the lists it moves through are passed in, so tests need no terminal.

export type Panel = 'pods' | 'findings' | 'timeline';
export type Overlay = 'help' | 'details' | null;

export interface UiState {
  focus: Panel;
  /** The chosen pod and finding, by key, so the choice survives a new report. */
  pod: string | null;
  finding: string | null;
  /** The chosen timeline line, by index; null follows the newest line. */
  change: number | null;
  filter: string;
  filtering: boolean;
  wide: boolean;
  overlay: Overlay;
  /** Lines scrolled in the details and help overlays. */
  scroll: number;
  paused: boolean;
}

export type Action =
  | { type: 'move'; by: number }
  | { type: 'edge'; to: 'first' | 'last' }
  | { type: 'focus'; by: 1 | -1 }
  | { type: 'details' }
  | { type: 'help' }
  | { type: 'escape' }
  | { type: 'filter-start' }
  | { type: 'filter-input'; text: string }
  | { type: 'filter-erase' }
  | { type: 'filter-done' }
  | { type: 'wide' }
  | { type: 'pause' };

/** What the reducer needs to know of the data: the keys of the visible (filtered) lists. */
export interface Lists {
  pods: string[];
  findings: string[];
  timeline: number;
  /** The panels on screen, in tab order. */
  panels: Panel[];
}

export const INITIAL: UiState = {
  focus: 'pods', pod: null, finding: null, change: null, filter: '', filtering: false, wide: false, overlay: null, scroll: 0, paused: false,
};

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** Index of the chosen item in a list (the first when none is chosen or it is gone). */
export function indexOf(keys: string[], key: string | null): number {
  const i = key === null ? -1 : keys.indexOf(key);
  return i < 0 ? 0 : i;
}

export function timelineIndex(s: UiState, length: number): number {
  return s.change === null ? length - 1 : clamp(s.change, 0, Math.max(0, length - 1));
}

function moveKey(keys: string[], key: string | null, by: number): string | null {
  if (keys.length === 0) return key;
  return keys[clamp(indexOf(keys, key) + by, 0, keys.length - 1)] ?? null;
}

function move(s: UiState, l: Lists, by: number): UiState {
  if (s.overlay) return { ...s, scroll: Math.max(0, s.scroll + by) };
  if (s.focus === 'pods') return { ...s, pod: moveKey(l.pods, s.pod, by) };
  if (s.focus === 'findings') return { ...s, finding: moveKey(l.findings, s.finding, by) };
  if (l.timeline === 0) return s;
  const next = timelineIndex(s, l.timeline) + by;
  return { ...s, change: next >= l.timeline - 1 ? null : clamp(next, 0, l.timeline - 1) };
}

function edge(s: UiState, l: Lists, to: 'first' | 'last'): UiState {
  if (s.overlay) return { ...s, scroll: to === 'first' ? 0 : Number.MAX_SAFE_INTEGER };
  if (s.focus === 'pods') return { ...s, pod: (to === 'first' ? l.pods[0] : l.pods[l.pods.length - 1]) ?? s.pod };
  if (s.focus === 'findings') return { ...s, finding: (to === 'first' ? l.findings[0] : l.findings[l.findings.length - 1]) ?? s.finding };
  return { ...s, change: to === 'first' && l.timeline > 0 ? 0 : null };
}

export function reduce(s: UiState, a: Action, l: Lists): UiState {
  switch (a.type) {
    case 'move': return move(s, l, a.by);
    case 'edge': return edge(s, l, a.to);
    case 'focus': {
      if (s.overlay || l.panels.length === 0) return s;
      const i = l.panels.indexOf(s.focus);
      const next = l.panels[((i < 0 ? 0 : i) + a.by + l.panels.length) % l.panels.length] as Panel;
      return { ...s, focus: next };
    }
    case 'details': return s.overlay === 'details' ? { ...s, overlay: null } : { ...s, overlay: 'details', scroll: 0, filtering: false };
    case 'help': return s.overlay === 'help' ? { ...s, overlay: null } : { ...s, overlay: 'help', scroll: 0, filtering: false };
    case 'escape':
      if (s.overlay) return { ...s, overlay: null };
      if (s.filtering || s.filter) return { ...s, filtering: false, filter: '' };
      return s;
    case 'filter-start': return { ...s, filtering: true, overlay: null };
    case 'filter-input': return { ...s, filter: s.filter + a.text };
    case 'filter-erase': return { ...s, filter: [...s.filter].slice(0, -1).join('') };
    case 'filter-done': return { ...s, filtering: false };
    case 'wide': return { ...s, wide: !s.wide };
    case 'pause': return { ...s, paused: !s.paused };
  }
}

/** Keeps the focus on a panel that is on screen (the timeline comes and goes with watching). */
export function settle(s: UiState, l: Lists): UiState {
  if (l.panels.length === 0 || l.panels.includes(s.focus)) return s;
  return { ...s, focus: l.panels[0] as Panel };
}
