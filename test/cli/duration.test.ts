// kubectl's durations (--request-timeout, --pod-running-timeout, --dns-ttl) are Go's
// time.ParseDuration: both micro signs (U+00B5 and U+03BC), a bare "0", fractions such as "5."
// and ".5", a sign, int64 nanoseconds at most. The expected values are what Go 1.26's
// time.ParseDuration returns for each string, in nanoseconds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoDuration } from '../../src/cli/kubectl-args.ts';
import { parseRequestTimeout } from '../../src/cli/request.ts';

const ACCEPTED: [string, string][] = [
  ["0", '0'],
  ["5s", '5000000000'],
  ["-5s", '-5000000000'],
  ["+5s", '5000000000'],
  ["-0", '0'],
  ["+0", '0'],
  ["5.0s", '5000000000'],
  ["5.6s", '5600000000'],
  ["5.s", '5000000000'],
  [".5s", '500000000'],
  ["1.004s", '1004000000'],
  ["10ns", '10'],
  ["11us", '11000'],
  ["12\u00b5s", '12000'],
  ["12\u03bcs", '12000'],
  ["13ms", '13000000'],
  ["15m", '900000000000'],
  ["16h", '57600000000000'],
  ["3h30m", '12600000000000'],
  ["10.5s4m", '250500000000'],
  ["-2m3.4s", '-123400000000'],
  ["1h2m3s4ms5us6ns", '3723004005006'],
  ["0.3333333333333333333h", '1200000000000'],
  ["9223372036854775807ns", '9223372036854775807'],
  ["-9223372036854775808ns", '-9223372036854775808'],
  ["9223372036854775.807us", '9223372036854775807'],
  ["1.5h.5m", '5430000000000'],
  ["600h", '2160000000000000'],
  ["2562047h", '9223369200000000000'],
  ["0s", '0'],
  ["0.0000000001s", '0'],
  ["1.0000000001s", '1000000000'],
  ["1.h", '3600000000000'],
];

const REFUSED = ["9223372036854775808ns", "-9223372036854775809ns", "9223372036854775.808us", "", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "1e3s", "5s ", " 5s", "1hs", "1constructor", "1.5.5s", "2562048h", "+-5s", "--5s", "5S"];

test('every duration Go accepts, to the nanosecond', () => {
  for (const [text, ns] of ACCEPTED) assert.equal(parseGoDuration(text), Number(BigInt(ns)) / 1e9, JSON.stringify(text));
});

test('every duration Go refuses', () => {
  for (const text of REFUSED) assert.equal(parseGoDuration(text), null, JSON.stringify(text));
});

test('both micro signs: U+00B5 (micro sign) and U+03BC (Greek small letter mu)', () => {
  assert.equal(parseGoDuration('1500\u00b5s'), 0.0015);
  assert.equal(parseGoDuration('1500\u03bcs'), 0.0015);
  assert.equal(parseRequestTimeout('2000000\u03bcs'), 2000);
  assert.equal(parseGoDuration('1500\u039cs'), null, 'capital mu is no unit');
});

test('unit names are looked up as keys only: no inherited property is a unit', () => {
  for (const u of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) assert.equal(parseGoDuration(`1${u}`), null, u);
});
