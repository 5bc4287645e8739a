// Node's single-executable application: the program injected into a copy of the platform's
// node binary (`node --build-sea`, Node ≥ 25.5), the binary stripped of its debug symbols
// first where a strip tool for it is available. V8's code cache is made by the building
// node, so only the executable for the platform the build runs on carries one.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CJS_MAIN, type BundleInfo } from './bundle.ts';
import { BuildError } from './errors.ts';
import { KUBE_CLIENT, TUI_APART, type Platform } from './platforms.ts';
import { startTrainingCluster } from './training-cluster.ts';

/**
 * V8's code cache is made by the building node. Its bytes depend on the isolate's seeds, so
 * the build fixes `--random-seed` (from which V8 also derives the string hash seed when none
 * is given) to make the same inputs give the same executable. V8 leaves `--random-seed` out
 * of the flag hash it checks before accepting a cache ("to allow predictable code caching",
 * flags.cc) and rehashes the strings it deserializes, so the executable runs with no seed
 * flags at all: each run draws its own random hash seed. A seed fixed at run time (the
 * earlier `--hash-seed=1 --random-seed=1` in execArgv) would be public, and with it names
 * crafted to collide in V8's string hash tables could slow every Map and object keyed by
 * untrusted cluster data (Node treated a constant seed as a vulnerability: CVE-2017-11499).
 */
const BUILD_SEED = '--random-seed=1';

/**
 * The training run compiles Sparkplug code, and Maglev and Turbofan code, on its own thread,
 * not on background threads. When a Sparkplug job finished late (a loaded machine), a few
 * functions' tiering bits in the cache differed from run to run, and so did the executable; the
 * optimizing compilers' jobs finish as late under load (CI runs two test files at a time), and
 * the executable built twice differed there too. V8 leaves both flags out of the hash it checks
 * beside a cache (the executable built so accepts its cache), so the executable runs with V8's
 * defaults. With those two, the executable built twice still differed now and then (once in a
 * clean-clone CI run on 2026-12-07, the program the same as in two runs that passed): the
 * training also runs in V8's predictable mode, which leaves nothing to background threads
 * (on-stack replacement, the garbage collector's helpers) and fixes the collector's schedule.
 * V8 leaves `--predictable` out of that hash too (so that code caches can be made predictably);
 * a flag it does hash (`--no-concurrent-osr` alone, tried) makes the executable reject its cache.
 */
const BUILD_DETERMINISTIC = ['--no-concurrent-sparkplug', '--no-concurrent-recompilation', '--predictable'];

/**
 * V8 flags the executable starts with: a young generation that starts at 2 MB and grows to 8 MB
 * at most. Not larger than 8: what a large manifest input loads survives (the objects read are
 * the answer's), so a young generation grown to V8's default 16 MB only copies more before
 * promoting it, and touches more memory, which on these machines costs as much as the copying:
 * a single target in a 26 MB file ran about a tenth faster at 8 MB than at 16, `check -A` on it
 * as fast with 40-80 MB less at its peak (32 MB: `check -A` of a shape of 5,000 namespaces 1.13x
 * faster, that single target 1.17x slower and 40 MB heavier). Not capped at 4 MB either: a live
 * `check -A` of 20k pods, whose pages leave much short-lived garbage as they are decoded, took a
 * third longer at 4 MB than at 16, and no longer at 8. Not 8 from the start: both halves of a
 * young generation of 8 MB are 16 MB of memory touched by a run that needs far less, and a page
 * first touched costs system time here; a live single target (`deploy/x` in a namespace of
 * 5,000 pods) ran 1.06x faster starting at 2 MB, 4-5 MB lighter, with every larger run the same
 * (1.00-1.02x, paired). V8's own 1 MB measured the same (the xdmod example 1.00x against 2 MB),
 * where it once cost that example three scavenges of freshly compiled code. The training run
 * uses the same flags, so V8 sees the flags it expects beside the cache.
 */
export const EXEC_ARGV = ['--min-semi-space-size=2', '--max-semi-space-size=8'];

const HOST = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The code cache's asset name in the executable. */
export const CODE_CACHE = 'whoselects.cache';

/** The example the training runs read: the xdmod incident's manifests. */
export const TRAINING_FILES = ['examples/xdmod/svc-mariadb.yaml', 'examples/xdmod/deployment-mariadb.yaml', 'examples/xdmod/deployment-xdmod.yaml'];

