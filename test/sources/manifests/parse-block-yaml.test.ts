// The block YAML fast path reads what it accepts exactly as the YAML reader does (values,
// document numbers, lines, List item lines), and hands back anything it cannot vouch for.
// Compared on hand-picked texts and on random documents written by the YAML library in
// many styles, then roughened (comments, blank lines, trailing spaces, empty documents).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Document, isPair, isScalar, stringify, visit, type DocumentOptions, type ToStringOptions } from 'yaml';
import { parseBlockDocuments } from '../../../src/sources/manifests/parse-block-yaml.ts';
import { LEFT_OUT, Later, type Keep } from '../../../src/sources/manifests/parse-json.ts';
import { MAX_ENTRIES, parseDocuments, parseYaml, plainScalar, readAlone } from '../../../src/sources/manifests/parse.ts';
import { fuzzParams } from '../../fuzz/params.ts';
import { headKeep, headOf, often } from './heads.ts';

const fast = (text: string) => parseBlockDocuments(text, plainScalar, MAX_ENTRIES);

/** The fast path's answer is the YAML reader's, when it gives one; true when it gave one. */
function sameAsReader(text: string): boolean {
  const got = fast(text);
  if (got === null) return false;
  const want = parseYaml('in.yaml', text);
  const label = JSON.stringify(text);
  assert.deepEqual(want.problems, [], `the YAML reader finds no problem in ${label}`);
  assert.deepEqual(got.map((d) => ({ document: d.document, line: d.line, value: d.value, itemLines: d.itemLines })),
    want.documents.map((d) => ({ document: d.document, line: d.line, value: d.value, itemLines: d.itemLines })), label);
  return true;
}

const SAME = [
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app.kubernetes.io/name: web\n',
  '---\n# Source: chart/templates/svc.yaml\napiVersion: v1\nkind: Service\nspec:\n  ports:\n  - port: 80\n    targetPort: http\n  -   name: b\n      port: 81\n',
  'a: 1\n---\n---\nb: 2\n---\n',
  '# lead\n\nkind: List\nitems:\n- kind: Pod\n-\n  kind: Service\n- 3\n- s\n',
  'kind: List\nitems: []\nx: {}\n',
  'a: "x \\"q\\" \\\\ \\n \\t"\nb: \'it\'\'s\'\nc: ""\nd: \'\'\n"e f": 1\n\'g\': 2\n',
  'num: 0\nm: -1\no: 0755\nh: 0x1F\nf: 1.5\ne: 1e3\nu: 1_000\ni: .inf\nnan: .nan\nnil: ~\nnul: null\nt: true\nyes_: yes\nno_: No\noff_: OFF\nts: 2026-03-01T12:00:00Z\nsx: 1:20\nip: 10.0.0.1\nneg: -x\nsp: a  b\n',
  'script: |\n  echo a\n    indented\n\n  # not a comment\n  last\nafter: 1\n',
  'keep: |+\n  a\n\n\nnext: 1\nstrip: |-\n  b\n\nclip: |\n  c\n\n',
  'list:\n  - |\n    x\n  - y\n',
  'labels: &l\n  app: a\nspec:\n  template:\n    metadata:\n      labels: *l\n  selector:\n    matchLabels: *l\n',
  'x:\n  # inside\n  k: 1\n  # trailing\nz: 2\n',
  'a:   \n  b: c   \n',
  'k: a[0],{b}\n',
  // Flow collections on one line, as hand-written manifests and older YAML writers have them.
  'a: {b: 1}\nc: [1, 2]\n',
  'metadata: {name: web, labels: {app: web, tier: front}}\nspec:\n  ports: [{port: 80, targetPort: http}, {port: 443}]\n  args: ["--port", \'8080\', -v, yes, on, ~, null, 0755, 1.5, a b]\n',
  'list:\n- [a, [b, []], {}]\n- {"q k": "v \\" q", \'s\': \'it\'\'s\', x_y.z/w: -1}\n-   { a : b }\n',
  'kind: List\nitems: [{kind: Pod}, {kind: Service}]\n',
  'c: {t: 2026-01-01T00:00:05Z, image: "r/x:1", i: r/x:1, u: http://x/y?q=a#f, s: 12:30, h: a#b}\nd: [a:b]\n',
  'a: 1 # note\nb: "x #y"  # note\nc: \'it\'\'s\' #\nd: [e, "f #"] # g\nh: i#j\nk: *l #m\n'.replace('*l #m', 'x #m'),
  // Managed fields, as kubectl get -o yaml --show-managed-fields writes them: keys of other characters.
  'metadata:\n  managedFields:\n  - fieldsV1:\n      f:metadata:\n        f:labels:\n          .: {}\n          f:app: {}\n      f:status:\n        k:{"type":"Ready"}:\n          .: {}\n    manager: kubelet\n  é: 1\n  a#b: 2\n  a:: 3\n  http://x: 4\n',
  '--- # Source: chart/templates/a.yaml\na: 1\n---   # two\n--- #\nb: 2\n',
  'script: | # the script\n  echo # not a comment\nlist:\n- a # first\n- b: c # compact\n',
  'labels: &l { app: a, tier: [x] }\nspec:\n  selector:\n    matchLabels: *l\n  other: *l\n',
  // Plain keys at their edges (read in place: `_` or a letter first, then letters, digits, `_ . / -`), and plain words as values.
  '_a: 1\nA/b.c_d-e:    v\nZ9: a:b\nk-: ~x\nv: Yes\nw: a\u00e9\nx: a~b!\nyy:\n  z.: {}\nq: ON\nr: a-\ns: n\nt: nO\n',
];

