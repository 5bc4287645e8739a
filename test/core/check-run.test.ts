// A check made in parts (checkRun): namespaces checked ahead from snapshots of each alone, as a
// live source tells them while it reads the rest, give the report check gives for the whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, checkRun, namespacesOf, readsOtherNamespaces } from '../../src/core/check.ts';
import { emptySnapshot, KINDS, type Snapshot } from '../../src/core/snapshot.ts';
import type { KubeObject, NetworkPolicy } from '../../src/core/types.ts';
import { deploy, live, netpol, node, NOW, offline, pod, podOf, query, rsOf, slice, svc } from './builders.ts';
import { xdmodObjects } from './scenarios.ts';

const { target: _target, commands: _commands, source, ...base } = query('Service', 'unused');

/** The snapshot of one namespace alone (and every Node), as the live source tells it. */
function alone(s: Snapshot, namespace: string): Snapshot {
  const part = emptySnapshot(s.origin, s.defaultNamespace);
  for (const kind of KINDS) {
    const list = s.objects[kind] as KubeObject[];
    (part.objects[kind] as KubeObject[]) = kind === 'Node' ? list : list.filter((o) => (o.metadata?.namespace ?? 'default') === namespace);
  }
  part.known = s.known;
  return part;
}

function peerPolicy(name: string, ns: string, app: string): NetworkPolicy {
  const np = netpol(name, { ns, podSelector: {} });
  (np.spec as NonNullable<NetworkPolicy['spec']>).ingress = [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app } } }] }];
  return np;
}

/** What a live check reads: every kind but the Namespaces. */
const CHECK_READS = KINDS.filter((k) => k !== 'Namespace');

function cluster(): Snapshot {
  const web = deploy('web', { ns: 'b-team' });
  const r = rsOf(web, 'h1', { ns: 'b-team' });
  return live([
    ...xdmodObjects().objects,
    web, r, podOf(r, 'web-h1-a', { ns: 'b-team' }), svc('web', { ns: 'b-team', selector: { app: 'web' } }), slice('web-x', 'web', { ns: 'b-team' }),
    deploy('web', { ns: 'a-team' }), pod('stray', { ns: 'a-team', labels: { app: 'web' } }), pod('x', { ns: 'a' }), pod('y', { ns: 'a-b' }),
    peerPolicy('from-anywhere', 'c-team', 'web'),
    node('node-a'),
  ], { known: CHECK_READS });
}

test('namespaces checked ahead, in any order, give the report of the whole check', () => {
  const s = cluster();
  const namespaces = namespacesOf(s);
  const whole = check(s, namespaces, { ...base, source }, NOW);
  assert.ok(whole.findings.length >= 6, 'the scenario has findings in several namespaces');
  const run = checkRun(base, NOW);
  for (const ns of [...namespaces].reverse()) run.add(alone(s, ns), [ns]);
  assert.equal(run.ahead, namespaces.length, 'live, a peer in other namespaces is claimed about only when they are known (c-team)');
  assert.deepEqual(run.report(s, namespaces, source), whole);
  // Some ahead and the rest at the end, or none ahead: the same.
  const some = checkRun(base, NOW);
  some.add(alone(s, 'b-team'), ['b-team']);
  assert.deepEqual(some.report(s, namespaces, source), whole);
});

test('a namespace whose NetworkPolicy peers look in other namespaces is checked only against the whole snapshot', () => {
  // Offline the input is the whole world: a peer that matches no pod anywhere is a finding.
  const s = offline([peerPolicy('from-web', 'a', 'web'), pod('web-1', { ns: 'b', labels: { app: 'web' } })]);
  assert.equal(readsOtherNamespaces(s, 'a'), true);
  assert.equal(readsOtherNamespaces(s, 'b'), false);
  assert.equal(readsOtherNamespaces(live(s.objects.NetworkPolicy, { known: CHECK_READS }), 'a'), false, 'live, the Namespaces not read');
  assert.equal(readsOtherNamespaces(live(s.objects.NetworkPolicy, { known: ['NetworkPolicy', 'Namespace'] }), 'a'), true);
  const whole = check(s, ['a', 'b'], { ...base, source }, NOW);
  assert.ok(!whole.findings.some((f) => f.id === 'netpol-peer-matches-nothing'), 'the peer matches web-1 in namespace b');
  // Namespace a alone would have no pod for the peer; it is not checked from it.
  assert.ok(check(alone(s, 'a'), ['a'], { ...base, source }, NOW).findings.some((f) => f.id === 'netpol-peer-matches-nothing'));
  const run = checkRun(base, NOW);
  run.add(alone(s, 'a'), ['a']);
  assert.equal(run.ahead, 0);
  assert.deepEqual(run.report(s, ['a', 'b'], source), whole);
});
