// The offline series: generated clusters written as manifests (bench/generate.ts) at each
// size, the core's growth measured without the network, and kube-score beside it on the
// same files (what a team would otherwise run in CI).
//
//   check -A -o json  vs  kube-score score        (wall, CPU, peak RSS; medians of interleaved runs)
//   single target svc/app-0000 -o json            (wall, peak RSS)
// The 20k cluster is also written as kubectl writes a dump (one List, `get -o json` and `-o yaml`),
// as that List on one line (`jq -c`), as a directory of one YAML file per object, and as block
// YAML with CRLF line ends and with flow collections (`labels: {app: web}`).
//   core alone: check() and one analyze() in-process, after loading (bench/core-time.ts)
//
// Sizes: BENCH_SIZES (default 1000,5000,20000,100000 pods); runs: BENCH_RUNS (default 3).
// BENCH_KUBE_SCORE_MAX (pods; default no limit): kube-score only up to that size (it takes
// a quarter of an hour alone at 100k pods).
// Generated files live in a temporary directory and are removed afterwards.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { manifestText, objectCount, objects, type Format, type Shape } from './generate.ts';
import { logSlope, median, ratio, root, sideBySide, type Step, type Summary } from './measure.ts';
import { program } from './program.ts';

export const KUBE_SCORE_VERSION = 'v1.20.0';
const node = join(root, 'node_modules/node/bin/node');

/** kube-score built from the Go module proxy, cached beside the control plane binaries. */
export function kubeScore(log: (s: string) => void): string | null {
  const dir = join(process.env.WHOSELECTS_CACHE ?? join(homedir(), '.cache/whoselects'), 'bench-bins', `kube-score-${KUBE_SCORE_VERSION}`);
  const bin = join(dir, 'kube-score');
  if (existsSync(bin)) return bin;
  log(`building kube-score ${KUBE_SCORE_VERSION} from the Go module proxy into ${dir}`);
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('go', ['install', `github.com/zegl/kube-score/cmd/kube-score@${KUBE_SCORE_VERSION}`], { env: { ...process.env, GOBIN: dir }, stdio: 'inherit' });
  return r.status === 0 && existsSync(bin) ? bin : null;
}

export interface OfflineRow {
  pods: number;
  namespaces: number;
  format: Format | 'yaml-dir';
  fileMb: number;
  objects: number;
  check: Summary;
  kubeScore: Summary | null;
  single: Summary;
  core: { loadMs: number; checkMs: number; singleMs: number; targets: number; findings: number };
}

interface CoreTime { loadMs: number; checkMs: number; singleMs: number; targets: number; findings: number }

