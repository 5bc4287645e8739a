// Watch throughput: a recorded event log of 100k events (500 pods of a Deployment behind a
// Service, whose readiness flaps one pod at a time, each change followed by the
// EndpointSlice update the controller would write) replayed through the same timeline as
// a live watch (`--replay FILE --speed 0 -o json`), as fast as it goes. The log's header and
// initial lists alone are replayed too, and subtracted: the rate is of the events.
//
// The log is written to disk a line at a time (100k events make about 1.2 GB: every other
// event carries a whole EndpointSlice of 100 endpoints, as the controller writes them), and
// the program streams it. Besides the wall time, the CPU time (user + system) of the replay
// is reported: on a loaded machine it is the steadier figure.
//
//   node bench/watch.ts [EVENTS]     prints one JSON line and writes the "watch" section of
//                                    bench/results.md (WATCH_WRITE=0: only prints)

import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceEvent } from '../src/core/events.ts';
import type { EndpointSlice, Pod } from '../src/core/types.ts';
import { EVENT_LOG_KIND, EVENT_LOG_SCHEMA_VERSION, encodeLine, type EventLogHeader } from '../src/sources/replay/log.ts';
import { deploy, endpointFor, podOf, rsOf, slice, svc } from '../test/core/builders.ts';
import { root, sideBySide, type Summary } from './measure.ts';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const POD_COUNT = 500;
const PER_SLICE = 100;

/** The log's lines, one at a time: header, initial lists, then `events` changes. */
export function* watchLogLines(events: number, PODS = POD_COUNT): Generator<string> {
  const d = deploy('web', { replicas: PODS, podLabels: { app: 'web' } });
  d.status = { observedGeneration: 1, replicas: PODS, updatedReplicas: PODS, readyReplicas: PODS, availableReplicas: PODS };
  const rs = rsOf(d, '5d8f7c', { replicas: PODS });
  rs.status = { replicas: PODS, readyReplicas: PODS, availableReplicas: PODS };
  const service = svc('web', { selector: { app: 'web' } });
  const pods: Pod[] = Array.from({ length: PODS }, (_, i) => podOf(rs, `web-5d8f7c-p${String(i).padStart(4, '0')}`, { ip: `10.244.${i >> 8}.${i & 255}`, node: `node-${i % 3}` }));
  const slices: EndpointSlice[] = Array.from({ length: Math.ceil(PODS / PER_SLICE) }, (_, k) => slice(`web-s${k}`, 'web', { ports: [{ name: 'http', port: 8080 }], endpoints: pods.slice(k * PER_SLICE, (k + 1) * PER_SLICE).map((p) => endpointFor(p)) }));
  const header: EventLogHeader = { kind: EVENT_LOG_KIND, schemaVersion: EVENT_LOG_SCHEMA_VERSION, target: { kind: 'Service', name: 'web' }, namespace: 'default', context: 'bench', startedAt: iso(0), kubectlVersion: 'v1.34.1' };
  yield encodeLine(header);
  const line = (e: SourceEvent) => encodeLine(e);
  const sync = (kind: SourceEvent['kind'], objects: unknown[]) => line({ type: 'sync', at: iso(0), kind, namespace: 'default', objects } as SourceEvent);
  yield sync('Pod', pods);
  yield sync('Service', [service]);
  yield sync('EndpointSlice', slices);
  yield sync('Deployment', [d]);
  yield sync('ReplicaSet', [rs]);
  yield sync('StatefulSet', []);
  yield sync('Job', []);
  yield line({ type: 'status', at: iso(100), state: 'connected', kind: null, message: 'watching service/web in default' });
  let rv = 1000;
  for (let e = 0; e < events; e++) {
    const i = Math.floor(e / 2) % PODS;
    const p = pods[i] as Pod;
    const c = p.status?.conditions?.[0];
    const t = iso(1000 + e * 10);
    if (e % 2 === 0) {
      if (c) c.status = c.status === 'True' ? 'False' : 'True';
      (p.metadata as NonNullable<Pod['metadata']>).resourceVersion = String(++rv);
      yield line({ type: 'upsert', at: t, kind: 'Pod', object: p });
    } else {
      const s = slices[Math.floor(i / PER_SLICE)] as EndpointSlice;
      const ep = s.endpoints?.[i % PER_SLICE];
      if (ep?.conditions) ep.conditions.ready = c?.status === 'True';
      (s.metadata as NonNullable<EndpointSlice['metadata']>).resourceVersion = String(++rv);
      yield line({ type: 'upsert', at: t, kind: 'EndpointSlice', object: s });
    }
  }
}

