// The whole screen as lines, from the data and the screen state: which sections show, how
// many rows each gets, what is chosen and where each list is scrolled. Pure; the Ink App
// only draws these lines and turns keys into state changes.

import type { Finding } from '../core/report.ts';
import { allocate, scrollTop, type SectionNeed } from './layout.ts';
import { findingKey, findingMentions, sortedFindings } from '../render/model/findings.ts';
import { kubectlLines } from '../render/model/kubectl.ts';
import { meantOwner, rootOf } from '../render/model/owners.ts';
import { ageCell, podRows, tableService, type PodRow } from '../render/model/pod-rows.ts';
import { changeSearch } from '../render/model/timeline.ts';
import { compareWant, comparePanel } from './panels/compare.ts';
import { changeDetails, findingDetails, podDetails } from './panels/details.ts';
import { findingsPanel } from './panels/findings.ts';
import { footerPanel } from './panels/footer.ts';
import { headerPanel } from './panels/header.ts';
import { helpLines } from './panels/help.ts';
import { kubectlPanel } from './panels/kubectl.ts';
import { podsPanel } from './panels/pods.ts';
import { timelineFixed, timelinePanel } from './panels/timeline.ts';
import { trafficPanel, trafficWant } from './panels/traffic.ts';
import { indexOf, timelineIndex, type Lists, type Panel, type UiState } from './state.ts';
import type { TuiData } from './store.ts';
import { fit, rule, seg, type Line } from './text.ts';

/** What the store holds (store.ts), and what the screen adds to it. */
export interface ScreenInput extends Omit<TuiData, 'dropped'> {
  /** While paused: how many changes arrived since the pause. */
  pausedNew: number | null;
  /** The program can start a watch (a live cluster or a replay). */
  watchable: boolean;
}

export interface Size {
  columns: number;
  rows: number;
}

export type Tops = Record<Panel | 'overlay', number>;

export const NO_TOPS: Tops = { pods: 0, findings: 0, timeline: 0, overlay: 0 };

export interface Screen {
  lines: Line[];
  lists: Lists;
  tops: Tops;
  /** The chosen pod's row. */
  row: PodRow | null;
}

const has = (haystack: string, needle: string) => needle === '' || haystack.includes(needle.toLowerCase());

/**
 * What the screen derives from one report, made once per report: the owner meant, the pod
 * rows (values of the report alone: the AGE column is drawn from the clock at draw time, so
 * a clock tick does not make thousands of rows again), the sorted findings, and the last
 * filter applied to each (a key press that does not change the filter filters nothing again).
 */
interface Derived {
  meant: ReturnType<typeof meantOwner>;
  rows: PodRow[] | null;
  /** The keys of every row (the list with no filter). */
  keys: string[] | null;
  /** The kubectl panel's lines (with thousands of pods, a tie names them all). */
  picks: Line[] | null;
  findings: Finding[] | null;
  filteredRows: { filter: string; rows: PodRow[]; keys: string[] } | null;
  filteredFindings: { filter: string; findings: Finding[]; keys: string[] } | null;
}

const derivedOf = new WeakMap<ScreenInput['report'], Derived>();

function derived(report: ScreenInput['report']): Derived {
  let d = derivedOf.get(report);
  if (!d) {
    d = { meant: meantOwner(report), rows: null, keys: null, picks: null, findings: null, filteredRows: null, filteredFindings: null };
    derivedOf.set(report, d);
  }
  return d;
}

function podRowsOf(report: ScreenInput['report'], now: Date): PodRow[] {
  const d = derived(report);
  d.rows ??= podRows(report, d.meant, now);
  return d.rows;
}

function filteredRows(report: ScreenInput['report'], now: Date, filter: string): { rows: PodRow[]; keys: string[] } {
  const d = derived(report);
  if (filter === '') {
    // No filter: the very rows of the report (their column widths are measured already), so
    // clearing a filter over thousands of pods filters and measures nothing again.
    const rows = podRowsOf(report, now);
    d.keys ??= rows.map((r) => r.key);
    return { rows, keys: d.keys };
  }
  if (d.filteredRows?.filter !== filter) {
    const rows = podRowsOf(report, now).filter((r) => has(r.search, filter));
    d.filteredRows = { filter, rows, keys: rows.map((r) => r.key) };
  }
  return d.filteredRows;
}

function filteredFindings(report: ScreenInput['report'], filter: string): { all: Finding[]; findings: Finding[]; keys: string[] } {
  const d = derived(report);
  d.findings ??= sortedFindings(report);
  const all = d.findings;
  if (d.filteredFindings?.filter !== filter) {
    const findings = all.filter((f) => has(`${f.id} ${f.message} ${f.evidence.join(' ')} ${f.objects.map((o) => o.name).join(' ')}`.toLowerCase(), filter));
    d.filteredFindings = { filter, findings, keys: findings.map(findingKey) };
  }
  return { all, ...d.filteredFindings };
}

