import './no-ci.ts';
// Component frames: each panel drawn by Ink into a fake terminal.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import type { Change, Hazard } from '../../src/core/timeline/types.ts';
import { Lines } from '../../src/tui/lines.ts';
import { meantOwner } from '../../src/render/model/owners.ts';
import { podRows, type PodRow } from '../../src/render/model/pod-rows.ts';
import { comparePanel } from '../../src/tui/panels/compare.ts';
import { footerPanel } from '../../src/tui/panels/footer.ts';
import { headerPanel } from '../../src/tui/panels/header.ts';
import { podsPanel, podsTitle } from '../../src/tui/panels/pods.ts';
import { timelinePanel } from '../../src/tui/panels/timeline.ts';
import { screen, type ScreenInput } from '../../src/tui/screen.ts';
import { INITIAL } from '../../src/tui/state.ts';
import { headerOf } from '../../src/tui/store.ts';
import { plain, type Line } from '../../src/tui/text.ts';
import { chooseTuiTheme, tuiTheme } from '../../src/tui/theme.ts';
import { golden, liveReport, NOW } from './fixtures.ts';
import { renderTui } from './render.ts';

const h = React.createElement;

async function frame(lines: Line[], columns = 80): Promise<string[]> {
  const r = await renderTui(h(Lines, { lines, theme: tuiTheme(false) }), { columns, rows: 40 });
  const screen = r.screen();
  r.unmount();
  return screen;
}

function pods(chosen: number, width = 80, height = 8) {
  const r = liveReport();
  const meant = meantOwner(r);
  const rows = podRows(r, meant, NOW);
  return podsPanel({ rows, now: NOW, total: rows.length, owners: 2, chosen, top: 0, focused: true, wide: false, width, height, service: r.routing[0] ?? null, meant, filter: '', nearMisses: [] });
}

