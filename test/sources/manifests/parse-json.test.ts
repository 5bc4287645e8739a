// The JSON fast path reads JSON manifests exactly as the YAML reader does (values,
// document numbers, lines, List item lines), and hands back anything it cannot vouch for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { LEFT_OUT, Later, parseJsonDocuments, type Keep } from '../../../src/sources/manifests/parse-json.ts';
import { parseDocuments } from '../../../src/sources/manifests/parse.ts';
import { fuzzParams } from '../../fuzz/params.ts';
import { headKeep, headOf, often } from './heads.ts';

/** What the YAML reader makes of a text, in parseDocuments' terms. */
function viaYaml(text: string) {
  const lc = new LineCounter();
  const out: unknown[] = [];
  let document = 0;
  for (const d of parseAllDocuments(text, { lineCounter: lc, version: '1.1' })) {
    document++;
    const value: unknown = d.toJS();
    if (value === null || value === undefined) continue;
    let itemLines: (number | null)[] | null = null;
    if (isMap(d.contents)) {
      const items = d.contents.get('items', true);
      if (isSeq(items)) itemLines = items.items.map((n) => lc.linePos((n as { range: [number] }).range[0]).line);
    }
    out.push({ document, line: lc.linePos(d.contents?.range?.[0] ?? d.range[0]).line, value, itemLines });
  }
  return out;
}

const SAME = [
  '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}',
  '---\n{"kind":"Pod"}\n---\n{"kind":"Service","spec":{"ports":[{"port":80}]}}\n',
  '{"kind":"A"}\n---\n---\n{"kind":"B"}\n---\n',
  '\n\n---   \n{"kind":"List","items":[\n  {"kind":"Pod"},\n  {"kind":"Service"}, 3, "s", null\n]}\n',
  '{"a":"\\u0041\\n\\"","b":-0.5e3,"c":[true,false,null],"d":{}}\n',
  '  {\n "items": [ {"a": [1,2]},\n{"b":{"items":[1]}} ] , "c": 1}\n',
  '{"items":{"x":[1]}}',
  JSON.stringify({ kind: 'List', items: [{ kind: 'Pod' }, { kind: 'Pod' }] }, null, 2),
  '--- # Source: a.json\n{"a":1}\n---\t# two\n{"b":2}\n--- #\n',
];

test('JSON documents: the same values, document numbers, lines and item lines as the YAML reader', () => {
  for (const text of SAME) {
    const fast = parseJsonDocuments(text);
    assert.ok(fast, `fast path taken for ${JSON.stringify(text)}`);
    assert.deepEqual(fast.filter((d) => d.value !== null), viaYaml(text), JSON.stringify(text));
  }
});

test('anything YAML reads differently goes to the YAML reader', () => {
  const cases: [string, string][] = [
    ['{"a":1,"a":2}', 'a duplicate key: YAML rejects the document'],
    ['{"x":{"k":1,"k":1}}', 'a nested duplicate key'],
    ['{"<<":{"a":1}}', 'a merge key, which YAML 1.1 expands'],
    ['# comment\n{"a":1}', 'a comment'],
    ['{"a":1}\n---\nkind: Pod\n', 'a YAML document among JSON ones'],
    ['{"a":1', 'broken JSON: the YAML reader reports it'],
    ['[{"a":1}]', 'not a mapping'],
    ['--- {"a":1}', 'a document on the separator line'],
    ['---# a\n{"a":1}', 'a comment right after the separator'],
    ['apiVersion: v1\nkind: Pod\n', 'plain YAML'],
  ];
  for (const [text, why] of cases) assert.equal(parseJsonDocuments(text), null, why);
});

