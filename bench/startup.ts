// Start-up, side by side in one run: cold start to first output of the shipped linux-amd64
// executable, of the npm-installed bundle and of the source launcher on the offline xdmod
// example, beside `kubectl version --client` and `kubectl kustomize examples/xdmod`.
// "Cold" is a new process each time (the disk cache is warm, as it is on a person's second
// run). The commands run interleaved (a, b, c, d, e, a, b, …) BENCH_RUNS times (default 21)
// after one warm-up round, so load on a shared machine falls on all of them alike; each row
// is the median, and the ratios to `kubectl version --client` are the result. Wall time to
// the first byte of output and to exit are taken here; CPU time (user + system) by bash's
// `time` (to the millisecond), which the machine's load does not inflate as it does wall time. Then CPU
// profiles of the shipped executable's start-up, self time grouped by the module it comes
// from (through the bundle's source map) or by the part of Node it is in.
//
// Writes its section of bench/results.md between `<!-- startup:begin -->` and
// `<!-- startup:end -->` (appended the first time); bench/run.ts keeps such sections when it
// rewrites the rest of the file. Needs `npm run build` (dist/) and a kubectl: $KUBECTL, else
// the test control plane's, else PATH. Runs alone too: `node bench/startup.ts`.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultBinDir } from '../test/cluster/bins.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const PROFILE_RUNS = 5;
const kubectl = process.env.KUBECTL ?? (existsSync(join(defaultBinDir(), 'kubectl')) ? join(defaultBinDir(), 'kubectl') : 'kubectl');
const RESULTS = join(root, 'bench/results.md');
const BEGIN = '<!-- startup:begin -->';
const END = '<!-- startup:end -->';
const log = (s: string) => console.error(`[startup] ${s}`);

interface Sample { first: number; exit: number; cpu: number }
interface Row { name: string; cmd: string; args: string[]; samples: Sample[] }

/**
 * The command under bash's `time`, which prints the CPU the command and its children used to the
 * millisecond (from getrusage; /usr/bin/time -f '%U %S' prints hundredths, a tenth of a run here).
 * $0 is the file its report goes to; the command's own stderr is dropped.
 */
const TIMED = 'TIMEFORMAT="%3U %3S"; { time "$@" 2>/dev/null; } 2>"$0"';

/** One run: ms to the first byte on stdout and to exit (here), CPU seconds (bash's `time`). */
function once(row: Row, env: NodeJS.ProcessEnv, timeFile: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let first = -1;
    const child = spawn('bash', ['-c', TIMED, timeFile, row.cmd, ...row.args], { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', () => {
      if (first < 0) first = Number(process.hrtime.bigint() - t0) / 1e6;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const exit = Number(process.hrtime.bigint() - t0) / 1e6;
      // 0: clean; 1: findings (the xdmod example has them). Anything else is a broken row.
      if (code !== 0 && code !== 1) return reject(new Error(`${row.name}: exited ${code}`));
      const [u, s] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      resolve({ first: first < 0 ? exit : first, exit, cpu: (u ?? 0) + (s ?? 0) });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function moduleOf(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] as string);
  }
  const src = source.lastIndexOf('src/');
  return src >= 0 ? source.slice(src).split('/').slice(0, 2).join('/') : source;
}

interface ProfileNode { id: number; callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string } }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Where Node's own self time is spent, named by what that part of Node does at start-up. */
function nodePart(url: string, fn: string): string {
  if (url === 'node:internal/modules/esm/utils') return 'V8 compiling the program (ESM compile, Node internal/modules/esm/utils)';
  if (url.startsWith('node:internal/bootstrap') || url.startsWith('node:internal/main') || url === 'node:internal/modules/helpers') return 'loading Node built-in modules (bootstrap, require of node:*)';
  if (url.startsWith('node:')) return `Node's ${url.replace(/^node:(internal\/)?/, '')}`;
  if (fn === '(garbage collector)' || fn === '(program)' || fn === '(idle)') return fn;
  return fn ? `native: ${fn}` : '(other)';
}