test('block YAML: the same values, document numbers, lines and item lines as the YAML reader', () => {
  for (const text of SAME) assert.ok(sameAsReader(text), `fast path taken for ${JSON.stringify(text)}`);
});

test('anything outside plain block YAML goes to the YAML reader', () => {
  const cases: [string, string][] = [
    ['a: 1\na: 2\n', 'a duplicate key: the YAML reader reports it'],
    ['a: b:\n', 'a plain word ending with a colon'],
    ['<<: {a: 1}\n', 'a merge key'],
    ['a: {b: 1,\n  c: 2}\n', 'a flow mapping over two lines'],
    ['a: [1, 2,\n  3]\n', 'a flow sequence over two lines'],
    ['a: [1, 2,]\n', 'a trailing comma'],
    ['a: [1, , 2]\n', 'an empty entry'],
    ['a: {b}\n', 'a key without a value'],
    ['a: {b:1}\n', 'a colon without a space'],
    ['a: {"b":1}\n', 'a quoted key and a colon without a space'],
    ['a: [b: c]\n', 'a pair in a sequence'],
    ['a: [b:, c]\n', 'a colon before a comma in a flow'],
    ['a: {b: c:}\n', 'a colon before the closing bracket'],
    ['a: [b #c]\n', 'a comment in a flow'],
    ['a: [&x b, *x]\n', 'an anchor and an alias in a flow'],
    ['a: [!!str 1]\n', 'a tag in a flow'],
    ['a: &x {b: 1}\nc: &x {d: 2}\n', 'an anchor named twice'],
    ['a: &x b\n', 'an anchored scalar'],
    ['a: {yes: 1}\n', 'a key YAML 1.1 reads as a boolean, in a flow'],
    ['a: {b: 1, b: 2}\n', 'a duplicate key in a flow'],
    ['a: {<<: {b: 1}}\n', 'a merge key in a flow'],
    ['a: [b] c\n', 'text after a flow'],
    ['a: [1, 2\n', 'a flow left open'],
    [`a: ${'['.repeat(100)}${']'.repeat(100)}\n`, 'a flow nested too deep'],
    ['a: "x"# note\n', 'a comment right after a quote'],
    ['a: [x]# note\n', 'a comment right after a flow'],
    ['a: # note\n  b: 1\n', 'a comment after a key alone'],
    ['- # note\n  a\n', 'a comment after a dash alone'],
    ['a: !!str 1\n', 'a tag'],
    ['a: &x 1\nb: *x\n', 'an anchor on a scalar'],
    ['a: *x\n', 'an alias to nothing'],
    ['a: >\n  folded\n', 'a folded scalar'],
    ['a: |2\n    x\n', 'an indentation indicator'],
    ['a: long\n  continued\n', 'a multi-line plain scalar'],
    ['a: "open\n  close"\n', 'a multi-line quoted scalar'],
    ['%YAML 1.1\n---\na: 1\n', 'a directive'],
    ['--- a: 1\n', 'content on the separator line'],
    ['---# a\na: 1\n', 'a comment right after the separator'],
    ['a: 1\n...\nb: 2\n', 'a document end without a separator after it'],
    ['a: 1\n...\n...\n---\nb: 2\n', 'two document ends (the second counts an empty document)'],
    ['a: 1\n...x\n', 'three dots that are no document end'],
    ['a:\r\n  b: 1\r\n', 'carriage returns'],
    ['a:\n\tb: 1\n', 'a tab'],
    ['- a\n- b\n', 'a document that is a sequence'],
    ['just text\n', 'a document that is a scalar'],
    ['on: 1\n', 'a key YAML 1.1 reads as a boolean'],
    ['1: a\n', 'a key YAML reads as a number'],
    ['.inf: a\n', 'a key YAML reads as infinity'],
    ['~: a\n', 'a key YAML reads as null'],
    ['-x: a\n', 'a key starting with a dash'],
    ['__proto__: 1\n', 'a __proto__ key'],
    ['a: b: c\n', 'a nested compact mapping (an error)'],
    ['a:\n  b: 1\n c: 2\n', 'a bad indentation'],
    ['a: "\\x41"\n', 'a YAML-only escape'],
    ['a: "\\u00e9"\n', 'a unicode escape'],
    ['a:\n- - x\n', 'a compact nested sequence'],
    ['a:\n-\n- b\n', 'an empty item'],
    ['? a\n: b\n', 'an explicit key'],
  ];
  for (const [text, why] of cases) assert.equal(fast(text), null, why);
});

