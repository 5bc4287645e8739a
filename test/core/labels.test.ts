import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzzParams } from '../fuzz/params.ts';
import { fromLabelSelector, fromSet, matches, toQuery, explain, couldOverlap, isSelectorError, setError, type Selector } from '../../src/core/labels.ts';

function sel(x: Parameters<typeof fromLabelSelector>[0]): Selector {
  const s = fromLabelSelector(x);
  if (isSelectorError(s)) throw new Error(s.error);
  return s;
}

test('nil LabelSelector matches nothing and has no query form (trap 11)', () => {
  const s = sel(null);
  assert.equal(matches(s, { app: 'x' }), false);
  assert.equal(matches(s, {}), false);
  assert.equal(toQuery(s), null);
  assert.equal(sel(undefined).kind, 'nothing');
});

test('empty LabelSelector matches everything', () => {
  const s = sel({});
  assert.equal(matches(s, {}), true);
  assert.equal(matches(s, { a: 'b' }), true);
  assert.equal(toQuery(s), '');
  assert.equal(sel({ matchLabels: {}, matchExpressions: [] }).kind, 'everything');
});

test('matchLabels require the key and the exact value; "" is a real value', () => {
  const s = sel({ matchLabels: { app: 'xdmod', tier: '' } });
  assert.equal(matches(s, { app: 'xdmod', tier: '' }), true);
  assert.equal(matches(s, { app: 'xdmod' }), false);
  assert.equal(matches(s, { app: 'xdmod', tier: 'db' }), false);
});

test('NotIn matches pods that lack the key (trap 12)', () => {
  const s = sel({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] });
  assert.equal(matches(s, {}), true);
  assert.equal(matches(s, { env: 'dev' }), true);
  assert.equal(matches(s, { env: 'prod' }), false);
  const [v] = explain(s, {});
  assert.equal(v?.matched, true);
  assert.match(v?.why ?? '', /missing key/);
});

test('In, Exists, DoesNotExist', () => {
  const s = sel({ matchExpressions: [
    { key: 'tier', operator: 'In', values: ['web', 'api'] },
    { key: 'canary', operator: 'DoesNotExist' },
    { key: 'team', operator: 'Exists' },
  ] });
  assert.equal(matches(s, { tier: 'api', team: '' }), true);
  assert.equal(matches(s, { tier: 'api', team: 'a', canary: 'true' }), false);
  assert.equal(matches(s, { tier: 'db', team: 'a' }), false);
  assert.equal(matches(s, { tier: 'web' }), false);
  assert.equal(toQuery(s), '!canary,team,tier in (api,web)');
});

test('invalid operators, values and keys are errors, not matches', () => {
  assert.ok(isSelectorError(fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] })));
  assert.ok(isSelectorError(fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })));
  assert.ok(isSelectorError(fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })));
  assert.ok(isSelectorError(fromLabelSelector({ matchLabels: { 'bad key!': 'x' } })));
  const e = fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] });
  assert.ok(isSelectorError(e) && /not a valid label selector operator/.test(e.error));
});

test('map selectors: empty is everything as a selector', () => {
  const s = fromSet({});
  assert.ok(!isSelectorError(s) && s.kind === 'everything');
  const t = fromSet({ app: 'a', z: 'b' });
  assert.ok(!isSelectorError(t) && toQuery(t) === 'app=a,z=b');
});

test('explain says why a pod misses, requirement by requirement', () => {
  const s = sel({ matchLabels: { app: 'xdmod', component: 'mariadb' } });
  const v = explain(s, { app: 'xdmod', component: 'web' });
  assert.deepEqual(v.map((x) => x.matched), [true, false]);
  assert.match(v[1]?.why ?? '', /component=web, wanted mariadb/);
});

test('overlap detection', () => {
  const a = sel({ matchLabels: { app: 'xdmod' } });
  const b = sel({ matchLabels: { app: 'xdmod', component: 'db' } });
  const c = sel({ matchLabels: { app: 'other' } });
  const d = sel({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['xdmod'] }] });
  const e = sel({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] });
  assert.equal(couldOverlap(a, b), true);
  assert.equal(couldOverlap(a, c), false);
  assert.equal(couldOverlap(a, d), false);
  assert.equal(couldOverlap(c, d), true);
  assert.equal(couldOverlap(a, e), false);
  assert.equal(couldOverlap(d, e), true);
});

test('setError says what fromSet refuses a label map for, without making its selector', () => {
  const part = fc.constantFrom('app', 'a.b/c', 'x'.repeat(64), '-bad', 'web', '', 'a b', 'ok_1', 'k8s.io/name', '_x');
  fc.assert(fc.property(fc.dictionary(part, part, { maxKeys: 4 }), (set) => {
    const sel = fromSet(set);
    assert.equal(setError(set), isSelectorError(sel) ? sel.error : null);
  }), fuzzParams(500));
  assert.equal(setError(null), null);
  assert.equal(setError(undefined), null);
});
