// Label selectors, property-based: random metav1.LabelSelectors (valid and invalid keys,
// values and operators) and random label sets, checked against a small reference written here
// from the API's documented rules (apimachinery's LabelSelectorAsSelector, Requirement.Matches,
// Requirement.String and the string grammar the API server parses `labelSelector=` with):
//   parse: fromLabelSelector accepts exactly what the reference accepts;
//   match: matches() agrees with the reference on every label set;
//   print: toQuery() reads back (reference string parser) to a selector that matches the same
//          label sets, in canonical form (requirements by key, set values sorted and unique);
//   read back: parsePrinted() of what the API server prints in a table's Selector column
//          (that same string; `<none>` for nil or empty, `<error>` for an invalid selector) is
//          the selector itself, or null: never a selector that matches other label sets.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromLabelSelector, fromSet, isSelectorError, matches, parsePrinted, toQuery } from '../../src/core/labels.ts';
import type { LabelSelector } from '../../src/core/types.ts';
import { fuzzParams } from './params.ts';
import { printedSelector } from '../sources/live/fake-apiserver.ts';

// ---- the reference ----

const isAlnum = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
const isLowerAlnum = (c: string) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

/** IsValidLabelValue / the name part of IsQualifiedName: "" (values only) or ≤63, alnum at both ends, alnum-_. inside. */
function refName(s: string, allowEmpty: boolean): boolean {
  if (s === '') return allowEmpty;
  if (s.length > 63) return false;
  if (!isAlnum(s[0] as string) || !isAlnum(s[s.length - 1] as string)) return false;
  return [...s].every((c) => isAlnum(c) || c === '-' || c === '_' || c === '.');
}

/** IsDNS1123Subdomain: ≤253, dot-separated labels of lower-case alnum and '-', alnum at both ends. */
function refSubdomain(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  return s.split('.').every((l) => l.length > 0 && isLowerAlnum(l[0] as string) && isLowerAlnum(l[l.length - 1] as string) && [...l].every((c) => isLowerAlnum(c) || c === '-'));
}

/** IsQualifiedName: [prefix/]name. */
function refKey(k: string): boolean {
  const parts = k.split('/');
  if (parts.length === 1) return refName(k, false);
  if (parts.length === 2) return refSubdomain(parts[0] as string) && refName(parts[1] as string, false);
  return false;
}

type Expr = { key: string; operator: string; values?: string[] };

/** LabelSelectorAsSelector's validity. */
function refValid(ls: LabelSelector): boolean {
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) if (!refKey(k) || !refName(v, true)) return false;
  for (const e of (ls.matchExpressions ?? []) as Expr[]) {
    if (!refKey(e.key)) return false;
    const vals = e.values ?? [];
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (vals.length === 0 || !vals.every((v) => refName(v, true))) return false;
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (vals.length > 0) return false;
    } else return false;
  }
  return true;
}

/** The documented meaning: nil matches nothing, {} everything, otherwise every requirement holds. */
function refMatches(ls: LabelSelector | null, labels: Record<string, string>): boolean {
  if (ls === null) return false;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) if (!has(k) || labels[k] !== v) return false;
  for (const e of (ls.matchExpressions ?? []) as Expr[]) {
    const vals = e.values ?? [];
    const ok = e.operator === 'In' ? has(e.key) && vals.includes(labels[e.key] as string)
      : e.operator === 'NotIn' ? !has(e.key) || !vals.includes(labels[e.key] as string)
        : e.operator === 'Exists' ? has(e.key)
          : !has(e.key);
    if (!ok) return false;
  }
  return true;
}

interface RefReq { key: string; op: '=' | '!=' | 'in' | 'notin' | 'exists' | '!'; values: string[] }

