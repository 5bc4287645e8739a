import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { clip, escapeDeep, escapeJSONText, escapeTerminal, isUnsafe } from '../../src/core/escape.ts';
import { toJSON, toYAML } from '../../src/render/serialize.ts';

test('controls, DEL, C1, bidi, zero-width, separators and tags are shown visibly', () => {
  assert.equal(escapeTerminal('pod-\u001b]52;c;cHduZWQ=\u0007x'), 'pod-\\x1b]52;c;cHduZWQ=\\x07x');
  assert.equal(escapeTerminal('a\nb\rc\td'), 'a\\nb\\rc\\td');
  assert.equal(escapeTerminal('\u007f\u0080\u009b\u0085'), '\\x7f\\x80\\x9b\\x85');
  assert.equal(escapeTerminal('x\u202ey\u2066z\u200e'), 'x\\u202ey\\u2066z\\u200e');
  assert.equal(escapeTerminal('a\u200bb\u200dc\ufeffd\u2060e\u00adf'), 'a\\u200bb\\u200dc\\ufeffd\\u2060e\\xadf');
  assert.equal(escapeTerminal('l\u2028m\u2029n'), 'l\\u2028m\\u2029n');
  assert.equal(escapeTerminal('t\u{e0041}'), 't\\u{e0041}');
  assert.equal(escapeTerminal('\ud800'), '\\ud800');
  assert.equal(escapeTerminal('\uffff\ufdd0'), '\\uffff\\ufdd0');
  assert.equal(escapeTerminal('\u3164'), '\\u3164', 'an invisible filler');
});

test('printable text passes unchanged, and escaping twice changes nothing more', () => {
  for (const s of ['web-7d4b-x2k9p', 'app.kubernetes.io/name=web', 'café → ≠ … ✓ 日本', '\\x1b literal', 'emoji 😀']) {
    assert.equal(escapeTerminal(s), s);
    assert.equal(isUnsafe(s), false);
  }
  const once = escapeTerminal('a\u001b[2Jb\u202e');
  assert.equal(escapeTerminal(once), once);
});

test('escapeDeep escapes every string and key and keeps clean parts as they are', () => {
  const clean = { a: ['x', 1, null, true], b: { c: 'd' } };
  assert.equal(escapeDeep(clean), clean);
  const v = { clean: clean.b, list: ['ok', 'n\nx'], labels: { 'k\u001b': 'v\u009b' } };
  const e = escapeDeep(v);
  assert.deepEqual(e, { clean: { c: 'd' }, list: ['ok', 'n\\nx'], labels: { 'k\\x1b': 'v\\x9b' } });
  assert.equal(e.clean, v.clean, 'the clean branch is the same object');
  assert.deepEqual(v.list, ['ok', 'n\nx'], 'the input is not changed');
});

test('JSON stays faithful: the same value, with nothing a terminal acts on left raw', () => {
  const v = { name: 'a\u007fb\u009bc\u202ed\u200be\u2028f\n\u001b', 'k\u0085': 1 };
  const text = toJSON(v);
  assert.deepEqual(JSON.parse(text), v);
  assert.equal(isUnsafe(text.replace(/\n/g, '')), false);
  assert.equal(escapeJSONText('{\n  "a": 1\n}'), '{\n  "a": 1\n}');
  // Letters beyond ASCII stay; an unsafe code point among plain lines is still escaped, and DEL too.
  assert.equal(escapeJSONText('{\n  "a": "é\u202e"\n}'), '{\n  "a": "é\\u202e"\n}');
  assert.equal(escapeJSONText('{\n  "a": "x\u007f"\n}'), '{\n  "a": "x\\u007f"\n}');
});

test('YAML stays valid YAML and faithful: every unsafe string double-quoted and escaped', () => {
  const hostile = ['a\u007fb', 'c\u009bd', 'e\u202ef', 'g\u200bh', 'i\u001b[2Jj', 'k\nl', 'm\u2028n', 'o\ud800', 'p\uffff', 'q\u{e0041}', 'r\u0085s', 't\u0007'];
  for (const s of hostile) {
    const v = { name: s, labels: { [s]: s }, list: [s] };
    const text = toYAML(v);
    assert.deepEqual(parse(text), v, text);
    // The YAML character set: only tab, LF and printable characters, none of DEL, C1 (NEL aside), surrogates, U+FFFE/FFFF.
    assert.equal(isUnsafe(text.replace(/\n/g, '')), false, text);
  }
  assert.equal(toYAML({ a: 'plain', b: 2 }), 'a: plain\nb: 2\n');
});

test('clip: long runs keep their start and end, the whole is capped, and it is escaped', () => {
  const long = `label value ${'v'.repeat(1_000_000)}x is invalid`;
  const c = clip(long, 400);
  assert.ok([...c].length < 400, c);
  assert.match(c, /^label value v{120}…\(999861 more characters\)…v{19}x is invalid$/);
  assert.equal(clip('short\u001b', 400), 'short\\x1b');
  const many = Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ');
  assert.match(clip(many, 100), /… \(\d+ more characters\)$/);
});
