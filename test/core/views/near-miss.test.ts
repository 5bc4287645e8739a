// When a selector matches nothing: the pods that come closest, best first, and what they miss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVERYTHING, fromLabelSelector, isSelectorError, NOTHING, type Selector } from '../../../src/core/labels.ts';
import type { LabelSelector } from '../../../src/core/types.ts';
import { nearMisses } from '../../../src/core/views/near-miss.ts';
import { deploy, live, offline, pod } from '../builders.ts';

const sel = (ls: LabelSelector): Selector => { const s = fromLabelSelector(ls); assert.ok(!isSelectorError(s)); return s; };

test('nearest first: the larger share of requirements met, then fewer misses, then name', () => {
  const s = live([
    pod('two-of-three', { labels: { app: 'web', tier: 'fe', track: 'canary' } }),
    pod('one-of-three', { labels: { app: 'web' } }),
    pod('also-two', { labels: { app: 'web', tier: 'fe' } }),
    pod('nothing', { labels: { app: 'db' } }),
    pod('matches', { labels: { app: 'web', tier: 'fe', track: 'stable' } }),
    pod('elsewhere', { ns: 'prod', labels: { app: 'web', tier: 'fe' } }),
  ]);
  const misses = nearMisses(s, 'default', sel({ matchLabels: { app: 'web', tier: 'fe', track: 'stable' } }));
  assert.deepEqual(misses.map((m) => [m.pod.name, m.matched, m.total]), [['also-two', 2, 3], ['two-of-three', 2, 3], ['one-of-three', 1, 3]]);
  assert.deepEqual(misses[0]?.missing, ['no label track']);
  assert.deepEqual(misses[1]?.missing, ['track=canary, wanted stable']);
  assert.equal(misses[0]?.template, false);
});

test('at most `limit` misses', () => {
  const s = live(Array.from({ length: 8 }, (_, i) => pod(`p${i}`, { labels: { app: 'web' } })));
  const want = sel({ matchLabels: { app: 'web', tier: 'x' } });
  assert.equal(nearMisses(s, 'default', want).length, 5);
  assert.equal(nearMisses(s, 'default', want, 2).length, 2);
});

test('templates are marked; special selectors have no near misses', () => {
  const s = offline([deploy('web', { podLabels: { app: 'web', tier: 'be' } })]);
  const misses = nearMisses(s, 'default', sel({ matchLabels: { app: 'web', tier: 'fe' } }));
  assert.deepEqual(misses.map((m) => [m.pod.name, m.template]), [['web-(deployment-template)', true]]);
  for (const x of [NOTHING, EVERYTHING, null]) assert.deepEqual(nearMisses(s, 'default', x), []);
});

test('random pods and selectors: the same near misses as explaining every pod of the namespace', async () => {
  const fc = (await import('fast-check')).default;
  const { explain, matches } = await import('../../../src/core/labels.ts');
  const { inNamespace } = await import('../../../src/core/snapshot.ts');
  const { refOf, isTemplate } = await import('../../../src/core/snapshot.ts');
  // The rule itself, on every pod: what the label index must not change.
  const everyPod = (s: ReturnType<typeof live>, selector: Selector, limit: number) => inNamespace(s.objects.Pod, 'default')
    .filter((p) => !matches(selector, p.metadata?.labels))
    .map((p) => ({ p, v: explain(selector, p.metadata?.labels) }))
    .filter(({ v }) => v.some((x) => x.matched))
    .map(({ p, v }) => ({ pod: refOf('Pod', p), template: isTemplate(s, p), missing: v.filter((x) => !x.matched).map((x) => x.why), matched: v.filter((x) => x.matched).length, total: v.length }))
    .sort((a, b) => b.matched / b.total - a.matched / a.total || a.missing.length - b.missing.length || (a.pod.name < b.pod.name ? -1 : 1))
    .slice(0, limit);
  const value = fc.constantFrom('a', 'b', 'c');
  const key = fc.constantFrom('app', 'tier', 'track', 'zone');
  const labels = fc.dictionary(key, value, { maxKeys: 4 });
  const requirement = fc.oneof(
    fc.record({ key, operator: fc.constant('In' as const), values: fc.array(value, { minLength: 1, maxLength: 2 }) }),
    fc.record({ key, operator: fc.constant('Exists' as const) }),
    fc.record({ key, operator: fc.constantFrom('NotIn' as const), values: fc.array(value, { minLength: 1, maxLength: 2 }) }),
    fc.record({ key, operator: fc.constant('DoesNotExist' as const) }),
  );
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 999 }), labels, fc.boolean()), { maxLength: 40 }),
    fc.dictionary(key, value, { maxKeys: 3 }),
    fc.array(requirement, { maxLength: 3 }),
    fc.integer({ min: 1, max: 6 }),
    (specs, matchLabels, matchExpressions, limit) => {
      // Unique names, in an order other than their names'.
      const seen = new Set<number>();
      const pods = specs.filter(([n]) => !seen.has(n) && seen.add(n)).map(([n, l, elsewhere]) => pod(`p-${n}`, { labels: l, ...(elsewhere ? { ns: 'other' } : {}) }));
      const s = live(pods);
      const parsed = fromLabelSelector({ matchLabels, matchExpressions } as LabelSelector);
      if (isSelectorError(parsed)) return;
      assert.deepEqual(nearMisses(s, 'default', parsed, limit), everyPod(s, parsed, limit));
    },
  ), { numRuns: 400 });
});
