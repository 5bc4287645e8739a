import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIP } from '../../../src/core/routing/ip.ts';

const cases: [string, string | null, string | null][] = [
  ['10.0.0.1', 'IPv4', '10.0.0.1'],
  ['010.000.000.001', 'IPv4', '10.0.0.1'],
  ['256.0.0.1', null, null],
  // ParseIPSloppy reads any number of leading zeros (its digits are counted by value, not by length).
  ['0000010.1.00002.0255', 'IPv4', '10.1.2.255'],
  ['10.0.0.0256', null, null],
  ['10.0.0.1.', null, null],
  ['10.0.0.+1', null, null],
  ['10..0.1', null, null],
  ['00001::0ffff', 'IPv6', '1::ffff'],
  ['1::10000', null, null],
  ['::ffff:010.001.002.003', 'IPv4', '10.1.2.3'],
  ['10.0.0', null, null],
  ['fd00::1', 'IPv6', 'fd00::1'],
  ['FD00:0000:0000:0000:0000:0000:0000:0001', 'IPv6', 'fd00::1'],
  ['2001:db8:0:0:1:0:0:1', 'IPv6', '2001:db8::1:0:0:1'],
  ['2001:db8:0:1:1:1:1:1', 'IPv6', '2001:db8:0:1:1:1:1:1'],
  ['::', 'IPv6', '::'],
  ['::ffff:10.1.2.3', 'IPv4', '10.1.2.3'],
  ['64:ff9b::10.1.2.3', 'IPv6', '64:ff9b::a01:203'],
  ['1::2::3', null, null],
  ['db.example.com', null, null],
];

for (const [input, family, text] of cases) {
  test(`parseIP(${input})`, () => {
    const p = parseIP(input);
    assert.deepEqual(p === null ? [null, null] : [p.family, p.text], [family, text]);
  });
}
