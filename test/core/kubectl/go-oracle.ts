// Runs test/oracle/gosort (the real Go sort.Sort) once on a batch of cases.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SortCase {
  /** Integer keys; sort.Sort orders the indices by key (ties are equal keys). */
  keys: number[];
  /** Wrap the data in sort.Reverse. */
  reverse: boolean;
}

const ORACLE_DIR = fileURLToPath(new URL('../../oracle/gosort/', import.meta.url));

/** The index permutation Go's sort.Sort produces for each case. */
export function goSortOracle(cases: readonly SortCase[]): number[][] {
  const run = spawnSync('go', ['run', '.'], {
    cwd: ORACLE_DIR,
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' },
  });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `go run failed: ${run.stderr}`);
  const out = JSON.parse(run.stdout) as number[][];
  assert.equal(out.length, cases.length);
  return out;
}
