// The bundle: the whole program in one ESM file (Ink's layout engine uses top-level await,
// so it must be ESM), its source map beside it. Modules reached only through import() (the
// TUI, the live client, watch mode) stay unevaluated until used.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { BuildError } from './errors.ts';
import { KUBE_CLIENT, TUI_APART } from './platforms.ts';

const require = createRequire(import.meta.url);

export interface BundleInfo {
  version: string;
  commit: string;
  file: string;
  /** The Kubernetes client library, a CommonJS file of its own beside the bundle (KUBE_CLIENT). */
  kubeClient: string;
  /** The program as one CommonJS file (CJS_MAIN), which the build platform's executable runs with a trained code cache. */
  cjsMain: string;
  /** The TUI (Ink, React, Yoga and src/tui) as a CommonJS file of its own (TUI_APART), for CJS_MAIN. */
  tuiMain: string;
}

/** The CommonJS form of the bundle, beside it; shipped inside the build platform's executable only. */
export const CJS_MAIN = 'whoselects.cjs';

export function gitCommit(root: string): string {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${sha}-dirty` : sha;
  } catch {
    return 'unknown';
  }
}

/** Ink imports react-devtools-core only when DEV=true and the package resolves; it is not shipped. */
const noDevtools: esbuild.Plugin = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'absent' }));
    b.onLoad({ filter: /.*/, namespace: 'absent' }, () => ({ contents: 'export default undefined;', loader: 'js' }));
  },
};

/**
 * CommonJS has no top-level await: Ink's reconciler awaits only when DEV=true (React
 * devtools, not shipped), so the CommonJS build drops those branches; the build fails if
 * Ink's file no longer reads as expected.
 */
const inkWithoutDevTools: esbuild.Plugin = {
  name: 'ink-without-devtools',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (a) => {
      const text = readFileSync(a.path, 'utf8');
      const dev = "process.env['DEV'] === 'true'";
      const count = text.split(dev).length - 1;
      if (count !== 2) throw new BuildError(`ink's reconciler.js has ${count} DEV branches where 2 were expected`, 'check the CommonJS build against this Ink version (scripts/build/bundle.ts)');
      return { contents: text.replaceAll(dev, 'false').replace("await import('./devtools.js')", 'void 0').replace('await loadPackageJson()', '({})'), loader: 'js' };
    });
  },
};

/** yoga-layout's entry awaits its WebAssembly at the top; the CommonJS build takes yoga-deferred.ts instead. */
const yogaDeferred: esbuild.Plugin = {
  name: 'yoga-deferred',
  setup(b) {
    b.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: fileURLToPath(new URL('./yoga-deferred.ts', import.meta.url)) }));
  },
};

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** Built-ins that cost milliseconds to load and that most runs never use. */
const DEFERRED = new Set(['child_process', 'crypto', 'dns', 'fs/promises', 'http', 'http2', 'https', 'net', 'tls', 'zlib']);

/**
 * A built-in as a CommonJS stand-in. esbuild hoists every `import … from 'node:…'` of an
 * external module to the top of the bundle, so Node's http, http2, tls, crypto and undici
 * were loaded on every run, also where only the live client (reached through import()) uses
 * them: about a third of the start-up. A stand-in is evaluated where the module importing it
 * is; for the costly ones it is also an object whose properties load the built-in on first
 * use (commander imports child_process for a feature we never use). Its keys are the
 * building Node's, so the bundle's namespace objects list the same names.
 */
function standIn(path: string): string {
  const name = path.replace(/^node:/, '');
  const spec = JSON.stringify(`node:${name}`);
  if (!DEFERRED.has(name)) return `module.exports = require(${spec});`;
  const keys = JSON.stringify(Object.keys(require(`node:${name}`) as object));
  return `let real;
const load = () => (real ??= require(${spec}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => ${keys},
});`;
}

/**
 * In the CommonJS build an import() of a built-in becomes a stand-in too: the executable
 * compiles that build as a vm.Script, which has no module loader for import().
 */
