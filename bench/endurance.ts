// Endurance: `whoselects svc/web -w -o json` for ENDURANCE_SECONDS (default 600) against a
// loopback watch server that sends ENDURANCE_RATE (default 200) watch events per second, with
// the program's heap sampled after a forced GC every 5 s (bench/heap-sampler.ts, loaded with
// --import). Memory must stay flat: the heap of the last minute against the first minute after
// warm-up, and the slope of a least-squares line through every sample after warm-up.
//
// Why a fake watch server and not the test control plane: 200 writes a second for ten minutes
// (120,000 writes) would measure etcd, the apiserver and the controllers on a 2-core machine
// shared by other work, not this program, and could not hold the rate steady. The server here
// speaks the list/watch protocol the program uses (lists with resourceVersion, `watch=1`
// streams of JSON events, BOOKMARKs, streams ended after timeoutSeconds and resumed from a
// resourceVersion), so the program's whole watch path runs as against a real apiserver: HTTP,
// JSON stream decoding, the timeline, hazards and NDJSON output.
//
// Writes the "Endurance" section of bench/results.md (between its markers; run.ts keeps it).
// ENDURANCE_SECONDS=60 for a quick look (then nothing is written unless ENDURANCE_WRITE=1).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './measure.ts';

const SECONDS = Number(process.env.ENDURANCE_SECONDS ?? 600);
const RATE = Number(process.env.ENDURANCE_RATE ?? 200);
const PODS = Number(process.env.ENDURANCE_PODS ?? 50);
const WARMUP_MS = 60_000;
const SAMPLE_MS = 5_000;
const write = SECONDS >= 600 || process.env.ENDURANCE_WRITE === '1';
const log = (s: string) => console.error(`[endurance] ${s}`);
const node = join(root, 'node_modules/node/bin/node');

type Obj = Record<string, unknown>;
let rv = 1000;
const nextRv = () => String(++rv);

const labels = { app: 'web' };
const service: Obj = {
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'svc-web', resourceVersion: '10' },
  spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
};
const deployment: Obj = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'dep-web', resourceVersion: '11', generation: 1 },
  spec: { replicas: PODS, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] } } },
  status: { observedGeneration: 1, replicas: PODS, updatedReplicas: PODS, readyReplicas: PODS, availableReplicas: PODS },
};
const replicaSet: Obj = {
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5d4f', namespace: 'default', uid: 'rs-web', resourceVersion: '12', labels: { ...labels, 'pod-template-hash': '5d4f' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-web', controller: true }] },
  spec: { replicas: PODS, selector: { matchLabels: { ...labels, 'pod-template-hash': '5d4f' } }, template: { metadata: { labels: { ...labels, 'pod-template-hash': '5d4f' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] } } },
  status: { replicas: PODS, readyReplicas: PODS, availableReplicas: PODS },
};
const nodes: Obj[] = ['a', 'b', 'c'].map((z, i) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}`, uid: `node-${i}`, resourceVersion: '5', labels: { 'topology.kubernetes.io/zone': `zone-${z}`, 'kubernetes.io/hostname': `node-${i}` } } }));

const ready = Array.from({ length: PODS }, () => true);
const pod = (i: number): Obj => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: `web-5d4f-${String(i).padStart(5, '0')}`, namespace: 'default', uid: `pod-${i}`, resourceVersion: nextRv(), labels: { ...labels, 'pod-template-hash': '5d4f' }, creationTimestamp: '2026-12-03T00:00:00Z', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f', uid: 'rs-web', controller: true }] },
  spec: { nodeName: `node-${i % 3}`, containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
  status: {
    phase: 'Running', podIP: `10.244.${i >> 8}.${i & 255}`, podIPs: [{ ip: `10.244.${i >> 8}.${i & 255}` }], startTime: '2026-12-03T00:00:00Z',
    conditions: [{ type: 'Ready', status: ready[i] ? 'True' : 'False' }, { type: 'ContainersReady', status: ready[i] ? 'True' : 'False' }],
    containerStatuses: [{ name: 'web', ready: ready[i], restartCount: 0, started: true, state: { running: { startedAt: '2026-12-03T00:00:00Z' } } }],
  },
});
const slice = (): Obj => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { name: 'web-abcde', namespace: 'default', uid: 'slice-web', resourceVersion: nextRv(), labels: { 'kubernetes.io/service-name': 'web' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-web', controller: true }] },
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  endpoints: ready.map((r, i) => ({ addresses: [`10.244.${i >> 8}.${i & 255}`], conditions: { ready: r, serving: r, terminating: false }, nodeName: `node-${i % 3}`, zone: `zone-${'abc'[i % 3]}`, targetRef: { kind: 'Pod', name: `web-5d4f-${String(i).padStart(5, '0')}`, namespace: 'default', uid: `pod-${i}` } })),
});

/** Collection contents by resource name. */
function items(resource: string): Obj[] {
  switch (resource) {
    case 'pods': return ready.map((_, i) => pod(i));
    case 'endpointslices': return [slice()];
    case 'services': return [service];
    case 'deployments': return [deployment];
    case 'replicasets': return [replicaSet];
    case 'nodes': return nodes;
    default: return [];
  }
}

interface Watcher { resource: string; res: http.ServerResponse }
const watchers = new Set<Watcher>();
let sent = 0;
let requests = 0;

const PATH = /^\/(?:api\/v1|apis\/[^/]+\/[^/]+)(?:\/namespaces\/[^/]+)?\/([^/]+)(?:\/([^/]+))?$/;

const server = http.createServer((req, res) => {
  requests++;
  const url = new URL(req.url ?? '/', 'http://x');
  const m = PATH.exec(url.pathname);
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (!m) return json(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
  const [, resource = '', name] = m;
  if (name) {
    const found = items(resource).find((o) => (o.metadata as { name: string }).name === name);
    return found ? json(200, found) : json(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${resource} "${name}" not found`, details: { name, kind: resource } });
  }
  if (url.searchParams.get('watch') === '1' || url.searchParams.get('watch') === 'true') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const w: Watcher = { resource, res };
    watchers.add(w);
    const end = setTimeout(() => {
      watchers.delete(w);
      res.end();
    }, Number(url.searchParams.get('timeoutSeconds') ?? 60) * 1000);
    res.on('close', () => {
      clearTimeout(end);
      watchers.delete(w);
    });
    return;
  }
  json(200, { kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: String(rv) }, items: items(resource) });
});