/** The whole log as one string (small logs: tests). */
export function watchLog(events: number): string {
  return [...watchLogLines(events)].join('');
}

/** Writes the log to `path` a line at a time; returns its size in bytes. */
export function writeWatchLog(path: string, events: number): number {
  const fd = openSync(path, 'w');
  try {
    for (const l of watchLogLines(events)) writeSync(fd, l);
  } finally {
    closeSync(fd);
  }
  return statSync(path).size;
}

export interface WatchResult {
  events: number;
  fileMb: number;
  full: Summary;
  base: Summary;
  /** Events per second of wall time, and of CPU time (user + system). */
  eventsPerSecond: number;
  eventsPerCpuSecond: number;
  /** One-minute load average before and after. */
  load: [number, number];
}

export function watchThroughput(events: number, runs: number): WatchResult {
  const loadBefore = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-bench-watch-'));
  try {
    const full = join(dir, 'full.ndjson');
    const base = join(dir, 'base.ndjson');
    const bytes = writeWatchLog(full, events);
    writeWatchLog(base, 0);
    const node = join(root, 'node_modules/node/bin/node');
    const cli = join(root, 'src/cli/main.ts');
    const step = (file: string) => [{ cmd: node, args: [cli, '--replay', file, '--speed', '0', '-o', 'json', '--fail-on', 'never'] }];
    const [f, b] = sideBySide([step(full), step(base)], runs) as [Summary, Summary];
    const net = f.seconds - b.seconds;
    const cpu = f.cpuSeconds - b.cpuSeconds;
    return {
      events, fileMb: +(bytes / 1048576).toFixed(1), full: f, base: b,
      eventsPerSecond: net > 0 ? Math.round(events / net) : NaN, eventsPerCpuSecond: cpu > 0 ? Math.round(events / cpu) : NaN,
      load: [loadBefore, loadavg()[0] ?? 0],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const f1 = (x: number) => x.toFixed(1);
const n = (x: number) => (Number.isFinite(x) ? x.toLocaleString('en') : '-');

export function watchSection(w: WatchResult): string {
  const date = new Date().toISOString().slice(0, 10);
  return `<!-- watch:begin (written by bench/watch.ts) -->
## Watch throughput

A recorded event log (\`bench/watch.ts\`, ${w.fileMb} MB, written and read a line at a time): a Service over the 500 pods of a Deployment whose readiness flaps one pod at a time, each pod change followed by the EndpointSlice update the controller would write (the whole slice of 100 endpoints), ${w.events.toLocaleString('en')} events after the initial lists, replayed with \`--replay FILE --speed 0 -o json\` (the same timeline as a live watch: each event updates only what it touches, src/core/timeline/live.ts). The initial lists alone are subtracted from the full replay (median of ${w.full.runs}). Run on ${date}, ${cpus().length} CPUs, load average ${f1(w.load[0])} before and ${f1(w.load[1])} after: the machine was shared, so the CPU time (user + system) is the steadier figure.

| | wall | CPU | peak RSS |
|---|---:|---:|---:|
| full replay | ${f1(w.full.seconds)} s | ${f1(w.full.cpuSeconds)} s | ${Math.round(w.full.maxRssMb)} MB |
| initial lists only | ${f1(w.base.seconds)} s | ${f1(w.base.cpuSeconds)} s | ${Math.round(w.base.maxRssMb)} MB |
| **events** | **${n(w.eventsPerSecond)} events/s** | **${n(w.eventsPerCpuSecond)} events per CPU second** | |
<!-- watch:end -->`;
}

if (import.meta.main) {
  const w = watchThroughput(Number(process.argv[2] ?? 100000), Number(process.env.BENCH_RUNS ?? 1));
  console.log(JSON.stringify(w));
  if (process.env.WATCH_WRITE !== '0') {
    const file = join(root, 'bench/results.md');
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
    const re = /<!-- watch:begin[\s\S]*?<!-- watch:end -->/;
    writeFileSync(file, re.test(text) ? text.replace(re, watchSection(w)) : `${text.trimEnd()}\n\n${watchSection(w)}\n`);
  }
}
