// Node's single-executable application: the bundle injected into a copy of the platform's
// node binary (`node --build-sea`, Node ≥ 25.5), the binary stripped of its debug
// symbols first where a strip tool for it is available. The V8 code cache is produced by
// the building node, so it is embedded only for the platform the build runs on.

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BuildError } from './errors.ts';
import { KUBE_CLIENT, type Platform } from './platforms.ts';

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

const HOST = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;

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

export function buildSea(p: Platform, nodeBinary: string, bundleFile: string, out: string, log: (s: string) => void): { codeCache: boolean } {
  const work = mkdtempSync(join(tmpdir(), 'whoselects-sea-'));
  try {
    // Relative paths in a scratch directory: the blob records the main script's path, and
    // the same inputs must give the same bytes wherever the build runs.
    const base = p.os === 'windows' ? 'node.exe' : 'node';
    copyFileSync(nodeBinary, join(work, base));
    copyFileSync(bundleFile, join(work, 'whoselects.mjs'));
    // The Kubernetes client library, read from the executable's assets when first used.
    copyFileSync(join(dirname(bundleFile), KUBE_CLIENT), join(work, KUBE_CLIENT));
    strip(join(work, base), p, log);
    const codeCache = `${p.os}-${p.arch}` === HOST;
    writeFileSync(join(work, 'sea-config.json'), JSON.stringify({
      main: 'whoselects.mjs',
      mainFormat: 'module',
      executable: base,
      output: 'sea-out',
      disableExperimentalSEAWarning: true,
      useCodeCache: codeCache,
      assets: { [KUBE_CLIENT]: KUBE_CLIENT },
    }));
    const r = spawnSync(process.execPath, [...(codeCache ? [BUILD_SEED] : []), '--build-sea', 'sea-config.json'], { cwd: work, encoding: 'utf8' });
    if (r.status !== 0) throw new BuildError(`node --build-sea failed for ${p.os}-${p.arch}: ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0]}`, `it needs the building node to be ${process.version} of the pinned release (run through npm run build)`);
    copyFileSync(join(work, 'sea-out'), out);
    return { codeCache };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