test('documents ended by `...` (PyYAML\'s explicit_end) are read by the fast path, numbered and placed as the YAML reader places them', () => {
  const texts = [
    'a: 1\n...\n---\nb: 2\n...\n',
    '---\na: 1\n...\n---\nb: 2\n...\n',
    'a: 1\n... # end\n\n# between\n---\nb: |\n  x\n...\n',
    '---\n...\n---\nb: 2\n',
    'a: 1\n...',
  ];
  for (const text of texts) {
    const got = fast(text);
    assert.ok(got, JSON.stringify(text));
    const want = parseYaml('in.yaml', text).documents.map((d) => [d.document, d.line, d.value]);
    assert.deepEqual(got.filter((d) => d.value !== null).map((d) => [d.document, d.line, d.value]), want, JSON.stringify(text));
  }
});

test('parseDocuments takes the fast path for block YAML and reports YAML problems as before', () => {
  const ok = parseDocuments('in.yaml', 'kind: Pod\nmetadata:\n  name: a\n---\nkind: Service\nmetadata:\n  name: b\n');
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.documents.map((d) => [d.document, d.line, (d.value as { kind: string }).kind, d.unshared]), [[1, 1, 'Pod', true], [2, 5, 'Service', true]]);
  assert.equal(ok.documents[0]?.lineOf?.(['metadata', 'name']), 3, 'field lines still come from the YAML reader');
  const shared = parseDocuments('in.yaml', 'kind: Pod\nmetadata:\n  labels: &l\n    a: b\n  annotations: *l\n');
  assert.equal(shared.documents[0]?.unshared, false, 'an alias shares a value: the loader copies it before normalising');
  const dup = parseDocuments('in.yaml', 'kind: Pod\nkind: Service\n');
  assert.equal(dup.documents.length, 0);
  assert.equal(dup.problems.length, 1, 'the duplicate key is reported by the YAML reader');
});

// ------------------------------------------------------------------- random documents

const SCALARS = ['yes', 'No', 'y', 'n', 'on', 'OFF', '~', 'null', 'Null', 'true', 'False', '0', '00', '0755', '0x1F', '0b101', '1_000', '1e3', '-1.5', '.5', '+1',
  '.inf', '-.Inf', '.NaN', '12:30', '1:20:30', '2026-03-01', '2026-03-01T12:00:00Z', '10.0.0.1', 'a: b', 'a #b', '#c', '-', '- a', '-x', '?x', ':x', '', ' lead',
  'trail ', 'multi\nline', 'two\n\nlines\n', 'end\n\n', 'quote"s', "it's", 'back\\slash', 'é', '日本', '[a]', '{a}', '*a', '&a', '!t', '|', '>', '%x', '@x', '`x',
  'a,b', 'a]b', 'x:y', 'http://a/b?c=d#e', 'app-0000', 'registry.example/app:1', '10m', '64Mi', '---', '...', '<<', '='];
const KEYS = ['a', 'b', 'name', 'items', 'on', 'yes', 'y', 'app.kubernetes.io/name', 'a b', '1', '-x', '<<', '', 'k:v', 'é', 'null', '~', '"q"', "'s'", '#h', 'x-y_z'];

const FRIENDLY_SCALARS = ['app-0000', 'registry.example/app:1', '10m', '64Mi', 'yes', 'No', 'true', '0', '0755', '1.5', '10.0.0.1', '2026-03-01T12:00:00Z', '-x',
  'a  b', 'two words', 'multi\nline\n', 'end\n\n', "it's", 'quote"s', 'é', 'http://a/b?c=d#e', '~', 'null', '.inf', '1_000', 'x:y'];
const FRIENDLY_KEYS = ['a', 'b', 'name', 'items', 'app.kubernetes.io/name', 'x-y_z', 'metadata', 'labels', 'spec', 'port', 'a b', 'é'];

/** Documents of either kind: hostile (anything) or friendly (what manifests hold, so the fast path answers often). */
function documents(scalars: string[], keys: string[]) {
  const scalar = fc.oneof(fc.constantFrom(...scalars), fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null),
    ...(scalars === SCALARS ? [fc.string({ maxLength: 12 })] : []));
  const key = scalars === SCALARS ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 })) : fc.constantFrom(...keys);
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), tie('seq')),
    map: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
    seq: fc.array(tie('node'), { maxLength: 4 }),
  })).node;
  return fc.tuple(fc.dictionary(fc.constantFrom(...keys), value, { minKeys: 1, maxKeys: 5 }), fc.boolean()).map(([m, share]) => {
    // Share one object twice so the writer uses an anchor and an alias.
    if (share) {
      const inner = { app: 'web', tier: 'front' };
      return { ...m, labels: inner, spec: { template: { metadata: { labels: inner } } } };
    }
    return m;
  });
}
const style = fc.record({
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20, 80),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL'>,
  version: fc.constantFrom('1.1', '1.2') as fc.Arbitrary<'1.1' | '1.2'>,
});
/** Collections written in flow style: none, those holding only scalars (as PyYAML's default and many hand-written files have them), or all but the document. */
const flows = fc.constantFrom('none', 'leaf', 'all') as fc.Arbitrary<'none' | 'leaf' | 'all'>;

function written(v: unknown, s: DocumentOptions & ToStringOptions, flow: 'none' | 'leaf' | 'all'): string {
  if (flow === 'none') return stringify(v, s);
  const doc = new Document(v, s);
  const scalarsOnly = (items: unknown[]) => items.every((i) => isScalar(i) || (isPair(i) && isScalar(i.value)));
  visit(doc, {
    Map(_, node) {
      if (node !== doc.contents && (flow === 'all' || scalarsOnly(node.items))) node.flow = true;
    },
    Seq(_, node) {
      if (node !== doc.contents && (flow === 'all' || scalarsOnly(node.items))) node.flow = true;
    },
  });
  return doc.toString(s);
}

