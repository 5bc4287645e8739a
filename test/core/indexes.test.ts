// The snapshot indexes give the answers a scan of every object would give, in the same
// order, and follow the snapshot when it changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupedBy, inListOrder, namespacesIn, objectNamed, objectsInNamespace, podsInNamespaceSelected, podsSelected, releaseCaches, remember, snapshotCache } from '../../src/core/indexes.ts';
import { matches, type Operator, type Requirement, type Selector } from '../../src/core/labels.ts';
import { apply } from '../../src/core/events.ts';
import { snapshotBuilder } from '../../src/core/snapshot-builder.ts';
import type { KubeObject, Pod } from '../../src/core/types.ts';
import { deploy, live, pod, run, svc } from './builders.ts';

/** A small deterministic generator, so a failure names its seed. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

const KEYS = ['app', 'tier', 'track', 'zone'];
const VALUES = ['a', 'b', 'c', ''];
const OPS: Operator[] = ['Equals', 'In', 'NotIn', 'Exists', 'DoesNotExist'];

function randomPods(r: (n: number) => number, n: number): Pod[] {
  return Array.from({ length: n }, (_, i) => {
    const labels: Record<string, string> = {};
    for (const k of KEYS) if (r(3) > 0) labels[k] = VALUES[r(VALUES.length)] as string;
    const p = pod(`p${String(r(40)).padStart(2, '0')}-${i}`, { ns: ['default', 'one', 'two'][r(3)] as string, labels });
    if (r(10) === 0) delete p.metadata?.labels;
    return p;
  });
}

function randomSelector(r: (n: number) => number): Selector {
  const pick = r(12);
  if (pick === 0) return { kind: 'nothing' };
  if (pick === 1) return { kind: 'everything' };
  const requirements: Requirement[] = Array.from({ length: 1 + r(3) }, () => {
    const operator = OPS[r(OPS.length)] as Operator;
    const key = KEYS[r(KEYS.length)] as string;
    const values = operator === 'Equals' ? [VALUES[r(VALUES.length)] as string] : operator === 'In' || operator === 'NotIn' ? [VALUES[r(4)] as string, VALUES[r(4)] as string] : [];
    return { key, operator, values };
  });
  return { kind: 'requirements', requirements };
}

test('label index: every selector selects exactly the pods a scan selects, in list order', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = rng(seed);
    const pods = randomPods(r, 60 + r(60));
    for (let k = 0; k < 25; k++) {
      const sel = randomSelector(r);
      assert.deepEqual(podsSelected(pods, sel), pods.filter((p) => matches(sel, p.metadata?.labels)), `seed ${seed} selector ${JSON.stringify(sel)}`);
      for (const ns of ['default', 'one', 'two', 'absent']) {
        const scan = pods.filter((p) => (p.metadata?.namespace ?? 'default') === ns && matches(sel, p.metadata?.labels));
        assert.deepEqual(podsInNamespaceSelected(pods, ns, sel), scan, `seed ${seed} namespace ${ns}`);
      }
    }
  }
});

test('NotIn and DoesNotExist match pods that lack the key, also through the index', () => {
  const pods = [pod('with', { labels: { app: 'a', tier: 'x' } }), pod('without', { labels: { app: 'a' } })];
  const notIn: Selector = { kind: 'requirements', requirements: [{ key: 'app', operator: 'Equals', values: ['a'] }, { key: 'tier', operator: 'NotIn', values: ['x'] }] };
  assert.deepEqual(podsSelected(pods, notIn).map((p) => p.metadata?.name), ['without']);
  const absent: Selector = { kind: 'requirements', requirements: [{ key: 'tier', operator: 'DoesNotExist', values: [] }] };
  assert.deepEqual(podsSelected(pods, absent).map((p) => p.metadata?.name), ['without']);
});

test('namespace and name indexes: list order, first object of a name, objects without a namespace in "default"', () => {
  const a = pod('a', { ns: 'x' });
  const b = pod('b');
  const dup = pod('a', { ns: 'x', uid: 'second' });
  const bare = pod('c');
  delete bare.metadata?.namespace;
  const list = [a, b, dup, bare];
  assert.deepEqual(objectsInNamespace(list, 'x'), [a, dup]);
  assert.deepEqual(objectsInNamespace(list, 'default'), [b, bare]);
  assert.deepEqual(objectsInNamespace(list, 'none'), []);
  assert.equal(objectNamed(list, 'x', 'a'), a, 'the first of two objects with one name, as Array.find');
  assert.equal(objectNamed(list, 'default', 'c'), bare);
  assert.equal(objectNamed(list, 'x', 'b'), undefined);
  assert.deepEqual(namespacesIn(list), ['x', 'default']);
  assert.deepEqual(inListOrder(list, [bare, a, b]), [a, b, bare]);
});

test('an index follows a list that grew in place (a loader still appending)', () => {
  const list: Pod[] = [pod('a')];
  assert.equal(objectsInNamespace(list, 'default').length, 1);
  list.push(pod('b'));
  assert.deepEqual(objectsInNamespace(list, 'default').map((p) => p.metadata?.name), ['a', 'b']);
  assert.equal(objectNamed(list, 'default', 'b'), list[1]);
  const sel: Selector = { kind: 'requirements', requirements: [{ key: 'app', operator: 'Equals', values: ['web'] }] };
  assert.equal(podsInNamespaceSelected(list, 'default', sel).length, 2);
});

test('groupedBy keys once per list and name, leaving out objects without a key', () => {
  const list: KubeObject[] = [pod('a', { labels: { k: '1' } }), pod('b', { labels: {} }), pod('c', { labels: { k: '1' } })];
  const g = groupedBy(list, 'k', (o) => o.metadata?.labels?.k ?? null);
  assert.deepEqual([...g.keys()], ['1']);
  assert.deepEqual(g.get('1')?.map((o) => o.metadata?.name), ['a', 'c']);
  assert.equal(groupedBy(list, 'k', () => 'other'), g, 'built once per list and name');
});

test('remember keeps a value per snapshot objects and forgets it when a list changes', () => {
  const s = live([pod('a')]);
  let made = 0;
  const make = () => ++made;
  assert.equal(remember(s.objects, 'x', make), 1);
  assert.equal(remember(s.objects, 'x', make), 1);
  s.objects.Pod.push(pod('b'));
  assert.equal(remember(s.objects, 'x', make), 2, 'a list that grew invalidates what was derived from it');
  const next = { ...s.objects, Service: [svc('web')] };
  assert.equal(remember(next, 'x', make), 3, 'new objects, new memo');
});

test('answers follow the snapshot across events: the shared indexes are never stale', () => {
  const web = deploy('web');
  let s = live([web, svc('web'), pod('web-1', { labels: { app: 'web' }, owner: web })]);
  assert.equal(run(s, 'Service', 'web').selection.length, 1);
  s = apply(s, { type: 'upsert', at: '2026-03-01T12:00:00Z', kind: 'Pod', object: pod('web-2', { labels: { app: 'web' }, owner: web }) });
  assert.deepEqual(run(s, 'Service', 'web').selection.map((v) => v.ref.name), ['web-1', 'web-2']);
  // Relabelled in place (same list length): the Service lets it go.
  s = apply(s, { type: 'upsert', at: '2026-03-01T12:00:01Z', kind: 'Pod', object: pod('web-1', { labels: { app: 'other' }, owner: web }) });
  assert.deepEqual(run(s, 'Service', 'web').selection.map((v) => v.ref.name), ['web-2']);
  s = apply(s, { type: 'delete', at: '2026-03-01T12:00:02Z', kind: 'Pod', object: pod('web-2', { labels: { app: 'web' }, owner: web }) });
  assert.deepEqual(run(s, 'Service', 'web').selection.map((v) => v.ref.name), []);
});

test('a live source that reads an object again, after working out from its lists what to read next: answers are of the object read last', () => {
  const b = snapshotBuilder('live', 'default');
  b.putAll('Pod', [pod('web-1', { labels: { app: 'web' } })]);
  const before = b.snapshot.objects.Pod;
  const sel: Selector = { kind: 'requirements', requirements: [{ key: 'app', operator: 'Equals', values: ['web'] }] };
  assert.equal(podsInNamespaceSelected(before, 'default', sel).length, 1);
  let made = 0;
  assert.equal(remember(b.snapshot.objects, 'x', () => ++made), 1);
  // Read again (a Service's pods, say), relabelled meanwhile; a new pod beside it in the same page.
  const again = pod('web-1', { labels: { app: 'other' } });
  b.putAll('Pod', [again, pod('web-2', { labels: { app: 'web' } })]);
  const after = b.snapshot.objects.Pod;
  assert.notEqual(after, before, 'a batch that replaces an object makes a new list');
  assert.deepEqual(after.map((p) => p.metadata?.name), ['web-1', 'web-2'], 'in the order first seen');
  assert.equal(objectNamed(after, 'default', 'web-1'), again);
  assert.deepEqual(podsInNamespaceSelected(after, 'default', sel).map((p) => p.metadata?.name), ['web-2']);
  assert.equal(remember(b.snapshot.objects, 'x', () => ++made), 2, 'nothing derived from the old list is taken for the new');
  // Only new objects: appended in place, as before.
  b.putAll('Pod', [pod('web-3')]);
  assert.equal(b.snapshot.objects.Pod, after);
  assert.equal(after.length, 3);
});

test('snapshotCache keeps one value per name and snapshot, and forgets it when a list changes', () => {
  const s = live([pod('a')]);
  let made = 0;
  const make = () => ++made;
  assert.equal(snapshotCache(s, 'x', make), 1);
  assert.equal(snapshotCache(s, 'x', make), 1, 'the same name over the same snapshot: kept');
  assert.equal(snapshotCache(s, 'y', make), 2, 'another name is another cache');
  assert.equal(snapshotCache(s, 'x', make), 1);
  const twin = { ...s };
  assert.equal(snapshotCache(twin, 'x', make), 3, 'another snapshot over the same lists has its own value');
  s.objects.Pod.push(pod('b'));
  assert.equal(snapshotCache(s, 'x', make), 4, 'a list that grew invalidates what was derived from it');
  assert.equal(snapshotCache(s, 'y', make), 5);
});

test('releaseCaches lets go of the snapshot caches, except the lasting ones', () => {
  const s = live([pod('a')]);
  let made = 0;
  const make = () => ++made;
  assert.equal(snapshotCache(s, 'views', make), 1);
  assert.equal(snapshotCache(s, 'pods', make, true), 2);
  assert.equal(snapshotCache(s, 'pods', make), 3, 'a lasting cache and a released one of the same name are apart');
  releaseCaches(s);
  assert.equal(snapshotCache(s, 'views', make), 4, 'released: made again');
  assert.equal(snapshotCache(s, 'pods', make, true), 2, 'lasting: kept');
  assert.equal(remember(s.objects, 'k', make), 5);
  releaseCaches(s);
  assert.equal(remember(s.objects, 'k', make), 5, 'values kept by remember are not snapshot caches');
  const twin = { ...s };
  assert.equal(snapshotCache(twin, 'views', make), 6);
  releaseCaches(s);
  assert.equal(snapshotCache(twin, 'views', make), 7, 'what another snapshot over the same lists derived is released too');
  assert.equal(snapshotCache(s, 'pods', make, true), 2);
});
