import './no-ci.ts';
// Whole-app frames: the App on the golden reports and on a live-looking report, at 80×24 and
// 200×50, driven by keys through a fake stdin.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import type { Report } from '../../src/core/report.ts';
import type { Change } from '../../src/core/timeline/types.ts';
import { App, type AppProps } from '../../src/tui/app.ts';
import { sortedFindings } from '../../src/render/model/findings.ts';
import { Root } from '../../src/tui/root.ts';
import { headerOf, NOTIFY_EVERY_MS, TuiStore } from '../../src/tui/store.ts';
import { tuiTheme } from '../../src/tui/theme.ts';
import { CASES } from '../golden/cases.ts';
import { golden, liveReport, NOW } from './fixtures.ts';
import { KEYS, renderTui, tick } from './render.ts';

const h = React.createElement;
const SMALL = { columns: 80, rows: 24 };
const LARGE = { columns: 200, rows: 50 };
const theme = tuiTheme(false);

function app(report: Report, props: Partial<AppProps> = {}) {
  return h(App, { report, now: NOW, theme, ...props });
}

const targets = CASES.filter((c) => !c.slug.endsWith('/check'));

describe('every golden report fills the screen exactly, at 80×24 and 200×50', () => {
  for (const c of targets) {
    for (const size of [SMALL, LARGE]) {
      test(`${c.slug} at ${size.columns}×${size.rows}`, async () => {
        const r = golden(c.slug);
        const t = await renderTui(app(r), size);
        const s = t.screen();
        t.unmount();
        assert.equal(s.length, size.rows);
        for (const line of s) assert.ok([...line].length <= size.columns, `too wide: ${line}`);
        assert.ok(s[0]?.startsWith(`${r.target.ref.kind.toLowerCase()}/${r.target.ref.name}  ns ${r.source.namespace}`), s[0] ?? '');
        assert.match(s.at(-1) ?? '', /q quit/);
        const text = s.join('\n');
        assert.match(text, /── PODS /);
        assert.match(text, /── FINDINGS /);
        const worst = sortedFindings(r)[0];
        if (worst) assert.ok(text.includes(worst.message.slice(0, 40)), 'the worst finding shows, first');
        if (size === LARGE) for (const v of r.selection) assert.ok(text.includes(v.template ? '(template)' : v.ref.name), `${v.ref.name} shows`);
      });
    }
  }
});