/** The API server's labelSelector string grammar (labels.Parse), for what toQuery prints. */
function refParse(text: string): RefReq[] {
  const out: RefReq[] = [];
  let i = 0;
  const ws = () => { while (text[i] === ' ') i++; };
  const word = () => {
    const start = i;
    while (i < text.length && !' ,()=!'.includes(text[i] as string)) i++;
    return text.slice(start, i);
  };
  while (i < text.length) {
    ws();
    if (text[i] === '!') {
      i++;
      out.push({ key: word(), op: '!', values: [] });
    } else {
      const key = word();
      ws();
      if (text.startsWith('!=', i)) {
        i += 2;
        out.push({ key, op: '!=', values: [word()] });
      } else if (text.startsWith('==', i)) {
        i += 2;
        out.push({ key, op: '=', values: [word()] });
      } else if (text[i] === '=') {
        i++;
        out.push({ key, op: '=', values: [word()] });
      } else if (text.startsWith('in (', i) || text.startsWith('notin (', i)) {
        const op = text.startsWith('in', i) ? 'in' : 'notin';
        i = text.indexOf('(', i) + 1;
        const close = text.indexOf(')', i);
        assert.ok(close >= 0, `unclosed set in ${JSON.stringify(text)}`);
        out.push({ key, op, values: text.slice(i, close).split(',').map((v) => v.trim()) });
        i = close + 1;
      } else {
        out.push({ key, op: 'exists', values: [] });
      }
    }
    ws();
    if (i < text.length) {
      assert.equal(text[i], ',', `a comma between requirements in ${JSON.stringify(text)} at ${i}`);
      i++;
    }
  }
  return out;
}

function refMatchesParsed(reqs: RefReq[], labels: Record<string, string>): boolean {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  return reqs.every((r) => {
    switch (r.op) {
      case '=': return has(r.key) && labels[r.key] === r.values[0];
      case '!=': return !has(r.key) || labels[r.key] !== r.values[0];
      case 'in': return has(r.key) && r.values.includes(labels[r.key] as string);
      case 'notin': return !has(r.key) || !r.values.includes(labels[r.key] as string);
      case 'exists': return has(r.key);
      case '!': return !has(r.key);
    }
  });
}

// ---- the generators: a small pool so that selectors and labels meet, plus anything at all ----

const VALID_KEYS = ['app', 'tier', 'a', 'example.com/role', 'k8s.io/x_y', 'A.b-c', 'x'.repeat(63)];
const INVALID_KEYS = ['', '-app', 'app-', 'Example.com/role', 'a/b/c', '/app', 'app/', 'x'.repeat(64), 'sp ace', 'é', 'a,b', 'a=b', '!a', 'a\u0000'];
const VALID_VALUES = ['', 'web', 'db', 'v1', 'a-b', 'A_b.c', '0', 'v'.repeat(63)];
const INVALID_VALUES = ['-web', 'web-', 'a b', 'v'.repeat(64), '(x)', 'a,b', 'é', '\n'];

