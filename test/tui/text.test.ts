import './no-ci.ts';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { durationText } from '../../src/core/duration.ts';
import { fit, flow, lineWidth, plain, rule, seg, truncate, truncateMiddle, width, wrap, wrapLine } from '../../src/tui/text.ts';

describe('text', () => {
  test('width counts code points: a character outside the BMP is one, however JavaScript stores it', () => {
    assert.equal(width('web-1'), 5);
    assert.equal(width('≠ deploy/web'), 12);
    assert.equal(width('pod-\u{1D4B3}\u{1D4B3}'), 6);
    assert.equal(width(''), 0);
  });

  test('truncate and truncateMiddle keep to the width and mark the cut', () => {
    assert.equal(truncate('deployment/web', 20), 'deployment/web');
    assert.equal(truncate('deployment/web', 8), 'deploym…');
    assert.equal(truncateMiddle('web-7d4b9c8f6d-x2k9p', 12), 'web-7…-x2k9p');
    assert.equal(truncateMiddle('web', 12), 'web');
  });

  test('fit cuts across segments, keeps styles, and ends with …', () => {
    const l = [seg('abc', 'error'), seg('defgh'), seg('ij', 'dim')];
    assert.deepEqual(fit(l, 10), l);
    const cut = fit(l, 6);
    assert.equal(plain(cut), 'abcde…');
    assert.equal(cut[0]?.role, 'error');
    assert.equal(lineWidth(fit(l, 3)), 3);
    assert.equal(plain(fit(l, 3)), 'ab…');
    assert.equal(plain(fit(l, 4)), 'abc…');
    assert.deepEqual(fit(l, 0), []);
  });

  test('rule fills the width', () => {
    const r = rule([seg('PODS 3')], 30);
    assert.equal(lineWidth(r), 30);
    assert.match(plain(r), /^── PODS 3 ─+$/);
  });

  test('wrap and wrapLine break at spaces; a word longer than the width is cut', () => {
    assert.deepEqual(wrap('one two three four', 9), ['one two', 'three', 'four']);
    assert.deepEqual(wrap('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
    const lines = wrapLine([seg('red words ', 'error'), seg('plain words')], 10);
    assert.deepEqual(lines.map(plain), ['red words', 'plain', 'words']);
    assert.equal(lines[0]?.[0]?.role, 'error');
    assert.ok(lines.every((l) => lineWidth(l) <= 10));
  });

  test('flow packs chips into lines', () => {
    const lines = flow([[seg('app=web')], [seg('tier=db')], [seg('track=canary')]], 18);
    assert.deepEqual(lines.map(plain), ['app=web  tier=db', 'track=canary']);
  });

  test('durations and UTC clock times', () => {
    assert.equal(durationText(450, 'glance'), '450ms');
    assert.equal(durationText(4200, 'glance'), '4.2s');
    assert.equal(durationText(65_000, 'glance'), '65s');
    assert.equal(durationText(185_000, 'glance'), '3m05s');
    assert.equal(durationText(3 * 3600_000 + 60_000, 'glance'), '3h01m');
  });
});
