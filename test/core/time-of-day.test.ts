// One time-of-day function, three styles: the sentence's, the fixed column's, the glance's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clockText } from '../../src/core/time-of-day.ts';

test('message (the default): milliseconds and the zone, in UTC', () => {
  assert.equal(clockText('2026-05-01T14:03:04.512+02:00'), '12:03:04.512Z');
  assert.equal(clockText('2026-05-01T12:03:04Z', 'message'), '12:03:04.000Z');
});

test('column: fixed width, milliseconds always, no zone', () => {
  assert.equal(clockText('2026-03-01T23:59:59.999+02:00', 'column'), '21:59:59.999');
  assert.equal(clockText('2026-03-01T23:59:59+02:00', 'column'), '21:59:59.000');
});

test('glance: milliseconds only when the instant has a fraction', () => {
  assert.equal(clockText('2026-05-01T12:03:04Z', 'glance'), '12:03:04');
  assert.equal(clockText('2026-05-01T14:03:04.512+02:00', 'glance'), '12:03:04.512');
  assert.equal(clockText('2026-05-01T12:03:04.5Z', 'glance'), '12:03:04.500');
});

test('text that is not an instant comes back as it is, in every style', () => {
  for (const style of ['message', 'column', 'glance'] as const) assert.equal(clockText('soon', style), 'soon');
});