test('parseDocuments takes the fast path for JSON and reports YAML problems as before', () => {
  const ok = parseDocuments('in.json', '{"kind":"Pod","metadata":{"name":"a"}}\n---\n{"kind":"Service","metadata":{"name":"b"}}\n');
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.documents.map((d) => [d.document, d.line, (d.value as { kind: string }).kind]), [[1, 1, 'Pod'], [2, 3, 'Service']]);
  const dup = parseDocuments('in.json', '{"kind":"Pod","kind":"Service"}');
  assert.equal(dup.documents.length, 0);
  assert.equal(dup.problems.length, 1, 'the duplicate key is reported by the YAML reader');
});

test('random JSON, some with a key written twice: where the fast path answers, it answers as the YAML reader', () => {
  const params = fuzzParams<[unknown[], number, boolean, number]>(500);
  let taken = 0;
  let dups = 0;
  const key = fc.oneof(fc.constantFrom('a', 'items', '<<', '__proto__', 'k', 'a\\"b', 'é', ''), fc.string({ maxLength: 4 }));
  const json = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), tie('obj'), fc.array(tie('node'), { maxLength: 3 })),
    obj: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  })).obj;
  fc.assert(fc.property(fc.array(json, { minLength: 1, maxLength: 3 }), fc.nat(), fc.boolean(), fc.integer({ min: 0, max: 2 }), (docs, at, twice, indent) => {
    let texts = docs.map((d) => JSON.stringify(d, null, indent));
    if (twice) {
      // Write some object's first key twice (by text), wherever one is.
      const t = texts[at % texts.length] as string;
      const opens = [...t.matchAll(/\{\s*("(?:[^"\\]|\\.)*")\s*:/g)];
      const m = opens[at % Math.max(1, opens.length)];
      if (m) {
        dups++;
        texts = texts.map((x) => (x === t ? `${t.slice(0, (m.index ?? 0) + 1)}${m[1]}:0,${t.slice((m.index ?? 0) + 1)}` : x));
      }
    }
    const text = texts.join('\n---\n');
    const fast = parseJsonDocuments(text);
    if (fast === null) return;
    taken++;
    assert.deepEqual(fast.filter((d) => d.value !== null), viaYaml(text), text);
  }), params);
  // About a quarter of the texts reach the fast path (seeds 1-40: 105 to 144 of 500, mean 125) and
  // about two in five have a key written twice: a tenth of the runs for either is far below both.
  const runs = params.numRuns ?? 500;
  assert.ok(taken > runs / 10 && dups > runs / 10, `the fast path answered ${taken} texts, ${dups} with a key written twice, of ${runs}`);
});

test('a List read item by item (a scoped read) gives the same values and lines, with refused items left out', () => {
  for (const text of SAME) {
    const whole = parseJsonDocuments(text);
    assert.deepEqual(parseJsonDocuments(text, () => true, 0), whole, `keep everything: ${JSON.stringify(text)}`);
  }
  const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [
    { kind: 'Pod', metadata: { name: 'a', namespace: 'x' } }, { kind: 'Pod', metadata: { name: 'b', namespace: 'y' } }, 7, { kind: 'Pod', metadata: { name: 'c', namespace: 'x' } },
  ] }, null, 2);
  const inX = (item: unknown) => (item as { metadata?: { namespace?: string } } | null)?.metadata?.namespace !== 'y';
  const [doc] = parseJsonDocuments(list, inX, 0) ?? [];
  const [whole] = parseJsonDocuments(list) ?? [];
  const items = (doc?.value as { items: unknown[] }).items;
  assert.equal(items[1], LEFT_OUT);
  assert.deepEqual([items[0], items[2], items[3]], [0, 2, 3].map((i) => (whole?.value as { items: unknown[] }).items[i]));
  assert.deepEqual(doc?.itemLines, whole?.itemLines);
  assert.notEqual((parseJsonDocuments(list, inX)?.[0]?.value as { items: unknown[] }).items[1], LEFT_OUT, 'a small text is parsed whole');
});

