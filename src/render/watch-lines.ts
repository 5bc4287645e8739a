// Watch mode without a terminal, one line per change as stern prints them:
// `HH:MM:SS.mmm  KIND  object  message` (times in UTC), coloured by what the change means.
// `-o json` writes each Change as one JSON line instead (NDJSON), never through Ink.

import type { Change, ChangeKind } from '../core/timeline/types.ts';
import { escapeTerminal, escapeJSONText } from '../core/escape.ts';
import type { Theme } from './theme.ts';
import { refText } from '../core/refs.ts';
import { clockText } from '../core/time-of-day.ts';

const GOOD: ReadonlySet<ChangeKind> = new Set(['pod-ready', 'endpoint-added', 'rollout-complete', 'source-connected', 'source-reconnected', 'hazard-ended']);
const WARN: ReadonlySet<ChangeKind> = new Set(['pod-not-ready', 'pod-deletion-requested', 'pod-left-ready-set', 'selector-changed', 'source-relisted', 'endpoint-conditions']);
const BAD: ReadonlySet<ChangeKind> = new Set(['hazard-started', 'pod-serving-while-terminating', 'source-stale', 'source-forbidden']);
const INFO: ReadonlySet<ChangeKind> = new Set(['rollout-started', 'replicas-changed', 'pod-created', 'pod-scheduled']);

/** Width the kind column is padded to; the longest kinds overflow it. */
export const KIND_WIDTH = 22;


function paint(kind: ChangeKind, t: Theme): (s: string) => string {
  if (BAD.has(kind)) return t.red;
  if (WARN.has(kind)) return t.yellow;
  if (GOOD.has(kind)) return t.green;
  if (INFO.has(kind)) return t.cyan;
  return (s) => s;
}

export function changeLine(c: Change, t: Theme): string {
  const object = c.object ? escapeTerminal(`${refText(c.object)}`) : '-';
  return `${t.dim(escapeTerminal(clockText(c.at, 'column')))}  ${paint(c.kind, t)(c.kind.padEnd(KIND_WIDTH))}  ${t.bold(object)}  ${escapeTerminal(c.message)}\n`;
}

export function changeJSON(c: Change): string {
  return `${escapeJSONText(JSON.stringify(c))}\n`;
}