const rough = fc.array(fc.constantFrom('none', 'comment', 'blank', 'spaces', 'deepComment', 'trailing'), { maxLength: 6 });

function roughen(text: string, edits: string[], seed: number): string {
  const lines = text.split('\n');
  edits.forEach((e, k) => {
    const at = (seed + k * 7919) % (lines.length + 1);
    if (e === 'comment') lines.splice(at, 0, '# note');
    else if (e === 'blank') lines.splice(at, 0, '');
    else if (e === 'deepComment') lines.splice(at, 0, '      # deeper note');
    else if (e === 'spaces' && at < lines.length) lines[at] = `${lines[at]}  `;
    else if (e === 'tabComment') lines.splice(at, 0, '#\ttabbed note');
    else if (e === 'trailing' && at < lines.length) lines[at] = `${lines[at]}  # note`;
    else if (e === 'tab' && at < lines.length) lines[at] = `${lines[at]}\t`;
  });
  return lines.join('\n');
}

for (const [name, scalars, keys, least] of [['hostile', SCALARS, KEYS, 0], ['manifest-like', FRIENDLY_SCALARS, FRIENDLY_KEYS, 0.1]] as const) {
  test(`random ${name} documents in many styles: where the fast path answers, it answers as the YAML reader`, () => {
    let taken = 0;
    let runs = 0;
    let flowTaken = 0;
    fc.assert(fc.property(fc.array(fc.tuple(documents([...scalars], [...keys]), style, flows), { minLength: 1, maxLength: 3 }), rough, fc.nat(), fc.boolean(), fc.boolean(), (docs, edits, seed, leading, ends) => {
      runs++;
      const texts = docs.map(([v, s, flow]) => written(v, s, flow));
      // ends: each document ended by `...`, as PyYAML's explicit_end writes them.
      const text = roughen(`${leading ? '---\n' : ''}${texts.join(ends ? '...\n---\n' : '---\n')}${ends ? '...\n' : ''}`, edits, seed);
      if (sameAsReader(text)) {
        taken++;
        if (/: [[{][^\]}]/.test(text)) flowTaken++;
      }
    }), fuzzParams(300));
    // The comparison means something only if the fast path answered often.
    assert.ok(taken >= runs * least, `the fast path answered ${taken} of ${runs} texts`);
    // Two texts in three are written with flow collections; many of those it leaves to the reader (a flow over lines, a colon in a value).
    assert.ok(flowTaken >= runs * least * 0.15, `the fast path answered ${flowTaken} texts with flow collections`);
  });
}

test('a scoped read leaves out unread the block documents whose head places them elsewhere; the rest are read as before', () => {
  const docs = [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: x\n',
    '# a comment\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    namespace: x\n  namespace: "other"\nspec:\n  template:\n    metadata:\n      namespace: x\n',
    'kind: Service\napiVersion: v1\nmetadata:\n  name: c\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  namespace: other\nspec: !!map {a: b}\n',
  ];
  const text = docs.join('---\n');
  const { keep, heads } = headKeep('x');
  const apart = parseBlockDocuments(text, plainScalar, MAX_ENTRIES, keep) ?? [];
  const whole = parseBlockDocuments(docs.slice(0, 3).join('---\n'), plainScalar, MAX_ENTRIES) ?? [];
  assert.deepEqual(heads.map((h) => h.namespace), ['x', 'other', null, 'other']);
  assert.deepEqual(apart.map((d) => [d.document, d.line, d.value === LEFT_OUT]), [[1, 1, false], [2, 8, true], [3, 19, false], [4, 24, true]]);
  assert.deepEqual([apart[0]?.value, apart[2]?.value], [whole[0]?.value, whole[2]?.value]);
  // The fourth document's tag would send the whole text to the YAML reader; left out unread, it does not.
  assert.equal(parseBlockDocuments(text, plainScalar, MAX_ENTRIES), null);
});