/**
 * The runs that train the code cache, one after the other in one process, the paths an
 * on-call engineer's runs take: an offline query of an example in the repository (manifests
 * read and parsed, the analysis, the text report), then the same query against a cluster
 * holding that example (training-cluster.ts: the kubeconfig, the requests and lists, what is
 * made of the answers). V8 compiles a function when it first runs, so a cache made when the
 * program is only loaded holds little more than the module tops; made after these runs, it
 * holds every function they compiled. Without the live run a query against a cluster
 * compiled its whole live path (and the YAML library that reads kubeconfigs) at every start.
 */
const TRAINING_QUERY = ['svc/mariadb', '--kubectl-version', '1.34', '--color', 'never'];
export const TRAINING_ARGS = [...TRAINING_FILES.flatMap((f) => ['-f', f]), ...TRAINING_QUERY];
const liveTrainingArgs = (kubeconfig: string) => ['--kubeconfig', kubeconfig, ...TRAINING_QUERY];

/**
 * The CommonJS program is compiled as one function; the training run and the executable
 * compile the same text (a cache is accepted only for the source it was made from), with
 * the wrapper on a line of its own so that line numbers stay the file's.
 */
const COMPILE = `const wrapped = '(function (exports, require, module) {\\n' + source + '\\n})';
const options = { filename: ${JSON.stringify(CJS_MAIN)}, lineOffset: -1 };`;

/** The executable's main: the program and its code cache from the executable's assets. */
const SEA_MAIN = `// kubectl-whoselects: compiles the program with the code cache made at build time, runs it.
const sea = require('node:sea');
const vm = require('node:vm');
const source = sea.getAsset(${JSON.stringify(CJS_MAIN)}, 'utf8');
${COMPILE}
const script = new vm.Script(wrapped, { ...options, cachedData: new Uint8Array(sea.getRawAsset(${JSON.stringify(CODE_CACHE)})) });
if (process.env.WHOSELECTS_DEBUG_CODE_CACHE) process.stderr.write('whoselects: code cache ' + (script.cachedDataRejected ? 'rejected' : 'accepted') + '\\n');
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, require, module_);
`;

/**
 * The training process: the same compilation, the program run once per argument list (the
 * program ends each run with process.exit, which starts the next one instead while the run
 * went well), the cache written when the process exits.
 *
 * Its HTTP requests go over one connection, one after the other, in the order the program
 * issues them (the agent the program makes is given one socket; nothing else changes). Over
 * parallel connections the training cluster's answers (served by the building process, slow at
 * first and slower on a loaded machine) came in another order now and then, the live run read
 * them in that order, and the cache differed: six of a run of consecutive numbers in it were
 * given out in another order (5 of 200 trainings, each in a new process, on a loaded machine;
 * none of 200 with one connection under the same load).
 */
const TRAIN = (out: string, runs: string[][]) => `const fs = require('node:fs');
const vm = require('node:vm');
const http = require('node:http');
const Agent = http.Agent;
http.Agent = class extends Agent { constructor(options) { super({ ...options, maxSockets: 1 }); } };
const source = fs.readFileSync(${JSON.stringify(join(dirname(out), CJS_MAIN))}, 'utf8');
${COMPILE}
const script = new vm.Script(wrapped, options);
process.on('exit', () => fs.writeFileSync(${JSON.stringify(out)}, script.createCachedData()));
const runs = ${JSON.stringify(runs)};
const exit = process.exit;
const next = () => {
  process.argv = [process.argv[0], process.argv[1], ...runs.shift()];
  const module_ = { exports: {} };
  script.runInThisContext()(module_.exports, require, module_);
};
// 0: nothing found; 1: findings (the example has them); anything else ends the training.
process.exit = (code) => {
  if (runs.length > 0 && (code === 0 || code === 1)) next();
  else exit.call(process, code);
};
next();
`;

