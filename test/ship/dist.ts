// What the end-to-end tests of the shipped artefacts need: the archives `npm run build`
// wrote to dist/, the linux-amd64 one unpacked, and krew built by test/krew/build.sh.
// Absent, those tests skip with the command that makes them; .ci/run sets
// WHOSELECTS_REQUIRE_DIST=1, which makes their absence a failure.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const MANIFEST = join(DIST, 'krew-manifest.yaml');
export const LINUX_ARCHIVE = join(DIST, 'archives', 'kubectl-whoselects-linux-amd64.tar.gz');
export const KREW_VERSION = 'v0.4.3';

export function krewDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.WHOSELECTS_KREW_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'whoselects', 'krew-bins'), KREW_VERSION);
}

/** Why the shipped-artefact tests cannot run (false when they can). */
export function distSkip(needKrew = false): string | false {
  const missing: string[] = [];
  if (process.platform !== 'linux' || process.arch !== 'x64') missing.push('a linux-amd64 machine');
  if (!existsSync(LINUX_ARCHIVE) || !existsSync(MANIFEST)) missing.push('dist/ archives and manifest (npm run build)');
  if (needKrew && !existsSync(join(krewDir(), 'krew'))) missing.push(`krew in ${krewDir()} (bash test/krew/build.sh)`);
  if (missing.length === 0) return false;
  if (process.env.WHOSELECTS_REQUIRE_DIST) throw new Error(`WHOSELECTS_REQUIRE_DIST is set but these are missing: ${missing.join('; ')}`);
  return `missing ${missing.join('; ')}; set WHOSELECTS_REQUIRE_DIST=1 to make this a failure`;
}

let unpacked: string | null = null;

/** The linux-amd64 archive unpacked once into a temporary directory: its path. */
export function shippedLinux(): string {
  if (unpacked) return unpacked;
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-shipped-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  execFileSync('tar', ['-xzf', LINUX_ARCHIVE, '-C', dir]);
  unpacked = dir;
  return dir;
}