test('documents a scoped read refuses are left out, numbered and placed as before', () => {
  const text = '{"kind":"Pod","metadata":{"namespace":"x"}}\n---\n{"kind":"Pod","metadata":{"namespace":"y"}}\n---\n\n{"kind":"Pod"}\n';
  const whole = parseJsonDocuments(text) ?? [];
  const apart = parseJsonDocuments(text, (v) => (v as { metadata?: { namespace?: string } }).metadata?.namespace !== 'y') ?? [];
  assert.deepEqual(apart.map((d) => [d.document, d.line]), whole.map((d) => [d.document, d.line]));
  assert.deepEqual(apart.map((d) => d.value === LEFT_OUT), [false, true, false]);
  assert.deepEqual(apart[2]?.value, whole[2]?.value);
  assert.equal(parseJsonDocuments('{"a":1}\n---\n{"b":1,"b":2}', () => false), null, 'a refused document is still checked for what YAML reads differently');
});

test('a List read item by item still hands to the YAML reader what YAML reads differently, in a refused item too', () => {
  const refuse = () => false;
  const cases: [string, string][] = [
    ['{"kind":"List","items":[{"a":1},{"b":1,"b":2}]}', 'a duplicate key in an item'],
    ['{"kind":"List","kind":"List","items":[{"a":1}]}', 'a duplicate key around the items'],
    ['{"kind":"List","items":[{"<<":{"a":1}}]}', 'a merge key in an item'],
    ['{"kind":"List","items":[{"a":1},]}', 'a trailing comma (not JSON)'],
    ['{"kind":"List","items":[,{"a":1}]}', 'a leading comma'],
    ['{"kind":"List","items":[{"a":1} {"b":2}]}', 'a missing comma'],
    ['{"kind":"List","items":[{"a":1}],}', 'a trailing comma after the items'],
  ];
  for (const [text, why] of cases) assert.equal(parseJsonDocuments(text, refuse, 0), null, why);
});

test('random Lists read item by item: the kept items and lines are those of the whole read', () => {
  fc.assert(fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }), fc.integer({ min: 0, max: 2 }), fc.nat(), (items, indent, mask) => {
    const text = JSON.stringify({ kind: 'List', items }, null, indent);
    const whole = parseJsonDocuments(text);
    const keep = (_: unknown) => ((mask >> (seen++ % 16)) & 1) === 1;
    let seen = 0;
    const apart = parseJsonDocuments(text, keep, 0);
    assert.equal(apart === null, whole === null);
    if (!whole || !apart) return;
    const got = (apart[0]?.value as { items: unknown[] }).items;
    const want = (whole[0]?.value as { items: unknown[] }).items;
    assert.equal(got.length, want.length);
    got.forEach((g, i) => { if (g !== LEFT_OUT) assert.deepEqual(g, want[i]); else assert.equal(((mask >> (i % 16)) & 1), 0); });
    assert.deepEqual(apart[0]?.itemLines, whole[0]?.itemLines);
  }), fuzzParams(300));
});

test('a scoped read leaves out unparsed the documents whose head places them elsewhere; the rest are read as before', () => {
  const text = [
    '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"x"}}',
    '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b","namespace":"y","labels":{"namespace":"x"}},"spec":{"namespace":"x"}}',
    '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"c"}}',
    '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"d","namespace":"y"},"spec":{"b":1,"b":2}}',
  ].join('\n---\n');
  const whole = parseJsonDocuments(text.split('\n---\n').slice(0, 3).join('\n---\n')) ?? [];
  const { keep, heads, parsed } = headKeep('x');
  const apart = parseJsonDocuments(text, keep) ?? [];
  assert.deepEqual(apart.map((d) => d.value === LEFT_OUT), [false, true, false, true]);
  assert.deepEqual(heads.map((h) => h.namespace), ['x', 'y', null, 'y']);
  assert.equal(parsed.length, 2, 'only the documents kept were parsed');
  assert.deepEqual([apart[0]?.value, apart[2]?.value], [whole[0]?.value, whole[2]?.value]);
  assert.deepEqual(apart.map((d) => [d.document, d.line]), [[1, 1], [2, 3], [3, 5], [4, 7]]);
  // Left out unparsed, a document of another namespace is not checked for a key written twice (it is not read).
  assert.equal(parseJsonDocuments(text, () => false), null, 'without a head, a refused document is still checked');
});