function send(resource: string, type: string, object: Obj): void {
  const line = `${JSON.stringify({ type, object })}\n`;
  for (const w of watchers) if (w.resource === resource && !w.res.writableEnded) w.res.write(line);
}

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;
const dir = mkdtempSync(join(tmpdir(), 'whoselects-endurance-'));
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(kubeconfig, JSON.stringify({
  apiVersion: 'v1', kind: 'Config', 'current-context': 'bench',
  clusters: [{ name: 'bench', cluster: { server: `http://127.0.0.1:${port}` } }],
  users: [{ name: 'bench', user: { token: 'bench' } }],
  contexts: [{ name: 'bench', context: { cluster: 'bench', user: 'bench', namespace: 'default' } }],
}));
const samples = join(dir, 'heap.ndjson');

log(`${SECONDS} s at ${RATE} events/s over ${PODS} pods; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs`);
const child = spawn(node, ['--expose-gc', '--import', join(root, 'bench/heap-sampler.ts'), join(root, 'src/cli/main.ts'), 'svc/web', '-w', '-o', 'json', '--kubectl-version', '1.34'], {
  env: { ...process.env, KUBECONFIG: kubeconfig, NO_COLOR: '1', WHOSELECTS_HEAP_SAMPLES: samples, WHOSELECTS_HEAP_EVERY_MS: String(SAMPLE_MS) },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let outBytes = 0;
let outLines = 0;
let err = '';
child.stdout.on('data', (d: Buffer) => {
  outBytes += d.length;
  for (const b of d) if (b === 10) outLines++;
});
child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));