test('a block document\'s head is read from its lines only when they alone say it', () => {
  const head = (body: string) => {
    const { keep, heads } = headKeep('x');
    parseBlockDocuments(`apiVersion: v1\nkind: Pod\n${body}`, plainScalar, MAX_ENTRIES, keep);
    return heads;
  };
  const refused: [string, string][] = [
    ['metadata:\n  <<: {namespace: x}\n', 'a merge key'],
    ['metadata:\n  "name\\x73pace": other\n', 'a quoted key with an escape'],
    ['metadata: {namespace: y}\n', 'a flow mapping'],
    ['metadata:\n  namespace: !!str y\n', 'a tag'],
    ['metadata:\n  namespace: y # prod\n', 'a trailing comment'],
    ['metadata:\n  namespace: yes\n', 'a word YAML 1.1 reads as a boolean'],
    ['metadata:\n  namespace: 5\n', 'a number'],
    ['metadata:\n  namespace:\n    a: b\n', 'a mapping'],
    ['metadata:\n  name: "a\n  namespace: other\n  c: d"\n', 'a quoted scalar that goes on to the next line'],
    ['metadata:\n  labels: {a: b,\n  namespace: other,\n  c: d}\n', 'a flow mapping that goes on to the next line'],
    ['? metadata\n: {namespace: y}\n', 'a complex key'],
    ['metadata: &m\n  namespace: y\n', 'an anchor on metadata'],
  ];
  for (const [body, why] of refused) assert.deepEqual(head(body), [], why);
  assert.deepEqual(head('metadata:\n  name: a\n    b\n  namespace: \'y\'\n').map((h) => h.namespace), ['y'], 'a plain scalar going on, more indented, is not a key');
  assert.deepEqual(head('metadata:\n- namespace: other\n').map((h) => h.namespace), [null], 'metadata a sequence (not a mapping): the default namespace');
  assert.deepEqual(head('"metadata":\n  "name": a\n  \'namespace\': "other"\n').map((h) => [h.kind, h.namespace, h.name]), [['Pod', 'other', 'a']], 'quoted keys (JSON turned into YAML)');
  assert.deepEqual(head('metadata:\n  namespace: y\n'), [], 'y is a boolean in YAML 1.1');
  assert.deepEqual(head('metadata:\n  namespace: ~\n').map((h) => h.namespace), [null], 'YAML null: the default namespace');
  assert.deepEqual(head('spec: {}\n').map((h) => h.namespace), [null], 'no metadata: the default namespace');
  assert.deepEqual(head('metadata:\n  ownerReferences:\n  - namespace: other\n    name: o\n  finalizers:\n  - a\n  namespace: x\n').map((h) => h.namespace), ['x'],
    'a sequence written at the keys\' column (as kubectl writes one) is a value, not keys');
});

test('random block documents: a head read from the lines places the document as the YAML reader reads it', () => {
  const scalar = fc.oneof(fc.constantFrom('x', 'y', '', 'yes', 'a b', 'a: b', '#c', "it's", '"q"', 'x\ny'), fc.integer(), fc.boolean(), fc.constant(null));
  const meta = often(fc.record({
    name: scalar, namespace: often(fc.constantFrom('x', 'other', 'z'), scalar), labels: fc.dictionary(fc.constantFrom('namespace', 'kind'), scalar),
    ownerReferences: fc.array(fc.record({ namespace: scalar, name: scalar }, { requiredKeys: [] }), { maxLength: 2 }), finalizers: fc.array(scalar, { maxLength: 2 }),
  }, { requiredKeys: [] }), scalar);
  const doc = fc.record({
    apiVersion: often(fc.constantFrom('v1', 'apps/v1'), scalar), kind: often(fc.constantFrom('Pod', 'Deployment'), scalar), metadata: meta,
    spec: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ metadata: meta, namespace: scalar })),
  }, { requiredKeys: [] });
  const style = fc.record({ indent: fc.integer({ min: 1, max: 4 }), indentSeq: fc.boolean(), lineWidth: fc.constantFrom(0, 20, 80), defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'> });
  let compared = 0;
  let elsewhere = 0;
  fc.assert(fc.property(doc, style, fc.constantFrom('none', 'comment', 'merge', 'trailing', 'quoted'), (d, st, m) => {
    let text = stringify(d, { ...st, version: '1.1' });
    if (m === 'quoted') text = text.replace(/^( *(?:- )*)([A-Za-z_]\w*):/gm, (_, lead: string, key: string) => `${lead}${key.length % 2 ? `"${key}"` : `'${key}'`}:`);
    if (m === 'comment') text = `# "namespace": y\n${text.replace('\n', '\n  # namespace: y\n')}`;
    if (m === 'trailing') text = text.replaceAll('\n', '  # namespace: y\n');
    if (m === 'merge') text = text.replace('metadata:\n', 'metadata:\n  <<: {namespace: y}\n');
    const { keep, heads } = headKeep('x');
    parseBlockDocuments(text, plainScalar, MAX_ENTRIES, keep);
    if (heads.length === 0) return;
    const read = parseYaml('in.yaml', text);
    if (read.problems.length > 0) return; // not a manifest either way
    const want = headOf(read.documents[0]?.value);
    assert.deepEqual(heads[0], want, text);
    compared++;
    if (want.namespace !== null && want.namespace !== 'x') elsewhere++;
  }), fuzzParams(1000));
  if ((process.env.WHOSELECTS_FUZZ_RUNS ?? '1000') === '1000') assert.ok(compared > 50 && elsewhere > 10, `heads compared with the YAML reader: ${compared}, ${elsewhere} placed elsewhere`);
});

/** A scoped read's keep that leaves pods of `x` (or of the default namespace) for later, as a target that picks its pods does. */
function laterKeep() {
  const inside = (ns: unknown) => typeof ns !== 'string' || ns === '' || ns === 'x';
  const keep: Keep = (item) => {
    const meta = item !== null && typeof item === 'object' ? (item as { metadata?: unknown }).metadata : undefined;
    return inside(meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? (meta as { namespace?: unknown }).namespace : undefined);
  };
  keep.head = (h) => (!inside(h.namespace) ? false : h.kind === 'Pod' ? 'later' : true);
  return keep;
}

