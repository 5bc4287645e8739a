import './no-ci.ts';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { intentOf, type Intent, type KeyLike } from '../../src/tui/keys.ts';
import { INITIAL, reduce, settle, type Lists, type UiState } from '../../src/tui/state.ts';

const lists: Lists = { pods: ['a', 'b', 'c'], findings: ['f1', 'f2'], timeline: 5, panels: ['pods', 'findings', 'timeline'] };
const s = (o: Partial<UiState> = {}): UiState => ({ ...INITIAL, ...o });

describe('keys', () => {
  const cases: [string, string, KeyLike, Partial<UiState>, Intent][] = [
    ['j moves down', 'j', {}, {}, { action: { type: 'move', by: 1 } }],
    ['down arrow moves down', '', { downArrow: true }, {}, { action: { type: 'move', by: 1 } }],
    ['k moves up', 'k', {}, {}, { action: { type: 'move', by: -1 } }],
    ['up arrow moves up', '', { upArrow: true }, {}, { action: { type: 'move', by: -1 } }],
    ['page down', '', { pageDown: true }, {}, { action: { type: 'move', by: 10 } }],
    ['G goes to the end', 'G', {}, {}, { action: { type: 'edge', to: 'last' } }],
    ['tab: next panel', '', { tab: true }, {}, { action: { type: 'focus', by: 1 } }],
    ['shift-tab: previous panel', '', { tab: true, shift: true }, {}, { action: { type: 'focus', by: -1 } }],
    ['enter: details', '', { return: true }, {}, { action: { type: 'details' } }],
    ['/ starts the filter', '/', {}, {}, { action: { type: 'filter-start' } }],
    ['w asks to watch', 'w', {}, {}, { command: 'watch' }],
    ['p pauses', 'p', {}, {}, { action: { type: 'pause' } }],
    ['r asks to refresh', 'r', {}, {}, { command: 'refresh' }],
    ['o: wide columns', 'o', {}, {}, { action: { type: 'wide' } }],
    ['?: help', '?', {}, {}, { action: { type: 'help' } }],
    ['n: step', 'n', {}, {}, { command: 'step' }],
    ['q quits', 'q', {}, {}, { command: 'quit' }],
    ['ctrl-c quits', 'c', { ctrl: true }, {}, { command: 'quit' }],
    ['ctrl-c quits while filtering', 'c', { ctrl: true }, { filtering: true }, { command: 'quit' }],
    ['while filtering, q is text', 'q', {}, { filtering: true }, { action: { type: 'filter-input', text: 'q' } }],
    ['while filtering, j is text', 'j', {}, { filtering: true }, { action: { type: 'filter-input', text: 'j' } }],
    ['while filtering, arrows still move', '', { downArrow: true }, { filtering: true }, { action: { type: 'move', by: 1 } }],
    ['while filtering, enter keeps the filter', '', { return: true }, { filtering: true }, { action: { type: 'filter-done' } }],
    ['while filtering, backspace erases', '', { backspace: true }, { filtering: true }, { action: { type: 'filter-erase' } }],
    ['while filtering, escape clears', '', { escape: true }, { filtering: true }, { action: { type: 'escape' } }],
    ['in an overlay, enter closes it', '', { return: true }, { overlay: 'details' }, { action: { type: 'escape' } }],
    ['in an overlay, j scrolls', 'j', {}, { overlay: 'details' }, { action: { type: 'move', by: 1 } }],
    ['in an overlay, w does nothing', 'w', {}, { overlay: 'help' }, null],
    ['an unbound key does nothing', 'x', {}, {}, null],
  ];
  for (const [name, input, key, state, want] of cases) test(name, () => assert.deepEqual(intentOf(input, key, s(state)), want));
});

describe('reduce', () => {
  test('moving keeps the choice by key and stops at the ends', () => {
    let st = reduce(s(), { type: 'move', by: 1 }, lists);
    assert.equal(st.pod, 'b');
    st = reduce(st, { type: 'move', by: 5 }, lists);
    assert.equal(st.pod, 'c');
    st = reduce(st, { type: 'move', by: -10 }, lists);
    assert.equal(st.pod, 'a');
  });

  test('a chosen pod that disappears falls back to the first', () => {
    const st = reduce(s({ pod: 'gone' }), { type: 'move', by: 1 }, lists);
    assert.equal(st.pod, 'b');
  });

  test('the timeline follows its tail until moved up, and again at the end', () => {
    let st = s({ focus: 'timeline' });
    st = reduce(st, { type: 'move', by: -1 }, lists);
    assert.equal(st.change, 3);
    st = reduce(st, { type: 'edge', to: 'first' }, lists);
    assert.equal(st.change, 0);
    st = reduce(st, { type: 'move', by: 10 }, lists);
    assert.equal(st.change, null);
  });

  test('tab cycles through the panels on screen', () => {
    let st = reduce(s(), { type: 'focus', by: 1 }, lists);
    assert.equal(st.focus, 'findings');
    st = reduce(st, { type: 'focus', by: 1 }, lists);
    assert.equal(st.focus, 'timeline');
    st = reduce(st, { type: 'focus', by: 1 }, lists);
    assert.equal(st.focus, 'pods');
    st = reduce(st, { type: 'focus', by: -1 }, { ...lists, panels: ['pods', 'findings'] });
    assert.equal(st.focus, 'findings');
  });

  test('settle moves the focus off a panel that went away', () => {
    assert.equal(settle(s({ focus: 'timeline' }), { ...lists, panels: ['pods', 'findings'] }).focus, 'pods');
  });

  test('filter: type, erase, keep, clear', () => {
    let st = reduce(s(), { type: 'filter-start' }, lists);
    for (const c of 'cana') st = reduce(st, { type: 'filter-input', text: c }, lists);
    st = reduce(st, { type: 'filter-erase' }, lists);
    assert.equal(st.filter, 'can');
    st = reduce(st, { type: 'filter-done' }, lists);
    assert.deepEqual([st.filtering, st.filter], [false, 'can']);
    st = reduce(st, { type: 'escape' }, lists);
    assert.equal(st.filter, '');
  });

  test('details and help open and close; escape closes an overlay before it clears a filter', () => {
    let st = reduce(s({ filter: 'x' }), { type: 'details' }, lists);
    assert.equal(st.overlay, 'details');
    st = reduce(st, { type: 'move', by: 3 }, lists);
    assert.equal(st.scroll, 3);
    st = reduce(st, { type: 'escape' }, lists);
    assert.deepEqual([st.overlay, st.filter], [null, 'x']);
    st = reduce(reduce(st, { type: 'help' }, lists), { type: 'help' }, lists);
    assert.equal(st.overlay, null);
  });

  test('wide and pause toggle', () => {
    assert.equal(reduce(s(), { type: 'wide' }, lists).wide, true);
    assert.equal(reduce(s({ paused: true }), { type: 'pause' }, lists).paused, false);
  });
});
