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