function coreTime(file: string, runs: number): CoreTime {
  const samples: CoreTime[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(node, ['--max-old-space-size=4096', join(root, 'bench/core-time.ts'), file], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
    samples.push(JSON.parse(out.trim().split('\n').at(-1) as string) as CoreTime);
  }
  const m = (k: keyof CoreTime) => median(samples.map((x) => x[k]));
  return { loadMs: m('loadMs'), checkMs: m('checkMs'), singleMs: m('singleMs'), targets: m('targets'), findings: m('findings') };
}

/** Writes a shape as a file of that format, or as a directory of one YAML file per object; its size in bytes. */
function write(path: string, shape: Shape, format: Format | 'yaml-dir'): number {
  if (format !== 'yaml-dir') {
    writeFileSync(path, manifestText(shape, format));
    return statSync(path).size;
  }
  mkdirSync(path);
  let size = 0;
  let i = 0;
  for (const o of objects(shape)) {
    const text = stringify(o, { lineWidth: 0 });
    writeFileSync(join(path, `${String(i++).padStart(6, '0')}.yaml`), text);
    size += Buffer.byteLength(text);
  }
  return size;
}

export function offlineSeries(log: (s: string) => void): { rows: OfflineRow[]; slope: { check: number; single: number }; kubeScore: string | null } {
  const sizes = (process.env.BENCH_SIZES ?? '1000,5000,20000,100000').split(',').map(Number).filter((n) => n > 0);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const prog = program();
  const score = kubeScore(log);
  const kubeScoreMax = Number(process.env.BENCH_KUBE_SCORE_MAX ?? Infinity);
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-bench-offline-'));
  const rows: OfflineRow[] = [];
  try {
    const shapes: { pods: number; namespaces: number; format: Format | 'yaml-dir' }[] = [
      ...sizes.map((pods) => ({ pods, namespaces: 50, format: 'json' as const })),
      ...sizes.filter((p) => p <= 20000).map((pods) => ({ pods, namespaces: 1, format: 'json' as const })),
      ...sizes.filter((p) => p === 5000).map((pods) => ({ pods, namespaces: 50, format: 'yaml' as const })),
      // A cluster's dump as kubectl writes it: one List; and that List on one line.
      ...sizes.filter((p) => p === 20000).flatMap((pods) => (['json-list', 'yaml-list', 'json-line'] as const).map((format) => ({ pods, namespaces: 50, format }))),
      // A directory of manifests, one object a file (-f DIR), as a chart's rendered files or a per-object export are.
      ...sizes.filter((p) => p === 20000).map((pods) => ({ pods, namespaces: 50, format: 'yaml-dir' as const })),
      // Block YAML with CRLF line ends (saved on Windows), with its collections of scalars in flow
      // style, with each document ended by `...`, and with every key and string quoted.
      ...sizes.filter((p) => p === 20000).flatMap((pods) => (['yaml-crlf', 'yaml-flow', 'yaml-end', 'yaml-quoted'] as const).map((format) => ({ pods, namespaces: 50, format }))),
    ];
    for (const s of shapes) {
      const shape: Shape = { pods: s.pods, namespaces: s.namespaces, replicas: 10, revisions: 1, shape: 'healthy', asRead: true };
      const file = join(dir, `cluster-${s.pods}-${s.namespaces}.${s.format}`);
      const size = write(file, shape, s.format);
      const objects = objectCount(shape);
      log(`offline ${s.pods} pods in ${s.namespaces} namespaces (${s.format}, ${(size / 1048576).toFixed(1)} MB, ${objects} objects)`);
      const ns = s.namespaces === 1 ? 'bench' : 'bench-00';
      const ours: Step[] = [{ cmd: prog.cmd, args: [...prog.prefix, '--kubectl-version', '1.34', '-f', file, 'check', '-A', '-o', 'json', '--fail-on', 'never'] }];
      const sides: Step[][] = [ours];
      // kube-score beside the documents only (a List is one document to it).
      if (score && s.pods <= kubeScoreMax && (s.format === 'json' || s.format === 'yaml')) sides.push([{ cmd: score, args: ['score', '--output-format', 'ci', file] }]);
      // 100k pods and more: one run of each side (kube-score alone takes minutes there).
      const n = s.pods >= 100000 ? 1 : runs;
      const [check, ks] = sideBySide(sides, n);
      const [single] = sideBySide([[{ cmd: prog.cmd, args: [...prog.prefix, '--kubectl-version', '1.34', '-f', file, '-n', ns, 'svc/app-0000', '-o', 'json', '--fail-on', 'never'] }]], n);
      const core = coreTime(file, s.pods >= 100000 ? 1 : runs);
      rows.push({ pods: s.pods, namespaces: s.namespaces, format: s.format, fileMb: +(size / 1048576).toFixed(1), objects, check: check as Summary, kubeScore: ks ?? null, single: single as Summary, core });
      log(`  check ${check?.seconds}s ${check?.maxRssMb.toFixed(0)}MB; kube-score ${ks ? `${ks.seconds}s ${ks.maxRssMb.toFixed(0)}MB` : 'n/a'}; core check ${core.checkMs}ms, single ${core.singleMs}ms`);
      rmSync(file, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const spread = rows.filter((r) => r.namespaces === 50 && r.format === 'json');
  return {
    rows,
    slope: { check: logSlope(spread.map((r) => ({ x: r.pods, y: r.core.checkMs }))), single: logSlope(spread.map((r) => ({ x: r.pods, y: r.core.singleMs }))) },
    kubeScore: score,
  };
}

export function offlineRatio(r: OfflineRow): number | null {
  return r.kubeScore ? ratio(r.check.seconds, r.kubeScore.seconds) : null;
}

if (import.meta.main) {
  const result = offlineSeries((s) => console.error(s));
  console.log(JSON.stringify(result, null, 2));
}
