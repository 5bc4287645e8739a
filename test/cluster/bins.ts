// Where the control-plane binaries live, and how to build them (test/cluster/build.sh).
// The cache directory follows the same rule as build.sh, so both agree without talking.
import { accessSync, constants, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/cluster/ (this directory). */
export const clusterDir = dirname(fileURLToPath(import.meta.url));

/** Every binary startCluster needs. */
export const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok'] as const;
export type Binary = (typeof BINARIES)[number];

export interface PinnedVersions {
  kubernetes: string;
  kwok: string;
}

/** The versions pinned in versions.env. */
export function pinnedVersions(): PinnedVersions {
  const text = readFileSync(join(clusterDir, 'versions.env'), 'utf8');
  const value = (key: string): string => {
    const m = new RegExp(`^${key}=(\\S+)`, 'm').exec(text);
    if (!m?.[1]) throw new Error(`versions.env has no ${key}`);
    return m[1];
  };
  return { kubernetes: value('K8S_VERSION'), kwok: value('KWOK_VERSION') };
}

/** The directory build.sh fills: $WHOSELECTS_KUBE_CACHE, else $XDG_CACHE_HOME or ~/.cache, + whoselects/kube-bins. */
export function defaultBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.WHOSELECTS_KUBE_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'whoselects', 'kube-bins');
  const v = pinnedVersions();
  return join(cache, `${v.kubernetes}-kwok-${v.kwok}`);
}

/** The binaries that are absent (or not executable) in binDir. */
export function missingBinaries(binDir: string = defaultBinDir()): Binary[] {
  return BINARIES.filter((b) => {
    try {
      accessSync(join(binDir, b), constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
}

/** Runs build.sh (a no-op when the binaries exist); its progress goes to our stderr. Resolves the bin dir. */
export function buildBinaries(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(clusterDir, 'build.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0 && last) resolve(last);
      else reject(new Error(`test/cluster/build.sh failed with code ${code}`));
    });
  });
}
