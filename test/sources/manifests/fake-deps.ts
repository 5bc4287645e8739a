// An in-memory ManifestDeps for tests: files by path; directories are implied by paths.

import { COMMAND_NOT_FOUND, type KustomizeResult, type ManifestDeps } from '../../../src/sources/manifests/deps.ts';

export interface FakeOptions {
  stdin?: string;
  kustomize?: Record<string, KustomizeResult>;
  /** Paths whose stat/read throws (e.g. permission denied). */
  unreadable?: string[];
}

export interface FakeDeps extends ManifestDeps {
  reads: string[];
  kustomized: string[];
}

export function fakeDeps(files: Record<string, string>, options: FakeOptions = {}): FakeDeps {
  const dirs = new Set<string>();
  for (const path of Object.keys(files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const reads: string[] = [];
  const kustomized: string[] = [];
  const deny = (path: string) => {
    if (options.unreadable?.includes(path)) throw new Error(`EACCES: permission denied, open '${path}'`);
  };
  return {
    reads,
    kustomized,
    async readFile(path) {
      deny(path);
      reads.push(path);
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
    async stat(path) {
      deny(path);
      if (files[path] !== undefined) return { kind: 'file' };
      if (dirs.has(path.replace(/\/$/, ''))) return { kind: 'directory' };
      return null;
    },
    async readDir(path) {
      const prefix = `${path.replace(/\/$/, '')}/`;
      const names = new Set<string>();
      for (const p of [...Object.keys(files), ...dirs]) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0] as string);
      // Deliberately not sorted: the loader must sort. An unreadable entry's type is not given (stat says what is wrong).
      return [...names].reverse().map((name) => {
        const p = `${prefix}${name}`;
        return { name, info: options.unreadable?.includes(p) ? null : files[p] !== undefined ? { kind: 'file' as const } : { kind: 'directory' as const } };
      });
    },
    async readStdin() {
      return options.stdin ?? '';
    },
    async runKustomize(dir) {
      kustomized.push(dir);
      return options.kustomize?.[dir] ?? { stdout: '', stderr: 'kubectl: command not found', code: COMMAND_NOT_FOUND };
    },
  };
}