test('a head is read from the text only when the text alone says it: escapes, YAML and odd values are parsed', () => {
  const cases: [string, string][] = [
    ['{"apiVersion":"v1","kind":"Pod","metadata":{"n\\u0061mespace":"x"}}', 'an escaped key'],
    ['{"apiVersion":"v1","kind":"Pod","metadata":{"namespace":"y"},"note":"a \\" quote"}', 'an escape anywhere in the document'],
    ['{"apiVersion":"v1","kind":"Pod", # "metadata":{"namespace":"x"}\n"metadata":{"namespace":"y"}}', 'a comment'],
    ['{"apiVersion":"v1","kind":"Pod",metadata:{"namespace":"y"}}', 'a key that is not a string'],
    ['{"apiVersion":"v1","kind":"Pod","metadata":{"namespace":y}}', 'a plain scalar'],
    ['{"apiVersion":"v1","kind":"Pod","metadata":{"namespace":\'y\'}}', 'a single-quoted scalar'],
    ['{"apiVersion":"v1","kind":"Pod","metadata":{"namespace":5}}', 'a namespace that is not a string'],
    ['{"apiVersion":"v1","kind":"Pod","metadata":{"namespace":"a b"}}', 'a namespace with a blank'],
    ['{"apiVersion":5,"kind":"Pod","metadata":{"namespace":"y"}}', 'an apiVersion that is not a string'],
    ['{"apiVersion":"v1","kind":"Pod","metadata":{"namespace":"y"},"x":&a 1}', 'an anchor'],
  ];
  for (const [text, why] of cases) {
    const { keep, heads } = headKeep('x');
    parseJsonDocuments(text, keep);
    assert.deepEqual(heads, [], why);
  }
  const { keep, heads } = headKeep('x');
  parseJsonDocuments('{"apiVersion":"v1","kind":"Pod","metadata":"no mapping","spec":{"metadata":{"namespace":"y"}}}\n---\n{"apiVersion":"v1","kind":"Pod","metadata":{"namespace":null}}\n---\n{"apiVersion":"v1","kind":"Pod","metadata":{"namespace":""}}', keep);
  assert.deepEqual(heads.map((h) => h.namespace), [null, null, null], 'metadata not a mapping, a null or empty namespace: the default');
});

test('random documents: a head read from the text places the document as the YAML reader reads it', () => {
  const scalar = fc.oneof(fc.constantFrom('x', 'y', '', 'v1', 'Pod', 'a b', 'a:b', '#c', "'q'"), fc.integer(), fc.boolean(), fc.constant(null));
  const namespace = often(fc.constantFrom('x', 'y', 'z'), scalar);
  const meta = often(fc.record({ namespace, name: scalar, labels: fc.dictionary(fc.constantFrom('namespace', 'kind', 'metadata'), scalar) }, { requiredKeys: [] }), scalar);
  const doc = fc.record({
    apiVersion: often(fc.constantFrom('v1', 'apps/v1'), scalar), kind: often(fc.constantFrom('Pod', 'Deployment'), scalar), metadata: meta,
    spec: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ metadata: meta, namespace: scalar, targetRef: fc.record({ namespace: scalar }) })),
  }, { requiredKeys: [] });
  // Some texts are turned into YAML that is not JSON: a value unquoted, a comment, a single-quoted value.
  const mutation = fc.constantFrom('none', 'unquote', 'comment', 'single');
  let compared = 0;
  let refused = 0;
  fc.assert(fc.property(doc, fc.integer({ min: 0, max: 2 }), mutation, fc.nat(), (d, indent, m, at) => {
    let text = JSON.stringify(d, null, indent);
    const strings = [...text.matchAll(/"[a-z0-9 ]*"/g)];
    const s = strings.length > 0 ? strings[at % strings.length] : undefined;
    if (m === 'unquote' && s) text = text.slice(0, s.index) + (s[0].slice(1, -1) || 'z') + text.slice((s.index ?? 0) + s[0].length);
    if (m === 'single' && s) text = `${text.slice(0, s.index)}'${s[0].slice(1, -1)}'${text.slice((s.index ?? 0) + s[0].length)}`;
    if (m === 'comment') text = text.replace('{', '{ # "metadata": {"namespace": "y"}\n');
    const { keep, heads } = headKeep('x');
    parseJsonDocuments(text, keep);
    if (heads.length === 0) return;
    const [yamlDoc] = parseAllDocuments(text, { version: '1.1' });
    if (!yamlDoc || yamlDoc.errors.length > 0) return; // not a manifest either way (a key written twice, say)
    const want = headOf(yamlDoc.toJS());
    assert.deepEqual(heads[0], want, text);
    compared++;
    if (want.namespace !== null && want.namespace !== 'x') refused++;
  }), fuzzParams(1000));
  if ((process.env.WHOSELECTS_FUZZ_RUNS ?? '1000') === '1000') assert.ok(compared > 50 && refused > 10, `heads compared with the YAML reader: ${compared}, ${refused} of them placed elsewhere`);
});

