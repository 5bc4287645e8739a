// Manifest bytes to text: the byte-order marks kubectl honours, and CRLF line ends read as LF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeText } from '../../../src/sources/manifests/text.ts';
import { fuzzParams } from '../../fuzz/params.ts';

test('CRLF line ends are read as LF; a lone CR, and every other character, are kept', () => {
  assert.equal(decodeText(Buffer.from('a: 1\r\nb: "é\r"\r\n\r\nc: 日本\r\n')), 'a: 1\nb: "é\r"\n\nc: 日本\n');
  assert.equal(decodeText(Buffer.from('\r\r\n\n\r')), '\r\n\n\r');
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\r\nb')])), 'a\nb', 'after a UTF-8 byte-order mark too');
  assert.equal(decodeText(Buffer.from('no carriage return\n')), 'no carriage return\n');
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\r\nb', 'utf16le')]);
  assert.equal(decodeText(le), 'a\r\nb', 'UTF-16 is decoded as it is (the reader reads its CRLF as LF later)');
});

test('random UTF-8 text: what decoding and then reading CRLF as LF gives', () => {
  fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\r', '\n', '\r\n', 'a', 'é', '日', '😀')) }), (s) => {
    assert.equal(decodeText(Buffer.from(s)), s.split('\r\n').join('\n'));
  }), fuzzParams(500));
});
