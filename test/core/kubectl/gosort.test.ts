// gosort.ts must leave elements in exactly the order Go's sort.Sort leaves them, ties
// included. The oracle is the real Go runtime: test/oracle/gosort sorts the same cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { goSorted, reversed } from '../../../src/core/kubectl/gosort.ts';
import { goSortOracle, type SortCase as Case } from './go-oracle.ts';
import { rng } from '../../oracle/random-pods.ts';

/** A small seeded PRNG (the oracle's), so a failing run can be replayed from its seed. */
const prng = rng;

/** Keys shaped to reach every branch of pdqsort: ties, runs, reversals, organ pipes, noise. */
function generate(seed: number, count: number): Case[] {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const shapes = ['random', 'sorted', 'descending', 'nearlySorted', 'nearlyDescending', 'organPipe', 'sawtooth', 'constant', 'twoValues'] as const;
  const cases: Case[] = [];
  for (let c = 0; c < count; c++) {
    // Lengths cluster around the interesting sizes (≤12, 13..50, 50+) and reach 200.
    const n = c < 60 ? c : [int(13), 13 + int(40), 50 + int(151), int(201)][int(4)] as number;
    const distinct = [1, 2, 3, 5, 8, Math.max(1, n >> 2), Math.max(1, n)][int(7)] as number;
    const shape = shapes[int(shapes.length)] as (typeof shapes)[number];
    let keys: number[];
    switch (shape) {
      case 'random': keys = Array.from({ length: n }, () => int(distinct)); break;
      case 'sorted': keys = Array.from({ length: n }, () => int(distinct)).sort((x, y) => x - y); break;
      case 'descending': keys = Array.from({ length: n }, () => int(distinct)).sort((x, y) => y - x); break;
      case 'nearlySorted':
      case 'nearlyDescending': {
        keys = Array.from({ length: n }, () => int(distinct)).sort((x, y) => (shape === 'nearlySorted' ? x - y : y - x));
        for (let s = int(8); s > 0 && n > 1; s--) {
          const i = int(n);
          const j = int(n);
          [keys[i], keys[j]] = [keys[j] as number, keys[i] as number];
        }
        break;
      }
      case 'organPipe': keys = Array.from({ length: n }, (_, i) => Math.min(i, n - 1 - i) % distinct); break;
      case 'sawtooth': keys = Array.from({ length: n }, (_, i) => i % Math.max(2, distinct)); break;
      case 'constant': keys = Array.from({ length: n }, () => 7); break;
      case 'twoValues': keys = Array.from({ length: n }, () => (rnd() < 0.9 ? 0 : 1)); break;
    }
    cases.push({ keys, reverse: rnd() < 0.5 });
  }
  return cases;
}

/**
 * McIlroy's "killer adversary": keys decided lazily while our sort runs, so that every
 * pivot is bad. Replayed as fixed keys they drive pdqsort into breakPatterns and its
 * heapsort fallback, paths random data almost never reaches.
 */
function adversary(n: number, reverse: boolean): Case {
  const gas = n;
  const val = new Array<number>(n).fill(gas);
  let solid = 0;
  let candidate = 0;
  const cmp = (x: number, y: number): number => {
    if (val[x] === gas && val[y] === gas) {
      if (x === candidate) val[x] = solid++;
      else val[y] = solid++;
    }
    if (val[x] === gas) candidate = x;
    else if (val[y] === gas) candidate = y;
    return (val[x] as number) - (val[y] as number);
  };
  const less = (a: number, b: number): boolean => cmp(a, b) < 0;
  goSorted(Array.from({ length: n }, (_, i) => i), reverse ? reversed(less) : less);
  return { keys: val, reverse };
}

function ours(c: Case): number[] {
  const less = (a: number, b: number): boolean => (c.keys[a] as number) < (c.keys[b] as number);
  const indices = c.keys.map((_, i) => i);
  return goSorted(indices, c.reverse ? reversed(less) : less);
}

test('small hand-checked cases: insertion sort keeps ties in input order, Reverse too', () => {
  assert.deepEqual(ours({ keys: [3, 1, 2, 1], reverse: false }), [1, 3, 2, 0]);
  assert.deepEqual(ours({ keys: [3, 1, 2, 1], reverse: true }), [0, 2, 1, 3]);
  assert.deepEqual(ours({ keys: [], reverse: false }), []);
  assert.deepEqual(ours({ keys: [5], reverse: true }), [0]);
});

test('above 12 elements sort.Sort is not stable: equal keys leave input order', () => {
  // All equal except one: pdqsort's partitioning moves tied elements around.
  const keys = Array.from({ length: 40 }, (_, i) => (i === 20 ? 0 : 1));
  const got = ours({ keys, reverse: false });
  assert.equal(got[0], 20);
  const tail = got.slice(1);
  assert.notDeepEqual(tail, tail.slice().sort((x, y) => x - y), 'expected the tied tail out of input order');
});

test('identical permutations to Go sort.Sort on thousands of seeded cases', { timeout: 600_000 }, () => {
  const seed = Number(process.env.WHOSELECTS_GOSORT_SEED ?? randomInt(2 ** 31));
  const cases = generate(seed, 4000);
  for (let n = 13; n <= 200; n += 3) cases.push(adversary(n, n % 2 === 0));
  const expected = goSortOracle(cases);
  assert.equal(expected.length, cases.length);
  let failures = 0;
  const report: string[] = [];
  cases.forEach((c, i) => {
    const got = ours(c);
    if (JSON.stringify(got) !== JSON.stringify(expected[i])) {
      failures++;
      if (report.length < 3) report.push(`case ${i} keys=${JSON.stringify(c.keys)} reverse=${c.reverse}\n  go:   ${JSON.stringify(expected[i])}\n  ours: ${JSON.stringify(got)}`);
    }
  });
  assert.equal(failures, 0, `seed ${seed} (rerun with WHOSELECTS_GOSORT_SEED=${seed}): ${failures} of ${cases.length} cases differ\n${report.join('\n')}`);
});
