// The ownership graph (semantics §3.1–3.3): controllerRef is the first ownerReference
// with controller: true; chains follow it by UID; stale UIDs, missing owners and cycles
// stop the chain; adoption shows in names the controller would not have given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adoptionEvidence, buildOwnershipGraph, chainIncludes, controllerRef, ownerChain, rootOwner, sameObject } from '../../src/core/ownership.ts';
import { refOf } from '../../src/core/snapshot.ts';
import type { KubeObject } from '../../src/core/types.ts';
import { cronjob, deploy, ds, job, jobOf, live, ownerRef, pod, podOf, rc, rs, rsOf, sts, uidFor } from './builders.ts';

const chainOf = (objects: KubeObject[], o: KubeObject) => ownerChain(buildOwnershipGraph(live(objects)), o);
const show = (chain: ReturnType<typeof ownerChain>) => chain.map((l) => `${l.ref.kind}/${l.ref.name}${l.present ? '' : l.staleUid ? ' (stale uid)' : ' (missing)'}`);

test('controllerRef is the first ownerReference with controller: true', () => {
  const a = rs('a');
  const b = rs('b');
  const cases: { refs: ReturnType<typeof ownerRef>[]; want: string | undefined }[] = [
    { refs: [], want: undefined },
    { refs: [ownerRef(a, false)], want: undefined },
    { refs: [ownerRef(a, false), ownerRef(b)], want: 'b' },
    { refs: [ownerRef(a), ownerRef(b)], want: 'a' },
    { refs: [{ ...ownerRef(a), controller: undefined }, ownerRef(b)], want: 'b' },
  ];
  for (const c of cases) {
    assert.equal(controllerRef(pod('p', { ownerRefs: c.refs }))?.name, c.want, JSON.stringify(c.refs.map((r) => [r.name, r.controller])));
  }
});

test('chains follow controllerRefs by UID: Pod→RS→Deployment, Pod→Job→CronJob, STS, DS, RC', () => {
  const d = deploy('web');
  const r = rsOf(d, 'abc');
  const cj = cronjob('nightly');
  const j = jobOf(cj, '2900');
  const st = sts('db');
  const dm = ds('agent');
  const c = rc('legacy');
  const objects = [d, r, cj, j, st, dm, c];
  const cases: [KubeObject, string[]][] = [
    [podOf(r, 'web-abc-x1'), ['ReplicaSet/web-abc', 'Deployment/web']],
    [podOf(j, 'nightly-2900-q'), ['Job/nightly-2900', 'CronJob/nightly']],
    [podOf(st, 'db-0'), ['StatefulSet/db']],
    [podOf(dm, 'agent-k2'), ['DaemonSet/agent']],
    [podOf(c, 'legacy-z'), ['ReplicationController/legacy']],
    [pod('bare'), []],
    [r, ['Deployment/web']],
  ];
  for (const [o, want] of cases) {
    const chain = chainOf(objects, o);
    assert.deepEqual(show(chain), want, String(o.metadata?.name));
    assert.ok(chain.every((l) => l.ref.uid && l.ref.namespace === 'default'));
  }
});

test('a missing owner ends the chain, marked not present', () => {
  const d = deploy('web');
  const r = rsOf(d, 'abc');
  assert.deepEqual(show(chainOf([r], podOf(r, 'web-abc-1'))), ['ReplicaSet/web-abc', 'Deployment/web (missing)']);
  assert.deepEqual(show(chainOf([], podOf(r, 'web-abc-1'))), ['ReplicaSet/web-abc (missing)']);
});

test('same name, other UID: the reference points at a deleted predecessor (stale UID)', () => {
  const old = deploy('web', { uid: 'old-uid' });
  const r = rsOf(old, 'abc');
  const current = deploy('web', { uid: 'new-uid' });
  const chain = chainOf([current, r], podOf(r, 'web-abc-1'));
  assert.deepEqual(show(chain), ['ReplicaSet/web-abc', 'Deployment/web (stale uid)']);
  assert.equal(chain[1]?.ref.uid, 'old-uid');
  assert.equal(chainIncludes(chain, refOf('Deployment', current)), false);
});

test('a reference without a UID is followed by kind, namespace and name', () => {
  const d = deploy('web');
  const r = rs('web-abc', { ownerRefs: [{ kind: 'Deployment', name: 'web', controller: true }] });
  assert.deepEqual(show(chainOf([d, r], podOf(r, 'web-abc-1'))), ['ReplicaSet/web-abc', 'Deployment/web']);
  // ... but never across namespaces.
  const other = deploy('web', { ns: 'other' });
  assert.deepEqual(show(chainOf([other, r], podOf(r, 'web-abc-1'))), ['ReplicaSet/web-abc', 'Deployment/web (missing)']);
});

test('UIDs are global: an owner is found by UID whatever its name in the reference', () => {
  const d = deploy('web');
  const r = rs('web-abc', { ownerRefs: [{ kind: 'Deployment', name: 'renamed', uid: uidFor('Deployment', 'web'), controller: true }] });
  assert.deepEqual(show(chainOf([d, r], r)), ['Deployment/renamed']);
});

test('cycles end the chain instead of looping', () => {
  const a = rs('a', { ownerRefs: [{ kind: 'ReplicaSet', name: 'b', uid: uidFor('ReplicaSet', 'b'), controller: true }] });
  const b = rs('b', { ownerRefs: [{ kind: 'ReplicaSet', name: 'a', uid: uidFor('ReplicaSet', 'a'), controller: true }] });
  assert.deepEqual(show(chainOf([a, b], podOf(a, 'a-1'))), ['ReplicaSet/a', 'ReplicaSet/b']);
  const self = rs('self', { ownerRefs: [{ kind: 'ReplicaSet', name: 'self', uid: uidFor('ReplicaSet', 'self'), controller: true }] });
  assert.deepEqual(show(chainOf([self], self)), ['ReplicaSet/self']);
});