// The events: each tick flips one pod's readiness (a MODIFIED pod), and every fourth event is
// the EndpointSlice that follows it, at RATE events a second in ticks of 50 ms.
const TICK_MS = 50;
const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
let cursor = 0;
const t0 = Date.now();
const ticker = setInterval(() => {
  const due = Math.floor(((Date.now() - t0) / 1000) * RATE) - sent;
  for (let k = 0; k < Math.min(due, perTick * 4); k++) {
    if (sent % 4 === 3) send('endpointslices', 'MODIFIED', slice());
    else {
      const i = cursor++ % PODS;
      ready[i] = !ready[i];
      send('pods', 'MODIFIED', pod(i));
    }
    sent++;
  }
}, TICK_MS);
const bookmarks = setInterval(() => {
  for (const w of watchers) if (!w.res.writableEnded) w.res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: 'Bookmark', apiVersion: 'v1', metadata: { resourceVersion: String(rv) } } })}\n`);
}, 20_000);

await new Promise((r) => setTimeout(r, SECONDS * 1000));
clearInterval(ticker);
clearInterval(bookmarks);
const elapsed = (Date.now() - t0) / 1000;
child.kill('SIGINT');
const code = await exited;
for (const w of watchers) w.res.destroy();
server.close();

interface S { ms: number; heapUsed: number; rss: number; gc: boolean }
const all: S[] = existsSync(samples) ? readFileSync(samples, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as S) : [];
rmSync(dir, { recursive: true, force: true });
const MB = 1024 * 1024;
const steady = all.filter((s) => s.ms >= WARMUP_MS);
if (steady.length < 4) {
  log(`too few samples (${all.length}); exit ${code}; stderr: ${err.slice(0, 500)}`);
  process.exit(1);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const firstMin = steady.filter((s) => s.ms < WARMUP_MS + 60_000).map((s) => s.heapUsed);
const lastMin = steady.filter((s) => s.ms >= (steady.at(-1) as S).ms - 60_000).map((s) => s.heapUsed);
const xs = steady.map((s) => s.ms / 60_000);
const ys = steady.map((s) => s.heapUsed / MB);
const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
const my = ys.reduce((a, b) => a + b, 0) / ys.length;
const slope = xs.reduce((a, x, i) => a + (x - mx) * ((ys[i] as number) - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
const first = median(firstMin) / MB;
const last = median(lastMin) / MB;
const peakRss = Math.max(...all.map((s) => s.rss)) / MB;
const minHeap = Math.min(...steady.map((s) => s.heapUsed)) / MB;
const maxHeap = Math.max(...steady.map((s) => s.heapUsed)) / MB;
const flat = Math.abs(last - first) <= Math.max(2, first * 0.1) && Math.abs(slope) < 0.5;
const summary = {
  seconds: Math.round(elapsed), events: sent, rate: Math.round(sent / elapsed), requests, ndjsonLines: outLines, ndjsonMB: +(outBytes / MB).toFixed(1), exit: code,
  heapFirstMinuteMB: +first.toFixed(1), heapLastMinuteMB: +last.toFixed(1), heapMinMB: +minHeap.toFixed(1), heapMaxMB: +maxHeap.toFixed(1), slopeMBPerMinute: +slope.toFixed(3), peakRssMB: +peakRss.toFixed(0), samples: all.length, flat,
};
log(JSON.stringify(summary));

if (write) {
  const file = join(root, 'bench/results.md');
  const date = new Date().toISOString().slice(0, 10);
  const section = `<!-- endurance:begin (written by bench/endurance.ts) -->
## Endurance: a ${Math.round(elapsed / 60)}-minute watch at ${summary.rate} events/s

\`whoselects svc/web -w -o json\` against a loopback watch server (why not the control plane: see bench/endurance.ts) sending ${summary.events.toLocaleString('en')} MODIFIED events over ${PODS} pods and their EndpointSlice (three in four flip a pod's readiness, the fourth republishes the slice; the program printed ${summary.ndjsonLines.toLocaleString('en')} NDJSON change lines, ${summary.ndjsonMB} MB, and took ${Math.round(all.length * SAMPLE_MS / 1000)} s of samples where ${Math.round(elapsed)} s were due: under load it fell behind), with watches ended by the server every 60 s and resumed. Heap used after a forced GC, sampled every ${SAMPLE_MS / 1000} s from inside the program (bench/heap-sampler.ts); the first minute is warm-up. Run on ${date}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)} at the end.

| heap, first minute after warm-up | heap, last minute | min – max after warm-up | least-squares slope | peak RSS | verdict |
|---:|---:|---:|---:|---:|---|
| ${first.toFixed(1)} MB | ${last.toFixed(1)} MB | ${minHeap.toFixed(1)} – ${maxHeap.toFixed(1)} MB | ${slope.toFixed(3)} MB/min | ${peakRss.toFixed(0)} MB | ${flat ? 'flat' : '**growing**'} |
<!-- endurance:end -->`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const re = /<!-- endurance:begin[\s\S]*?<!-- endurance:end -->/;
  writeFileSync(file, re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`);
  log('wrote the Endurance section of bench/results.md');
}
process.exit(flat ? 0 : 1);