describe('keys', () => {
  test('j chooses the next pod: the side by side follows it', async () => {
    const t = await renderTui(app(golden('xdmod/svc-mariadb')), SMALL);
    assert.match(t.text(), /GOT template of deploy\/mariadb/);
    assert.match(t.text(), /owner +deploy\/mariadb +│ owner +deploy\/mariadb/);
    await t.press('j');
    assert.match(t.text(), /GOT template of deploy\/moc-xdmod/);
    assert.match(t.text(), /│ owner +≠ deploy\/moc-xdmod/);
    assert.match(t.text(), /› ≠ deploy\/moc-xdmod/);
    await t.press(KEYS.up);
    assert.match(t.text(), /GOT template of deploy\/mariadb/);
    t.unmount();
  });

  test('tab to the findings, enter shows the evidence, escape goes back', async () => {
    const t = await renderTui(app(golden('xdmod/svc-mariadb')), SMALL);
    await t.press(KEYS.tab, 'j', KEYS.enter);
    const s = t.screen();
    assert.match(s[2] ?? '', /^── FINDING /);
    assert.match(s[3] ?? '', /▲ warning +overlapping-selectors/);
    assert.match(t.text(), /evidence\n +deployment\/mariadb: app=xdmod/);
    await t.press(KEYS.escape);
    assert.match(t.screen()[2] ?? '', /^── PODS/);
    t.unmount();
  });

  test('enter on a pod shows everything about it', async () => {
    const t = await renderTui(app(liveReport()), SMALL);
    await t.press('G', KEYS.enter);
    const text = t.text();
    assert.match(text, /pod\/web-canary-5f6d7c8b9-zz1aa +in shop/);
    assert.match(text, /owner chain +≠ pod → replicaset\/web-canary-5f6d7c8b9 →\n +deployment\/web-canary/);
    assert.match(text, /port http +✗ no container port named "http"/);
    t.unmount();
  });

  test('/ filters pods, findings and timeline; escape clears', async () => {
    const t = await renderTui(app(liveReport()), SMALL);
    await t.press('/', 'c', 'a', 'n', 'a', 'r', 'y');
    assert.match(t.text(), /\/canary▏/);
    assert.match(t.text(), /PODS 3 · 2 owners · ≠ not deploy\/web's · \/canary: 1 shown/);
    await t.press(KEYS.enter);
    assert.match(t.screen().at(-1) ?? '', /^\/canary \(esc clears\)/);
    await t.press(KEYS.escape);
    assert.doesNotMatch(t.text(), /\/canary/);
    t.unmount();
  });

  test('keys that arrive together (a busy moment, a slow link) are each one key', async () => {
    let quit = 0;
    const t = await renderTui(app(liveReport(), { onQuit: () => quit++ }), SMALL);
    // Each step waits for the screen it asserts: on a loaded machine a frame can come long after the keys.
    await t.press('/canary\r');
    await t.waitFor((s) => /^\/canary \(esc clears\)/.test(s.at(-1) ?? '') && /\/canary: 1 shown/.test(s.join('\n')), 'the filter typed and kept');
    assert.match(t.screen().at(-1) ?? '', /^\/canary \(esc clears\)/);
    assert.match(t.text(), /PODS 3 · 2 owners · ≠ not deploy\/web's · \/canary: 1 shown/);
    await t.press(KEYS.escape);
    await t.waitFor((s) => !s.join('\n').includes('/canary'), 'the filter cleared');
    const cursor = () => t.screen().findIndex((l) => l.startsWith('›'));
    const first = cursor();
    await t.press('jj');
    // Two keys in one read: two rows down (a key 'jj' would move none).
    await t.waitFor(() => cursor() >= first + 2, 'jj: the cursor two rows down');
    assert.equal(cursor(), first + 2, 'jj moved two rows');
    await t.press('jq');
    await t.instance.waitUntilExit();
    assert.equal(quit, 1);
  });

  test('o shows wide columns: owner chain, IP, labels', async () => {
    const t = await renderTui(app(liveReport()), LARGE);
    assert.doesNotMatch(t.text(), /LABELS/);
    await t.press('o');
    assert.match(t.text(), /OWNER +POD .* IP +LABELS/);
    assert.match(t.text(), /rs\/web-7d4b9c8f6d → deploy\/web .* 10\.0\.0\.1 +app=web,pod-template-hash=7d4b9c8f6d/);
    assert.match(t.text(), /≠ rs\/web-canary-5f6d7c8b9 → deploy\/web-canary/);
    t.unmount();
  });

  test('? shows the help', async () => {
    const t = await renderTui(app(liveReport()), SMALL);
    await t.press('?');
    assert.match(t.text(), /── HELP/);
    assert.match(t.text(), /KEYS\n +↑ ↓ {2}j k/);
    await t.press('?');
    assert.doesNotMatch(t.text(), /── HELP/);
    t.unmount();
  });

  test('q and ctrl-c quit', async () => {
    for (const key of ['q', KEYS.ctrlC]) {
      let quit = 0;
      const t = await renderTui(app(liveReport(), { onQuit: () => quit++ }), SMALL);
      await t.press(key);
      await t.instance.waitUntilExit();
      assert.equal(quit, 1);
    }
  });

  test('r and w call back; without a watch, w says why not', async () => {
    const calls: string[] = [];
    let t = await renderTui(app(golden('xdmod/svc-mariadb')), SMALL);
    await t.press('w');
    assert.match(t.screen().at(-1) ?? '', /manifests do not change: watching needs a live cluster or --replay/);
    t.unmount();
    t = await renderTui(app(liveReport(), { onRefresh: () => calls.push('refresh'), onToggleWatch: (w) => calls.push(`watch ${w}`) }), SMALL);
    await t.press('r', 'w');
    assert.deepEqual(calls, ['refresh', 'watch true']);
    await t.rerender(app(liveReport(), { header: { ...headerOf(liveReport()), watching: true }, onToggleWatch: (w) => calls.push(`watch ${w}`) }));
    await t.press('w');
    assert.deepEqual(calls.at(-1), 'watch false');
    t.unmount();
  });

  test('a tiny terminal still gets a screen that fits', async () => {
    for (const size of [{ columns: 40, rows: 10 }, { columns: 60, rows: 15 }, { columns: 100, rows: 6 }]) {
      const t = await renderTui(app(liveReport(), { header: { ...headerOf(liveReport()), watching: true } }), size);
      const s = t.screen();
      t.unmount();
      assert.equal(s.length, size.rows, `${size.columns}×${size.rows}`);
      assert.ok(s.every((l) => [...l].length <= size.columns), s.join('\n'));
      assert.match(s[0] ?? '', /^service\/web/);
    }
  });

  test('the screen follows a resize', async () => {
    const t = await renderTui(app(liveReport()), LARGE);
    assert.equal(t.screen().length, 50);
    await t.resize(80, 24);
    const s = t.screen();
    assert.equal(s.length, 24);
    assert.ok(s.every((l) => [...l].length <= 80));
    t.unmount();
  });
});

describe('watching', () => {
  const change = (i: number): Change => ({ at: `2026-05-01T11:59:${String(i).padStart(2, '0')}Z`, kind: 'endpoint-removed', object: { kind: 'Pod', name: `web-${i}` }, message: `endpoint ${i} removed`, details: { n: i } });
  const watching = () => ({ ...headerOf(liveReport()), watching: true });

  test('the timeline shows the newest changes; p freezes the screen and counts what arrives', async () => {
    const props = { header: watching(), onToggleWatch: () => undefined };
    const t = await renderTui(app(liveReport(), { ...props, timeline: [change(1), change(2)] }), SMALL);
    assert.match(t.text(), /── TIMELINE UTC · 2 changes/);
    assert.match(t.text(), /11:59:02 +endpoint-removed +pod\/web-2 +endpoint 2 removed/);
    await t.press('p');
    await t.rerender(app(liveReport(), { ...props, timeline: [change(1), change(2), change(3)] }));
    assert.match(t.text(), /paused, 1 new/);
    assert.doesNotMatch(t.text(), /endpoint 3 removed/);
    await t.press('p');
    assert.match(t.text(), /endpoint 3 removed/);
    t.unmount();
  });

  test('tab reaches the timeline; enter shows a change', async () => {
    const t = await renderTui(app(liveReport(), { header: watching(), timeline: [change(1), change(2)] }), SMALL);
    await t.press(KEYS.tab, KEYS.tab, 'k', KEYS.enter);
    assert.match(t.text(), /── CHANGE/);
    assert.match(t.text(), /11:59:01Z +endpoint-removed +pod\/web-1/);
    assert.match(t.text(), /n +1/);
    t.unmount();
  });

  test('a store drives the screen: changes, hazards, staleness, a new report', async () => {
    const store = new TuiStore({ report: liveReport(), now: NOW });
    const t = await renderTui(h(Root, { store, theme, watchable: true }), SMALL);
    assert.doesNotMatch(t.text(), /TIMELINE/);
    store.setHeader({ watching: true });
    store.pushChanges([change(5)]);
    store.setHazards([{ kind: 'zero-ready-endpoints', object: null, since: '2026-05-01T11:59:40Z', until: null, message: 'no ready endpoint' }]);
    await t.settled();
    assert.match(t.text(), /● watching/);
    assert.match(t.text(), /● for 20s +zero-ready-endpoints/);
    assert.match(t.text(), /endpoint 5 removed/);
    // Updates that follow within NOTIFY_EVERY_MS are drawn together at its end.
    store.setHeader({ staleSince: '2026-05-01T11:59:55Z' });
    await tick(NOTIFY_EVERY_MS);
    await t.settled();
    assert.match(t.screen()[0] ?? '', /✖ stale since 11:59:55Z \(5\.0s\)$/);
    await tick(NOTIFY_EVERY_MS);
    const fewer = liveReport();
    fewer.selection = fewer.selection.slice(0, 1);
    fewer.summary = { ...fewer.summary, selected: 1 };
    store.setReport(fewer);
    await t.settled();
    assert.match(t.text(), /PODS 1 /, 'after a quiet interval: at once');
    const asked: string[] = [];
    store.on('watch', () => asked.push('watch'));
    store.on('pause', () => asked.push('pause'));
    await t.press('w', 'p');
    assert.deepEqual(asked, ['watch', 'pause']);
    t.unmount();
  });
});
