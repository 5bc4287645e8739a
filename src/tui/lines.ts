// Draws prepared lines with Ink: one <Text> per line, one nested <Text> per styled segment.

import React from 'react';
import { Box, Text } from 'ink';
import type { Line } from './text.ts';
import type { TuiTheme } from './theme.ts';

const h = React.createElement;

interface LineProps { line: Line; theme: TuiTheme }

/** Neighbouring segments of the same style as one (each nested Text costs Ink a node to lay out and squash, every frame). */
function runs(line: Line): Line {
  const out: Line = [];
  for (const s of line) {
    const last = out[out.length - 1];
    if (last && last.role === s.role && (last.inverse ?? false) === (s.inverse ?? false)) out[out.length - 1] = { ...last, text: last.text + s.text };
    else out.push(s);
  }
  return out;
}

function drawLine({ line, theme }: LineProps): React.ReactElement {
  if (line.length === 0) return h(Text, null, ' ');
  return h(Text, { wrap: 'truncate-end' }, ...runs(line).map((s, i) => h(Text, { key: i, ...(s.role ? theme.style(s.role) : {}), ...(s.inverse ? { inverse: true } : {}) }, s.text)));
}

function sameLine(a: LineProps, b: LineProps): boolean {
  return a.theme === b.theme && a.line.length === b.line.length
    && a.line.every((s, i) => { const t = b.line[i]; return t !== undefined && s.text === t.text && s.role === t.role && s.inverse === t.inverse; });
}

/** One line; redrawn only when its text or styles changed (a watch redraws the screen many times a second). */
export const LineView = React.memo(drawLine, sameLine);

/**
 * The lines are already as many as the screen's rows and as wide as its columns (panels fit
 * them; a line wider than we count, with wide characters, is cut by its Text), so the box
 * clips nothing: asking Ink to clip made it measure and slice every line again at every frame.
 */
export function Lines({ lines, theme, width, height }: { lines: Line[]; theme: TuiTheme; width?: number; height?: number }): React.ReactElement {
  return h(Box, { flexDirection: 'column', ...(width ? { width } : {}), ...(height ? { height } : {}) },
    ...lines.map((line, i) => h(LineView, { key: i, line, theme })));
}
