// A big indented JSON file read without the blanks that start its lines: the same lines, the
// same answers, whatever the pieces it is read in; and any text the JSON reader cannot vouch for
// is read as written.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readManifestText, textOfPieces, Unindenter } from '../../../src/sources/manifests/indented-json.ts';
import { loadManifests, type ManifestLoad } from '../../../src/sources/manifests/load.ts';
import { realManifestDeps } from '../../../src/sources/manifests/real-deps.ts';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-indented-json-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** What the reading must give, said line by line: CRLF read as LF, then each line's leading spaces dropped unless a `-` follows them. */
function expected(text: string): string {
  return text
    .split('\r\n')
    .join('\n')
    .split('\n')
    .map((line) => (/^ *-/.test(line) ? line : line.replace(/^ +/, '')))
    .join('\n');
}

/** A seeded generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('the blanks that start lines are dropped and CRLF read as LF, wherever the pieces are cut', () => {
  const next = random(9);
  const alphabet = ['    ', ' ', '\n', '\r', '\r\n', '-', '---', 'a', '{', '"b": 1', '\t', '\u00e9'];
  for (let round = 0; round < 400; round++) {
    let text = '';
    const parts = Math.floor(next() * 60);
    for (let k = 0; k < parts; k++) text += alphabet[Math.floor(next() * alphabet.length)];
    const bytes = Buffer.from(text);
    const out = Buffer.alloc(bytes.length + 1);
    const u = new Unindenter();
    let o = 0;
    let at = 0;
    while (at < bytes.length) {
      const to = Math.min(bytes.length, at + 1 + Math.floor(next() * 7));
      // Each piece in a buffer of its own, as the reader's one chunk buffer is refilled.
      const piece = Buffer.from(bytes.subarray(at, to));
      o = u.push(piece, 0, piece.length, out, o);
      at = to;
    }
    o = u.end(out, o);
    assert.equal(out.subarray(0, o).toString(), expected(text), JSON.stringify(text));
    // What it left out is what the text as written (CRLF read as LF) has more.
    assert.equal(u.dropped, text.split('\r\n').join('\n').length - expected(text).length, JSON.stringify(text));
  }
});

test('a big indented JSON file is read without its indentation, and as written when asked', (t) => {
  const dir = tempDir(t);
  const list = { apiVersion: 'v1', kind: 'List', items: Array.from({ length: 40 }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'a', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x', args: ['-v', ' two  spaces '] }] } })) };
  const written = `${JSON.stringify(list, null, 4)}\n`;
  const path = join(dir, 'list.json');
  writeFileSync(path, written.split('\n').join('\r\n'));
  const read = readManifestText(path, 0);
  assert.ok('text' in read && read.asWritten, 'read without its indentation');
  assert.equal(read.text, expected(written));
  assert.deepEqual(JSON.parse(read.text), list);
  assert.equal(read.text.split('\n').length, written.split('\n').length);
  assert.equal(read.asWritten(), written);
  assert.equal(read.writtenLength, written.length);
  // With a byte-order mark: dropped, as decodeText drops it.
  writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(written)]));
  const marked = readManifestText(path, 0);
  assert.ok('text' in marked && marked.asWritten);
  assert.equal(marked.text, expected(written));
  assert.equal(marked.asWritten(), written);
  assert.equal(marked.writtenLength, written.length);
});

test('other files are read whole, as written', (t) => {
  const dir = tempDir(t);
  const cases: [string, string | Buffer, string][] = [
    ['block.yaml', 'kind: Pod\nmetadata:\n    name: a\n    labels:\n        app: web\n', 'kind: Pod\nmetadata:\n    name: a\n    labels:\n        app: web\n'],
    ['compact.json', '{"kind":"Pod","metadata":{"name":"a"}}\n---\n{"kind":"Pod",\n "metadata":{"name":"b"}}\n', '{"kind":"Pod","metadata":{"name":"a"}}\n---\n{"kind":"Pod",\n "metadata":{"name":"b"}}\n'],
    ['utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{\n    "kind": "Pod"\n}\n', 'utf16le')]), '{\n    "kind": "Pod"\n}\n'],
  ];
  for (const [name, content, text] of cases) {
    const path = join(dir, name);
    writeFileSync(path, content);
    const read = readManifestText(path, 0);
    assert.ok('text' in read, name);
    assert.equal(read.text, text, name);
    assert.equal(read.asWritten, undefined, name);
  }
  // Under the size it takes: whole.
  const path = join(dir, 'small.json');
  writeFileSync(path, '{\n        "kind": "Pod"\n}\n');
  const small = readManifestText(path);
  assert.ok('text' in small && small.asWritten === undefined);
  const missing = readManifestText(join(dir, 'nowhere.json'), 0);
  assert.ok('error' in missing && missing.error.includes('ENOENT'));
});

/** What a load gives that a reader would see: the objects, the problems with their lines, and the counts. */
function seen(load: ManifestLoad): unknown {
  return { objects: load.snapshot.objects, problems: load.problems, documents: load.documents, ignored: load.ignored };
}

