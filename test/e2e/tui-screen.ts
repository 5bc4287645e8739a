// Reading the TUI's screen as a person does, for the pseudo-terminal tests against the real
// control plane: which sections are there and in what order, the pod table cell by cell
// (every cell under its column heading, every value one the table can show), the timeline
// line by line (hazards, the rollout report, timestamped changes), and what a person would
// stumble over: a line wider than the window, a garbled or misaligned row, a section out of
// place, a line in the timeline that is none of the things it can show.

export interface PodCells {
  chosen: boolean;
  owner: string;
  pod: string;
  status: string;
  ready: string;
  endpoint: string;
  port: string;
}

export interface TimelineLine {
  clock: string;
  kind: string;
  /** kind/name, or '' */
  object: string;
  message: string;
}

export interface ScreenRead {
  /** What is unreadable or wrong on this screen; empty when it reads well. */
  problems: string[];
  header: [string, string];
  footer: string;
  /** Section names (PODS, FINDINGS, ASKED, KUBECTL, TRAFFIC, TIMELINE, …) in screen order, with their rules and lines. */
  sections: { name: string; rule: string; lines: string[] }[];
  pods: PodCells[];
  /** The pod table's column headings, in order. */
  podColumns: string[];
  hazards: string[];
  /** The rollout report's lines at the top of the timeline, if shown. */
  rollout: string[];
  timeline: TimelineLine[];
}

const CHANGE_KINDS = new Set([
  'pod-created', 'pod-scheduled', 'pod-ready', 'pod-not-ready', 'pod-deletion-requested', 'pod-terminated', 'pod-removed',
  'pod-left-ready-set', 'pod-serving-while-terminating', 'endpoint-added', 'endpoint-removed', 'endpoint-conditions',
  'selector-changed', 'replicas-changed', 'rollout-started', 'rollout-complete', 'hazard-started', 'hazard-ended',
  'source-connected', 'source-stale', 'source-reconnected', 'source-relisted', 'source-forbidden',
]);
const HAZARD_KINDS = new Set(['zero-ready-endpoints', 'terminating-still-routed', 'ready-not-in-slices', 'dns-stale-ip', 'endpoints-over-surge', 'terminating-without-prestop', 'source-stale']);

/** What each pod-table column can hold (the cell as trimmed text). */
const CELLS: Record<string, RegExp> = {
  POD: /^[a-z0-9][a-z0-9.-]*(…[a-z0-9.-]+)?$|^\(template\)$/,
  STATUS: /^(Running|Terminating|Pending|Succeeded|Failed|Unknown|template|-)$/,
  READY: /^(yes|no|-)$/,
  ENDPOINT: /^(ready|ready·term|serving·term|terminating|not ready|absent|excluded|-)$/,
  PORT: /^(✓ yes|✗ no \S+|▲ \S+ undeclared|-)$/,
  NODE: /^(\S+|-)$/,
  ZONE: /^(\S+|-)$/,
  RESTARTS: /^(\d+|-)$/,
  AGE: /^(\d+[smhd](\d+[smh])?|-)$/,
};

const width = (s: string) => [...s].length;

/** The text between two character columns, trimmed. */
function cellAt(line: string, from: number, to: number | null): string {
  const cs = [...line];
  return cs.slice(from, to ?? cs.length).join('').trim();
}

function readPods(section: { rule: string; lines: string[] }, problems: string[]): { pods: PodCells[]; columns: string[] } {
  const [head, ...rows] = section.lines;
  if (!head || !/^ {2}OWNER +POD/.test(head)) {
    if (rows.length || (head && !/^ {2}(the selector matches no pod|no pod matches)/.test(head))) problems.push(`PODS: no table heading: ${JSON.stringify(head)}`);
    return { pods: [], columns: [] };
  }
  const chars = [...head];
  const columns: { name: string; at: number }[] = [];
  for (let i = 2; i < chars.length; i++) {
    if (chars[i] !== ' ' && (chars[i - 1] === ' ' && chars[i - 2] === ' ')) {
      let j = i;
      while (j < chars.length && !(chars[j] === ' ' && chars[j + 1] === ' ')) j++;
      columns.push({ name: chars.slice(i, j).join('').trim(), at: i });
      i = j;
    }
  }
  const names = columns.map((c) => c.name.replace(/^(PORT|WOULD BE).*$/, '$1'));
  const pods: PodCells[] = [];
  for (const row of rows) {
    if (row.trim() === '') {
      problems.push('PODS: a blank row inside the table');
      continue;
    }
    if (!/^[› ] /.test(row)) problems.push(`PODS: a row that does not start with the cursor column: ${JSON.stringify(row)}`);
    const cells: Record<string, string> = {};
    columns.forEach((c, i) => {
      const next = columns[i + 1];
      const text = cellAt(row, c.at, next ? next.at : null);
      cells[names[i] as string] = text;
      // A cell starts where its heading starts: the character before it is a space.
      if (i > 0 && [...row][c.at - 1] !== ' ' && [...row][c.at - 1] !== undefined) problems.push(`PODS: the ${c.name} cell does not start under its heading: ${JSON.stringify(row)}`);
      const rule = CELLS[names[i] as string];
      if (rule && text !== '' && !rule.test(text)) problems.push(`PODS: ${c.name} ${JSON.stringify(text)} is not a value that column shows: ${JSON.stringify(row)}`);
      if (rule && text === '') problems.push(`PODS: an empty ${c.name} cell: ${JSON.stringify(row)}`);
    });
    pods.push({ chosen: row.startsWith('›'), owner: cells.OWNER ?? '', pod: cells.POD ?? '', status: cells.STATUS ?? '', ready: cells.READY ?? '', endpoint: cells.ENDPOINT ?? cells['WOULD BE'] ?? '', port: cells.PORT ?? '' });
  }
  return { pods, columns: columns.map((c) => c.name) };
}

