// Draws prepared lines with Ink: one <Text> per line, one nested <Text> per styled segment.

import React from 'react';
import { Box, Text } from 'ink';
import type { Line } from './text.ts';
import type { TuiTheme } from './theme.ts';

const h = React.createElement;

interface LineProps { line: Line; theme: TuiTheme }

function drawLine({ line, theme }: LineProps): React.ReactElement {
  if (line.length === 0) return h(Text, null, ' ');
  return h(Text, { wrap: 'truncate-end' }, ...line.map((s, i) => h(Text, { key: i, ...(s.role ? theme.style(s.role) : {}), ...(s.inverse ? { inverse: true } : {}) }, s.text)));
}

function sameLine(a: LineProps, b: LineProps): boolean {
  return a.theme === b.theme && a.line.length === b.line.length
    && a.line.every((s, i) => { const t = b.line[i]; return t !== undefined && s.text === t.text && s.role === t.role && s.inverse === t.inverse; });
}

/** One line; redrawn only when its text or styles changed (a watch redraws the screen many times a second). */
export const LineView = React.memo(drawLine, sameLine);

export function Lines({ lines, theme, width, height }: { lines: Line[]; theme: TuiTheme; width?: number; height?: number }): React.ReactElement {
  return h(Box, { flexDirection: 'column', overflow: 'hidden', ...(width ? { width } : {}), ...(height ? { height } : {}) },
    ...lines.map((line, i) => h(LineView, { key: i, line, theme })));
}