test('what the manifests say does not depend on the indentation being read or not', async (t) => {
  const dir = tempDir(t);
  const pod = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'a', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] }, ...extra });
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'a' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
  const texts: Record<string, string> = {
    // A List, with an item the API server would refuse (a port out of range), to be told with its line.
    'list.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [svc, pod('p1'), pod('p2', { spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 70000 }] }] } })] }, null, 4),
    // A key written twice: JSON.parse keeps the last, YAML refuses the document.
    'twice.json': `${JSON.stringify(svc, null, 4)}\n---\n{\n    "apiVersion": "v1",\n    "kind": "Pod",\n    "kind": "Pod",\n    "metadata": {\n        "name": "p3"\n    }\n}\n`,
    // JSON first, then block YAML, whose indentation means something: the YAML reader reads it as written.
    'mixed.json': `${JSON.stringify(pod('p4'), null, 4)}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n    name: p5\n    namespace: a\n    labels:\n        app: web\nspec:\n    containers:\n    -   name: c\n        image: x\n`,
    // Flow-style YAML that is not JSON, a plain scalar folded over indented lines.
    'flow.json': '{apiVersion: v1, kind: Pod, metadata: {name: p6, namespace: a,\n        labels: {app: web}, annotations: {note: two\n        words}}, spec: {containers: [{name: c, image: x}]}}\n',
  };
  for (const [name, text] of Object.entries(texts)) {
    const path = join(dir, name);
    writeFileSync(path, text);
    const input = { files: [path], recursive: false, kustomizeDirs: [] };
    const unindented = await loadManifests(input, realManifestDeps({ unindentFrom: 0 }), 'default');
    const whole = await loadManifests(input, realManifestDeps({ unindentFrom: Infinity }), 'default');
    assert.deepEqual(seen(unindented), seen(whole), name);
  }
  // And the readings are what the files say (not two readings alike in being wrong).
  const mixed = await loadManifests({ files: [join(dir, 'mixed.json')], recursive: false, kustomizeDirs: [] }, realManifestDeps({ unindentFrom: 0 }), 'default');
  assert.deepEqual(mixed.snapshot.objects.Pod.map((p) => [p.metadata?.name, p.metadata?.labels]), [['p4', { app: 'web' }], ['p5', { app: 'web' }]]);
  const flow = await loadManifests({ files: [join(dir, 'flow.json')], recursive: false, kustomizeDirs: [] }, realManifestDeps({ unindentFrom: 0 }), 'default');
  assert.deepEqual(flow.snapshot.objects.Pod.map((p) => p.metadata?.annotations), [{ note: 'two words' }]);
  const twice = await loadManifests({ files: [join(dir, 'twice.json')], recursive: false, kustomizeDirs: [] }, realManifestDeps({ unindentFrom: 0 }), 'default');
  const secondKind = (texts['twice.json'] as string).split('\n').lastIndexOf('    "kind": "Pod",') + 1;
  assert.ok(twice.problems.some((p) => p.line === secondKind && /twice/.test(p.message)), JSON.stringify(twice.problems));
  const list = await loadManifests({ files: [join(dir, 'list.json')], recursive: false, kustomizeDirs: [] }, realManifestDeps({ unindentFrom: 0 }), 'default');
  assert.ok(list.problems.some((p) => p.line !== null && p.line > 40 && /70000|port/i.test(p.message)), JSON.stringify(list.problems));
});

