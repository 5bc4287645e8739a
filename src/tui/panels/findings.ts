// The findings, worst first, one sentence each.

import type { Finding } from '../../core/report.ts';
import { MARK, severityCounts } from '../../render/model/findings.ts';
import { lineWidth, seg, type Line } from '../text.ts';
import { listPanel } from './list.ts';

export interface FindingsPanelProps {
  /** The findings shown (after the filter). */
  findings: Finding[];
  /** Every finding, for the counts. */
  all: Finding[];
  chosen: number;
  top: number;
  focused: boolean;
  width: number;
  height: number;
  filter: string;
  /** Findings about the chosen pod stand out with a mark. */
  aboutPod: (f: Finding) => boolean;
}

/** `▲* message  [rule-id]`; the rule id goes first when the line is too long for both. */
export function findingLine(f: Finding, aboutPod: boolean, width = Infinity): Line {
  const m = MARK[f.severity];
  const line: Line = [seg(m.text, m.role), seg(aboutPod ? '*' : ' ', 'accent'), seg(' '), seg(f.message.replace(/\s+/g, ' '))];
  const id = seg(`  [${f.id}]`, 'dim');
  return lineWidth(line) + id.text.length <= width ? [...line, id] : line;
}

export function findingsPanel(p: FindingsPanelProps): Line[] {
  const counts = severityCounts(p.all);
  const title: Line = [seg(`FINDINGS ${p.all.length}`)];
  for (const c of counts) title.push(seg(` ${c.text}`, c.role));
  if (p.filter) title.push(seg(` · /${p.filter}: ${p.findings.length} shown`, 'accent'));
  return listPanel({
    title, items: p.findings.map((f) => findingLine(f, p.aboutPod(f), p.width - 2)), chosen: p.chosen, top: p.top, focused: p.focused,
    width: p.width, height: p.height, empty: p.all.length === 0 ? [seg('✓ no findings', 'ok')] : [seg(`no finding matches /${p.filter}`, 'dim')],
  });
}
