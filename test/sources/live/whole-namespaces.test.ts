// Namespaces told whole while check's lists are read: once every list has gone past them in
// the storage keys' order (namespace/name) and the Nodes are read; nothing trusted once a list
// breaks that order or starts again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot } from '../../../src/core/snapshot.ts';
import type { KubeObject } from '../../../src/core/types.ts';
import { wholeNamespaces } from '../../../src/sources/live/whole-namespaces.ts';

const o = (namespace: string, name: string): KubeObject => ({ metadata: { namespace, name } });
const nodeObject: KubeObject = { metadata: { name: 'node-a' } };

function tracker() {
  const told: { namespace: string; s: Snapshot }[] = [];
  const w = wholeNamespaces('default', (s, namespace) => told.push({ namespace, s }));
  return { w, told, names: () => told.map((t) => t.namespace) };
}

test('a namespace is told once every cluster-wide list has gone past it and the Nodes are read', () => {
  const { w, told, names } = tracker();
  const pods = w.observe({ kind: 'Pod', namespace: null });
  const services = w.observe({ kind: 'Service', namespace: null });
  const nodes = w.observe({ kind: 'Node', namespace: null, metadataOnly: true });
  pods.page([o('a', 'p1'), o('a', 'p2'), o('b', 'p1')], false);
  services.page([o('a', 's1'), o('c', 's1')], false);
  assert.deepEqual(names(), [], 'the Nodes are not read yet');
  nodes.page([nodeObject], true);
  assert.deepEqual(names(), ['a'], 'b: the Service list has gone past it, the pod list not yet');
  const a = told[0]?.s as Snapshot;
  assert.deepEqual(a.objects.Pod.map((p) => p.metadata?.name), ['p1', 'p2']);
  assert.deepEqual(a.objects.Service.map((p) => p.metadata?.name), ['s1']);
  assert.deepEqual(a.objects.Node, [nodeObject]);
  assert.deepEqual([...a.known].sort(), ['Node', 'Pod', 'Service']);
  assert.equal(a.origin, 'live');
  pods.page([o('c', 'p1')], false);
  assert.deepEqual(names(), ['a', 'b']);
  pods.page([], true);
  assert.deepEqual(names(), ['a', 'b'], 'c: the Service list may have more of it');
  services.page([o('d', 's1')], true);
  assert.deepEqual(names(), ['a', 'b', 'c', 'd']);
  assert.equal(w.trusted, true);
  assert.equal(w.told, 4);
});

test('the keys order namespace "a-b" before "a" (the separator sorts after the hyphen)', () => {
  const { w, names } = tracker();
  const pods = w.observe({ kind: 'Pod', namespace: null });
  w.observe({ kind: 'Node', namespace: null }).page([], true);
  pods.page([o('a-b', 'p'), o('a', 'p')], false);
  assert.deepEqual(names(), ['a-b']);
  assert.equal(w.trusted, true);
});

test('a list out of the keys order, or started again, leaves nothing trusted and tells no more', () => {
  for (const breakIt of [
    (l: ReturnType<ReturnType<typeof wholeNamespaces>['observe']>) => l.page([o('a', 'p')], false),
    (l: ReturnType<ReturnType<typeof wholeNamespaces>['observe']>) => l.restart(),
  ]) {
    const { w, names } = tracker();
    const pods = w.observe({ kind: 'Pod', namespace: null });
    w.observe({ kind: 'Node', namespace: null }).page([], true);
    pods.page([o('a', 'p1'), o('b', 'p1'), o('c', 'p1')], false);
    assert.deepEqual(names(), ['a', 'b']);
    breakIt(pods);
    assert.equal(w.trusted, false);
    pods.page([o('d', 'p1')], true);
    assert.deepEqual(names(), ['a', 'b']);
  }
});

test('an object of a namespace already told, of another namespace than its list, or of none, breaks the order', () => {
  const cases: [string | null, KubeObject][] = [[null, o('a', 'late')], ['x', o('y', 'p')], [null, { metadata: { name: 'no-namespace' } }]];
  for (const [scope, late] of cases) {
    const { w } = tracker();
    const pods = w.observe({ kind: 'Pod', namespace: scope });
    const services = w.observe({ kind: 'Service', namespace: scope });
    w.observe({ kind: 'Node', namespace: null }).page([], true);
    services.page(scope ? [] : [o('a', 's'), o('b', 's')], true);
    pods.page(scope ? [] : [o('a', 'p'), o('b', 'p')], false);
    (scope ? services : pods).page([late], false);
    assert.equal(w.trusted, false, JSON.stringify(late));
  }
});

test('check -n: a namespace is told when its own lists end; lists with a selector are never trusted', () => {
  const { w, names } = tracker();
  const x = w.observe({ kind: 'Pod', namespace: 'x' });
  const y = w.observe({ kind: 'Pod', namespace: 'y' });
  w.observe({ kind: 'Node', namespace: null }).page([], true);
  y.page([o('y', 'p')], false);
  x.page([o('x', 'p')], true);
  assert.deepEqual(names(), ['x']);
  y.page([], true);
  assert.deepEqual(names(), ['x', 'y']);

  const selected = tracker();
  selected.w.observe({ kind: 'Pod', namespace: 'x', labelSelector: 'app=web' });
  assert.equal(selected.w.trusted, false);
});
