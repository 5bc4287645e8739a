// The whole screen as lines, from the data and the screen state: which sections show, how
// many rows each gets, what is chosen and where each list is scrolled. Pure; the Ink App
// only draws these lines and turns keys into state changes.

import { allocate, scrollTop, type SectionNeed } from './layout.ts';
import { findingKey, findingMentions, sortedFindings } from '../render/model/findings.ts';
import { kubectlLines } from '../render/model/kubectl.ts';
import { meantOwner, rootOf } from '../render/model/owners.ts';
import { podRows, tableService, type PodRow } from '../render/model/pod-rows.ts';
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
 * The owner meant and the rows of the last report drawn at the last clock: a key press redraws
 * the same report, and thousands of rows are not made again (they are values of the report and
 * the clock alone).
 */
const rowsOf = new WeakMap<ScreenInput['report'], { meant: ReturnType<typeof meantOwner>; now: number; rows: PodRow[] | null }>();

function meantOf(report: ScreenInput['report'], now: Date): ReturnType<typeof meantOwner> {
  const known = rowsOf.get(report);
  if (known) return known.meant;
  const meant = meantOwner(report);
  rowsOf.set(report, { meant, now: now.getTime(), rows: null });
  return meant;
}

function podRowsOf(report: ScreenInput['report'], now: Date): PodRow[] {
  const meant = meantOf(report, now);
  const known = rowsOf.get(report);
  if (known?.rows && known.now === now.getTime()) return known.rows;
  const rows = podRows(report, meant, now);
  rowsOf.set(report, { meant, now: now.getTime(), rows });
  return rows;
}

export function screen(input: ScreenInput, ui: UiState, size: Size, previous: Tops = NO_TOPS): Screen {
  const { report, header, now } = input;
  const width = Math.max(20, size.columns);
  const meant = meantOf(report, now);
  const allRows = podRowsOf(report, now);
  const rows = allRows.filter((r) => has(r.search, ui.filter));
  const allFindings = sortedFindings(report);
  const findings = allFindings.filter((f) => has(`${f.id} ${f.message} ${f.evidence.join(' ')} ${f.objects.map((o) => o.name).join(' ')}`.toLowerCase(), ui.filter));
  const changes = ui.filter ? input.timeline.filter((c) => has(changeSearch(c), ui.filter)) : input.timeline;
  const showTimeline = header.watching || input.timeline.length > 0 || input.hazards.length > 0 || input.rollout !== null;
  const panels: Panel[] = ['pods', 'findings', ...(showTimeline ? ['timeline' as const] : [])];
  const lists: Lists = { pods: rows.map((r) => r.key), findings: findings.map(findingKey), timeline: changes.length, panels };
  const podIdx = indexOf(lists.pods, ui.pod);
  const findingIdx = indexOf(lists.findings, ui.finding);
  const changeIdx = timelineIndex(ui, changes.length);
  const row = rows[podIdx] ?? null;
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
    const picks = kubectlLines(report);
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
    const fixed = Math.min(timelineFixed(input).length, Math.max(0, Math.floor((hTimeline - 1) / 2)));
    const following = ui.change === null;
    const tlRoom = hTimeline - 1 - fixed;
    tops.timeline = following ? Math.max(0, changes.length - tlRoom) : scrollTop(changeIdx, changes.length, tlRoom, previous.timeline);
    body = [
      ...podsPanel({ rows, total: allRows.length, owners: report.summary.owners, chosen: podIdx, top: tops.pods, focused: ui.focus === 'pods', wide: ui.wide, width, height: hPods, service, meant, filter: ui.filter, nearMisses: report.nearMisses }),
      ...findingsPanel({ findings, all: allFindings, chosen: findingIdx, top: tops.findings, focused: ui.focus === 'findings', width, height: hFindings, filter: ui.filter, aboutPod: (f) => row !== null && findingMentions(f, row.key, root?.name ?? null, root?.kind ?? null) }),
      ...comparePanel({ ...compareProps, height: hs.compare ?? 0 }),
      ...kubectlPanel(picks, width, hs.kubectl ?? 0),
      ...trafficPanel(report.routing, width, hs.traffic ?? 0),
      ...(showTimeline ? timelinePanel({
        changes, total: input.timeline.length, hazards: input.hazards, rollout: input.rollout, now, chosen: changeIdx, top: tops.timeline, following,
        focused: ui.focus === 'timeline', width, height: hTimeline, filter: ui.filter, watching: header.watching, paused: input.pausedNew,
      }) : []),
    ];
  }
  const lines = [...head, ...body.slice(0, bodyRows), ...Array.from({ length: Math.max(0, bodyRows - body.length) }, (): Line => []), ...foot]
    .slice(0, Math.max(0, size.rows))
    .map((l) => fit(l, width));
  return { lines, lists, tops, row };
}