/** Self time of the executable's start-up by module, over PROFILE_RUNS runs (ms per run). */
function profile(exe: string, args: string[], env: NodeJS.ProcessEnv): { part: string; ms: number; share: number }[] {
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-prof-'));
  try {
    for (let i = 0; i < PROFILE_RUNS; i++) {
      spawnSync(exe, args, { cwd: root, stdio: 'ignore', env: { ...env, NODE_OPTIONS: `--cpu-prof --cpu-prof-interval 200 --cpu-prof-dir ${dir}` } });
    }
    // The linux-amd64 executable runs the CommonJS form of the program (its frames are
    // whoselects.cjs's); the others, and the npm package, the ESM bundle.
    const maps = new Map(['whoselects.cjs', 'whoselects.mjs'].map((f) => [f, new SourceMap(JSON.parse(readFileSync(join(root, 'dist', `${f}.map`), 'utf8')))]));
    const totals = new Map<string, number>();
    let all = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.cpuprofile'))) {
      const prof = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile;
      const byId = new Map(prof.nodes.map((n) => [n.id, n]));
      prof.samples.forEach((id, i) => {
        const n = byId.get(id);
        if (!n) return;
        const ms = (prof.timeDeltas[i] ?? 0) / 1000;
        const { url, lineNumber, columnNumber, functionName } = n.callFrame;
        if (functionName === '(idle)') return; // waiting, not working
        let key: string;
        const map = maps.get(url.split('/').at(-1) as string);
        if (map) {
          const e = map.findEntry(lineNumber, columnNumber) as { originalSource?: string };
          key = e.originalSource ? moduleOf(e.originalSource) : '(bundle, unmapped)';
        } else key = nodePart(url, functionName);
        totals.set(key, (totals.get(key) ?? 0) + ms);
        all += ms;
      });
    }
    const runs = readdirSync(dir).filter((x) => x.endsWith('.cpuprofile')).length || 1;
    return [...totals].map(([part, ms]) => ({ part, ms: ms / runs, share: ms / all })).sort((a, b) => b.ms - a.ms).slice(0, 14);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replace this script's section of results.md, keeping everything else. */
function writeSection(section: string): void {
  const block = `${BEGIN}\n${section.trimEnd()}\n${END}`;
  const old = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const a = old.indexOf(BEGIN);
  const b = old.indexOf(END);
  const next = a >= 0 && b > a ? `${old.slice(0, a)}${block}${old.slice(b + END.length)}` : `${old.trimEnd()}\n\n${block}\n`;
  writeFileSync(RESULTS, next);
}

const archive = join(root, 'dist/archives/kubectl-whoselects-linux-amd64.tar.gz');
if (!existsSync(archive) || !existsSync(join(root, 'dist/whoselects.mjs.map')) || !existsSync(join(root, 'dist/whoselects.cjs.map'))) {
  console.error('bench/startup: no dist/archives/kubectl-whoselects-linux-amd64.tar.gz — run npm run build first');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'whoselects-startup-'));
