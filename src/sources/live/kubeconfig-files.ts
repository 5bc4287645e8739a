// Which kubeconfig files kubectl reads, and each one parsed with its relative paths made
// absolute against the file's own directory (client-go clientcmd loader.go: Load,
// ResolveLocalPaths).

import { delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { parse } from 'yaml';

export type Entry = Record<string, unknown>;

/** One kubeconfig file: named entries (last wins inside one file, as Go's list-to-map does). */
export interface KubeconfigFile {
  path: string;
  clusters: Map<string, Entry>;
  users: Map<string, Entry>;
  contexts: Map<string, Entry>;
  currentContext: string;
}

export interface KubeconfigFs {
  /** The file's text, or null when nothing exists at the path; throws for other failures. */
  readFile(path: string): string | null;
}

export class KubeconfigError extends Error {
  readonly hint: string;
  /** --kubeconfig names a file that does not exist: bad input (exit 2) rather than an unreachable cluster. */
  readonly badInput: boolean;
  constructor(message: string, hint: string, badInput = false) {
    super(message);
    this.name = 'KubeconfigError';
    this.hint = hint;
    this.badInput = badInput;
  }
}

/**
 * --kubeconfig alone if given; else every path of $KUBECONFIG (deduplicated, empty ones
 * skipped); else ~/.kube/config.
 */
export function kubeconfigPaths(explicit: string | undefined, env: Record<string, string | undefined>, home: string | null): { paths: string[]; explicit: boolean } {
  if (explicit) return { paths: [explicit], explicit: true };
  const list = env.KUBECONFIG ?? '';
  if (list.length > 0) return { paths: [...new Set(list.split(delimiter).filter((p) => p.length > 0))], explicit: false };
  return { paths: home ? [join(home, '.kube', 'config')] : [], explicit: false };
}

function isEntry(v: unknown): v is Entry {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function named(list: unknown, field: string, file: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) throw new KubeconfigError(`${file}: ${field} must be a list`, 'fix the kubeconfig file (kubectl config view shows what kubectl reads)');
  for (const item of list) {
    if (!isEntry(item) || typeof item.name !== 'string') continue;
    const body = item[field.slice(0, -1)];
    out.set(item.name, isEntry(body) ? { ...body } : {});
  }
  return out;
}

function absolutize(base: string, entry: Entry, key: string): void {
  const value = entry[key];
  if (typeof value === 'string' && value.length > 0 && !isAbsolute(value)) entry[key] = join(base, value);
}

/** Relative file references resolve against the kubeconfig's directory; an exec command only when it holds a path separator. */
function resolvePaths(f: KubeconfigFile): void {
  const base = dirname(resolve(f.path));
  for (const c of f.clusters.values()) absolutize(base, c, 'certificate-authority');
  for (const u of f.users.values()) {
    for (const key of ['client-certificate', 'client-key', 'tokenFile', 'token-file']) absolutize(base, u, key);
    if (isEntry(u.exec) && typeof u.exec.command === 'string' && u.exec.command.includes(sep)) {
      const exec = { ...u.exec };
      absolutize(base, exec, 'command');
      u.exec = exec;
    }
  }
}

export function parseKubeconfig(path: string, text: string): KubeconfigFile {
  let doc: unknown;
  try {
    doc = text.trim() === '' ? {} : parse(text);
  } catch (e) {
    throw new KubeconfigError(`error loading config file "${path}": ${(e as Error).message.split('\n')[0]}`, 'fix the kubeconfig file, or point --kubeconfig/KUBECONFIG at another');
  }
  if (doc === null || doc === undefined) doc = {};
  if (!isEntry(doc)) throw new KubeconfigError(`error loading config file "${path}": not a kubeconfig (expected a mapping)`, 'point --kubeconfig/KUBECONFIG at a kubeconfig file');
  const f: KubeconfigFile = {
    path,
    clusters: named(doc.clusters, 'clusters', path),
    users: named(doc.users, 'users', path),
    contexts: named(doc.contexts, 'contexts', path),
    currentContext: typeof doc['current-context'] === 'string' ? doc['current-context'] : '',
  };
  resolvePaths(f);
  return f;
}

/** Reads the files; a missing file is skipped, except an explicit --kubeconfig, which must exist. */
export function readKubeconfigs(paths: string[], explicit: boolean, fs: KubeconfigFs): KubeconfigFile[] {
  const out: KubeconfigFile[] = [];
  for (const path of paths) {
    let text: string | null;
    try {
      text = fs.readFile(path);
    } catch (e) {
      throw new KubeconfigError(`cannot read kubeconfig "${path}": ${(e as Error).message}`, 'check the file\'s permissions, or point --kubeconfig/KUBECONFIG at another');
    }
    if (text === null) {
      if (explicit) throw new KubeconfigError(`kubeconfig "${path}" does not exist`, 'check the --kubeconfig path', true);
      continue;
    }
    out.push(parseKubeconfig(path, text));
  }
  return out;
}