const key = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...VALID_KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...INVALID_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const value = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...VALID_VALUES) }, { weight: 1, arbitrary: fc.constantFrom(...INVALID_VALUES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const validKey = fc.constantFrom(...VALID_KEYS);
const validValue = fc.constantFrom(...VALID_VALUES);

const expr = (k: fc.Arbitrary<string>, v: fc.Arbitrary<string>) => fc.record({
  key: k,
  operator: fc.oneof({ weight: 9, arbitrary: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist') }, { weight: 1, arbitrary: fc.constantFrom('in', 'Equals', '', 'Gt') }),
  values: fc.array(v, { maxLength: 3 }),
}).map((e) => ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && e.values.length > 0 && e.key.length % 2 === 0 ? { key: e.key, operator: e.operator, values: [] } : e));

const selectorOf = (k: fc.Arbitrary<string>, v: fc.Arbitrary<string>): fc.Arbitrary<LabelSelector> => fc.record({
  matchLabels: fc.dictionary(k, v, { maxKeys: 3 }),
  matchExpressions: fc.array(expr(k, v), { maxLength: 3 }),
}, { requiredKeys: [] }) as fc.Arbitrary<LabelSelector>;

const anySelector = selectorOf(key, value);
const validSelector = selectorOf(validKey, validValue).filter(refValid);
const labelSet = fc.dictionary(validKey, validValue, { maxKeys: 5 });

// ---- the properties ----

test('parse: fromLabelSelector rejects exactly what the API would, with one line naming the problem', () => {
  fc.assert(fc.property(anySelector, (ls) => {
    const s = fromLabelSelector(ls);
    assert.equal(!isSelectorError(s), refValid(ls), JSON.stringify(ls));
    if (isSelectorError(s)) assert.ok(s.error.length > 0 && !s.error.includes('\n'), s.error);
  }), fuzzParams(600));
});

test('match: matches() agrees with the documented meaning on every label set (nil, {}, requirements)', () => {
  fc.assert(fc.property(fc.option(validSelector, { nil: null }), fc.array(labelSet, { minLength: 1, maxLength: 6 }), (ls, sets) => {
    const s = fromLabelSelector(ls);
    assert.ok(!isSelectorError(s));
    for (const labels of sets) assert.equal(matches(s, labels), refMatches(ls, labels), `${JSON.stringify(ls)} on ${JSON.stringify(labels)}`);
  }), fuzzParams(600));
});

test('print: toQuery reads back to the same selector, in canonical order; nil has no query form', () => {
  fc.assert(fc.property(fc.option(validSelector, { nil: null }), fc.array(labelSet, { minLength: 1, maxLength: 6 }), (ls, sets) => {
    const s = fromLabelSelector(ls);
    assert.ok(!isSelectorError(s));
    const q = toQuery(s);
    if (ls === null) return assert.equal(q, null, 'nil selects nothing: there is no query for it (the empty query lists everything)');
    assert.equal(typeof q, 'string');
    const parsed = refParse(q as string);
    const keys = parsed.map((r) => r.key);
    assert.deepEqual(keys, [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), `requirements sorted by key: ${q}`);
    for (const r of parsed) {
      if (r.op === 'in' || r.op === 'notin') assert.deepEqual(r.values, [...new Set(r.values)].sort(), `set values sorted and unique: ${q}`);
      assert.ok(refKey(r.key), `printed key ${r.key} is a valid key`);
    }
    for (const labels of sets) assert.equal(refMatchesParsed(parsed, labels), refMatches(ls, labels), `${q} on ${JSON.stringify(labels)}`);
  }), fuzzParams(600));
});

test('read back: a printed selector parses to the selector it was printed from; <none> and <error> to null', () => {
  fc.assert(fc.property(fc.option(anySelector, { nil: null }), fc.array(labelSet, { minLength: 1, maxLength: 6 }), (ls, sets) => {
    const s = fromLabelSelector(ls);
    const text = printedSelector(ls);
    const back = parsePrinted(text);
    if (isSelectorError(s) || s.kind !== 'requirements') return assert.equal(back, null, text);
    assert.deepEqual(back, s, text);
    for (const labels of sets) assert.equal(matches(back as NonNullable<typeof back>, labels), refMatches(ls, labels), `${text} on ${JSON.stringify(labels)}`);
  }), fuzzParams(600));
});

test('read back: any other string parses to null or to the selector the reference reads in it', () => {
  const piece = fc.oneof(fc.constantFrom(...VALID_KEYS, ...INVALID_KEYS, '=', '!=', '==', ' in (', ' notin (', ')', ',', '!', ' ', '(', 'a,b'), fc.string({ maxLength: 6 }));
  fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), fc.array(labelSet, { minLength: 1, maxLength: 4 }), (parts, sets) => {
    const text = parts.join('');
    const back = parsePrinted(text);
    if (back === null) return;
    assert.equal(back.kind, 'requirements', text);
    // What it read is the printed form of what it returned, and means what the API server's parser reads there.
    assert.equal(toQuery(back), toQuery(parsePrinted(toQuery(back) as string) as NonNullable<typeof back>), text);
    let reference: RefReq[];
    try {
      reference = refParse(text);
    } catch {
      return assert.fail(`${JSON.stringify(text)} read as ${toQuery(back)}, which the API server's parser refuses`);
    }
    for (const labels of sets) assert.equal(matches(back, labels), refMatchesParsed(reference, labels), `${text} on ${JSON.stringify(labels)}`);
  }), fuzzParams(2000));
  for (const text of ['', '<none>', '<error>', 'a,,b', ',a', 'a,', 'a=b=c', 'k in (a b)', ' k', 'k!=v', 'k==v', 'k in (a),', 'k in(a)', 'k  in (a)', '-bad=v', 'k=-v']) {
    assert.equal(parsePrinted(text), null, JSON.stringify(text));
  }
});

test('map selectors (Service, ReplicationController): fromSet agrees with matchLabels alone', () => {
  fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 4 }), labelSet, (set, labels) => {
    const s = fromSet(set);
    const asLs: LabelSelector = { matchLabels: set };
    assert.equal(!isSelectorError(s), refValid(asLs));
    if (!isSelectorError(s)) assert.equal(matches(s, labels), refMatches(asLs, labels));
  }), fuzzParams(400));
});
