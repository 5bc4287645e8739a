// `npm run bench`: every measurement beside its baseline in the same run (medians of
// interleaved runs; ratios are the result), written to bench/results.md (tables) and
// bench/results.svg (time against cluster size, ours beside the baseline).
//
//   offline series   check -A and a single target on generated manifests up to 100k pods,
//                    kube-score v1.20.0 on the same files; the core alone and its slope
//                    (bench/offline.ts)
//   offline xdmod    whoselects -k examples/xdmod svc/mariadb  vs  kubectl kustomize
//   live svc/web     whoselects svc/web (200 pods)  vs  the kubectl gets it replaces, on the
//                    real control plane (test/cluster; skipped when its binaries are absent)
//
// BENCH_RUNS (default 3), BENCH_SIZES (default 1000,5000,20000,100000), BENCH_SKIP=offline,live,xdmod.
// Generated clusters live in a temporary directory; nothing generated is committed but
// results.md and results.svg.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KUBE_SCORE_VERSION, offlineSeries, type OfflineRow } from './offline.ts';
import { ratio, root, sideBySide, type Summary } from './measure.ts';
import { plot, type Series } from './plot.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const node = join(root, 'node_modules/node/bin/node');
const cli = join(root, 'src/cli/main.ts');
const log = (s: string) => console.error(`[bench] ${s}`);
const kubectlBin = process.env.KUBECTL ?? 'kubectl';

interface PairRow { name: string; baseline: string; ours: Summary; theirs: Summary; requests?: string }
const pairs: PairRow[] = [];
const notes: string[] = [];
const loadBefore = loadavg()[0] ?? 0;

// ---------------------------------------------------------------- offline series
let offline: ReturnType<typeof offlineSeries> | null = null;
if (!skip.has('offline')) offline = offlineSeries(log);

// ---------------------------------------------------------------- offline xdmod
if (!skip.has('xdmod')) {
  const [ours, theirs] = sideBySide([
    [{ cmd: node, args: [cli, '--kubectl-version', '1.34', '-k', 'examples/xdmod', 'svc/mariadb', '-o', 'json'] }],
    [{ cmd: kubectlBin, args: ['kustomize', 'examples/xdmod'] }],
  ], RUNS);
  pairs.push({ name: '-k examples/xdmod svc/mariadb', baseline: 'kubectl kustomize examples/xdmod', ours: ours as Summary, theirs: theirs as Summary });
}

// ---------------------------------------------------------------- live
if (!skip.has('live')) {
  const { missingBinaries, startCluster } = await import('../test/cluster/harness.ts');
  if (missingBinaries().length > 0) {
    notes.push('Live measurements were skipped: the test control plane binaries are absent (`npm run cluster:build`).');
  } else {
    const cluster = await startCluster();
    const dir = mkdtempSync(join(tmpdir(), 'whoselects-bench-'));
    try {
      const manifest = join(dir, 'web.yaml');
      writeFileSync(manifest, `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 200
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080, name: http}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
`);
      const env = { ...process.env, ...cluster.env };
      const kubectl = join(cluster.binDir, 'kubectl');
      execFileSync(kubectl, ['apply', '-f', manifest], { env });
      await cluster.waitFor(async () => {
        const out = execFileSync(kubectl, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'jsonpath={range .items[*]}{range .endpoints[*]}{.conditions.ready}{"\\n"}{end}{end}'], { env, encoding: 'utf8' });
        return out.split('\n').filter((l) => l === 'true').length >= 200;
      }, { timeoutMs: 180_000, what: '200 ready endpoints' });
      const [ours, theirs, single] = sideBySide([
        [{ cmd: node, args: [cli, '--kubectl-version', '1.34', 'svc/web', '-o', 'json', '--fail-on', 'never'], env }],
        [
          { cmd: kubectl, args: ['get', 'svc', 'web', '-o', 'json'], env },
          { cmd: kubectl, args: ['get', 'pods', '-l', 'app=web', '-o', 'json'], env },
          { cmd: kubectl, args: ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'json'], env },
          { cmd: kubectl, args: ['get', 'replicasets,deployments', '-o', 'json'], env },
        ],
        [{ cmd: kubectl, args: ['get', 'pods', '-l', 'app=web', '-o', 'json'], env }],
      ], RUNS);
      pairs.push({ name: 'live svc/web (200 pods)', baseline: 'kubectl get svc web; get pods -l app=web; get endpointslices -l kubernetes.io/service-name=web; get rs,deploy', ours: ours as Summary, theirs: theirs as Summary });
      pairs.push({ name: 'live svc/web (200 pods)', baseline: 'kubectl get pods -l app=web alone', ours: ours as Summary, theirs: single as Summary });
    } finally {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

// ---------------------------------------------------------------- results
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '-');
const mb = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');
const kubectlVersion = (() => {
  try {
    return execFileSync(kubectlBin, ['version', '--client', '-o', 'json'], { encoding: 'utf8' }).match(/"gitVersion":\s*"([^"]+)"/)?.[1] ?? '?';
  } catch {
    return 'absent';
  }
})();

const md: string[] = [
  '# Benchmark results',
  '',
  `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadBefore.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end, Node ${process.versions.node}. Each row: medians of ${RUNS} interleaved runs of each side (ours, baseline, ours, baseline …), so load on the shared machine falls on both alike; the ratios are the result. Wall and CPU time and peak RSS from \`/usr/bin/time\`.`,
  '',
];