export function screen(input: ScreenInput, ui: UiState, size: Size, previous: Tops = NO_TOPS): Screen {
  const { report, header, now } = input;
  const width = Math.max(20, size.columns);
  const meant = derived(report).meant;
  const allRows = podRowsOf(report, now);
  const { rows, keys: podKeys } = filteredRows(report, now, ui.filter);
  const { all: allFindings, findings, keys: findingKeys } = filteredFindings(report, ui.filter);
  const changes = ui.filter ? input.timeline.filter((c) => has(changeSearch(c), ui.filter)) : input.timeline;
  const showTimeline = header.watching || input.timeline.length > 0 || input.hazards.length > 0 || input.rollout !== null;
  const panels: Panel[] = ['pods', 'findings', ...(showTimeline ? ['timeline' as const] : [])];
  const lists: Lists = { pods: podKeys, findings: findingKeys, timeline: changes.length, panels };
  const podIdx = indexOf(lists.pods, ui.pod);
  const findingIdx = indexOf(lists.findings, ui.finding);
  const changeIdx = timelineIndex(ui, changes.length);
  const listed = rows[podIdx] ?? null;
  // The rows are kept across clock ticks: the chosen one's age is made for this clock.
  const row = listed ? { ...listed, age: ageCell(listed.pod, now) } : null;
  const root = row ? rootOf(row.pod) : null;
  const tops: Tops = { ...previous };

  const head = headerPanel({ report, header, now, paused: ui.paused, width });
  const foot = footerPanel({ width, filtering: ui.filtering, filter: ui.filter, status: input.status, watchable: input.watchable, stepping: header.replay?.stepping === true });
  const bodyRows = Math.max(0, size.rows - head.length - foot.length);
  let body: Line[];

  if (ui.overlay) {
    let title: Line;
    let content: Line[];
    if (ui.overlay === 'help') {
      title = [seg('HELP'), seg('  esc closes', 'dim')];
      content = helpLines(width);
    } else if (ui.focus === 'findings' && findings[findingIdx]) {
      title = [seg('FINDING'), seg('  esc closes · j/k scroll', 'dim')];
      content = findingDetails(findings[findingIdx], width);
    } else if (ui.focus === 'timeline' && changes[changeIdx]) {
      title = [seg('CHANGE'), seg('  esc closes · j/k scroll', 'dim')];
      content = changeDetails(changes[changeIdx], width);
    } else if (row) {
      title = [seg('POD'), seg('  esc closes · j/k scroll', 'dim')];
      content = podDetails(report, row, width);
    } else {
      title = [seg('DETAILS'), seg('  esc closes', 'dim')];
      content = [[seg('nothing chosen', 'dim')]];
    }
    const room = Math.max(0, bodyRows - 1);
    const top = Math.min(ui.scroll, Math.max(0, content.length - room));
    tops.overlay = top;
    body = [rule(title, width), ...content.slice(top, top + room).map((l) => fit(l, width))];
  } else {
    const d = derived(report);
    d.picks ??= kubectlLines(report);
    const picks = d.picks;
    const service = tableService(report);
    const compareProps = { report, row, meant, width };
    const needs: SectionNeed[] = [
      // Watching, pods come and go: keep a few rows of them whatever else wants room.
      { id: 'pods', min: Math.min(2 + Math.max(1, rows.length), showTimeline ? 6 : 3), want: 2 + Math.max(1, rows.length) },
      { id: 'findings', min: 2, want: 1 + Math.max(1, findings.length) },
      // Watching, the timeline is what moves: it gets a third of the screen at least.
      ...(showTimeline ? [{ id: 'timeline', min: Math.max(4, Math.floor(bodyRows / 3)), want: Infinity }] : []),
      { id: 'compare', min: 4, want: compareWant(compareProps) },
      ...(picks.length ? [{ id: 'kubectl', min: 2, want: 1 + picks.length }] : []),
      // Only with rows to spare: the same facts are in the details of each pod.
      ...(report.routing.length ? [{ id: 'traffic', min: 3, want: trafficWant(report.routing, width), tier: 1 }] : []),
    ];
    const hs = allocate(bodyRows, needs);
    const hPods = hs.pods ?? 0;
    const hFindings = hs.findings ?? 0;
    const hTimeline = hs.timeline ?? 0;
    tops.pods = scrollTop(podIdx, rows.length, hPods - 2, previous.pods);
    tops.findings = scrollTop(findingIdx, findings.length, hFindings - 1, previous.findings);
    const fixedLines = showTimeline ? timelineFixed(input) : [];
    const fixed = Math.min(fixedLines.length, Math.max(0, Math.floor((hTimeline - 1) / 2)));
    const following = ui.change === null;
    const tlRoom = hTimeline - 1 - fixed;
    tops.timeline = following ? Math.max(0, changes.length - tlRoom) : scrollTop(changeIdx, changes.length, tlRoom, previous.timeline);
    body = [
      ...podsPanel({ rows, now, total: allRows.length, owners: report.summary.owners, chosen: podIdx, top: tops.pods, focused: ui.focus === 'pods', wide: ui.wide, width, height: hPods, service, meant, filter: ui.filter, nearMisses: report.nearMisses }),
      ...findingsPanel({ findings, all: allFindings, chosen: findingIdx, top: tops.findings, focused: ui.focus === 'findings', width, height: hFindings, filter: ui.filter, aboutPod: (f) => row !== null && findingMentions(f, row.key, root?.name ?? null, root?.kind ?? null) }),
      ...comparePanel({ ...compareProps, height: hs.compare ?? 0 }),
      ...kubectlPanel(picks, width, hs.kubectl ?? 0),
      ...trafficPanel(report.routing, width, hs.traffic ?? 0),
      ...(showTimeline ? timelinePanel({
        changes, total: input.timeline.length, hazards: input.hazards, rollout: input.rollout, now, chosen: changeIdx, top: tops.timeline, following,
        focused: ui.focus === 'timeline', width, height: hTimeline, filter: ui.filter, watching: header.watching, paused: input.pausedNew, fixed: fixedLines,
      }) : []),
    ];
  }
  const lines = [...head, ...body.slice(0, bodyRows), ...Array.from({ length: Math.max(0, bodyRows - body.length) }, (): Line => []), ...foot]
    .slice(0, Math.max(0, size.rows))
    .map((l) => fit(l, width));
  return { lines, lists, tops, row };
}