function readTimeline(section: { rule: string; lines: string[] }, problems: string[]): { hazards: string[]; rollout: string[]; timeline: TimelineLine[] } {
  const out = { hazards: [] as string[], rollout: [] as string[], timeline: [] as TimelineLine[] };
  if (!/^── TIMELINE UTC · \d+ changes?( ·| {2}[↑↓]| ─|$)/.test(section.rule)) problems.push(`TIMELINE: the rule reads ${JSON.stringify(section.rule)}`);
  let blank = false;
  for (const l of section.lines) {
    if (l.trim() === '') {
      blank = true;
      continue;
    }
    if (blank) problems.push(`TIMELINE: a line after a blank one: ${JSON.stringify(l)}`);
    let m: RegExpExecArray | null;
    if ((m = /^ {2}[●○] (?:for|lasted) \S+ {2}([a-z-]+)/.exec(l))) {
      if (!HAZARD_KINDS.has(m[1] as string)) problems.push(`TIMELINE: unknown hazard ${JSON.stringify(l)}`);
      out.hazards.push(l.trim());
    } else if (/^ {2}rollout report for /.test(l) || (out.rollout.length > 0 && /^ {4}\S/.test(l))) {
      out.rollout.push(l.trim());
    } else if ((m = /^[› ] (\d\d:\d\d:\d\d\.\d{3}) {2}([a-z-]+)(?: {2}((?:[a-z]+)\/\S+))?(?: {2}(.*))?$/.exec(l))) {
      if (!CHANGE_KINDS.has(m[2] as string)) problems.push(`TIMELINE: unknown change kind ${JSON.stringify(l)}`);
      out.timeline.push({ clock: m[1] as string, kind: m[2] as string, object: m[3] ?? '', message: m[4] ?? '' });
    } else if (!/^ {2}(waiting for changes…|press w to watch)$/.test(l)) {
      problems.push(`TIMELINE: a line that is neither a hazard, the rollout report nor a change: ${JSON.stringify(l)}`);
    }
  }
  return out;
}

/** Reads a whole screen (the emulator's rows) of the given size. */
export function readScreen(lines: string[], columns: number, rows: number): ScreenRead {
  const problems: string[] = [];
  if (lines.length !== rows) problems.push(`${lines.length} rows on a ${rows}-row screen`);
  lines.forEach((l, i) => { if (width(l) > columns) problems.push(`row ${i} is ${width(l)} wide on a ${columns}-column screen`); });
  const header: [string, string] = [lines[0] ?? '', lines[1] ?? ''];
  if (!/^[a-z]+\/\S+ {2}ns \S+ {2}· {2}(live|replay|manifests)/.test(header[0])) problems.push(`header: ${JSON.stringify(header[0])}`);
  if (!/^(spec\.selector|selector|selected by|no selector|not found)/.test(header[1])) problems.push(`header, second row: ${JSON.stringify(header[1])}`);
  const footer = lines[rows - 1] ?? '';
  if (footer.trim() === '') problems.push('the footer row is empty');
  const body = lines.slice(2, rows - 1);
  const sections: ScreenRead['sections'] = [];
  body.forEach((l, i) => {
    if (l.startsWith('── ')) sections.push({ name: /^── (\S+)/.exec(l)?.[1] ?? '', rule: l, lines: [] });
    else if (sections.length) (sections[sections.length - 1] as ScreenRead['sections'][number]).lines.push(l);
    else if (l.trim() !== '') problems.push(`body row ${i} comes before any section: ${JSON.stringify(l)}`);
  });
  // Trailing blank rows belong to no section (the screen pads its body at the bottom).
  const last = sections[sections.length - 1];
  while (last && last.lines.length && (last.lines[last.lines.length - 1] ?? '').trim() === '') last.lines.pop();
  const order = ['PODS', 'FINDINGS', 'ASKED', 'KUBECTL', 'TRAFFIC', 'TIMELINE'];
  const main = sections.map((s) => s.name).filter((n) => order.includes(n));
  const sorted = [...main].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (main.join() !== sorted.join()) problems.push(`sections out of order: ${main.join(', ')}`);
  if (new Set(main).size !== main.length) problems.push(`a section shown twice: ${main.join(', ')}`);
  for (const s of sections) {
    if (width(s.rule) !== columns) problems.push(`the ${s.name} rule is ${width(s.rule)} wide, not ${columns}: ${JSON.stringify(s.rule)}`);
    if (s.name === 'ASKED') {
      const bar = [...s.rule].indexOf('┬');
      for (const l of s.lines) if ([...l][bar] !== '│') problems.push(`ASKED FOR / GOT: the divider is not under ┬ (column ${bar}): ${JSON.stringify(l)}`);
    }
  }
  const podsSection = sections.find((s) => s.name === 'PODS');
  const { pods, columns: podColumns } = podsSection ? readPods(podsSection, problems) : { pods: [], columns: [] };
  const tl = sections.find((s) => s.name === 'TIMELINE');
  const { hazards, rollout, timeline } = tl ? readTimeline(tl, problems) : { hazards: [], rollout: [], timeline: [] };
  return { problems, header, footer, sections, pods, podColumns, hazards, rollout, timeline };
}