test('a large block List read for a scoped read answers each item from its head where its lines say it, as kubectl writes one or indented', () => {
  const items = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x', labels: { app: 'web' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'r' }] }, spec: { containers: [{ name: 'c', args: ['--x'] }] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'other' }, spec: { note: 'line\nbreak' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'x' }, spec: { selector: { app: 'web' } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'q', namespace: 'other', annotations: { a: 'x' } } },
    { metadata: { name: 'kindless', namespace: 'x' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'n', namespace: 5 } },
    7,
  ];
  for (const indentSeq of [false, true]) {
    const text = `# a dump\n${stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, { indentSeq, lineWidth: 0, version: '1.1' })}`;
    const [whole] = parseBlockDocuments(text, plainScalar, MAX_ENTRIES) ?? [];
    const [doc] = parseBlockDocuments(text, plainScalar, MAX_ENTRIES, laterKeep(), 0) ?? [];
    const got = (doc?.value as { items: unknown[] }).items;
    const want = (whole?.value as { items: unknown[] }).items;
    assert.ok(got[0] instanceof Later, 'a pod of x: left for later');
    assert.deepEqual(got[0].read(), { value: want[0], unshared: true });
    assert.equal(got[1], LEFT_OUT, 'a pod of y: left out');
    assert.equal(got[3], LEFT_OUT);
    assert.deepEqual([got[2], got[4], got[5], got[6]], [want[2], want[4], want[5], want[6]], 'the rest as the whole read has it');
    assert.deepEqual([doc?.line, doc?.itemLines], [whole?.line, whole?.itemLines], `indentSeq ${indentSeq}`);
    assert.deepEqual({ ...(doc?.value as object), items: null }, { ...(whole?.value as object), items: null });
    // Small, it is read whole; without heads, every item is read, alone when large.
    assert.deepEqual(parseBlockDocuments(text, plainScalar, MAX_ENTRIES, laterKeep())?.[0]?.value, whole?.value);
    assert.deepEqual(parseBlockDocuments(text, plainScalar, MAX_ENTRIES, undefined, 0), parseBlockDocuments(text, plainScalar, MAX_ENTRIES));
  }
});

test('a large block List read item by item without a scope gives what the whole read gives; an item the reader refuses alone sends it to be read whole', () => {
  const shared = 'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: &m\n    name: s\n    namespace: x\n- apiVersion: v1\n  kind: Service\n  metadata: *m\n-\n  kind: Pod\n- 7\nkind: List\n';
  const whole = parseBlockDocuments(shared, plainScalar, MAX_ENTRIES);
  assert.ok(whole && whole[0]?.shared, 'an alias from one item to another: read whole, shared');
  assert.deepEqual(parseBlockDocuments(shared, plainScalar, MAX_ENTRIES, undefined, 0), whole);
  const own = shared.replace('metadata: *m', 'metadata: &n\n    name: t\n  spec:\n    selector: *n');
  const apart = parseBlockDocuments(own, plainScalar, MAX_ENTRIES, undefined, 0);
  assert.deepEqual(apart, parseBlockDocuments(own, plainScalar, MAX_ENTRIES));
  assert.equal(apart?.[0]?.shared, true, 'an alias inside one item still marks the document shared');
  assert.deepEqual(apart?.[0]?.itemLines, [3, 8, 15, 16], 'an item on the line after its `-` is read where it stands (its line that one)');
});

test('a block List read item by item: an item left out is not checked; one left for later is, its reader refusing what it cannot vouch for', () => {
  const list = (item: string) => `apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n    namespace: x\n${item}kind: List\n`;
  const keep = laterKeep();
  const elsewhere = parseBlockDocuments(list('- apiVersion: v1\n  kind: Pod\n  metadata:\n    namespace: other\n  spec: !!map {a: b}\n'), plainScalar, MAX_ENTRIES, keep, 0);
  assert.ok(elsewhere, 'a tag in an item placed elsewhere: never read');
  const [doc] = parseBlockDocuments(list('- apiVersion: v1\n  kind: Pod\n  metadata:\n    namespace: x\n  spec: !!map {a: b}\n'), plainScalar, MAX_ENTRIES, keep, 0) ?? [];
  const later = (doc?.value as { items: unknown[] }).items[1];
  assert.ok(later instanceof Later);
  assert.deepEqual(later.read(), { problems: [] }, 'refused when read: the YAML reader answers instead (parseDocuments sets it)');
  assert.equal(parseBlockDocuments(list('- apiVersion: v1\n  kind: Service\n  metadata:\n    namespace: x\n  spec: !!map {a: b}\n'), plainScalar, MAX_ENTRIES, keep, 0), null, 'kept: read and refused');
});

