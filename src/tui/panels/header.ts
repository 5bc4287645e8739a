// The top two lines: the target, where the facts come from (cluster context, manifests, or a
// replay and its clock), the state of the watch; then the selector and the counts.

import type { Report } from '../../core/report.ts';
import { severityCounts } from '../../render/model/findings.ts';
import { refText } from '../../render/model/owners.ts';
import type { SourceHeader } from '../store.ts';
import { durationText } from '../../core/duration.ts';
import { fit, lineWidth, padLine, seg, type Line } from '../text.ts';
import { clockText } from '../../core/time-of-day.ts';

export interface HeaderProps {
  report: Report;
  header: SourceHeader;
  now: Date;
  paused: boolean;
  width: number;
}

export function sourceText(h: SourceHeader): Line {
  if (h.origin === 'live') {
    return [seg('live ', 'ok'), seg(h.context ?? h.cluster ?? 'in-cluster'), ...(h.cluster && h.context && h.cluster !== h.context ? [seg(` (${h.cluster})`, 'dim')] : [])];
  }
  if (h.origin === 'replay') {
    const r = h.replay;
    const pace = r ? (r.stepping ? ' step by step' : r.speed && r.speed !== 1 ? ` ×${r.speed}` : '') : '';
    // The clock first: the file name is long and the clock is what moves.
    return [seg('replay', 'accent'), seg(r?.clock ? ` @ ${clockText(r.clock, 'glance')}Z` : '', 'accent'), seg(pace, 'dim'), seg(` ${h.inputs.map((f) => f.split('/').pop() ?? f).join(', ')}`)];
  }
  return [seg('manifests ', 'dim'), seg(h.inputs.join(' '))];
}

function state(p: HeaderProps): Line {
  const h = p.header;
  // The clock ticks once a second: just after the streams broke it may still be behind them.
  if (h.staleSince) return [seg(`✖ stale since ${clockText(h.staleSince, 'glance')}Z (${durationText(Math.max(0, p.now.getTime() - Date.parse(h.staleSince)), 'glance')})`, 'error')];
  if (p.paused) return [seg('❚❚ paused', 'warning')];
  if (h.watching) return [seg('● watching', 'ok')];
  return [];
}

function spread(left: Line, right: Line, width: number): Line {
  const rw = lineWidth(right);
  if (rw === 0) return padLine(left, width);
  if (rw + 2 > width) return fit(right, width);
  return [...padLine(left, width - rw - 2), seg('  '), ...right];
}

export function headerPanel(p: HeaderProps): Line[] {
  const r = p.report;
  const first: Line = [seg(refText(r.target.ref), 'title'), seg('  ns ', 'dim'), seg(p.header.namespace), seg('  ·  ', 'dim'), ...sourceText(p.header), seg(`  · kubectl ${r.kubectlVersion.version}`, 'dim')];
  const sel = r.target.selector;
  let second: Line;
  if (!r.target.found) second = [seg(`not found in namespace ${p.header.namespace}`, 'error'), ...(p.header.watching ? [seg(' — waiting for it to appear', 'dim')] : [])];
  else if (sel) second = [seg(`${sel.field} `, 'dim'), seg(sel.error ? sel.error : sel.text, sel.error ? 'error' : 'accent')];
  else if (r.target.ref.kind === 'Pod') second = [seg(`selected by ${r.selectedBy.length} ${r.selectedBy.length === 1 ? 'object' : 'objects'}`, 'dim')];
  else second = [seg('no selector', 'dim')];
  const counts: Line = [seg(`${r.summary.selected} ${r.summary.selected === 1 ? 'pod' : 'pods'} · ${r.summary.owners} ${r.summary.owners === 1 ? 'owner' : 'owners'}`, 'dim')];
  const sev = severityCounts(r.findings);
  if (sev.length) counts.push(seg(' ·', 'dim'), ...sev.map((c) => seg(` ${c.text}`, c.role)));
  else if (r.target.found) counts.push(seg(' · ✓ no findings', 'ok'));
  return [spread(first, state(p), p.width), spread(second, counts, p.width)];
}
