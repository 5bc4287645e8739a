// Node's single-executable application: the bundle injected into a copy of the platform's
// node binary (`node --build-sea`, Node ≥ 25.5), the binary stripped of its debug
// symbols first where a strip tool for it is available. The V8 code cache is produced by
// the building node, so it is embedded only for the platform the build runs on.

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildError } from './errors.ts';
import type { Platform } from './platforms.ts';

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
    const base = join(work, p.os === 'windows' ? 'node.exe' : 'node');
    copyFileSync(nodeBinary, base);
    strip(base, p, log);
    const codeCache = `${p.os}-${p.arch}` === HOST;
    const config = join(work, 'sea-config.json');
    writeFileSync(config, JSON.stringify({
      main: bundleFile,
      mainFormat: 'module',
      executable: base,
      output: out,
      disableExperimentalSEAWarning: true,
      useCodeCache: codeCache,
    }));
    const r = spawnSync(process.execPath, ['--build-sea', config], { encoding: 'utf8' });
    if (r.status !== 0) throw new BuildError(`node --build-sea failed for ${p.os}-${p.arch}: ${(r.stderr || r.stdout).trim().split('\n').slice(-1)[0]}`, `it needs the building node to be ${process.version} of the pinned release (run through npm run build)`);
    return { codeCache };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