test('random block Lists read item by item: each item as the whole read has it, left out or for later only as its head says', () => {
  // Mostly what the fast reader takes (plain words, kubectl's layouts), some of what it does not.
  const odd = fc.oneof(fc.constantFrom('', 'yes', 'a: b', '#c', "it's", '"q"', 'x\ny', '- z'), fc.integer(), fc.boolean(), fc.constant(null));
  const scalar = often(fc.constantFrom('x', 'other', 'v1', 'Pod', 'a b', 'web-1'), odd);
  const meta = often(fc.record({
    name: scalar, namespace: often(fc.constantFrom('x', 'x', 'other', 'z'), scalar), labels: fc.dictionary(fc.constantFrom('namespace', 'kind', 'app'), scalar),
    ownerReferences: fc.array(fc.record({ namespace: scalar, name: scalar }, { requiredKeys: [] }), { maxLength: 2 }),
  }, { requiredKeys: [] }), scalar);
  const spec = fc.oneof(fc.dictionary(fc.constantFrom('a', 'b', 'namespace'), fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }))), fc.jsonValue({ maxDepth: 2 }));
  const item = fc.oneof(
    { arbitrary: fc.record({ apiVersion: often(fc.constantFrom('v1', 'apps/v1'), scalar), kind: often(fc.constantFrom('Pod', 'Pod', 'Service'), scalar), metadata: meta, spec }, { requiredKeys: [] }), weight: 8 },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  );
  const style = fc.record({ indent: fc.integer({ min: 1, max: 4 }), indentSeq: fc.boolean(), lineWidth: fc.constantFrom(0, 0, 80), defaultStringType: fc.constantFrom('PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'> });
  let lefts = 0;
  let laters = 0;
  fc.assert(fc.property(fc.array(item, { maxLength: 6 }), style, (items, st) => {
    const text = stringify({ apiVersion: 'v1', items, kind: 'List' }, { ...st, version: '1.1' });
    const wholeRead = parseYaml('in.yaml', text);
    const whole = parseBlockDocuments(text, plainScalar, MAX_ENTRIES);
    const apart = parseBlockDocuments(text, plainScalar, MAX_ENTRIES, laterKeep(), 0);
    // Read item by item, each alone, without a scope: what the whole read gives, values, lines and all.
    assert.deepEqual(parseBlockDocuments(text, plainScalar, MAX_ENTRIES, undefined, 0), whole, text);
    // (The whole read hands to the YAML reader what it cannot vouch for; an item left out is not read.)
    if (!whole || wholeRead.problems.length > 0) return;
    assert.ok(apart, text);
    const got = (apart[0]?.value as { items: unknown[] }).items;
    const want = (wholeRead.documents[0]?.value as { items: unknown[] }).items;
    got.forEach((g, i) => {
      const w = want[i];
      const h = w !== null && typeof w === 'object' ? headOf(w) : null;
      if (g === LEFT_OUT) {
        lefts++;
        assert.ok(typeof h?.namespace === 'string' && h.namespace !== 'x', `left out: ${JSON.stringify(w)} in ${text}`);
      } else if (g instanceof Later) {
        laters++;
        assert.equal(h?.kind, 'Pod');
        const r = g.read();
        if ('value' in r) assert.deepEqual(r.value, w, text);
      } else assert.deepEqual(g, w, text);
    });
    assert.deepEqual(apart[0]?.itemLines, whole[0]?.itemLines);
  }), fuzzParams(600));
  // (Seeds 1-10: 30 to 72 items left out, 48 to 72 left for later.)
  if ((process.env.WHOSELECTS_FUZZ_RUNS ?? '600') === '600') assert.ok(lefts > 10 && laters > 10, `${lefts} items left out, ${laters} left for later`);
});

// ------------------------------------------------------------------- the YAML reader beside it

/** What the YAML reader was given alone, in order. */
let readAlones: string[] = [];
const withReader = (text: string, keep?: Keep, splitAt?: number) => {
  readAlones = [];
  return parseBlockDocuments(text, plainScalar, MAX_ENTRIES, keep, splitAt, (t) => {
    readAlones.push(t);
    return readAlone(t);
  });
};

test('a document or List item the fast path refuses is read by the YAML reader alone; the others by the fast path; a problem in it sends the whole text to the reader', () => {
  // kubectl get -o yaml wraps a long string over lines; a comment after a key alone; a folded scalar; a tag.
  const wrapped = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nstatus:\n  message: 0/3 nodes are available word word word word word word word word word word word\n    word word word\n';
  const text = `apiVersion: v1\nkind: Pod\nmetadata: # the first\n  name: a\n---\n${wrapped}---\nkind: Service\nspec:\n  note: >\n    folded\n  n: !!str 5\n---\nkind: Pod\nmetadata:\n  name: d\n`;
  assert.equal(fast(text), null, 'the fast path alone refuses the text');
  const got = withReader(text);
  assert.ok(got);
  const want = parseYaml('in.yaml', text);
  assert.deepEqual(got.map((d) => ({ document: d.document, line: d.line, value: d.value, itemLines: d.itemLines })),
    want.documents.map((d) => ({ document: d.document, line: d.line, value: d.value, itemLines: d.itemLines })));
  assert.deepEqual(got.map((d) => d.shared), [true, true, true, false], 'what the YAML reader gave may share values: the loader copies it');
  assert.deepEqual(readAlones.map((t) => (/name: (\w)/.exec(t) ?? /kind: (\w+)/.exec(t))?.[1]), ['a', 'b', 'Service'], 'the YAML reader read the three refused documents alone, not the fourth');
  // A List dump: each item alone.
  const list = `apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  metadata:\n    name: a\n- kind: Pod\n  metadata:\n    name: b\n  status:\n    message: long long long long long long long long long long long long long long long long\n      long long\n- kind: Pod\n  metadata: {name: c}\n`;
  const apart = withReader(list, undefined, 0);
  assert.ok(apart);
  assert.deepEqual(apart.map((d) => ({ line: d.line, value: d.value, itemLines: d.itemLines })), parseYaml('in.yaml', list).documents.map((d) => ({ line: d.line, value: d.value, itemLines: d.itemLines })));
  assert.equal(readAlones.length, 1);
  assert.match(readAlones[0] ?? '', /^items:\n- kind: Pod\n {2}metadata:\n {4}name: b\n[^]*long long\n$/, 'only the refused item, alone');
  // A tab in a script: that document alone; a tab in an indentation is a problem: the whole text.
  const script = 'kind: ConfigMap\ndata:\n  run: |\n    if true; then\n    \techo tab\n    fi\n---\nkind: Pod\nmetadata:\n  name: e\n';
  const tabbed = withReader(script);
  assert.ok(tabbed);
  assert.deepEqual(tabbed.map((d) => [d.line, d.value]), parseYaml('in.yaml', script).documents.map((d) => [d.line, d.value]));
  assert.equal(readAlones.length, 1);
  assert.equal(withReader('kind: Pod\nmetadata:\n\tname: x\n---\nkind: Pod\n'), null);
  // A syntax error in one document: the whole text is the YAML reader's (it reports the problem where it is).
  assert.equal(withReader(`${text}---\nkind: Pod\nmetadata: [a\n`), null);
  assert.equal(withReader('kind: List\nitems:\n- a: *nowhere\n', undefined, 0), null, 'an alias to an anchor outside the item');
});