/** A scoped read's keep that leaves pods of `x` (or of the default namespace) for later, as a target that picks its pods does. */
function laterKeep() {
  const parsed: unknown[] = [];
  const inside = (ns: unknown) => typeof ns !== 'string' || ns === '' || ns === 'x';
  const keep: Keep = (item) => {
    parsed.push(item);
    const meta = item !== null && typeof item === 'object' ? (item as { metadata?: unknown }).metadata : undefined;
    return inside(meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? (meta as { namespace?: unknown }).namespace : undefined);
  };
  keep.head = (h) => (!inside(h.namespace) ? false : h.kind === 'Pod' ? 'later' : true);
  return { keep, parsed };
}

test('a List read item by item answers each item from its head where the text says it: left out or left for later unparsed', () => {
  const items = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x', labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'y' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'x' }, spec: { selector: { app: 'web' } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'e', namespace: 'y', annotations: { note: 'a "quoted" word' } } },
    { metadata: { name: 'kindless', namespace: 'x' } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'n', namespace: 5 } },
    7,
  ];
  for (const indent of [0, 2, 4]) {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items }, null, indent);
    const [whole] = parseJsonDocuments(text) ?? [];
    const { keep, parsed } = laterKeep();
    const [doc] = parseJsonDocuments(text, keep, 0) ?? [];
    const got = (doc?.value as { items: unknown[] }).items;
    const want = (whole?.value as { items: unknown[] }).items;
    assert.ok(got[0] instanceof Later, 'a pod of x: left for later');
    assert.deepEqual(got[0].read(), { value: want[0], unshared: true });
    assert.deepEqual(JSON.parse(text.slice(got[0].from, got[0].to)), want[0], 'the part of the whole text it was left as');
    assert.equal(got[1], LEFT_OUT, 'a pod of y: left out');
    assert.deepEqual(got[2], want[2]);
    assert.equal(got[3], LEFT_OUT, 'an escape in it: parsed, then refused');
    assert.deepEqual([got[4], got[5], got[6]], [want[4], want[5], want[6]], 'no kind, a namespace that is no string, a scalar: parsed');
    assert.deepEqual(parsed.map((p) => (p as { metadata?: { name: string } }).metadata?.name ?? p), ['s', 'e', 'kindless', 'n', 7], `only those parsed (indent ${indent})`);
    assert.deepEqual(doc?.itemLines, whole?.itemLines);
  }
});

