// Which Namespaces a namespaceSelector matches: read from a label index, kept per selector.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromLabelSelector, isSelectorError, matches, type Selector } from '../../../src/core/labels.ts';
import { namespacesSelected } from '../../../src/core/targets/namespace-selector.ts';
import type { LabelSelector, Namespace } from '../../../src/core/types.ts';
import { live } from '../builders.ts';

const ns = (name: string, labels: Record<string, string> = {}): Namespace => ({ kind: 'Namespace', metadata: { name, labels } });
const sel = (ls: LabelSelector): Selector => { const s = fromLabelSelector(ls); assert.ok(!isSelectorError(s)); return s; };

test('a Namespace is matched on its labels and on kubernetes.io/metadata.name holding its name, whatever was written there', () => {
  const s = live([ns('b', { team: 'x' }), ns('a', { team: 'x', 'kubernetes.io/metadata.name': 'forged' }), ns('c', { team: 'y' })]);
  assert.deepEqual(namespacesSelected(s, sel({ matchLabels: { team: 'x' } })), ['b', 'a'], 'in list order');
  assert.deepEqual(namespacesSelected(s, sel({ matchLabels: { 'kubernetes.io/metadata.name': 'a' } })), ['a']);
  assert.deepEqual(namespacesSelected(s, sel({ matchLabels: { 'kubernetes.io/metadata.name': 'forged' } })), []);
  assert.deepEqual(namespacesSelected(s, sel({ matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['x'] }] })), ['c']);
  assert.deepEqual(namespacesSelected(s, sel({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'DoesNotExist' }] })), []);
});

test('a Namespace read after the first answer is seen by the next one', () => {
  const s = live([ns('a', { team: 'x' })]);
  const want = sel({ matchLabels: { team: 'x' } });
  assert.deepEqual(namespacesSelected(s, want), ['a']);
  s.objects.Namespace.push(ns('b', { team: 'x' }));
  assert.deepEqual(namespacesSelected(s, want), ['a', 'b']);
});

test('random Namespaces and selectors: the same names as weighing every Namespace', async () => {
  const fc = (await import('fast-check')).default;
  const value = fc.constantFrom('a', 'b', 'c');
  const key = fc.constantFrom('team', 'env', 'kubernetes.io/metadata.name');
  const requirement = fc.oneof(
    fc.record({ key, operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.array(value, { minLength: 1, maxLength: 2 }) }),
    fc.record({ key, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
  );
  fc.assert(fc.property(
    fc.uniqueArray(fc.tuple(value, fc.integer({ min: 0, max: 99 }), fc.dictionary(key, value, { maxKeys: 3 })), { selector: ([v, n]) => `${v}${n}`, maxLength: 30 }),
    fc.array(fc.tuple(fc.dictionary(key, value, { maxKeys: 2 }), fc.array(requirement, { maxLength: 3 })), { minLength: 1, maxLength: 4 }),
    (specs, selectors) => {
      const s = live(specs.map(([v, n, labels]) => ns(`${v}${n}`, labels)));
      for (const [matchLabels, matchExpressions] of selectors) {
        const parsed = fromLabelSelector({ matchLabels, matchExpressions } as LabelSelector);
        if (isSelectorError(parsed)) continue;
        const every = s.objects.Namespace.filter((n) => matches(parsed, { ...(n.metadata?.labels ?? {}), 'kubernetes.io/metadata.name': n.metadata?.name ?? '' })).map((n) => n.metadata?.name);
        assert.deepEqual(namespacesSelected(s, parsed), every);
        assert.deepEqual(namespacesSelected(s, parsed), every, 'asked again');
      }
    },
  ), { numRuns: 300 });
});
