// The selection: every selected pod, one row each, with the columns that fit.

import type { NearMiss, RoutingView } from '../../core/report.ts';
import { lazyTable, type Column } from '../columns.ts';
import type { MeantOwner } from '../../render/model/owners.ts';
import { shortRef } from '../../render/model/owners.ts';
import { ageCell, type Cell, type PodRow } from '../../render/model/pod-rows.ts';
import { seg, type Line, type Seg } from '../text.ts';
import { listPanel } from './list.ts';

export interface PodsPanelProps {
  rows: PodRow[];
  /** The clock the AGE column is drawn at (the rows are kept across ticks). */
  now: Date;
  /** Pods before the filter. */
  total: number;
  owners: number;
  chosen: number;
  top: number;
  focused: boolean;
  wide: boolean;
  width: number;
  height: number;
  service: RoutingView | null;
  meant: MeantOwner | null;
  filter: string;
  nearMisses: NearMiss[];
}

const cell = (c: Cell): Seg => seg(c.text, c.role);

/** A pod's creation time, parsed once per pod (the AGE column is measured over every row at every tick). */
const createdMs = new WeakMap<PodRow['pod'], number>();

function ageAt(r: PodRow, now: Date): Cell {
  const v = r.pod;
  if (!v.createdAt) return ageCell(v, now);
  let ms = createdMs.get(v);
  if (ms === undefined) {
    ms = Date.parse(v.createdAt);
    createdMs.set(v, ms);
  }
  return ageCell(v, now, ms);
}

export function podColumns(p: Pick<PodsPanelProps, 'wide' | 'service' | 'now'>): Column<PodRow>[] {
  // Every column but AGE is a value of the rows alone: its width is measured once per list of rows
  // (`measure`); AGE's once per list of rows and clock (`measuredAt`).
  const w = p.wide ? ' wide' : '';
  const cols: Column<PodRow>[] = [
    { header: 'OWNER', measure: `OWNER${w}`, priority: 1, min: 8, max: p.wide ? 60 : 36, essential: true, cell: (r) => (p.wide ? seg(`${r.foreign ? '≠ ' : ''}${r.shortChain}`, r.owner.role) : cell(r.owner)) },
    { header: 'POD', measure: 'POD', priority: 0, min: 12, max: 63, essential: true, middle: true, cell: (r) => cell(r.name) },
    { header: 'STATUS', measure: 'STATUS', priority: 2, essential: true, cell: (r) => cell(r.status) },
    { header: 'READY', measure: 'READY', priority: 3, essential: true, cell: (r) => cell(r.ready) },
  ];
  if (p.service) {
    const live = p.service.actual !== null;
    const ports = p.service.ports.map((x) => String(x.targetPort)).join(',');
    cols.push(
      { header: live ? 'ENDPOINT' : 'WOULD BE', measure: 'ENDPOINT', priority: 4, essential: true, cell: (r) => cell(r.slice ?? { text: '-' }) },
      { header: ports ? `PORT ${ports}` : 'PORT', measure: 'PORT', priority: 5, min: 6, max: 24, essential: true, cell: (r) => cell(r.port ?? { text: '-' }) },
    );
  }
  cols.push(
    { header: 'NODE', measure: 'NODE', priority: 6, min: 6, max: 30, cell: (r) => cell(r.node) },
    { header: 'ZONE', measure: 'ZONE', priority: 8, min: 6, max: 24, cell: (r) => cell(r.zone) },
    { header: 'RESTARTS', measure: 'RESTARTS', priority: 7, align: 'right', cell: (r) => cell(r.restarts) },
    { header: 'AGE', measure: 'AGE', measuredAt: p.now.getTime(), priority: 9, align: 'right', cell: (r) => cell(ageAt(r, p.now)) },
  );
  if (p.wide) {
    cols.push(
      { header: 'IP', measure: 'IP', priority: 10, cell: (r) => cell(r.ip) },
      { header: 'LABELS', measure: 'LABELS', priority: 11, min: 10, max: 80, cell: (r) => seg(r.labels, 'dim') },
    );
  }
  return cols;
}

export function podsTitle(p: Pick<PodsPanelProps, 'rows' | 'total' | 'owners' | 'meant' | 'filter'>): Line {
  const title: Line = [seg(`PODS ${p.total}`), seg(` · ${p.owners} ${p.owners === 1 ? 'owner' : 'owners'}`, 'dim')];
  // During a rollout the rows that matter may be scrolled out of view: say how many there are.
  if (!p.filter) {
    const terminating = p.rows.filter((r) => r.pod.terminating).length;
    const notReady = p.rows.filter((r) => !r.pod.terminating && !r.pod.template && r.pod.ready === false).length;
    if (terminating) title.push(seg(` · ${terminating} terminating`, 'warning'));
    if (notReady) title.push(seg(` · ${notReady} not ready`, 'warning'));
  }
  if (p.rows.some((r) => r.foreign)) title.push(seg(` · ≠ not ${p.meant ? shortRef(p.meant.ref) : 'the target'}'s`, 'foreign'));
  if (p.filter) title.push(seg(` · /${p.filter}: ${p.rows.length} shown`, 'accent'));
  return title;
}

export function podsPanel(p: PodsPanelProps): Line[] {
  // Only the visible rows are drawn: thousands of pods cost their widths, not their lines.
  const t = lazyTable(podColumns(p), p.rows, p.width - 2);
  const empty: Line = p.total === 0
    ? [seg('the selector matches no pod', 'warning'), ...p.nearMisses.slice(0, 1).map((n) => seg(`; nearest: pod/${n.pod.name} (${n.matched}/${n.total}: ${n.missing.join('; ')})`, 'dim'))]
    : [seg(`no pod matches /${p.filter}`, 'dim')];
  return listPanel({
    title: podsTitle(p), fixed: p.rows.length ? [t.header] : [], items: { count: t.count, line: t.line }, chosen: p.chosen, top: p.top,
    focused: p.focused, width: p.width, height: p.height, empty,
  });
}
