// Start-up, side by side in one run: cold start to first output of the shipped linux-amd64
// executable, of the npm-installed bundle and of the source launcher on the offline xdmod
// example, beside `kubectl version --client` and `kubectl kustomize examples/xdmod`.
// "Cold" is a new process each time (the disk cache is warm, as it is on a person's second
// run). Medians of BENCH_RUNS runs (default 11) after one warm-up run each; ratios to
// `kubectl version --client` are the result. Then a CPU profile of the bundle's start-up,
// its self time grouped by the module it comes from (through the bundle's source map).
//
// Needs `npm run build` (dist/) and a kubectl: $KUBECTL, else the test control plane's, else PATH.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultBinDir } from '../test/cluster/bins.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const kubectl = process.env.KUBECTL ?? (existsSync(join(defaultBinDir(), 'kubectl')) ? join(defaultBinDir(), 'kubectl') : 'kubectl');
const work = mkdtempSync(join(tmpdir(), 'whoselects-startup-'));
/** The xdmod example as kustomize renders it (the commonLabels that cause the incident included), in one file. */
const xdmodYaml = join(work, 'xdmod.yaml');
const XDMOD = ['-f', xdmodYaml, 'svc/mariadb', '--kubectl-version', '1.34', '--color', 'never'];

interface Sample { first: number; total: number }

function once(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let first = -1;
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', () => {
      if (first < 0) first = Number(process.hrtime.bigint() - t0) / 1e6;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const total = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0 && code !== 1) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`));
      else resolve({ first: first < 0 ? total : first, total });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function series(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  await once(cmd, args, env);
  const s: Sample[] = [];
  for (let i = 0; i < RUNS; i++) s.push(await once(cmd, args, env));
  return { first: median(s.map((x) => x.first)), total: median(s.map((x) => x.total)) };
}

function moduleOf(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] as string);
  }
  const src = source.indexOf('src/');
  return src >= 0 ? source.slice(src).split('/').slice(0, 3).join('/') : source;
}

interface ProfileNode { id: number; callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Self time of the bundle's start-up by module, through its source map. */
function profileBundle(nodeBin: string, bundle: string): { module: string; ms: number }[] {
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-prof-'));
  try {
    spawnSync(nodeBin, ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', dir, bundle, ...XDMOD], { cwd: root, stdio: 'ignore' });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) return [];
    const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const totals = new Map<string, number>();
    prof.samples.forEach((id, i) => {
      const n = byId.get(id);
      const ms = (prof.timeDeltas[i] ?? 0) / 1000;
      let key = '(node itself: bootstrap, compile, GC)';
      if (n?.callFrame.url.endsWith('whoselects.mjs')) {
        const e = map.findEntry(n.callFrame.lineNumber, n.callFrame.columnNumber) as { originalSource?: string };
        key = e.originalSource ? moduleOf(e.originalSource) : '(bundle, unmapped)';
      } else if (n?.callFrame.url.startsWith('node:')) key = 'node: built-in modules';
      totals.set(key, (totals.get(key) ?? 0) + ms);
    });
    return [...totals].map(([module, ms]) => ({ module, ms: Math.round(ms) })).sort((a, b) => b.ms - a.ms).slice(0, 10);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const archive = join(root, 'dist/archives/kubectl-whoselects-linux-amd64.tar.gz');
if (!existsSync(archive)) {
  console.error('bench/startup: run npm run build first (dist/archives is empty)');
  rmSync(work, { recursive: true, force: true });
  process.exit(2);
}
try {
  writeFileSync(xdmodYaml, execFileSync(kubectl, ['kustomize', 'examples/xdmod'], { cwd: root }));
  execFileSync('tar', ['-xzf', archive, '-C', work]);
  const prefix = join(work, 'prefix');
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').at(-1) as string;
  execFileSync('npm', ['install', '-g', '--offline', '--silent', '--prefix', prefix, join(work, packed)], { stdio: 'ignore' });
  const nodeDir = dirname(process.execPath);
  const env = { ...process.env, PATH: [join(prefix, 'bin'), nodeDir, process.env.PATH].join(':'), NO_COLOR: '1' };

  const base = await series(kubectl, ['version', '--client'], env);
  const rows = [
    { name: 'kubectl version --client', ...base },
    { name: 'kubectl kustomize examples/xdmod', ...(await series(kubectl, ['kustomize', 'examples/xdmod'], env)) },
    { name: 'shipped linux-amd64 executable, xdmod', ...(await series(join(work, 'kubectl-whoselects'), XDMOD, env)) },
    { name: 'npm-installed bundle, xdmod', ...(await series(join(prefix, 'bin', 'kubectl-whoselects'), XDMOD, env)) },
    { name: 'source launcher (bin/whoselects.mjs), xdmod', ...(await series(join(root, 'bin', 'whoselects.mjs'), XDMOD, env)) },
  ];
  console.table(rows.map((r) => ({ command: r.name, 'first output ms': Math.round(r.first), 'exit ms': Math.round(r.total), 'first output / kubectl version': (r.first / base.first).toFixed(2) })));
  const shipped = rows[2] as Sample;
  const ratio = shipped.first / base.first;
  console.log(`median of ${RUNS} runs after a warm-up; target: the shipped executable within 1.5× kubectl version --client: ${ratio <= 1.5 ? 'met' : `missed by ${((ratio / 1.5 - 1) * 100).toFixed(0)}%`} (${ratio.toFixed(2)}×)`);
  console.log('CPU profile of the bundle\'s start-up (self time by module, one run):');
  console.table(profileBundle(process.execPath, join(root, 'dist', 'whoselects.mjs')));
} finally {
  rmSync(work, { recursive: true, force: true });
}
