// Shared settings of the property-based tests: a seed that is printed (and can be replayed with
// WHOSELECTS_FUZZ_SEED=N) and a bounded number of runs (CI time; WHOSELECTS_FUZZ_RUNS raises it).

import type { Parameters } from 'fast-check';

const envInt = (name: string): number | undefined => {
  const v = process.env[name];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
};

/** One seed per test process, printed once so a failing run can be replayed. */
export const SEED = envInt('WHOSELECTS_FUZZ_SEED') ?? (Date.now() ^ (process.pid << 8)) | 0;
process.stderr.write(`fuzz seed ${SEED} (replay: WHOSELECTS_FUZZ_SEED=${SEED})\n`);

export function fuzzParams<T>(runs: number): Parameters<T> {
  return { seed: SEED, numRuns: envInt('WHOSELECTS_FUZZ_RUNS') ?? runs, endOnFailure: true };
}
