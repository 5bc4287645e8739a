// Which kubectl's rules to model: --kubectl-version, else the kubectl on PATH (its
// answer cached by path, size and mtime), else the newest modelled.

import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { NEWEST_KUBECTL, OLDEST_MODELLED, parseKubectlVersion, type KubectlVersion } from '../core/kubectl/version.ts';
import { UserError } from './errors.ts';

export interface ChosenVersion {
  version: KubectlVersion;
  from: string;
}

async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      const s = await stat(p);
      if (s.isFile() && (s.mode & 0o111) !== 0) return p;
    } catch {
      // not here
    }
  }
  return null;
}

/** node:child_process is loaded only here, on a cache miss: most runs never spawn. */
async function askKubectl(path: string): Promise<string | null> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile(path, ['version', '--client', '-o', 'json'], { timeout: 5000 }, (err, stdout) => resolve(err ? null : stdout));
  });
}

export async function chooseKubectlVersion(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<ChosenVersion> {
  if (flag !== undefined) {
    const v = parseKubectlVersion(flag);
    if (!v) throw new UserError(`invalid --kubectl-version ${JSON.stringify(flag)}`, 'give a kubectl version such as 1.28 or v1.34.2');
    if (v.major !== 1 || v.minor < OLDEST_MODELLED.minor || v.minor > NEWEST_KUBECTL.minor) {
      throw new UserError(`--kubectl-version ${flag} is not modelled: the rules of kubectl 1.${OLDEST_MODELLED.minor} to 1.${NEWEST_KUBECTL.minor} are`, `give a version between 1.${OLDEST_MODELLED.minor} and 1.${NEWEST_KUBECTL.minor}`);
    }
    return { version: v, from: '--kubectl-version' };
  }
  const path = await findOnPath('kubectl', env);
  if (path) {
    const s = await stat(path);
    const cacheDir = join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'whoselects');
    const cacheFile = join(cacheDir, 'kubectl-version.json');
    const key = `${path}|${s.size}|${s.mtimeMs}`;
    try {
      const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as { key: string; text: string };
      const v = cached.key === key ? parseKubectlVersion(cached.text) : null;
      if (v) return { version: v, from: `kubectl on PATH (${path})` };
    } catch {
      // no cache yet
    }
    const text = await askKubectl(path);
    const v = text ? parseKubectlVersion(text) : null;
    if (v && text) {
      await mkdir(cacheDir, { recursive: true }).then(() => writeFile(cacheFile, JSON.stringify({ key, text }))).catch(() => undefined);
      return { version: v, from: `kubectl on PATH (${path})` };
    }
  }
  return { version: NEWEST_KUBECTL, from: 'newest modelled (no kubectl on PATH)' };
}