const lazyBuiltins = (format: 'esm' | 'cjs'): esbuild.Plugin => ({
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^[a-z_:/0-9]+$/ }, (a) => {
      if (!BUILTINS.has(a.path)) return undefined;
      const replace = a.kind === 'import-statement' || (format === 'cjs' && a.kind === 'dynamic-import');
      if (!replace || a.namespace === 'lazy-builtin') return { path: a.path, external: true };
      return { path: a.path, namespace: 'lazy-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (a) => ({ contents: standIn(a.path), loader: 'js' }));
  },
});

/**
 * @kubernetes/client-node (with undici, ws and the rest it brings: 1.4 MB of the 2.7 MB
 * bundle) is used only by live queries that need an exec credential plugin or an
 * auth-provider, yet V8 had to read and compile it on every start: half of what start-up
 * cost beyond Node's own. It is built on its own as KUBE_CLIENT, and the bundle gets a
 * stand-in that loads it when a module importing it first runs: from the single
 * executable's assets (node:sea), else from the file beside the bundle (npm package, macOS
 * archives). It is CommonJS (it has no top-level await) so it loads synchronously, as the
 * static imports of it expect.
 */
const kubeClientApart: esbuild.Plugin = {
  name: 'kube-client-apart',
  setup(b) {
    b.onResolve({ filter: /^@kubernetes\/client-node(\/.*)?$/ }, () => ({ path: 'kube-client', namespace: 'kube-client' }));
    b.onResolve({ filter: /^\.\/kube-client\.cjs$/ }, (a) => (a.namespace === 'kube-client' ? { path: a.path, external: true } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'kube-client' }, () => ({
      loader: 'js',
      contents: `const sea = require('node:sea');
if (sea.isSea()) {
  const m = { exports: {} };
  require('node:vm').compileFunction(sea.getAsset(${JSON.stringify(KUBE_CLIENT)}, 'utf8'), ['exports', 'require', 'module'], { filename: ${JSON.stringify(KUBE_CLIENT)} })(m.exports, require, m);
  module.exports = m.exports;
} else module.exports = require('./${KUBE_CLIENT}');`,
    }));
  },
};

/** The prefix under which the TUI's CommonJS file asks CJS_MAIN for one of the program's own modules. */
const FROM_MAIN = 'whoselects-main:';

/**
 * The TUI (Ink, React and its reconciler, Yoga's WebAssembly, src/tui: two fifths of the
 * CommonJS program) was read, decoded and carried in the code cache on every start, though
 * most runs print a report and never draw a screen: V8 pays for a script's inner functions
 * even when they never run. The executable's program gets it as a file of its own,
 * TUI_APART: bundled from src/tui/run-tui.ts with every module of ours outside src/tui left
 * out (recorded in `shared`), so the TUI uses CJS_MAIN's own instances of the core and the
 * renderers (one Failure class, one set of module state), handed over by tuiApart below.
 */
const sharedWithMain = (root: string, shared: Set<string>): esbuild.Plugin => ({
  name: 'shared-with-main',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (a) => {
      const rel = relative(root, resolve(a.resolveDir, a.path)).split(sep).join('/');
      if (!rel.startsWith('src/') || rel.startsWith('src/tui/')) return undefined;
      shared.add(rel);
      return { path: `${FROM_MAIN}${rel}`, external: true };
    });
  },
});

/** The TUI's file: its entry loads Yoga, then evaluates the TUI when asked. */
const TUI_ENTRY = `export { loadDeferredYoga } from './scripts/build/yoga-deferred.ts';
export const loadTui = () => import('./src/tui/run-tui.ts');
`;

/**
 * In CJS_MAIN, src/tui/run-tui.ts becomes a stand-in whose runTui loads TUI_APART (from the
 * executable's assets, else from the file beside the program: the build's training run),
 * gives it the modules it shares with the program, loads Yoga, and runs the real runTui.
 */