test('a single target reads as much of an indented file as of the same file read whole: its size is the size as written', async (t) => {
  const dir = tempDir(t);
  const svc = (ns: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  const pod = (ns: string, name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  const items = [svc('a'), svc('b'), ...Array.from({ length: 30 }, (_, i) => pod(i % 2 === 0 ? 'a' : 'b', `p${i}`))];
  const written = `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 4)}\n`;
  const path = join(dir, 'list.json');
  writeFileSync(path, written);
  const read = readManifestText(path, 0);
  assert.ok('text' in read);
  // A scope that reads inputs whole below a size between the unindented text's and the file's.
  const from = Math.floor((read.text.length + written.length) / 2);
  const input = { files: [path], recursive: false, kustomizeDirs: [] };
  const scope = { kind: 'Service' as const, name: 'web', namespace: 'a', from };
  const unindented = await loadManifests(input, realManifestDeps({ unindentFrom: 0 }), 'default', scope);
  const whole = await loadManifests(input, realManifestDeps({ unindentFrom: Infinity }), 'default', scope);
  assert.deepEqual(seen(unindented), seen(whole));
  // Scoped: the other namespace's objects are counted, not read.
  assert.deepEqual([...new Set(unindented.snapshot.objects.Service.map((s) => s.metadata?.namespace))], ['a']);
});

/** Bytes cut into pieces of random sizes (as a pipe delivers them). */
function cut(bytes: Buffer, next: () => number, most: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const to = Math.min(bytes.length, at + 1 + Math.floor(next() * most));
    out.push(Buffer.from(bytes.subarray(at, to)));
    at = to;
  }
  return out;
}

test('standard input in pieces is read as the same bytes in a file are', (t) => {
  const dir = tempDir(t);
  const next = random(5);
  const list = { apiVersion: 'v1', kind: 'List', items: Array.from({ length: 30 }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'a' }, spec: { containers: [{ name: 'c', image: 'x', args: ['-v'] }] } })) };
  const indented = `${JSON.stringify(list, null, 4)}\n`;
  const inputs = [
    Buffer.from(indented),
    Buffer.from(indented.split('\n').join('\r\n')),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(indented)]),
    Buffer.from(`${JSON.stringify(list)}\n`),
    Buffer.from('kind: Pod\nmetadata:\n    name: a\n'),
  ];
  inputs.forEach((bytes, n) => {
    const path = join(dir, `in${n}`);
    writeFileSync(path, bytes);
    const file = readManifestText(path, 0);
    for (const most of [1, 7, 4096, 1 << 20]) {
      const piped = textOfPieces(cut(bytes, next, most), 0);
      assert.ok('text' in file && 'text' in piped);
      assert.equal(piped.text, file.text, `input ${n}, pieces up to ${most}`);
      assert.equal(piped.writtenLength, file.writtenLength, `input ${n}`);
      assert.equal(piped.asWritten?.(), file.asWritten?.(), `input ${n}`);
    }
  });
  const none = textOfPieces([], 0);
  assert.ok('text' in none && none.text === '' && none.asWritten === undefined);
});

test('what standard input says does not depend on its indentation being read or not', async () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p4', namespace: 'a', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
  // JSON, then block YAML whose indentation means something.
  const text = `${JSON.stringify(pod, null, 4)}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n    name: p5\n    namespace: a\n    labels:\n        app: web\nspec:\n    containers:\n    -   name: c\n        image: x\n`;
  const input = { files: ['-'], recursive: false, kustomizeDirs: [] };
  const load = (unindentFrom: number) => loadManifests(input, realManifestDeps({ stdin: Readable.from(cut(Buffer.from(text), random(3), 50)), unindentFrom }), 'default');
  const unindented = await load(0);
  assert.deepEqual(seen(unindented), seen(await load(Infinity)));
  assert.deepEqual(unindented.snapshot.objects.Pod.map((p) => [p.metadata?.name, p.metadata?.labels]), [['p4', { app: 'web' }], ['p5', { app: 'web' }]]);
});
