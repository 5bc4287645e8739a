// The reducer every watch-mode source feeds: an event applied twice changes nothing more than
// once, a list after the watch events it covers gives what the list alone gives, and the
// snapshot builder the one-shot sources use keys objects the way apply() does.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, applyAll, type SourceEvent } from '../../src/core/events.ts';
import { objectKey, snapshotBuilder } from '../../src/core/snapshot-builder.ts';
import { emptySnapshot, type Snapshot } from '../../src/core/snapshot.ts';
import type { KubeObject } from '../../src/core/types.ts';
import { at, pod, slice, svc } from './builders.ts';

const T = at(0);
const web1 = pod('web-1');
const web2 = pod('web-2');
const web1NotReady = pod('web-1', { ready: false });
const other = pod('api-1', { ns: 'shop', labels: { app: 'api' } });
const sync = (objects: KubeObject[], namespace: string | null = 'default'): SourceEvent => ({ type: 'sync', at: T, kind: 'Pod', namespace, objects });
const upsert = (object: KubeObject): SourceEvent => ({ type: 'upsert', at: T, kind: 'Pod', object });
const del = (object: KubeObject): SourceEvent => ({ type: 'delete', at: T, kind: 'Pod', object });
const base = (): Snapshot => applyAll(emptySnapshot('live', 'default'), [sync([web1]), sync([other], 'shop')]);

describe('apply: the same event twice', () => {
  const events: [string, SourceEvent][] = [
    ['a list', sync([web1, web2])],
    ['a cluster-wide list', sync([web2, other], null)],
    ['an added pod', upsert(web2)],
    ['a changed pod', upsert(web1NotReady)],
    ['a deleted pod', del(web1)],
    ['a deleted pod that was never seen', del(web2)],
    ['a forbidden kind', { type: 'status', at: T, state: 'forbidden', kind: 'EndpointSlice', message: 'list endpointslices: 403' }],
    ['a connection state', { type: 'status', at: T, state: 'retrying', kind: 'Pod', message: 'reconnecting' }],
  ];
  for (const [what, e] of events) {
    test(`${what} applied twice gives what applying it once gives`, () => {
      const once = apply(base(), e);
      assert.deepEqual(apply(once, e), once);
    });
  }

  test('apply does not change the snapshot it is given', () => {
    const s = base();
    const copy = structuredClone(s);
    for (const [, e] of events) apply(s, e);
    assert.deepEqual(s, copy);
  });
});

describe('apply: a list after its watch events', () => {
  const watched: SourceEvent[][] = [
    [upsert(web2)],
    [upsert(web2), upsert(web1NotReady)],
    [del(web1), upsert(web2)],
    [upsert(web2), del(web2), del(web1)],
  ];
  for (const events of watched) {
    test(`${events.map((e) => `${e.type} ${(e as { object: KubeObject }).object.metadata?.name}`).join(', ')}: the list wins`, () => {
      const listed = [web2, web1NotReady];
      const after = applyAll(base(), [...events, sync(listed)]);
      assert.deepEqual(after, apply(base(), sync(listed)));
      assert.deepEqual(after.objects.Pod.map((p) => p.metadata?.name), ['api-1', 'web-2', 'web-1'], 'other namespaces are kept');
    });
  }

  test('a list clears the gap its kind had', () => {
    const forbidden = apply(base(), { type: 'status', at: T, state: 'forbidden', kind: 'Pod', message: '403' });
    assert.equal(forbidden.gaps.length, 1);
    assert.deepEqual(apply(forbidden, sync([web1])).gaps, []);
  });
});

describe('snapshotBuilder', () => {
  test('keeps an object read twice once, in its first place, the later read winning', () => {
    const b = snapshotBuilder('live', 'default');
    assert.equal(b.put('Pod', web1), false);
    assert.equal(b.put('Pod', web2), false);
    assert.equal(b.put('Pod', web1NotReady), true);
    assert.equal(b.put('Service', svc('web-1')), false, 'kinds are apart');
    const s = b.finish(['Pod']);
    assert.deepEqual(s.objects.Pod, [web1NotReady, web2]);
    assert.deepEqual(s.known, ['Pod']);
  });

  test('builds what the reducer folds from the same reads', () => {
    const b = snapshotBuilder('live', 'default');
    for (const p of [web1, other, web2, web1NotReady]) b.put('Pod', p);
    const s = b.finish([]);
    const folded = applyAll(emptySnapshot('live', 'default'), [web1, other, web2, web1NotReady].map(upsert));
    assert.deepEqual(s.objects.Pod, folded.objects.Pod);
  });

  test('gaps are kept; objects are told apart by namespace and name', () => {
    const b = snapshotBuilder('live', 'default');
    b.gap({ kind: 'EndpointSlice', reason: 'forbidden', message: '403' });
    b.put('EndpointSlice', slice('web-abc', 'web'));
    assert.equal(b.finish([]).gaps.length, 1);
    assert.notEqual(objectKey(web1), objectKey(pod('web-1', { ns: 'shop' })));
  });
});