test('rootOwner is the top of the chain, or the object itself', () => {
  const d = deploy('web');
  const r = rsOf(d, 'abc');
  const p = podOf(r, 'web-abc-1');
  assert.equal(rootOwner('Pod', p, chainOf([d, r], p)).name, 'web');
  const bare = pod('bare');
  assert.deepEqual(rootOwner('Pod', bare, []), refOf('Pod', bare));
});

test('sameObject compares UIDs when both have one, else kind, name and namespace', () => {
  const cases: [Parameters<typeof sameObject>[0], Parameters<typeof sameObject>[1], boolean][] = [
    [{ kind: 'Deployment', name: 'a', uid: '1' }, { kind: 'Deployment', name: 'a', uid: '2' }, false],
    [{ kind: 'Deployment', name: 'a', uid: '1' }, { kind: 'Deployment', name: 'b', uid: '1' }, true],
    [{ kind: 'Deployment', name: 'a', uid: '1' }, { kind: 'Deployment', name: 'a' }, true],
    [{ kind: 'Deployment', name: 'a', namespace: 'x' }, { kind: 'Deployment', name: 'a', namespace: 'y' }, false],
    [{ kind: 'Deployment', name: 'a' }, { kind: 'StatefulSet', name: 'a' }, false],
  ];
  for (const [a, b, want] of cases) assert.equal(sameObject(a, b), want, JSON.stringify([a, b]));
});

test('a CronJob owns its Jobs by controllerRef name, so a chain reaches it even through a stale UID (trap 15)', () => {
  const old = cronjob('nightly', { uid: 'old' });
  const j = jobOf(old, '1');
  const current = cronjob('nightly', { uid: 'new' });
  const chain = chainOf([current, j], podOf(j, 'nightly-1-a'));
  assert.deepEqual(show(chain), ['Job/nightly-1', 'CronJob/nightly (stale uid)']);
  assert.equal(chainIncludes(chain, refOf('CronJob', current)), true);
  assert.equal(chainIncludes(chain, refOf('Deployment', deploy('nightly'))), false);
});

test('adoption evidence: names a controller would not have given (§3.2)', () => {
  const d = deploy('web');
  const r = rsOf(d, 'abc');
  const st = sts('db');
  const dm = ds('agent');
  const j = job('pi');
  const c = rc('legacy');
  const R = (o: KubeObject) => refOf(o.kind as string, o);
  const cases: { name: string; pod: KubeObject; owner: KubeObject | null; adopted: boolean }[] = [
    { name: 'RS pod from generateName', pod: podOf(r, 'web-abc-x7k2p'), owner: r, adopted: false },
    { name: 'hand-made pod adopted by a RS', pod: pod('debug', { owner: r }), owner: r, adopted: true },
    { name: 'generateName of another controller', pod: pod('other-x', { owner: r, generateName: 'other-' }), owner: r, adopted: true },
    { name: 'StatefulSet ordinal name', pod: podOf(st, 'db-0'), owner: st, adopted: false },
    { name: 'StatefulSet: not <sts>-<ordinal>', pod: pod('db-primary', { owner: st }), owner: st, adopted: true },
    { name: 'StatefulSet: another set\'s ordinal', pod: pod('dbx-0', { owner: st }), owner: st, adopted: true },
    { name: 'DaemonSet pod', pod: podOf(dm, 'agent-q8'), owner: dm, adopted: false },
    { name: 'Job pod', pod: podOf(j, 'pi-5x'), owner: j, adopted: false },
    { name: 'indexed Job pod', pod: pod('pi-3-abcde', { owner: j, generateName: 'pi-3-' }), owner: j, adopted: false },
    { name: 'RC pod', pod: podOf(c, 'legacy-77'), owner: c, adopted: false },
    { name: 'Deployment never creates pods itself', pod: pod('x', { owner: d }), owner: d, adopted: false },
    { name: 'no owner', pod: pod('x'), owner: null, adopted: false },
  ];
  for (const c2 of cases) {
    const why = adoptionEvidence(c2.pod, c2.owner ? R(c2.owner) : undefined);
    assert.equal(why !== null, c2.adopted, `${c2.name}: ${why}`);
  }
  assert.match(adoptionEvidence(pod('db-primary'), R(st)) ?? '', /not db-<ordinal>/);
  assert.match(adoptionEvidence(pod('debug'), R(r)) ?? '', /web-abc-…/);
});

test('an owner in another namespace is absent, whatever its UID (the garbage collector refuses it: OwnerRefInvalidNamespace)', () => {
  const d = deploy('web');
  const r = rsOf(d, 'abc');
  const elsewhere = { ...r, metadata: { ...r.metadata, namespace: 'other' } };
  const p = podOf(r, 'web-abc-1');
  assert.deepEqual(show(chainOf([d, elsewhere], p)), ['ReplicaSet/web-abc (missing)']);
  // The same owner in the pod's own namespace is followed.
  assert.deepEqual(show(chainOf([d, r], p)), ['ReplicaSet/web-abc', 'Deployment/web']);
  // A cluster-scoped owner (a Node, for a mirror pod) has no namespace to differ.
  const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'node-uid-1' } };
  const mirror = pod('static-n1', { ownerRefs: [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'node-uid-1', controller: true }] });
  assert.deepEqual(show(chainOf([node as KubeObject], mirror)), ['Node/n1']);
});
