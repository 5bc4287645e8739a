// Draws prepared lines with Ink: one <Text> per line, one nested <Text> per styled segment.

import React from 'react';
import { Box, Text } from 'ink';
import type { Line } from './text.ts';
import type { TuiTheme } from './theme.ts';

const h = React.createElement;

export function LineView({ line, theme }: { line: Line; theme: TuiTheme }): React.ReactElement {
  if (line.length === 0) return h(Text, null, ' ');
  return h(Text, { wrap: 'truncate-end' }, ...line.map((s, i) => h(Text, { key: i, ...(s.role ? theme.style(s.role) : {}), ...(s.inverse ? { inverse: true } : {}) }, s.text)));
}

export function Lines({ lines, theme, width, height }: { lines: Line[]; theme: TuiTheme; width?: number; height?: number }): React.ReactElement {
  return h(Box, { flexDirection: 'column', overflow: 'hidden', ...(width ? { width } : {}), ...(height ? { height } : {}) },
    ...lines.map((line, i) => h(LineView, { key: i, line, theme })));
}