for (const [name, scalars, keys] of [['hostile', SCALARS, KEYS], ['manifest-like', FRIENDLY_SCALARS, FRIENDLY_KEYS]] as const) {
  test(`random ${name} documents in many styles, the YAML reader beside the fast path: every text read as the YAML reader reads it`, () => {
    let taken = 0;
    let runs = 0;
    const roughOrTabbed = fc.array(fc.constantFrom('none', 'comment', 'blank', 'spaces', 'deepComment', 'trailing', 'tabComment', 'tab'), { maxLength: 6 });
    fc.assert(fc.property(fc.array(fc.tuple(documents([...scalars], [...keys]), style, flows), { minLength: 1, maxLength: 3 }), roughOrTabbed, fc.nat(), fc.boolean(), fc.boolean(), (docs, edits, seed, leading, asList) => {
      runs++;
      const texts = docs.map(([v, s, flow]) => written(asList ? { apiVersion: 'v1', kind: 'List', items: [v, v] } : v, s, flow));
      const text = roughen(`${leading ? '---\n' : ''}${texts.join('---\n')}`, edits, seed);
      const got = withReader(text, undefined, asList ? 0 : undefined);
      if (got === null) return;
      taken++;
      const want = parseYaml('in.yaml', text);
      assert.deepEqual(want.problems, [], `the YAML reader finds no problem in ${JSON.stringify(text)}`);
      assert.deepEqual(got.map((d) => ({ document: d.document, line: d.line, value: d.value, itemLines: d.itemLines })),
        want.documents.map((d) => ({ document: d.document, line: d.line, value: d.value, itemLines: d.itemLines })), JSON.stringify(text));
    }), fuzzParams(300));
    assert.ok(taken >= runs * (name === 'hostile' ? 0.3 : 0.5), `answered ${taken} of ${runs} texts`);
  });
}

/** Every path to a value of v, to a few levels deep: keys of mappings, indexes of sequences. */
function pathsOf(v: unknown, depth = 4): (string | number)[][] {
  if (depth === 0 || v === null || typeof v !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return entries.flatMap(([k, x]) => [[k], ...pathsOf(x, depth - 1).map((p) => [k, ...p])]);
}

test('random texts: a document the fast path read gives its field lines (for a problem) from its own text alone, as the YAML reader gives them from the whole', () => {
  let compared = 0;
  const separator = fc.constantFrom('---\n', '--- # next\n', '---\n# about the next one\n\n', '---  \n', '...\n---\n', '... # end\n# between\n---\n');
  // Written as YAML in many styles, or as JSON documents (the JSON fast path), roughened or not.
  fc.assert(fc.property(fc.array(fc.tuple(documents([...FRIENDLY_SCALARS], [...FRIENDLY_KEYS]), style, flows), { minLength: 2, maxLength: 4 }), rough, fc.nat(), separator, fc.boolean(), fc.boolean(), (docs, edits, seed, sep, leading, json) => {
    const body = docs.map(([v, s, flow]) => (json ? `${JSON.stringify(v, null, 2)}\n` : written(v, s, flow))).join(sep);
    const text = json ? body : roughen(`${leading ? '# head\n---\n' : ''}${body}`, edits, seed);
    const read = parseDocuments('in.yaml', text);
    const whole = parseYaml('in.yaml', text);
    for (const d of read.documents) {
      const w = whole.documents.find((x) => x.document === d.document);
      assert.ok(w, `document ${d.document} is the YAML reader's too`);
      for (const path of pathsOf(d.value)) {
        compared++;
        assert.equal(d.lineOf?.(path), w.lineOf?.(path) ?? w.line, `document ${d.document} ${path.join('.')}\n${text}`);
      }
    }
  }), fuzzParams(200));
  assert.ok(compared > 1000, `${compared} field lines compared`);
});
