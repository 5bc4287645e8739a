// Keys to intents: a change of the screen's state (an Action) or a command for the program
// around it (quit, refresh, watch, step). Pure, so every binding is tested without a terminal.

import type { Action, UiState } from './state.ts';

/** The parts of Ink's Key this reads. */
export interface KeyLike {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

export type Command = 'quit' | 'refresh' | 'watch' | 'step';

export type Intent = { action: Action } | { command: Command } | null;

const PAGE = 10;

function printable(s: string): boolean {
  return [...s].every((c) => { const n = c.codePointAt(0) ?? 0; return n >= 0x20 && n !== 0x7f; });
}

function movement(input: string, key: KeyLike): Action | null {
  if (key.downArrow || input === 'j') return { type: 'move', by: 1 };
  if (key.upArrow || input === 'k') return { type: 'move', by: -1 };
  if (key.pageDown || (key.ctrl && input === 'd')) return { type: 'move', by: PAGE };
  if (key.pageUp || (key.ctrl && input === 'u')) return { type: 'move', by: -PAGE };
  if (key.home || input === 'g') return { type: 'edge', to: 'first' };
  if (key.end || input === 'G') return { type: 'edge', to: 'last' };
  return null;
}

export function intentOf(input: string, key: KeyLike, s: UiState): Intent {
  if (key.ctrl && input === 'c') return { command: 'quit' };
  if (s.filtering) {
    if (key.escape) return { action: { type: 'escape' } };
    if (key.return) return { action: { type: 'filter-done' } };
    if (key.backspace || key.delete) return { action: { type: 'filter-erase' } };
    if (key.upArrow || key.downArrow || key.pageUp || key.pageDown) return { action: movement(input, key) as Action };
    if (key.tab) return { action: { type: 'focus', by: key.shift ? -1 : 1 } };
    if (input && !key.ctrl && !key.meta && printable(input)) return { action: { type: 'filter-input', text: input } };
    return null;
  }
  if (input === 'q') return { command: 'quit' };
  const m = movement(input, key);
  if (m) return { action: m };
  if (s.overlay) {
    if (key.escape || key.return) return { action: { type: 'escape' } };
    if (input === '?') return { action: { type: 'help' } };
    return null;
  }
  if (key.tab) return { action: { type: 'focus', by: key.shift ? -1 : 1 } };
  if (key.rightArrow) return { action: { type: 'focus', by: 1 } };
  if (key.leftArrow) return { action: { type: 'focus', by: -1 } };
  if (key.return) return { action: { type: 'details' } };
  if (key.escape) return { action: { type: 'escape' } };
  switch (input) {
    case '/': return { action: { type: 'filter-start' } };
    case '?': return { action: { type: 'help' } };
    case 'o': return { action: { type: 'wide' } };
    case 'p': return { action: { type: 'pause' } };
    case 'w': return { command: 'watch' };
    case 'r': return { command: 'refresh' };
    case 'n': case ' ': return { command: 'step' };
    default: return null;
  }
}

/**
 * Keys that arrive together (typed while the program was busy, or over a slow link) reach
 * useInput as one string; Ink splits off only escape sequences, backspace and ctrl-c. Each
 * character is then a key of its own: enter, tab, a ctrl key, or text.
 */
export function splitKeys(input: string, key: KeyLike): [string, KeyLike][] {
  const chars = [...input];
  if (chars.length <= 1 || input.startsWith('\u001b')) return [[input, key]];
  return chars.map((c): [string, KeyLike] => {
    if (c === '\r') return ['', { return: true }];
    if (c === '\t') return ['', { tab: true }];
    if (c === '\n') return ['', {}];
    const n = c.codePointAt(0) ?? 0;
    if (n >= 1 && n <= 26) return [String.fromCodePoint(n + 96), { ctrl: true }];
    return [c, {}];
  });
}