describe('pods panel', () => {
  test('80 columns: the essential columns, the foreign pod marked, the chosen row marked', async () => {
    const s = await frame(pods(2));
    assert.match(s[0] ?? '', /^── PODS 3 · 2 owners · 1 terminating · ≠ not deploy\/web's ─+$/);
    assert.match(s[1] ?? '', /^ {2}OWNER +POD +STATUS +READY +ENDPOINT +PORT http/);
    // Pod names are cut in the middle: they differ in their last characters.
    assert.match(s[2] ?? '', /^ {2}deploy\/web +web-7d4…6d-x2k9p +Running +yes +ready +✓ yes/);
    assert.match(s[3] ?? '', /Terminating +yes +serving·term/);
    assert.match(s[4] ?? '', /^› ≠ deploy\/web-c… +web-can…b9-zz1aa +Running +yes +ready +✗ no http/);
    assert.ok(s.every((l) => [...l].length <= 80));
  });

  test('200 columns: node, zone, restarts and age too', async () => {
    const s = await frame(pods(0, 200), 200);
    assert.match(s[1] ?? '', /NODE +ZONE +RESTARTS +AGE$/);
    assert.match(s[4] ?? '', /node-a +zone-a +3 +60m$/);
  });

  test('too short for every pod: the list scrolls and says what is hidden', async () => {
    const s = await frame(pods(0, 80, 4));
    assert.equal(s.length, 4);
    assert.match(s[0] ?? '', /↓1/);
  });

  test('the title counts what a rollout is about, scrolled out of view or not: terminating, not ready', () => {
    const r = liveReport();
    const rows = podRows(r, meantOwner(r), NOW);
    const starting = { ...rows[0] as PodRow, pod: { ...(rows[0] as PodRow).pod, ready: false } };
    const text = (l: Line) => l.map((x) => x.text).join('');
    assert.equal(text(podsTitle({ rows: [starting, ...rows.slice(1)], total: 3, owners: 2, meant: meantOwner(r), filter: '' })), "PODS 3 · 2 owners · 1 terminating · 1 not ready · ≠ not deploy/web's");
    assert.equal(text(podsTitle({ rows: rows.slice(1, 2), total: 3, owners: 2, meant: meantOwner(r), filter: 'q8w7e' })), 'PODS 3 · 2 owners · /q8w7e: 1 shown', 'a filter says what it shows instead');
  });
});

describe('compare panel', () => {
  test('asked for on the left, got on the right, matching labels marked', async () => {
    const r = liveReport();
    const meant = meantOwner(r);
    const rows = podRows(r, meant, NOW);
    const s = await frame(comparePanel({ report: r, row: rows[0] ?? null, meant, width: 100, height: 8 }), 100);
    assert.match(s[0] ?? '', /── ASKED FOR service\/web ─+┬── GOT pod\/web-7d4b9c8f6d-x2k9p ─+$/);
    assert.match(s[1] ?? '', /^selector app=web +│ labels +✓app=web +pod-template-hash=7d4b9c8f6d$/);
    assert.match(s[2] ?? '', /^owner +rs\/web-7d4b9c8f6d → deploy\/web +│ owner +rs\/web-7d4b9c8f6d → deploy\/web$/);
    assert.match(s[3] ?? '', /^ +\(owns most of the pods\)|^ +\(same name as the target\)/);
    assert.match(s[4] ?? '', /^port +80\/TCP → http \(http\) +│ ports +✓ serves http +http:8080\/TCP$/);
  });

  test('a pod of another owner: its chain marked ≠, the port it lacks', async () => {
    const r = liveReport();
    const meant = meantOwner(r);
    const rows = podRows(r, meant, NOW);
    const s = await frame(comparePanel({ report: r, row: rows[2] ?? null, meant, width: 100, height: 8 }), 100);
    assert.match(s[2] ?? '', /│ owner +≠ rs\/web-canary-5f6d7c8b9 → deploy\/web-/);
    assert.match(s[4] ?? '', /│ ports +✗ no http +web:8080\/TCP$/);
  });

  test('the same panel fits in 80 columns', async () => {
    const r = golden('xdmod/svc-mariadb');
    const meant = meantOwner(r);
    const rows = podRows(r, meant, NOW);
    const s = await frame(comparePanel({ report: r, row: rows[1] ?? null, meant, width: 80, height: 6 }));
    assert.ok(s.every((l) => [...l].length <= 80));
    assert.match(s[0] ?? '', /GOT template of deploy\/moc-xdmod/);
    assert.match(s.join('\n'), /▲ 3306 undeclared/);
  });
});

describe('timeline panel', () => {
  const change = (i: number): Change => ({ at: `2026-05-01T11:59:${String(i).padStart(2, '0')}Z`, kind: i % 2 ? 'endpoint-removed' : 'pod-deletion-requested', object: { kind: 'Pod', name: `web-${i}` }, message: `change ${i}`, details: {} });
  const hazard: Hazard = { kind: 'terminating-still-routed', object: { kind: 'Pod', name: 'web-3' }, since: '2026-05-01T11:59:45Z', until: null, message: 'terminating, still in the ready set' };

  test('hazards of one kind share a line', async () => {
    const more: Hazard[] = [hazard, { ...hazard, object: { kind: 'Pod', name: 'web-4' }, since: '2026-05-01T11:59:55Z' }, { kind: 'zero-ready-endpoints', object: null, since: '2026-05-01T11:59:59Z', until: null, message: 'no ready endpoint' }];
    const s = await frame(timelinePanel({ changes: [], total: 0, hazards: more, rollout: null, now: NOW, chosen: 0, top: 0, following: true, focused: false, width: 100, height: 8, filter: '', watching: true, paused: null }), 100);
    assert.match(s[0] ?? '', /3 hazards/);
    assert.match(s[1] ?? '', /^ {2}● for 15s +terminating-still-routed ×2 +web-3, web-4 +terminating, still in the ready set$/);
    assert.match(s[2] ?? '', /^ {2}● for 1\.0s +zero-ready-endpoints +no ready endpoint$/);
  });

  test('hazards above, the newest changes at the bottom', async () => {
    const changes = Array.from({ length: 20 }, (_, i) => change(i));
    const s = await frame(timelinePanel({ changes, total: 20, hazards: [hazard], rollout: null, now: NOW, chosen: 19, top: 14, following: true, focused: false, width: 80, height: 8, filter: '', watching: true, paused: null }));
    assert.match(s[0] ?? '', /── TIMELINE UTC · 20 changes · 1 hazard +↑14 ─+$/);
    assert.match(s[1] ?? '', /● for 15s +terminating-still-routed pod\/web-3/);
    assert.match(s[7] ?? '', /11:59:19 +endpoint-removed +pod\/web-19 +change 19/);
  });
});

describe('header and footer', () => {
  test('a replay shows its clock; a broken watch shows since when', async () => {
    const r = liveReport();
    const header = { ...headerOf(r), origin: 'replay' as const, inputs: ['incident.ndjson'], watching: true, replay: { clock: '2026-05-01T11:59:58Z', speed: 4, stepping: false } };
    let s = await frame(headerPanel({ report: r, header, now: NOW, paused: false, width: 100 }), 100);
    assert.match(s[0] ?? '', /^service\/web +ns shop +· +replay @ 11:59:58Z ×4 incident\.ndjson +· kubectl 1\.34 +● watching$/);
    assert.match(s[1] ?? '', /^spec\.selector app=web +3 pods · 2 owners · 1✖ 1▲ 1•$/);
    s = await frame(headerPanel({ report: r, header: { ...headerOf(r), watching: true, staleSince: '2026-05-01T11:59:30Z' }, now: NOW, paused: false, width: 100 }), 100);
    assert.match(s[0] ?? '', /live prod \(prod-eu\).*✖ stale since 11:59:30Z \(30s\)$/);
    // A cluster named as its context (kind, minikube) is named once.
    s = await frame(headerPanel({ report: r, header: { ...headerOf(r), context: 'kind-kind', cluster: 'kind-kind' }, now: NOW, paused: false, width: 100 }), 100);
    assert.match(s[0] ?? '', /· +live kind-kind +· kubectl/);
    // The screen's clock ticks once a second: the streams may have broken after its last tick.
    s = await frame(headerPanel({ report: r, header: { ...headerOf(r), watching: true, staleSince: '2026-05-01T12:00:00.400Z' }, now: NOW, paused: false, width: 100 }), 100);
    assert.match(s[0] ?? '', /✖ stale since 12:00:00\.400Z \(0ms\)$/);
  });

  test('the footer: the keys, or the filter being typed', async () => {
    let s = await frame(footerPanel({ width: 80, filtering: false, filter: '', status: null, watchable: false, stepping: false }));
    assert.equal(s[0], 'j/k move  tab panel  enter details  / filter  r refresh  o wide  ? help  q quit');
    s = await frame(footerPanel({ width: 80, filtering: false, filter: '', status: null, watchable: true, stepping: true }));
    assert.equal(s[0], 'j/k move  tab panel  enter details  / filter  w watch  n step  ? help  q quit', 'on a narrow screen the minor keys give way');
    s = await frame(footerPanel({ width: 120, filtering: false, filter: '', status: null, watchable: true, stepping: false }), 120);
    assert.equal(s[0], 'j/k move  tab panel  enter details  / filter  w watch  p pause  r refresh  o wide  ? help  q quit');
    s = await frame(footerPanel({ width: 80, filtering: true, filter: 'canary', status: null, watchable: true, stepping: false }));
    assert.match(s[0] ?? '', /^\/canary▏ +enter keeps it · esc clears it/);
  });
});

describe('theme', () => {
  test('NO_COLOR and --color=never drop colours but keep the marks and reverse video', () => {
    assert.equal(chooseTuiTheme('auto', { NO_COLOR: '1' }).color, false);
    assert.equal(chooseTuiTheme('never', {}).color, false);
    assert.equal(chooseTuiTheme('always', { NO_COLOR: '1' }).color, true);
    assert.equal(chooseTuiTheme('auto', { TERM: 'xterm-256color' }).color, true);
    assert.deepEqual(tuiTheme(false).style('foreign'), { bold: true });
    assert.deepEqual(tuiTheme(true).style('foreign'), { bold: true, color: 'yellow' });
    assert.deepEqual(tuiTheme(false).style('cursor'), { inverse: true });
  });
});

describe('the screen across clock ticks', () => {
  test('the same report drawn at a later clock: ages in the table and the details follow the clock', () => {
    const report = liveReport();
    const input = (now: Date): ScreenInput => ({ report, header: headerOf(report), now, timeline: [], hazards: [], rollout: null, status: null, pausedNew: null, watchable: false });
    const ages = (now: Date) => screen(input(now), INITIAL, { columns: 200, rows: 40 }).lines.map((l) => plain(l).trimEnd()).filter((l) => /node-\w +zone-\w/.test(l)).map((l) => /(\S+)$/.exec(l)?.[1]);
    assert.deepEqual(ages(NOW), ['60m', '60m', '60m']);
    // Kept rows, new clock: every age moves on (minutes, then hours), none is left from the last draw.
    assert.deepEqual(ages(new Date(NOW.getTime() + 30 * 60_000)), ['90m', '90m', '90m']);
    assert.deepEqual(ages(new Date(NOW.getTime() + 5 * 3_600_000)), ['6h', '6h', '6h']);
    const details = (now: Date) => screen(input(now), { ...INITIAL, overlay: 'details' }, { columns: 120, rows: 40 }).lines.map(plain).find((l) => l.includes('restarts, age'));
    assert.match(details(NOW) ?? '', /restarts, age +0 +60m/);
    assert.match(details(new Date(NOW.getTime() + 5 * 3_600_000)) ?? '', /restarts, age +0 +6h/);
  });

  test('the AGE column is as wide as the ages at this clock: measured again when the clock moves, whole', () => {
    const report = liveReport();
    const input = (now: Date): ScreenInput => ({ report, header: headerOf(report), now, timeline: [], hazards: [], rollout: null, status: null, pausedNew: null, watchable: false });
    const ages = (now: Date) => screen(input(now), INITIAL, { columns: 200, rows: 40 }).lines.map((l) => plain(l).trimEnd()).filter((l) => /node-\w +zone-\w/.test(l)).map((l) => /(\S+)$/.exec(l)?.[1]);
    assert.deepEqual(ages(NOW), ['60m', '60m', '60m']);
    // Three cells at the first clock, four at this one: a width kept from the first would cut them.
    assert.deepEqual(ages(new Date(NOW.getTime() + 100 * 86_400_000)), ['100d', '100d', '100d']);
    assert.deepEqual(ages(new Date(NOW.getTime() + 30 * 60_000)), ['90m', '90m', '90m']);
  });
});

describe('the filter', () => {
  test('cleared: every row again, the same list as before any filter (nothing filtered or made again)', () => {
    const report = liveReport();
    const input: ScreenInput = { report, header: headerOf(report), now: NOW, timeline: [], hazards: [], rollout: null, status: null, pausedNew: null, watchable: false };
    const size = { columns: 120, rows: 40 };
    const before = screen(input, INITIAL, size).lists.pods;
    const filtered = screen(input, { ...INITIAL, filter: 'canary' }, size).lists.pods;
    assert.ok(filtered.length > 0 && filtered.length < before.length, 'the filter left some rows out');
    const cleared = screen(input, INITIAL, size);
    assert.deepEqual(cleared.lists.pods, report.selection.map((v) => v.ref.name));
    assert.equal(cleared.lists.pods, before, 'the same list');
    assert.ok(cleared.lines.some((l) => /^── PODS 3 /.test(plain(l))));
  });
});
