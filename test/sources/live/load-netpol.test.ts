// loadLive for netpol/NAME: the peers' pods are read by the peers' own selectors, in the
// namespaces their namespaceSelector names (Namespaces listed when the selector needs
// them), so a peer's pods outside the policy's own podSelector are listed.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze.ts';
import type { SourceResult as Loaded } from '../../../src/sources/result.ts';
import { netpol } from '../../core/builders.ts';
import { listItem, pod } from './helpers.ts';
import { setup, type Setup } from './scenario.ts';

const POLICY = {
  ...listItem(netpol('db-access', { ns: 'shop' })),
  spec: {
    podSelector: { matchLabels: { app: 'db' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }, { namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { role: 'backup' } } }] }],
    egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'metrics' } } }] }],
  },
};

/** The pod lists asked for, as "namespace selector" (sorted). */
const podReads = (s: Setup) => s.api.requests.filter((r) => r.path.endsWith('/pods')).map((r) => `${r.path.split('/')[4]} ${r.query.labelSelector ?? '(all)'}`).sort();

/** The report of netpol/NAME in shop from what was loaded. */
const policyReport = (loaded: Loaded, name: string) => analyze(loaded.snapshot, {
  target: { kind: 'NetworkPolicy', name, namespace: 'shop' }, kubectl: { version: { major: 1, minor: 34, patch: 0, raw: 'v1.34.0' }, from: 'test' },
  source: { context: null, cluster: null, inputs: [], problems: [] },
}, new Date('2026-01-01T00:00:00Z'));

describe('loadLive: netpol/NAME reads what its peers select', () => {
  let s: Setup;
  let loaded: Loaded;
  before(async () => {
    s = await setup((api) => {
      api.serve('/api/v1/namespaces', ...['shop', 'ops', 'dev', 'metrics'].flatMap((n) => [`/api/v1/namespaces/${n}/pods`, `/apis/networking.k8s.io/v1/namespaces/${n}/networkpolicies`]));
      api.put('/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies', POLICY);
      api.put('/api/v1/namespaces',
        { metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } } },
        { metadata: { name: 'ops', labels: { 'kubernetes.io/metadata.name': 'ops', team: 'ops' } } },
        { metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev', team: 'dev' } } },
        { metadata: { name: 'metrics', labels: { 'kubernetes.io/metadata.name': 'metrics' } } });
      api.put('/api/v1/namespaces/shop/pods', pod('db-0', { app: 'db' }, { ns: 'shop' }), pod('web-1', { role: 'frontend' }, { ns: 'shop' }), pod('other', { role: 'x' }, { ns: 'shop' }));
      api.put('/api/v1/namespaces/ops/pods', pod('backup-1', { role: 'backup' }, { ns: 'ops' }), pod('ops-web', { role: 'frontend' }, { ns: 'ops' }));
      api.put('/api/v1/namespaces/dev/pods', pod('backup-dev', { role: 'backup' }, { ns: 'dev' }));
      api.put('/api/v1/namespaces/metrics/pods', pod('prom-0', { app: 'prom' }, { ns: 'metrics' }));
    });
    loaded = await s.run(['-n', 'shop', 'netpol/db-access']);
  });
  after(() => s.api.close());

  test('lists pods by each peer selector, in the namespaces it names', () => {
    assert.deepEqual(podReads(s), ['metrics (all)', 'ops role=backup', 'shop app=db', 'shop role=frontend']);
    assert.ok(s.api.requests.some((r) => r.path === '/api/v1/namespaces'), 'Namespaces are read for a namespaceSelector on other labels');
  });

  test('the peers list the pods the API server selects for them, and nothing else', () => {
    const report = policyReport(loaded, 'db-access');
    assert.deepEqual(report.selection.map((v) => v.ref.name), ['db-0']);
    const peers = report.target.policy?.peers.map((p) => [p.direction, p.pods.map((x) => `${x.namespace}/${x.name}`), p.note]);
    assert.deepEqual(peers, [
      ['ingress', ['shop/web-1'], null],
      ['ingress', ['ops/backup-1'], null],
      ['egress', ['metrics/prom-0'], null],
    ]);
  });
});

describe('loadLive: netpol/NAME over its own namespace reads each namespace\'s pods once', () => {
  // "Allow my team": the policy's pods by its podSelector, its peers every pod of the
  // namespaces labelled team=shop, its own among them.
  const TEAM = {
    ...listItem(netpol('same-team', { ns: 'shop' })),
    spec: {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'shop' } } }, { podSelector: { matchLabels: { app: 'db' } } }] }],
    },
  };
  let s: Setup;
  let loaded: Loaded;
  before(async () => {
    s = await setup((api) => {
      api.serve('/api/v1/namespaces', ...['shop', 'ops'].flatMap((n) => [`/api/v1/namespaces/${n}/pods`, `/apis/networking.k8s.io/v1/namespaces/${n}/networkpolicies`]));
      api.put('/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies', TEAM);
      api.put('/api/v1/namespaces',
        { metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'shop' } } },
        { metadata: { name: 'ops', labels: { 'kubernetes.io/metadata.name': 'ops', team: 'shop' } } });
      api.put('/api/v1/namespaces/shop/pods', pod('db-0', { app: 'db' }, { ns: 'shop' }), pod('web-1', { role: 'frontend' }, { ns: 'shop' }));
      api.put('/api/v1/namespaces/ops/pods', pod('ops-1', { role: 'x' }, { ns: 'ops' }));
    });
    loaded = await s.run(['-n', 'shop', 'netpol/same-team', '-v']);
  });
  after(() => s.api.close());

  test('a namespace a peer reads whole is not read again by a selector, neither for the policy\'s own pods', () => {
    assert.deepEqual(podReads(s), ['ops (all)', 'shop (all)']);
  });

  test('the policy\'s pods and its peers\' are one round, after the Namespaces', () => {
    // Then the Node the pods run on, which this cluster does not have: by its hostname label, then by name.
    assert.match(s.stderr(), /requests in 5 rounds/, 'the target, the Namespaces, then every pod list at once, then the Node twice');
  });

  test('what the policy selects is what the API server selects for it', () => {
    const report = policyReport(loaded, 'same-team');
    assert.deepEqual(report.selection.map((v) => v.ref.name), ['db-0']);
    assert.deepEqual(report.target.policy?.peers.map((p) => p.pods.map((x) => `${x.namespace}/${x.name}`).sort()), [['ops/ops-1', 'shop/db-0', 'shop/web-1'], ['shop/db-0']]);
  });
});
