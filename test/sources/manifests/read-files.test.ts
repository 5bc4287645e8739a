// Many files read by this thread and a worker thread together: every file arrives once, with
// its own text or its own error, and what the manifests say does not depend on which thread
// read which file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifests, type ManifestLoad } from '../../../src/sources/manifests/load.ts';
import type { TextRead } from '../../../src/sources/manifests/deps.ts';
import { readFiles } from '../../../src/sources/manifests/read-files.ts';
import { realManifestDeps } from '../../../src/sources/manifests/real-deps.ts';
import { decodeText } from '../../../src/sources/manifests/text.ts';

const READ_FILES = fileURLToPath(new URL('../../../src/sources/manifests/read-files.ts', import.meta.url));

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-read-files-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** 600 files of sizes from nothing to 5 MB (more than a batch holds), each with its own text, and every 97th path missing. */
function files(dir: string): string[] {
  const paths: string[] = [];
  for (let i = 0; i < 600; i++) {
    const path = join(dir, `f${i}`);
    if (i % 97 === 5) symlinkSync(join(dir, 'nowhere'), path);
    else if (i === 7) writeFileSync(path, '');
    else writeFileSync(path, `${i};`.padEnd(i === 300 ? 5_000_000 : i % 50 === 0 ? 200_000 : i % 7, 'abcdefghij'[i % 10]));
    paths.push(path);
  }
  return paths;
}

async function readAll(paths: string[], workerFrom: number): Promise<{ reads: (TextRead | undefined)[]; calls: number }> {
  const reads: (TextRead | undefined)[] = new Array(paths.length);
  let calls = 0;
  await readFiles(paths, (i, read) => {
    calls++;
    assert.equal(reads[i], undefined, `file ${i} arrived twice`);
    reads[i] = read;
  }, workerFrom);
  return { reads, calls };
}

test('with a worker, every file arrives once, with its own text or its own error', async (t) => {
  const paths = files(tempDir(t));
  const { reads, calls } = await readAll(paths, 1);
  assert.equal(calls, paths.length);
  paths.forEach((path, i) => {
    const read = reads[i];
    if (i % 97 === 5) {
      assert.ok(read && 'error' in read && read.error.includes('ENOENT') && read.error.includes(path), `file ${i}: ${JSON.stringify(read)}`);
      return;
    }
    assert.ok(read && 'text' in read, `file ${i} has no text`);
    assert.equal(read.text, decodeText(readFileSync(path)), `file ${i}`);
  });
});

test('the worker\'s reads and this thread\'s alone give the same', async (t) => {
  const paths = files(tempDir(t));
  const shared = await readAll(paths, 1);
  const alone = await readAll(paths, Infinity);
  assert.deepEqual(shared.reads, alone.reads);
});

test('no files: done at once, nothing called', async () => {
  assert.deepEqual(await readAll([], 0), { reads: [], calls: 0 });
});

test('where no worker may start (a permission model that forbids them), this thread reads every file', (t) => {
  const dir = tempDir(t);
  const paths = files(dir);
  const script = `
    import { readFiles } from ${JSON.stringify(READ_FILES)};
    let chars = 0, errors = 0, calls = 0;
    await readFiles(${JSON.stringify(paths)}, (i, r) => { calls++; if ('text' in r) chars += r.text.length; else errors++; }, 1);
    console.log(JSON.stringify({ calls, chars, errors }));
  `;
  const out = execFileSync(process.execPath, ['--permission', '--allow-fs-read=*', '--input-type=module', '-e', script], { encoding: 'utf8' });
  const expected = paths.reduce((n, p, i) => (i % 97 === 5 ? n : n + decodeText(readFileSync(p)).length), 0);
  assert.deepEqual(JSON.parse(out), { calls: paths.length, chars: expected, errors: paths.filter((_, i) => i % 97 === 5).length });
});

/** A directory of manifests: valid ones, a malformed one, one that cannot be read, UTF-16 and CRLF ones. */
function manifests(dir: string): void {
  mkdirSync(join(dir, 'm'));
  for (let i = 0; i < 300; i++) {
    const name = `app-${String(i).padStart(3, '0')}`;
    const text = i % 3 === 0
      ? `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ns-${i % 4}\nspec:\n  selector:\n    app: ${name}\n  ports:\n  - port: 80\n`
      : `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ns-${i % 4}\n  labels:\n    app: app-${String(i - (i % 3)).padStart(3, '0')}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`;
    let bytes = Buffer.from(text);
    if (i % 50 === 7) bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    if (i % 50 === 8) bytes = Buffer.from(text.replaceAll('\n', '\r\n'));
    if (i % 50 === 9) bytes = Buffer.from(`${text}  bad: [unclosed\n`);
    writeFileSync(join(dir, 'm', `${name}.yaml`), bytes);
  }
  // A path that is a file to stat but fails when read (the kernel refuses to read a process's
  // memory at address 0).
  symlinkSync('/proc/self/mem', join(dir, 'm', 'app-150-mem.yaml'));
}

async function load(dir: string, workerFrom: number): Promise<ManifestLoad> {
  return loadManifests({ files: [join(dir, 'm')], recursive: false, kustomizeDirs: [] }, realManifestDeps({ workerFrom }), 'default');
}

test('a directory read with a worker loads as one read by this thread alone: objects, problems and their order', { skip: process.platform !== 'linux' && 'reads /proc' }, async (t) => {
  const dir = tempDir(t);
  manifests(dir);
  const shared = await load(dir, 1);
  const alone = await load(dir, Infinity);
  const names = (kind: 'Pod' | 'Service') => shared.snapshot.objects[kind].map((o) => o.metadata?.name);
  // The UTF-16 and CRLF files load; the malformed one is a problem; the unreadable one too, in its place.
  for (const name of ['app-007', 'app-008', 'app-058']) assert.ok(names('Pod').includes(name), name);
  assert.ok(names('Service').includes('app-057'));
  const sources = shared.problems.map((p) => p.source.split('/').at(-1));
  assert.ok(sources.includes('app-009.yaml'), JSON.stringify(sources));
  const unreadable = shared.problems.find((p) => p.source.endsWith('app-150-mem.yaml'));
  assert.match(unreadable?.message ?? '', /app-150-mem\.yaml cannot be read: /);
  // Read problems come first, then each file's own, in the order of the files.
  assert.deepEqual(sources.slice(1), [...sources.slice(1)].sort());
  assert.deepEqual(shared.problems, alone.problems);
  assert.deepEqual(shared.snapshot.objects, alone.snapshot.objects);
});