test('a List read item by item: an item left out unread is not checked for what YAML reads differently; one kept or left for later is', () => {
  const list = (item: string) => `{"apiVersion":"v1","kind":"List","items":[\n{"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"x"}},\n${item}\n]}`;
  const { keep } = laterKeep();
  assert.notEqual(parseJsonDocuments(list('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b","namespace":"y"},"spec":{"a":1,"a":2}}'), keep, 0), null, 'placed elsewhere: never read');
  assert.equal(parseJsonDocuments(list('{"apiVersion":"v1","kind":"Service","metadata":{"name":"b","namespace":"x"},"spec":{"a":1,"a":2}}'), keep, 0), null, 'kept: read and refused');
  const [doc] = parseJsonDocuments(list('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b","namespace":"x"},"spec":{"a":1,"a":2}}'), keep, 0) ?? [];
  const later = (doc?.value as { items: unknown[] }).items[1];
  assert.ok(later instanceof Later);
  assert.deepEqual(later.read(), { problems: [] }, 'left for later: refused when read (the YAML reader answers instead, below)');
  // Through parseDocuments (large enough to be read item by item): the YAML reader reports the document.
  const pad = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"pad","namespace":"y"},"data":{"d":"${'x'.repeat(1_100_000)}"}}`;
  const text = list(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b","namespace":"x"},"spec":{"a":1,"a":2}},\n${pad}`);
  const parsed = parseDocuments('in.json', text, keep);
  const item = (parsed.documents[0]?.value as { items: unknown[] }).items[1];
  assert.ok(item instanceof Later);
  const read = item.read();
  assert.ok('problems' in read && read.problems.length === 1 && read.problems[0]?.document === 1, JSON.stringify(read));
});

test('random Lists read item by item with heads: each item as the whole read has it, left out or for later only as its head says', () => {
  const scalar = fc.oneof(fc.constantFrom('x', 'y', '', 'v1', 'Pod', 'a b', 'a:b', 'q"q', 'back\\slash'), fc.integer(), fc.boolean(), fc.constant(null));
  const meta = often(fc.record({ namespace: often(fc.constantFrom('x', 'y', 'z'), scalar), name: scalar, labels: fc.dictionary(fc.constantFrom('namespace', 'kind'), scalar) }, { requiredKeys: [] }), scalar);
  const item = fc.oneof(
    { arbitrary: fc.record({ apiVersion: often(fc.constantFrom('v1', 'apps/v1'), scalar), kind: often(fc.constantFrom('Pod', 'Service'), scalar), metadata: meta, spec: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }), weight: 5 },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  );
  let lefts = 0;
  let laters = 0;
  fc.assert(fc.property(fc.array(item, { maxLength: 8 }), fc.integer({ min: 0, max: 4 }), (items, indent) => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, indent);
    const [whole] = parseJsonDocuments(text) ?? [];
    const { keep } = laterKeep();
    const apart = parseJsonDocuments(text, keep, 0);
    // (A text the whole read hands to the YAML reader may still be read here: an item left out is not checked.)
    if (!whole) return;
    assert.ok(apart, text);
    const got = (apart[0]?.value as { items: unknown[] }).items;
    const want = (whole.value as { items: unknown[] }).items;
    got.forEach((g, i) => {
      const w = want[i];
      const h = w !== null && typeof w === 'object' ? headOf(w) : null;
      if (g === LEFT_OUT) {
        lefts++;
        assert.ok(typeof h?.namespace === 'string' && h.namespace !== 'x', `left out: ${JSON.stringify(w)}`);
      } else if (g instanceof Later) {
        laters++;
        assert.equal(h?.kind, 'Pod');
        assert.deepEqual(g.read(), { value: w, unshared: true });
      } else assert.deepEqual(g, w);
    });
    assert.deepEqual(apart[0]?.itemLines, whole.itemLines);
  }), fuzzParams(300));
  if ((process.env.WHOSELECTS_FUZZ_RUNS ?? '300') === '300') assert.ok(lefts > 50 && laters > 50, `${lefts} items left out, ${laters} left for later`);
});

