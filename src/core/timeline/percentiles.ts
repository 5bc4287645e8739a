// Nearest-rank percentiles: the smallest sample with at least p% of the samples at or below it.

import type { Percentiles } from './types.ts';

export function nearestRank(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: nearestRank(sorted, 50), p95Ms: nearestRank(sorted, 95), maxMs: sorted.length ? (sorted[sorted.length - 1] ?? null) : null };
}
