// Go's sort.Sort (pattern-defeating quicksort, Go ≥1.19), reimplemented so that the
// order kubectl produces can be predicted exactly, ties included.
//
// kubectl sorts the pods of its List call with sort.Sort. Up to 12 elements that is an
// insertion sort (stable: ties keep List order); above 12 it is pdqsort, which is
// deterministic for a given input order but not stable. Every comparison and every swap
// below happens in the same sequence as in Go, so the resulting permutation is the same.
// test/core/kubectl/gosort.test.ts checks this against the real Go runtime.

/** sort.Interface: the three methods sort.Sort drives. */
export interface SortInterface {
  len(): number;
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

/** Below this length a range is insertion-sorted (Go's maxInsertion). */
export const INSERTION_SORT_MAX = 12;

const SHORTEST_NINTHER = 50;
const MAX_SWAPS = 4 * 3;
const PARTIAL_MAX_STEPS = 5;
const SHORTEST_SHIFTING = 50;

type Hint = 'unknown' | 'increasing' | 'decreasing';

/** math/bits.Len for a non-negative integer below 2^32. */
function bitLength(n: number): number {
  return n === 0 ? 0 : 32 - Math.clz32(n);
}

/** sort.Sort: sorts data in place, exactly as Go does. */
export function goSort(data: SortInterface): void {
  const n = data.len();
  if (n <= 1) return;
  pdqsort(data, 0, n, bitLength(n));
}

/** A sorted copy of items, ordered by less the way sort.Sort would order them. */
export function goSorted<T>(items: readonly T[], less: (a: T, b: T) => boolean): T[] {
  const out = items.slice();
  goSort({
    len: () => out.length,
    less: (i, j) => less(out[i] as T, out[j] as T),
    swap: (i, j) => {
      const t = out[i] as T;
      out[i] = out[j] as T;
      out[j] = t;
    },
  });
  return out;
}

/** sort.Reverse: the same ordering, with less's arguments exchanged. */
export function reversed<T>(less: (a: T, b: T) => boolean): (a: T, b: T) => boolean {
  return (a, b) => less(b, a);
}

function insertionSort(data: SortInterface, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && data.less(j, j - 1); j--) data.swap(j, j - 1);
  }
}

function siftDown(data: SortInterface, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && data.less(first + child, first + child + 1)) child++;
    if (!data.less(first + root, first + child)) return;
    data.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(data: SortInterface, a: number, b: number): void {
  const first = a;
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(data, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    data.swap(first, first + i);
    siftDown(data, 0, i, first);
  }
}

function pdqsort(data: SortInterface, a: number, b: number, limit: number): void {
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= INSERTION_SORT_MAX) {
      insertionSort(data, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(data, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(data, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(data, a, b);
    if (hint === 'decreasing') {
      reverseRange(data, a, b);
      pivot = b - 1 - (pivot - a);
      hint = 'increasing';
    }
    if (wasBalanced && wasPartitioned && hint === 'increasing' && partialInsertionSort(data, a, b)) return;

    if (a > 0 && !data.less(a - 1, pivot)) {
      a = partitionEqual(data, a, b, pivot);
      continue;
    }

    const [mid, alreadyPartitioned] = partition(data, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.trunc(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(data, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(data, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition(data: SortInterface, a: number, b: number, pivot: number): [number, boolean] {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && data.less(i, a)) i++;
  while (i <= j && !data.less(j, a)) j--;
  if (i > j) {
    data.swap(j, a);
    return [j, true];
  }
  data.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && data.less(i, a)) i++;
    while (i <= j && !data.less(j, a)) j--;
    if (i > j) break;
    data.swap(i, j);
    i++;
    j--;
  }
  data.swap(j, a);
  return [j, false];
}

function partitionEqual(data: SortInterface, a: number, b: number, pivot: number): number {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !data.less(a, i)) i++;
    while (i <= j && data.less(a, j)) j--;
    if (i > j) return i;
    data.swap(i, j);
    i++;
    j--;
  }
}

function partialInsertionSort(data: SortInterface, a: number, b: number): boolean {
  let i = a + 1;
  for (let step = 0; step < PARTIAL_MAX_STEPS; step++) {
    while (i < b && !data.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < SHORTEST_SHIFTING) return false;
    data.swap(i, i - 1);
    // Shift the smaller element left (note: Go's loop bound is 1, not a).
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
    // Shift the greater element right.
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
  }
  return false;
}

const MASK64 = (1n << 64n) - 1n;

function breakPatterns(data: SortInterface, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  // xorshift64 seeded with the length, as in Go.
  let r = BigInt(length);
  const next = (): bigint => {
    r ^= (r << 13n) & MASK64;
    r ^= r >> 7n;
    r ^= (r << 17n) & MASK64;
    return r;
  };
  const modulus = 2 ** bitLength(length);
  const mask = BigInt(modulus - 1);
  const centre = a + Math.trunc(length / 4) * 2;
  for (let idx = centre - 1; idx <= centre + 1; idx++) {
    let other = Number(next() & mask);
    if (other >= length) other -= length;
    data.swap(idx, a + other);
  }
}

function choosePivot(data: SortInterface, a: number, b: number): [number, Hint] {
  const l = b - a;
  const swaps = { n: 0 };
  const quarter = Math.trunc(l / 4);
  let i = a + quarter;
  let j = a + quarter * 2;
  let k = a + quarter * 3;
  if (l >= 8) {
    if (l >= SHORTEST_NINTHER) {
      i = median(data, i - 1, i, i + 1, swaps);
      j = median(data, j - 1, j, j + 1, swaps);
      k = median(data, k - 1, k, k + 1, swaps);
    }
    j = median(data, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, 'increasing'];
  if (swaps.n === MAX_SWAPS) return [j, 'decreasing'];
  return [j, 'unknown'];
}

function order2(data: SortInterface, a: number, b: number, swaps: { n: number }): [number, number] {
  if (data.less(b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

function median(data: SortInterface, a: number, b: number, c: number, swaps: { n: number }): number {
  const [lo, mid] = order2(data, a, b, swaps);
  const [mid2] = order2(data, mid, c, swaps);
  return order2(data, lo, mid2, swaps)[1];
}

function reverseRange(data: SortInterface, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) data.swap(i, j);
}
