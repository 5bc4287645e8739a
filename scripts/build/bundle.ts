// The bundle: the whole program in one ESM file (Ink's layout engine uses top-level await,
// so it must be ESM), its source map beside it. Modules reached only through import() (the
// TUI, the live client, watch mode) stay unevaluated until used.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

export interface BundleInfo {
  version: string;
  commit: string;
  file: string;
}

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

export async function bundle(root: string, outDir: string): Promise<BundleInfo> {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const commit = gitCommit(root);
  const file = join(outDir, 'whoselects.mjs');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [noDevtools],
    define: { WHOSELECTS_BUILD: JSON.stringify({ version, commit }) },
    // Bundled CommonJS modules call require() for Node's built-ins.
    banner: { js: "import { createRequire as __whoselectsRequire } from 'node:module';\nconst require = __whoselectsRequire(import.meta.url);" },
  });
  return { version, commit, file };
}