function hasTool(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** llvm-strip reads ELF of every architecture; without it the binary ships unstripped. */
function strip(file: string, p: Platform, log: (s: string) => void): void {
  if (p.os !== 'linux') return;
  if (!hasTool('llvm-strip')) {
    log(`llvm-strip not found: ${p.os}-${p.arch} keeps Node's symbols (about 33 MB more; apt-get install llvm)`);
    return;
  }
  execFileSync('llvm-strip', [file]);
}

/** The training runs take about a second; a build waits this long at most. */
const TRAINING_TIMEOUT_MS = 120_000;

/** Runs the CommonJS program on the training runs and writes V8's code cache of what they compiled. */
async function trainCodeCache(work: string, p: Platform): Promise<void> {
  const out = join(work, CODE_CACHE);
  const cluster = await startTrainingCluster(TRAINING_FILES.map((f) => readFileSync(join(ROOT, f), 'utf8')));
  try {
    const kubeconfig = join(work, 'training-kubeconfig');
    writeFileSync(kubeconfig, cluster.kubeconfig);
    writeFileSync(join(work, 'train.cjs'), TRAIN(out, [TRAINING_ARGS, liveTrainingArgs(kubeconfig)]));
    // Output thrown away; from the repository's root, where the example is. Asynchronous:
    // this process serves the training cluster meanwhile. A training that hangs (the loopback
    // cluster unanswered) is ended rather than left to hold the build.
    const child = spawn(process.execPath, [BUILD_SEED, ...BUILD_DETERMINISTIC, ...EXEC_ARGV, join(work, 'train.cjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH, NO_COLOR: '1' }, timeout: TRAINING_TIMEOUT_MS });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
    const ended = signal ? `ended by ${signal}${signal === 'SIGTERM' ? ` after ${TRAINING_TIMEOUT_MS / 1000} s` : ''}` : `exit ${status}`;
    if (status !== 0 && status !== 1) throw new BuildError(`the code cache's training run failed for ${p.os}-${p.arch} (${ended}): ${stderr.trim().split('\n').slice(-1)[0] ?? ''}`, `the offline run is node dist/${CJS_MAIN} ${TRAINING_ARGS.join(' ')}; the live one queries scripts/build/training-cluster.ts's server the same way`);
  } finally {
    await cluster.close();
  }
}

/**
 * The executable for the build's own platform runs the CommonJS program (bundle.ts,
 * CJS_MAIN) with a code cache trained on a representative run (TRAINING_ARGS), both
 * carried as assets: Node's own SEA code cache is made when the program is only loaded,
 * and V8 compiles functions lazily, so it covered little beyond the module tops. Other
 * platforms (whose node cannot run here) get the ESM bundle and no cache.
 */
export async function buildSea(p: Platform, nodeBinary: string, b: Pick<BundleInfo, 'file' | 'cjsMain' | 'tuiMain'>, out: string, log: (s: string) => void): Promise<{ codeCache: boolean }> {
  const work = mkdtempSync(join(tmpdir(), 'whoselects-sea-'));
  try {
    // Relative paths in a scratch directory: the blob records the main script's path, and
    // the same inputs must give the same bytes wherever the build runs.
    const base = p.os === 'windows' ? 'node.exe' : 'node';
    copyFileSync(nodeBinary, join(work, base));
    // The Kubernetes client library, read from the executable's assets when first used.
    copyFileSync(join(dirname(b.file), KUBE_CLIENT), join(work, KUBE_CLIENT));
    strip(join(work, base), p, log);
    const codeCache = `${p.os}-${p.arch}` === HOST;
    if (codeCache) {
      copyFileSync(b.cjsMain, join(work, CJS_MAIN));
      copyFileSync(b.tuiMain, join(work, TUI_APART));
      // Every start decodes the program's text from the executable; pure ASCII takes V8's fast path.
      const text = readFileSync(b.cjsMain);
      const at = text.findIndex((byte) => byte > 0x7f);
      if (at >= 0) log(`${CJS_MAIN} is not ASCII (byte ${at}: …${text.subarray(Math.max(0, at - 40), at).toString('latin1')}): every start decodes it more slowly; write the character escaped in the source`);
      writeFileSync(join(work, 'main.cjs'), SEA_MAIN);
      await trainCodeCache(work, p);
    } else copyFileSync(b.file, join(work, 'whoselects.mjs'));
    writeFileSync(join(work, 'sea-config.json'), JSON.stringify({
      ...(codeCache ? { main: 'main.cjs' } : { main: 'whoselects.mjs', mainFormat: 'module' }),
      executable: base,
      output: 'sea-out',
      disableExperimentalSEAWarning: true,
      execArgv: EXEC_ARGV,
      assets: { [KUBE_CLIENT]: KUBE_CLIENT, ...(codeCache ? { [CJS_MAIN]: CJS_MAIN, [CODE_CACHE]: CODE_CACHE, [TUI_APART]: TUI_APART } : {}) },
    }));
    const r = spawnSync(process.execPath, ['--build-sea', 'sea-config.json'], { cwd: work, encoding: 'utf8' });
    if (r.status !== 0) throw new BuildError(`node --build-sea failed for ${p.os}-${p.arch}: ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0]}`, `it needs the building node to be ${process.version} of the pinned release (run through npm run build)`);
    copyFileSync(join(work, 'sea-out'), out);
    return { codeCache };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