try {
  /** The xdmod example as kustomize renders it (the commonLabels that cause the incident included), in one file. */
  const xdmodYaml = join(work, 'xdmod.yaml');
  const XDMOD = ['-f', xdmodYaml, 'svc/mariadb', '--kubectl-version', '1.34', '--color', 'never'];
  writeFileSync(xdmodYaml, execFileSync(kubectl, ['kustomize', 'examples/xdmod'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }));
  execFileSync('tar', ['-xzf', archive, '-C', work]);
  const prefix = join(work, 'prefix');
  log('npm pack and npm install -g into a clean prefix');
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').at(-1) as string;
  execFileSync('npm', ['install', '-g', '--offline', '--silent', '--no-audit', '--no-fund', '--prefix', prefix, join(work, packed)], { stdio: 'ignore' });
  // The npm launcher runs the Node 26 on PATH (a user's node); the project's pinned one here.
  const env = { ...process.env, PATH: [join(prefix, 'bin'), join(root, 'node_modules/node/bin'), process.env.PATH].join(':'), NO_COLOR: '1' };
  const exe = join(work, 'kubectl-whoselects');

  const rows: Row[] = [
    { name: '`kubectl version --client`', cmd: kubectl, args: ['version', '--client'], samples: [] },
    { name: '`kubectl kustomize examples/xdmod`', cmd: kubectl, args: ['kustomize', 'examples/xdmod'], samples: [] },
    { name: 'shipped linux-amd64 executable', cmd: exe, args: XDMOD, samples: [] },
    { name: 'npm-installed bundle (`npm install -g` of `npm pack`)', cmd: join(prefix, 'bin', 'kubectl-whoselects'), args: XDMOD, samples: [] },
    { name: 'source launcher (`bin/whoselects.mjs`, TypeScript sources)', cmd: join(root, 'bin', 'whoselects.mjs'), args: XDMOD, samples: [] },
  ];
  const loadBefore = loadavg()[0] ?? 0;
  const timeFile = join(work, 'time');
  log(`${RUNS} interleaved rounds of ${rows.length} commands`);
  for (const r of rows) await once(r, env, timeFile); // warm-up: disk cache, compile caches
  for (let i = 0; i < RUNS; i++) for (const r of rows) r.samples.push(await once(r, env, timeFile));
  const loadAfter = loadavg()[0] ?? 0;

  const med = rows.map((r) => ({ name: r.name, first: median(r.samples.map((s) => s.first)), exit: median(r.samples.map((s) => s.exit)), cpu: median(r.samples.map((s) => s.cpu)) }));
  const base = med[0]!;
  const shipped = med[2]!;
  const verdict = (ratio: number) => (ratio <= 1.5 ? `met (${ratio.toFixed(2)}×)` : `missed: ${ratio.toFixed(2)}×, ${((ratio / 1.5 - 1) * 100).toFixed(0)}% over the 1.5× target`);
  console.table(med.map((m) => ({ command: m.name, 'first output ms': Math.round(m.first), 'exit ms': Math.round(m.exit), 'CPU ms': Math.round(m.cpu * 1000), 'first output ×': (m.first / base.first).toFixed(2), 'CPU ×': (m.cpu / base.cpu).toFixed(2) })));

  log(`CPU profile of the shipped executable's start-up (${PROFILE_RUNS} runs)`);
  const prof = profile(exe, XDMOD, env);
  const profVersion = profile(exe, ['--version'], env);
  console.table(prof.map((p) => ({ part: p.part, 'ms per run': p.ms.toFixed(1), share: `${(p.share * 100).toFixed(0)}%` })));

  const ms = (x: number) => `${Math.round(x)} ms`;
  const md = [
    '## Start-up: cold start to first output, beside kubectl',
    '',
    `Generated by \`bench/startup.ts\` (the second half of \`npm run bench\`; runs alone as \`node bench/startup.ts\`) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at the start and ${loadAfter.toFixed(1)} at the end, kubectl ${execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' }).match(/"gitVersion":\s*"([^"]+)"/)?.[1] ?? '?'}. The program's rows run \`-f xdmod.yaml svc/mariadb --kubectl-version 1.34\` (examples/xdmod rendered once by \`kubectl kustomize\`, offline). Each command is a new process; the five run interleaved, ${RUNS} rounds after a warm-up round; medians. Wall time to the first byte of output and to exit are taken by the bench, CPU time (user + system) by bash's \`time\`, to the millisecond: under load, CPU time is the steadier comparison.`,
    '',
    '| command | first output | exit | CPU | first output / `kubectl version --client` | CPU / `kubectl version --client` |',
    '|---|---:|---:|---:|---:|---:|',
    ...med.map((m) => `| ${m.name} | ${ms(m.first)} | ${ms(m.exit)} | ${ms(m.cpu * 1000)} | ${(m.first / base.first).toFixed(2)}× | ${(m.cpu / base.cpu).toFixed(2)}× |`),
    '',
    `**Target (issue 11): the shipped executable within 1.5× \`kubectl version --client\`.** First output: ${verdict(shipped.first / base.first)}. CPU: ${verdict(shipped.cpu / base.cpu)}.`,
    '',
    `What the shipped executable's start-up spends its CPU on (\`--cpu-prof\`, self time, mean of ${PROFILE_RUNS} runs; our code and libraries named by the bundle's source map, Node's own parts by what they do):`,
    '',
    '| part | xdmod example: ms per run | share | `--version`: ms per run |',
    '|---|---:|---:|---:|',
    ...prof.map((p) => `| ${p.part} | ${p.ms.toFixed(1)} | ${(p.share * 100).toFixed(0)}% | ${(profVersion.find((v) => v.part === p.part)?.ms ?? 0).toFixed(1)} |`),
    '',
    'The profiler itself slows a run; read the shares, not the sums. `--version` parses no manifest and runs no analysis: what it spends is start-up alone.',
  ];
  writeSection(md.join('\n'));
  log('wrote the start-up section of bench/results.md');
} finally {
  rmSync(work, { recursive: true, force: true });
}
