import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandPath } from '../../../src/sources/manifests/files.ts';
import { fakeDeps } from './fake-deps.ts';

const tree = {
  'app/b.yaml': '',
  'app/a.yml': '',
  'app/c.json': '',
  'app/README.md': '',
  'app/notes.txt': '',
  'app/base/svc.yaml': '',
  'app/base/deep/x.yaml': '',
  'app/Z.yaml': '',
  'single.txt': 'kind: Pod',
};

test('a directory gives its .json/.yaml/.yml files in byte order, without subdirectories', async () => {
  const r = await expandPath('app', false, fakeDeps(tree));
  assert.deepEqual(r.files, ['app/Z.yaml', 'app/a.yml', 'app/b.yaml', 'app/c.json']);
  assert.deepEqual(r.problems, []);
});

test('-R walks subdirectories where they sort, as filepath.Walk does', async () => {
  const r = await expandPath('app/', true, fakeDeps(tree));
  assert.deepEqual(r.files, ['app/Z.yaml', 'app/a.yml', 'app/b.yaml', 'app/base/deep/x.yaml', 'app/base/svc.yaml', 'app/c.json']);
});

test('a file given explicitly is read whatever its extension', async () => {
  assert.deepEqual((await expandPath('single.txt', false, fakeDeps(tree))).files, ['single.txt']);
});

test('a missing path is a problem for the whole source', async () => {
  const r = await expandPath('nope.yaml', false, fakeDeps(tree));
  assert.deepEqual(r.files, []);
  assert.deepEqual(r.problems, [{ source: 'nope.yaml', document: 0, line: null, message: 'the path "nope.yaml" does not exist', hint: null }]);
});

test('a directory without manifests is a problem; the hint suggests -R when it has subdirectories', async () => {
  const deps = fakeDeps({ 'only-sub/base/x.yaml': '', 'docs/README.md': '' });
  const sub = await expandPath('only-sub', false, deps);
  assert.match(sub.problems[0]?.message ?? '', /holds no manifests/);
  assert.match(sub.problems[0]?.hint ?? '', /-R/);
  const docs = await expandPath('docs', false, deps);
  assert.match(docs.problems[0]?.hint ?? '', /\.json, \.yaml, \.yml/);
  assert.deepEqual((await expandPath('only-sub', true, deps)).files, ['only-sub/base/x.yaml']);
});

test('URLs are refused with a hint, unreadable paths are problems', async () => {
  const url = await expandPath('https://example.com/x.yaml', false, fakeDeps({}));
  assert.match(url.problems[0]?.hint ?? '', /download/);
  const denied = await expandPath('secret', false, fakeDeps({}, { unreadable: ['secret'] }));
  assert.match(denied.problems[0]?.message ?? '', /cannot be read: EACCES/);
});