if (offline) {
  const rows = offline.rows;
  md.push('## Offline: `check -A` on generated clusters, beside kube-score', '',
    `Generated by \`bench/generate.ts\`: Deployments with one ReplicaSet and 10 ready pods each, a Service per Deployment, a PodDisruptionBudget and an autoscaler for every other Deployment, one NetworkPolicy per namespace; read back as a cluster would give them (pods with status, owner UIDs). Written as JSON documents separated by \`---\` (one YAML stream), except the row marked yaml (block-style YAML of the same objects). kube-score ${KUBE_SCORE_VERSION} (${offline.kubeScore ? 'built from the Go module proxy' : 'not available: no Go toolchain'}) runs \`kube-score score --output-format ci\` on the same file.`, '',
    '| pods | namespaces | file | `check -A -o json` wall | CPU | peak RSS | kube-score wall | CPU | peak RSS | wall ratio | single target wall | RSS |',
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const ks = r.kubeScore;
    md.push(`| ${r.pods.toLocaleString('en')} | ${r.namespaces} | ${r.fileMb} MB ${r.format} | ${f1(r.check.seconds)} s | ${f1(r.check.cpuSeconds)} s | ${mb(r.check.maxRssMb)} MB | ${ks ? `${f1(ks.seconds)} s` : '-'} | ${ks ? `${f1(ks.cpuSeconds)} s` : '-'} | ${ks ? `${mb(ks.maxRssMb)} MB` : '-'} | ${ks ? `${ratio(r.check.seconds, ks.seconds)}×` : '-'} | ${f1(r.single.seconds)} s | ${mb(r.single.maxRssMb)} MB |`);
  }
  md.push('', '### The core alone (no I/O: after loading, in-process)', '',
    '| pods | namespaces | targets | findings | load (read + parse + normalise) | `check()` over all targets | one `analyze()` (fresh indexes) |',
    '|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) md.push(`| ${r.pods.toLocaleString('en')} | ${r.namespaces} | ${r.core.targets} | ${r.core.findings} | ${r.core.loadMs} ms | ${r.core.checkMs} ms | ${r.core.singleMs} ms |`);
  md.push('', `Slope of log(core time) against log(pods), 50 namespaces: \`check()\` ${offline.slope.check}, single target ${offline.slope.single} (1 is linear; n log n over this range is about 1.1; 2 is quadratic).`, '');
}

if (pairs.length) {
  md.push('## Single commands beside the kubectl commands a person would type', '', `kubectl ${kubectlVersion} on PATH for the offline row; the control plane's kubectl (v1.34) for live rows.`, '',
    '| whoselects | baseline | ours wall | baseline wall | wall ratio | ours RSS | baseline RSS | RSS ratio |', '|---|---|---:|---:|---:|---:|---:|---:|');
  for (const p of pairs) md.push(`| ${p.name} | ${p.baseline} | ${f1(p.ours.seconds)} s | ${f1(p.theirs.seconds)} s | ${ratio(p.ours.seconds, p.theirs.seconds)}× | ${mb(p.ours.maxRssMb)} MB | ${mb(p.theirs.maxRssMb)} MB | ${ratio(p.ours.maxRssMb, p.theirs.maxRssMb)}× |`);
  md.push('');
}
for (const n of notes) md.push(`- ${n}`);
if (notes.length) md.push('');

// Hand-written: what the numbers mean against the issue's targets, what is not measured and why.
md.push(readFileSync(join(root, 'bench/notes.md'), 'utf8').trimEnd(), '');
// Sections other bench scripts write between `<!-- NAME:begin -->` and `<!-- NAME:end -->`
// (bench/startup.ts: startup) are theirs: kept as they are, after this script's part.
const resultsFile = join(root, 'bench/results.md');
const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
for (const m of previous.matchAll(/<!-- ([a-z-]+):begin -->[\s\S]*?<!-- \1:end -->/g)) md.push(m[0], '');
writeFileSync(resultsFile, `${md.join('\n')}\n`);

if (offline) {
  const spread = offline.rows.filter((r) => r.namespaces === 50 && r.format === 'json');
  const series: Series[] = [
    { name: 'check -A (whoselects)', colour: '#1f77b4', dashed: false, points: spread.map((r) => ({ x: r.pods, y: r.check.seconds })) },
    { name: `kube-score ${KUBE_SCORE_VERSION}`, colour: '#1f77b4', dashed: true, points: spread.flatMap((r) => (r.kubeScore ? [{ x: r.pods, y: r.kubeScore.seconds }] : [])) },
    { name: 'single target (whoselects)', colour: '#d62728', dashed: false, points: spread.map((r) => ({ x: r.pods, y: r.single.seconds })) },
    { name: 'core check() alone', colour: '#2ca02c', dashed: false, points: spread.map((r) => ({ x: r.pods, y: r.core.checkMs / 1000 })) },
    { name: 'core analyze() alone', colour: '#9467bd', dashed: false, points: spread.map((r) => ({ x: r.pods, y: Math.max(r.core.singleMs, 1) / 1000 })) },
  ];
  writeFileSync(join(root, 'bench/results.svg'), plot('Offline: time against cluster size (50 namespaces)', 'pods', 'seconds (log)', series));
}
log('wrote bench/results.md and bench/results.svg');
export type { OfflineRow };
