// Driving the TUI in a pseudo-terminal as a person does, for the end-to-end tests against the
// real control plane: read the screen, filter the timeline and scroll through it, check that
// every screen seen read well, and leave the screens behind when a test fails.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { PtySession } from '../tui/pty-session.ts';
import { readScreen, type ScreenRead } from './tui-screen.ts';

/** A line of the timeline that is a change (not a hazard or the rollout report), chosen or not. */
const CHANGE_LINE = /^[› ] \d\d:\d\d:\d\d\.\d{3} {2}[a-z-]+/;

/** The session's screen as last seen whole (or the given lines), read. */
export const read = (s: PtySession, lines = s.lines()): ScreenRead => readScreen(lines, s.term.columns, s.term.rows);

/** The header says the watch is on and connected. */
export const watching = (r: ScreenRead): boolean => /● watching$/.test(r.header[0]);

/**
 * Runs body; on failure puts the last screen of each session in the test log and every screen
 * in a file under dir (which the caller then keeps). The sessions are killed in any case.
 */
export async function showingScreens(t: TestContext, dir: string, sessions: Record<string, PtySession>, body: () => Promise<void>): Promise<void> {
  const save = (name: string, s: PtySession): string => {
    const file = join(dir, `${t.name.replace(/\W+/g, '-').replace(/^-+/, '').slice(0, 40)}-${name}-screens.txt`);
    writeFileSync(file, s.history());
    return file;
  };
  try {
    await body();
    // To read every screen of a passing run too: WHOSELECTS_KEEP_SCREENS=1 (the caller keeps dir).
    if (process.env.WHOSELECTS_KEEP_SCREENS) for (const [name, s] of Object.entries(sessions)) t.diagnostic(`every screen: ${save(name, s)}`);
  } catch (e) {
    for (const [name, s] of Object.entries(sessions)) t.diagnostic(`${s.dump(s.lines(), `${name}: last screen`)}\nevery screen: ${save(name, s)}; the run's files: ${dir}`);
    throw e;
  } finally {
    for (const s of Object.values(sessions)) s.kill();
  }
}

/**
 * Every screen of a session reads well (tui-screen.ts). After a resize the screens are skipped
 * until the program has drawn a whole one for the new size (a person sees the old one cut for a
 * moment); screens before the first and after the last (the shell's) are not the program's.
 */
export function assertEveryScreenReads(name: string, s: PtySession): ScreenRead[] {
  const out: ScreenRead[] = [];
  let size = '';
  let settled = true;
  for (const [i, f] of s.frames.entries()) {
    if (!f.lines[0]?.includes('  ns ')) continue;
    const r = readScreen(f.lines, f.columns, f.rows);
    if (`${f.columns}×${f.rows}` !== size) {
      settled = size === '' || r.problems.length === 0;
      size = `${f.columns}×${f.rows}`;
    } else if (!settled && r.problems.length === 0) settled = true;
    if (!settled) continue;
    assert.deepEqual(r.problems, [], `${name}, frame ${i} of ${s.frames.length} at ${f.at} ms:\n${s.dump(f.lines, `${name} frame ${i}`)}`);
    out.push(r);
  }
  return out;
}

/**
 * Types `/needle` and enter, as a person does to find some changes, scrolls the timeline from
 * its first line to its last when they do not all fit (tab twice: pods → findings → timeline;
 * g, then j, each time waiting for the choice to move), and clears the filter (escape). Returns every timeline line seen, in order, once
 * each; asserts that as many were seen as the title says are shown.
 */
export async function filterTimeline(s: PtySession, needle: string): Promise<ScreenRead['timeline']> {
  await s.type(`/${needle}\r`);
  const rule = new RegExp(`^── TIMELINE .*/${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (\\d+) shown`);
  const shown = Number(await s.waitFor((l) => l.map((x) => rule.exec(x)?.[1]).find(Boolean), { what: `the timeline filtered by /${needle}` }));
  const seen = new Map<string, ScreenRead['timeline'][number]>();
  const collect = () => {
    const r = read(s);
    assert.deepEqual(r.problems, [], s.dump());
    for (const c of r.timeline) seen.set(`${c.clock} ${c.kind} ${c.object} ${c.message}`, c);
  };
  collect();
  if (seen.size < shown) {
    // The chosen line of the timeline (marked ›) and its first change line, on a given screen.
    const timeline = (l: string[]) => read(s, l).sections.find((x) => x.name === 'TIMELINE')?.lines ?? [];
    const chosen = (l: string[]) => timeline(l).find((x) => x.startsWith('›')) ?? null;
    await s.type('\t\tg');
    await s.waitFor((l) => { const c = chosen(l); return c !== null && c === timeline(l).find((x) => CHANGE_LINE.test(x)) && l; }, { what: `the first line of the /${needle} timeline chosen (tab, tab, g)` });
    for (let i = 0; i < shown && seen.size < shown; i++) {
      collect();
      const before = chosen(s.lines());
      await s.type('j', 0);
      // Each j moves the choice one line down: wait for it, however long a busy machine takes to draw.
      await s.waitFor((l) => chosen(l) !== before && l, { what: `j: the next line of the /${needle} timeline chosen` });
    }
    collect();
    await s.type('G\t');
  }
  await s.type('\u001b');
  await s.waitFor((l) => !l.some((x) => x.includes(`/${needle}`)) && l, { what: `the /${needle} filter cleared` });
  assert.equal(seen.size, shown, `/${needle}: ${shown} shown, ${seen.size} seen`);
  return [...seen.values()].sort((a, b) => a.clock.localeCompare(b.clock));
}

/** Pods named on the timelines of these screens by changes of this kind. */
export function seenOnTimeline(reads: ScreenRead[], kind: string): Set<string> {
  return new Set(reads.flatMap((r) => r.timeline.filter((c) => c.kind === kind).map((c) => c.object.replace(/^pod\//, ''))));
}