const tuiApart = (shared: Set<string>): esbuild.Plugin => ({
  name: 'tui-apart',
  setup(b) {
    b.onResolve({ filter: /[\\/]tui[\\/]run-tui\.ts$/ }, () => ({ path: 'run-tui', namespace: 'tui-apart' }));
    b.onResolve({ filter: /^\.\/whoselects-tui\.cjs$/ }, (a) => (a.namespace === 'tui-apart' ? { path: a.path, external: true } : undefined));
    b.onLoad({ filter: /^run-tui$/, namespace: 'tui-apart' }, () => ({
      loader: 'js',
      resolveDir: b.initialOptions.absWorkingDir,
      contents: `const shared = {
${[...shared].sort().map((rel) => `  ${JSON.stringify(rel)}: () => import(${JSON.stringify(`./${rel}`)}),`).join('\n')}
};
let tui;
async function load() {
  const modules = Object.fromEntries(await Promise.all(Object.entries(shared).map(async ([rel, get]) => [rel, await get()])));
  const sea = require('node:sea');
  const source = sea.isSea() ? sea.getAsset(${JSON.stringify(TUI_APART)}, 'utf8') : require('node:fs').readFileSync(require.resolve('./${TUI_APART}'), 'utf8');
  const m = { exports: {} };
  const from = (id) => (id.startsWith(${JSON.stringify(FROM_MAIN)}) ? modules[id.slice(${FROM_MAIN.length})] : require(id));
  require('node:vm').compileFunction(source, ['exports', 'require', 'module'], { filename: ${JSON.stringify(TUI_APART)} })(m.exports, from, m);
  await m.exports.loadDeferredYoga();
  return m.exports.loadTui();
}
export async function runTui(args, deps) {
  tui ??= await load();
  return tui.runTui(args, deps);
}`,
    }));
  },
});

/** What our sources import from the client library: its entry for the bundle's stand-in. */
const KUBE_CLIENT_ENTRY = `export { KubeConfig } from '@kubernetes/client-node';
export { ExecAuth } from '@kubernetes/client-node/dist/exec_auth.js';
`;

export async function bundle(root: string, outDir: string): Promise<BundleInfo> {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const commit = gitCommit(root);
  const file = join(outDir, 'whoselects.mjs');
  const kubeClient = join(outDir, KUBE_CLIENT);
  const cjsMain = join(outDir, CJS_MAIN);
  const tuiMain = join(outDir, TUI_APART);
  // React's and its reconciler's production builds: the development ones (checks and
  // warnings for React authors) doubled the parsed size of the TUI half of the bundle.
  const define = { WHOSELECTS_BUILD: JSON.stringify({ version, commit }), 'process.env.NODE_ENV': '"production"' };
  const common: esbuild.BuildOptions = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node22', minify: true, sourcemap: 'linked', sourcesContent: false, legalComments: 'none', logLevel: 'warning' };
  await esbuild.build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: file,
    format: 'esm',
    plugins: [noDevtools, kubeClientApart, lazyBuiltins('esm')],
    define,
    // Bundled CommonJS modules call require() for Node's built-ins.
    banner: { js: "import { createRequire as __whoselectsRequire } from 'node:module';\nconst require = __whoselectsRequire(import.meta.url);" },
  });
  await esbuild.build({
    ...common,
    stdin: { contents: KUBE_CLIENT_ENTRY, resolveDir: join(root, 'src/sources/live'), sourcefile: 'kube-client-entry.js', loader: 'js' },
    outfile: kubeClient,
    format: 'cjs',
  });
  // CommonJS has no import.meta; yargs-parser makes a require() from it at its top (for
  // .json config files, which we never ask it to read). A fixed name keeps the build reproducible.
  const cjsDefine = { ...define, 'import.meta.url': '"file:///kubectl-whoselects"' };
  const shared = new Set<string>();
  await esbuild.build({
    ...common,
    stdin: { contents: TUI_ENTRY, resolveDir: root, sourcefile: 'tui-entry.js', loader: 'js' },
    outfile: tuiMain,
    format: 'cjs',
    plugins: [sharedWithMain(root, shared), noDevtools, inkWithoutDevTools, yogaDeferred, lazyBuiltins('cjs')],
    define: cjsDefine,
  });
  await esbuild.build({
    ...common,
    entryPoints: ['scripts/build/cjs-entry.ts'],
    outfile: cjsMain,
    format: 'cjs',
    plugins: [tuiApart(shared), noDevtools, kubeClientApart, lazyBuiltins('cjs')],
    define: cjsDefine,
  });
  return { version, commit, file, kubeClient, cjsMain, tuiMain };
}
