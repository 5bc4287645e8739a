import './no-ci.ts';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { table, fitColumns, type Column } from '../../src/tui/columns.ts';
import { allocate, scrollTop } from '../../src/tui/layout.ts';
import { plain, seg } from '../../src/tui/text.ts';

describe('allocate', () => {
  test('short sections get what they want, long ones share the rest', () => {
    assert.deepEqual(allocate(20, [{ id: 'a', min: 2, want: 3 }, { id: 'b', min: 2, want: 100 }, { id: 'c', min: 2, want: 100 }]), { a: 3, b: 9, c: 8 });
  });
  test('when even the minimums do not fit, the first sections keep theirs', () => {
    assert.deepEqual(allocate(5, [{ id: 'a', min: 3, want: 10 }, { id: 'b', min: 3, want: 10 }, { id: 'c', min: 2, want: 10 }]), { a: 3, b: 0, c: 2 });
  });
  test('a later tier gets only the rows the earlier one leaves', () => {
    assert.deepEqual(allocate(10, [{ id: 'a', min: 2, want: 9 }, { id: 'x', min: 3, want: 5, tier: 1 }]), { a: 9, x: 0 });
    assert.deepEqual(allocate(14, [{ id: 'a', min: 2, want: 9 }, { id: 'x', min: 3, want: 5, tier: 1 }]), { a: 9, x: 5 });
  });
  test('an endless section takes what is left', () => {
    assert.deepEqual(allocate(30, [{ id: 'a', min: 2, want: 4 }, { id: 't', min: 4, want: Infinity }]), { a: 4, t: 26 });
  });
});

describe('scrollTop', () => {
  const table1: [number, number, number, number, number][] = [
    // cursor, length, height, previous top, expected top
    [0, 5, 10, 0, 0],
    [9, 20, 5, 0, 5],
    [3, 20, 5, 5, 3],
    [6, 20, 5, 5, 5],
    [19, 20, 5, 0, 15],
  ];
  for (const [cursor, length, height, prev, want] of table1) {
    test(`cursor ${cursor} of ${length} in ${height} rows (was ${prev}) → ${want}`, () => assert.equal(scrollTop(cursor, length, height, prev), want));
  }
});

describe('columns', () => {
  interface R { a: string; b: string; c: string }
  const cols: Column<R>[] = [
    { header: 'NAME', priority: 0, essential: true, min: 6, cell: (r) => seg(r.a) },
    { header: 'OWNER', priority: 1, essential: true, min: 5, cell: (r) => seg(r.b) },
    { header: 'ZONE', priority: 5, cell: (r) => seg(r.c) },
  ];
  const rows: R[] = [{ a: 'web-7d4b9c8f6d-x2k9p', b: 'deploy/web', c: 'eu-west-1a' }];

  test('everything fits: natural widths', () => {
    assert.deepEqual(fitColumns(cols, rows, 80), [20, 10, 10]);
  });
  test('optional columns go before essential ones shrink', () => {
    assert.deepEqual(fitColumns(cols, rows, 40), [20, 10, null]);
  });
  test('then the flexible columns shrink, widest first, to their minimum', () => {
    assert.deepEqual(fitColumns(cols, rows, 26), [14, 10, null]);
    assert.deepEqual(fitColumns(cols, rows, 12), [12, null, null]);
    assert.deepEqual(fitColumns(cols, rows, 4), [6, null, null]);
  });
  test('a column with nothing to say is left out', () => {
    assert.deepEqual(fitColumns(cols, [{ ...rows[0] as R, c: '-' }], 80), [20, 10, null]);
  });
  test('table pads cells and lists the hidden columns', () => {
    const t = table(cols, rows, 40);
    assert.equal(plain(t.header), 'NAME                  OWNER     ');
    assert.equal(plain(t.rows[0] ?? []), 'web-7d4b9c8f6d-x2k9p  deploy/web');
    assert.deepEqual(t.hidden, ['ZONE']);
  });
});