test('documents without a backslash, read whole, kept or left for later: a colon in a key or string and a key written twice are told apart as the YAML reader does', () => {
  // Strings with colons (the pairs are counted from colons), a key written twice (its first value
  // a string with colons, gone from the value), nested to a depth the reader may refuse.
  const word = fc.constantFrom('a', 'k', 'a:b', ':', 'x: y', '::z', 'http://h:80/', '');
  const json = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, word, fc.integer(), fc.constant(null), tie('obj'), fc.array(tie('node'), { maxLength: 3 })),
    obj: fc.dictionary(word, tie('node'), { maxKeys: 4 }),
  })).obj;
  const depthOf = (v: unknown): number => (v === null || typeof v !== 'object' ? 0 : 1 + Math.max(0, ...Object.values(v as object).map(depthOf)));
  let twice = 0;
  let later = 0;
  let deep = 0;
  fc.assert(fc.property(json, fc.nat(), fc.boolean(), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 6 }), (spec, at, dup, indent, maxDepth) => {
    let text = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'x' }, spec }, null, indent);
    if (dup) {
      // Some object's first key written again before it, with a string value that has colons.
      const opens = [...text.matchAll(/\{\s*("[^"]*")\s*:/g)];
      const m = opens[at % opens.length] as RegExpMatchArray;
      text = `${text.slice(0, (m.index ?? 0) + 1)}${m[1]}:"s:t:u",${text.slice((m.index ?? 0) + 1)}`;
      twice++;
    }
    const [yamlDoc] = parseAllDocuments(text, { version: '1.1' });
    const want = yamlDoc && yamlDoc.errors.length === 0 ? yamlDoc.toJS() as unknown : undefined;
    const fits = want !== undefined && depthOf(want) <= maxDepth;
    if (want !== undefined && !fits) deep++;
    // Read whole, and kept after its head: the value, or the YAML reader's turn.
    for (const keep of [undefined, headKeep('x').keep]) {
      const got = parseJsonDocuments(text, keep, undefined, maxDepth);
      assert.deepEqual(got?.[0]?.value, fits ? want : undefined, text);
    }
    // Left for later: read as the whole read would have.
    const { keep } = laterKeep();
    const [doc] = parseJsonDocuments(text, keep, undefined, maxDepth) ?? [];
    assert.ok(doc?.value instanceof Later, text);
    later++;
    assert.deepEqual(doc.value.read(), fits ? { value: want, unshared: true } : { problems: [] }, text);
  }), fuzzParams(500));
  if ((process.env.WHOSELECTS_FUZZ_RUNS ?? '500') === '500') assert.ok(twice > 100 && later > 400 && deep > 20, `${twice} with a key written twice, ${later} left for later, ${deep} too deep`);
});

test('lines are counted right for offsets asked in order, out of order, and on a text of one line', async () => {
  const { lineCounter } = await import('../../../src/sources/manifests/parse-json.ts');
  const naive = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '{', ' ') }), fc.array(fc.nat(), { maxLength: 30 }), (text, picks) => {
    const lineOf = lineCounter(text);
    const offsets = picks.map((p) => p % (text.length + 1));
    // In order (as a reader asks), then as given (earlier ones start the count again).
    for (const o of [...offsets].sort((a, b) => a - b)) assert.equal(lineOf(o), naive(text, o), `offset ${o}`);
    for (const o of offsets) assert.equal(lineOf(o), naive(text, o), `offset ${o}`);
  }), fuzzParams(300));
  // A List on one line: every item on line 1, and a break after it counted.
  const items = Array.from({ length: 1000 }, (_, i) => `{"kind":"Pod","metadata":{"name":"p${i}"}}`);
  const oneLine = `{"kind":"List","apiVersion":"v1","items":[${items.join(',')}]}\n`;
  const docs = parseJsonDocuments(oneLine);
  assert.ok(docs);
  assert.equal(docs.length, 1);
  assert.deepEqual(docs[0]?.itemLines, items.map(() => 1));
  assert.equal(lineCounter(oneLine)(oneLine.length), 2);
});
