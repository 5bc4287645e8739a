// A NetworkPolicy's peers (§6.1): an empty or missing peer list allows everything; a
// podSelector alone means the policy's namespace; podSelector and namespaceSelector in one
// peer are ANDed; {} namespaceSelector means all namespaces; ipBlocks select no pods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkPolicyPeers, policyTypes } from '../../../src/core/targets/network-policy.ts';
import type { Namespace, NetworkPolicy } from '../../../src/core/types.ts';
import { live, netpol, pod, snapshot } from '../builders.ts';

function policy(spec: NonNullable<NetworkPolicy['spec']>): NetworkPolicy {
  const np = netpol('np');
  np.spec = spec;
  return np;
}

const ns = (name: string, labels: Record<string, string> = {}): Namespace => ({ kind: 'Namespace', metadata: { name, labels } });

const pods = [
  pod('web', { labels: { app: 'web' } }), pod('db', { labels: { app: 'db' } }),
  pod('mon-agent', { ns: 'monitoring', labels: { app: 'agent' } }), pod('prod-web', { ns: 'prod', labels: { app: 'web' } }),
];
const world = live([...pods, ns('default'), ns('monitoring', { team: 'ops' }), ns('prod', { team: 'shop' })]);

test('policyTypes default: Ingress, plus Egress when an egress section exists', () => {
  assert.deepEqual(policyTypes(policy({})), ['Ingress']);
  assert.deepEqual(policyTypes(policy({ egress: [] })), ['Ingress', 'Egress']);
  assert.deepEqual(policyTypes(policy({ policyTypes: ['Egress'] })), ['Egress']);
});

test('peers and the pods they match', () => {
  const np = policy({
    ingress: [
      { from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: { matchLabels: { team: 'ops' } } }], ports: [{ port: 5432, protocol: 'TCP' }] },
      { from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } }] },
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } } }] },
      {},
    ],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 8000, endPort: 8080 }] }],
  });
  const peers = networkPolicyPeers(world, np);
  assert.deepEqual(peers.map((p) => [p.direction, p.rule, p.peer, p.ports, p.pods.map((x) => `${x.namespace ?? ''}/${x.name}`), p.note]), [
    ['ingress', 1, 'pods with app=web in namespace default', '5432/TCP', ['default/web'], null],
    ['ingress', 1, 'all pods in namespaces with team=ops', '5432/TCP', ['monitoring/mon-agent'], null],
    ['ingress', 2, 'pods with app=web in all namespaces', 'all ports', ['prod/prod-web', 'default/web'], null],
    ['ingress', 3, 'all pods in namespaces with kubernetes.io/metadata.name=prod', 'all ports', ['prod/prod-web'], null],
    ['ingress', 4, 'any source', 'all ports', [], 'an empty or missing peer list allows everything'],
    ['egress', 1, 'ipBlock 10.0.0.0/8 except 10.1.0.0/16', '53/UDP, 8000-8080/TCP', [], null],
  ]);
});

test('without Namespace objects, a label namespaceSelector cannot list its pods and says so', () => {
  const s = snapshot(pods, { known: ['Pod'] });
  const [p] = networkPolicyPeers(s, policy({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }] }));
  assert.deepEqual(p?.pods, []);
  assert.equal(p?.note, 'namespaces were not read, so the matching pods are not listed');
  const [byName] = networkPolicyPeers(s, policy({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }] }));
  assert.deepEqual(byName?.pods.map((x) => x.name), ['mon-agent'], 'the metadata.name label needs no Namespace objects');
});

test('an invalid peer selector is shown, not evaluated', () => {
  const [p] = networkPolicyPeers(world, policy({ ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }] }] }));
  assert.match(p?.peer ?? '', /^invalid podSelector: values: must be specified/);
  assert.deepEqual(p?.pods, []);
});

test('policies of many namespaces share the peers that look in the same places for the same pods, and only those', () => {
  const allow = (name: string, namespace: string, from: NonNullable<NonNullable<NetworkPolicy['spec']>['ingress']>[number]['from']): NetworkPolicy => {
    const np = netpol(name, { ns: namespace });
    np.spec = { ingress: [{ from }] };
    return np;
  };
  const clients = [
    pod('a-client', { ns: 'a', labels: { role: 'client' } }), pod('a-server', { ns: 'a', labels: { role: 'server' } }),
    pod('b-client', { ns: 'b', labels: { role: 'client' } }), pod('b-server', { ns: 'b', labels: { role: 'server' } }),
  ];
  const policies = [
    allow('own-clients', 'a', [{ podSelector: { matchLabels: { role: 'client' } } }]),
    allow('own-clients', 'b', [{ podSelector: { matchLabels: { role: 'client' } } }]),
    allow('own-servers', 'a', [{ podSelector: { matchLabels: { role: 'server' } } }]),
    allow('team-clients', 'a', [{ namespaceSelector: { matchLabels: { team: 'x' } }, podSelector: { matchLabels: { role: 'client' } } }]),
    allow('team-clients', 'b', [{ namespaceSelector: { matchLabels: { team: 'x' } }, podSelector: { matchLabels: { role: 'client' } } }]),
    allow('other-team', 'b', [{ namespaceSelector: { matchLabels: { team: 'y' } }, podSelector: { matchLabels: { role: 'client' } } }]),
  ];
  const s = live([...clients, ...policies, ns('a', { team: 'x' }), ns('b', { team: 'y' })]);
  const names = (np: NetworkPolicy) => networkPolicyPeers(s, np).flatMap((p) => p.pods.map((x) => `${x.namespace ?? ''}/${x.name}`));
  assert.deepEqual(policies.map(names), [['a/a-client'], ['b/b-client'], ['a/a-server'], ['a/a-client'], ['a/a-client'], ['b/b-client']]);
});
