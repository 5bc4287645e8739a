import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocuments } from '../../../src/sources/manifests/parse.ts';
import { objectsOf } from '../../../src/sources/manifests/list.ts';

test('multi-document YAML: empty documents are skipped but keep their position', () => {
  const text = ['apiVersion: v1', 'kind: Service', 'metadata: {name: a}', '---', '---', '# only a comment', '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: b}', ''].join('\n');
  const { documents, problems } = parseDocuments('f.yaml', text);
  assert.deepEqual(problems, []);
  assert.deepEqual(documents.map((d) => [d.document, d.line, (d.value as { kind: string }).kind]), [[1, 1, 'Service'], [4, 8, 'Pod']]);
});

test('a leading --- does not create an empty first document', () => {
  const { documents } = parseDocuments('f.yaml', '---\napiVersion: v1\nkind: Pod\n');
  assert.equal(documents[0]?.document, 1);
  assert.equal(documents[0]?.line, 2);
});

test('JSON parses as YAML, tabs included', () => {
  const { documents, problems } = parseDocuments('x.json', '{\n\t"apiVersion": "v1",\n\t"kind": "Service",\n\t"metadata": {"name": "s"}\n}\n');
  assert.deepEqual(problems, []);
  assert.deepEqual(documents[0]?.value, { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } });
});

test('scalars resolve as kubectl (go-yaml v2, YAML 1.1) resolves them, timestamps stay strings', () => {
  const { documents } = parseDocuments('f.yaml', 'a: yes\nb: on\nc: "yes"\nd: 0755\nt: 2026-03-02T09:14:01Z\nhm: 12:30\n');
  assert.deepEqual(documents[0]?.value, { a: true, b: true, c: 'yes', d: 493, t: '2026-03-02T09:14:01Z', hm: '12:30' });
});

test('a YAML syntax error is a problem with its line; the other documents still parse', () => {
  const text = ['kind: A', '---', 'kind: B', 'spec:', '  ports: [80, 443', 'x: 1', '---', 'kind: C', ''].join('\n');
  const { documents, problems } = parseDocuments('bad.yaml', text);
  assert.deepEqual(documents.map((d) => (d.value as { kind: string }).kind), ['A', 'C']);
  assert.equal(problems.length, 1);
  const [p] = problems;
  assert.equal(p?.source, 'bad.yaml');
  assert.equal(p?.document, 2);
  assert.ok(p?.line === 5 || p?.line === 6, `line ${p?.line}`); // the unclosed [ or where the parser noticed it
  assert.match(p?.message ?? '', /^YAML syntax: /);
  assert.doesNotMatch(p?.message ?? '', /at line \d+/);
});

test('duplicate keys and tab indentation are errors with a hint', () => {
  const dup = parseDocuments('d.yaml', 'kind: A\nkind: B\n').problems[0];
  assert.equal(dup?.line, 2);
  assert.match(dup?.hint ?? '', /twice/);
  const tab = parseDocuments('t.yaml', 'a:\n\tb: 1\n').problems[0];
  assert.ok(tab);
  assert.equal(tab.line, 2);
});

test('a scalar or a sequence document is not an object', () => {
  const { documents, problems } = parseDocuments('s.yaml', 'just a string\n---\n- a\n- b\n');
  assert.equal(documents.length, 0);
  assert.deepEqual(problems.map((p) => [p.document, p.line]), [[1, 1], [2, 3]]);
  assert.match(problems[0]?.message ?? '', /not a Kubernetes object/);
});

test('kind: List is flattened, items keep their own line', () => {
  const text = ['apiVersion: v1', 'kind: List', 'items:', '  - apiVersion: v1', '    kind: Service', '    metadata: {name: a}', '  - apiVersion: apps/v1', '    kind: Deployment', '    metadata: {name: b}', ''].join('\n');
  const [doc] = parseDocuments('l.yaml', text).documents;
  const objects = objectsOf(doc!);
  assert.deepEqual(objects.map((o) => [(o.value as { kind: string }).kind, o.document, o.line]), [['Service', 1, 4], ['Deployment', 1, 7]]);
});

test('typed lists give kind and apiVersion to items that lack both; nested lists flatten', () => {
  const value = {
    apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'p' } }, { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }] },
      { metadata: { name: 'orphan-item' } },
    ],
  };
  const objects = objectsOf({ source: '-', document: 1, line: 1, value, itemLines: null });
  assert.deepEqual(objects.map((o) => o.value), [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } },
    { metadata: { name: 'orphan-item' } }, // kind: List gives no item kind
  ]);
});

test('an object that merely ends in List without items is not a list', () => {
  const value = { apiVersion: 'example.com/v1', kind: 'AllowList', spec: {} };
  assert.deepEqual(objectsOf({ source: 'f', document: 1, line: 1, value, itemLines: null }).map((o) => o.value), [value]);
});

test('plain floats as go-yaml v2 reads them: `.`, `+.`, `e5` and `._` stay strings; `1.`, `.5`, `1_0.5`, `1e5`, .nan and .inf are numbers', () => {
  const text = 'a: .\nb: +.\nc: e5\nk: ._\nd: 1.\ne: .5\nf: 1_0.5\nh: 1e5\nj: 0.5e-3\ng: .nan\ni: -.inf\n';
  for (const t of [text, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n${text.split('\n').filter(Boolean).map((l) => `    ${l}`).join('\n')}\n`]) {
    const { documents, problems } = parseDocuments('f.yaml', t);
    assert.deepEqual(problems, []);
    const v = documents[0]?.value as Record<string, unknown>;
    const values = (v.metadata ? (v.metadata as { labels: Record<string, unknown> }).labels : v);
    assert.deepEqual({ ...values, g: String(values.g), i: String(values.i) }, { a: '.', b: '+.', c: 'e5', k: '._', d: 1, e: 0.5, f: 10.5, h: 100000, j: 0.0005, g: 'NaN', i: '-Infinity' });
  }
});

test('CRLF line ends read as the YAML reader reads them: values, lines, problems; block, folded and quoted scalars', async () => {
  const { parseYaml } = await import('../../../src/sources/manifests/parse.ts');
  const lf = [
    'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: a', '  annotations:', '    note: "two', '      lines"', 'data:', '  script: |', '    echo one', '', '    echo two', '  folded: >-', '    a', '    b', '---',
    '{"apiVersion": "v1",', ' "kind": "Pod", "metadata": {"name": "b"}}', '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: c', '',
  ].join('\n');
  const crlf = lf.replaceAll('\n', '\r\n');
  const shape = (p: ReturnType<typeof parseDocuments>) => ({ documents: p.documents.map((d) => [d.document, d.line, d.value]), problems: p.problems.map((x) => [x.document, x.line, x.message]) });
  const fromReader = shape(parseYaml('f.yaml', crlf));
  assert.deepEqual(shape(parseDocuments('f.yaml', crlf)), fromReader);
  assert.deepEqual(shape(parseDocuments('f.yaml', lf)), fromReader);
  assert.equal((fromReader.documents[0]?.[2] as { data: { script: string } }).data.script, 'echo one\n\necho two\n', 'a block scalar holds LF');
  assert.equal(fromReader.problems.length, 1, 'the unclosed flow mapping');
});
