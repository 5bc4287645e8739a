// Loaded into the measured program with `node --expose-gc --import bench/heap-sampler.ts`
// (bench/endurance.ts): every WHOSELECTS_HEAP_EVERY_MS (default 5000) it collects garbage and
// appends one JSON line {ms, heapUsed, heapTotal, rss, external} to WHOSELECTS_HEAP_SAMPLES.
// The timer is unref'd: it never keeps the program alive.

import { appendFileSync } from 'node:fs';

const file = process.env.WHOSELECTS_HEAP_SAMPLES;
const every = Number(process.env.WHOSELECTS_HEAP_EVERY_MS ?? 5000);
const gc = (globalThis as { gc?: () => void }).gc;

if (file) {
  const t0 = Date.now();
  const sample = () => {
    gc?.();
    const m = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({ ms: Date.now() - t0, heapUsed: m.heapUsed, heapTotal: m.heapTotal, rss: m.rss, external: m.external, gc: !!gc })}\n`);
  };
  setInterval(sample, every).unref();
}
