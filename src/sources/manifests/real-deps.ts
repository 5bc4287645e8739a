// The real effects: node:fs for files, stdin, and `kubectl kustomize` as a child process
// (node:child_process is loaded only then: most runs read files and never spawn). Files are
// read through node:fs itself (a file's content in one piece, the rest by callbacks):
// node:fs/promises loads a dozen more of Node's modules (readline, file watchers) on first
// use, a few milliseconds of every start.

import { lstat, readdir, readFileSync, stat, type Dirent, type Stats } from 'node:fs';
import { decodeText } from './text.ts';
import { COMMAND_NOT_FOUND, type DirEntry, type KustomizeResult, type ManifestDeps, type PathInfo } from './deps.ts';
import { readFiles, WORKER_FROM } from './read-files.ts';
import { textOfPieces } from './indented-json.ts';

async function readPieces(stream: NodeJS.ReadableStream): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return chunks;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return decodeText(Buffer.concat(await readPieces(stream)));
}

async function runKustomize(dir: string, kubectl: string): Promise<KustomizeResult> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile(kubectl, ['kustomize', '--', dir], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        resolve({ stdout: '', stderr: `${kubectl}: command not found`, code: COMMAND_NOT_FOUND });
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}

/**
 * What a directory entry is, from the directory itself (a stat per entry, through the thread
 * pool one after the other, made reading a directory of 28,000 manifests take a second and a
 * half): a symbolic link, or an entry whose type the file system does not give, is stat'ed.
 * Sockets, FIFOs and devices are read as files, as kubectl would try to.
 */
function entryOf(d: Dirent): DirEntry {
  if (d.isSymbolicLink() || !(d.isFile() || d.isDirectory() || d.isFIFO() || d.isSocket() || d.isBlockDevice() || d.isCharacterDevice())) return { name: d.name, info: null };
  return { name: d.name, info: { kind: d.isDirectory() ? 'directory' : 'file' } };
}

/** One node:fs call as a promise. */
function call<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, value) => (error ? reject(error) : resolve(value)));
  });
}

/**
 * `workerFrom`: how many files it takes to read them with a worker thread's help (read-files.ts);
 * `unindentFrom`: how big a file of indented JSON is to be read without its indentation (indented-json.ts).
 */
export function realManifestDeps(options: { kubectl?: string; stdin?: NodeJS.ReadableStream; workerFrom?: number; unindentFrom?: number } = {}): ManifestDeps {
  const kubectl = options.kubectl ?? 'kubectl';
  return {
    // In one piece: node:fs's readFile asks the thread pool for a big file half a megabyte at a
    // time, the main thread idle between the pieces (about a tenth of a second for 25 MB).
    readFile: async (path) => decodeText(readFileSync(path)),
    readFiles: (paths, each) => readFiles(paths, each, options.workerFrom ?? WORKER_FROM, options.unindentFrom),
    async stat(path): Promise<PathInfo | null> {
      try {
        const s = await call<Stats>((done) => stat(path, done));
        const link = (await call<Stats>((done) => lstat(path, done))).isSymbolicLink();
        return link ? { kind: s.isDirectory() ? 'directory' : 'file', symlink: true } : { kind: s.isDirectory() ? 'directory' : 'file' };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
        throw e;
      }
    },
    readDir: async (path) => (await call<Dirent[]>((done) => readdir(path, { withFileTypes: true }, done))).map(entryOf),
    readStdin: () => readAll(options.stdin ?? process.stdin),
    readStdinText: async () => textOfPieces(await readPieces(options.stdin ?? process.stdin), options.unindentFrom),
    runKustomize: (dir) => runKustomize(dir, kubectl),
  };
}
