// A single target reads its namespace's Deployments (a Pod also its ReplicaSets) through their
// printed selectors, then by name those its report can use (src/sources/live/printed-selectors.ts).
// Property-based: random namespaces (Deployments and their ReplicaSets, bare ReplicaSets,
// selectors of every operator over a few keys and values, pods owned by any of them or by none,
// Services, a budget and autoscalers over them; a server that refuses one kind's table) served
// by the fake API server; for every pod, Service, Deployment, ReplicaSet and budget, the report
// analysed from what was read is the one analysed from the whole lists
// (WHOSELECTS_OWNER_LISTS=whole).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Kind } from '../../../src/core/snapshot.ts';
import type { LabelSelector } from '../../../src/core/types.ts';
import { deploy, hpa, pdb, rs, rsOf, run as analyzeFor, svc } from '../../core/builders.ts';
import { fuzzParams } from '../../fuzz/params.ts';
import { standardCollections } from './fake-apiserver.ts';
import { listItem, pod } from './helpers.ts';
import { APPS, NS, setup } from './scenario.ts';

const KEYS = ['app', 'tier', 'example.com/track'];
const VALUES = ['a', 'b', ''];

const labels = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 });
const requirement = fc.oneof(
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('In', 'NotIn'), values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 2 }) }),
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
);
const selector: fc.Arbitrary<LabelSelector> = fc.record({ matchLabels: labels, matchExpressions: fc.array(requirement, { maxLength: 2 }) }, { requiredKeys: ['matchLabels'] });

const namespace = fc.record({
  deployments: fc.array(fc.record({ selector, template: labels, revisions: fc.integer({ min: 0, max: 2 }) }), { maxLength: 3 }),
  bare: fc.array(fc.record({ selector, template: labels }), { maxLength: 4 }),
  pods: fc.array(fc.record({ labels, owner: fc.nat() , owned: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  services: fc.array(labels.filter((l) => Object.keys(l).length > 0), { maxLength: 2 }),
  budget: fc.option(selector, { nil: null }),
  /** Autoscalers of a Deployment or a ReplicaSet (by their place among them). */
  autoscalers: fc.array(fc.record({ of: fc.constantFrom('Deployment', 'ReplicaSet'), at: fc.nat() }), { maxLength: 3 }),
  /** A kind whose table the server refuses (then read whole). */
  refused: fc.constantFrom(null, 'replicasets', 'deployments'),
});

test('pod, svc, deploy, rs and pdb targets: the report from the printed selectors and the reads by name is the report from the whole lists', async () => {
  await fc.assert(fc.asyncProperty(namespace, async (n) => {
    const deployments = n.deployments.map((d, i) => deploy(`d${i}`, { selector: d.selector, podLabels: d.template }));
    const sets = [
      ...deployments.flatMap((d, i) => Array.from({ length: n.deployments[i]?.revisions ?? 0 }, (_, r) => rsOf(d, `h${r}`))),
      ...n.bare.map((b, i) => rs(`bare${i}`, { selector: b.selector, podLabels: b.template })),
    ];
    const pods = n.pods.map((p, i) => pod(`p${i}`, p.labels, p.owned && sets.length > 0 ? { owner: sets[p.owner % sets.length] } : {}));
    const s = await setup((api) => {
      api.put(`${APPS}/deployments`, ...deployments.map((d) => listItem(d)));
      api.put(`${APPS}/replicasets`, ...sets.map((o) => listItem(o)));
      api.put(`${NS}/pods`, ...pods);
      api.put(`${NS}/services`, ...n.services.map((l, i) => listItem(svc(`s${i}`, { selector: l }))));
      const scaled = n.autoscalers.flatMap((a, i) => {
        const among = a.of === 'Deployment' ? deployments : sets;
        const target = among[a.at % Math.max(1, among.length)];
        return target ? [listItem(hpa(`h${i}`, { kind: a.of, name: target.metadata?.name ?? '' }))] : [];
      });
      api.put('/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers', ...scaled);
      if (n.budget) api.put('/apis/policy/v1/namespaces/default/poddisruptionbudgets', listItem(pdb('budget', { selector: n.budget })));
      api.serve(...standardCollections('default'), '/api/v1/nodes');
    });
    if (n.refused) s.api.override(`${APPS}/${n.refused}`, { status: 406, when: (q) => q.includeObject === 'None' });
    const targets: [Kind, string][] = [
      ...pods.map((_, i): [Kind, string] => ['Pod', `p${i}`]),
      ...n.services.map((_, i): [Kind, string] => ['Service', `s${i}`]),
      ...deployments.map((d): [Kind, string] => ['Deployment', d.metadata?.name ?? '']),
      ...sets.map((o): [Kind, string] => ['ReplicaSet', o.metadata?.name ?? '']),
      ...(n.budget ? [['PodDisruptionBudget', 'budget'] as [Kind, string]] : []),
    ];
    try {
      for (const [kind, name] of targets) {
        const arg = `${kind.toLowerCase()}/${name}`;
        delete s.env.WHOSELECTS_OWNER_LISTS;
        const printed = await s.run([arg]);
        s.env.WHOSELECTS_OWNER_LISTS = 'whole';
        const whole = await s.run([arg]);
        assert.deepEqual(printed.snapshot.known, whole.snapshot.known, arg);
        assert.equal(JSON.stringify(analyzeFor(printed.snapshot, kind, name)), JSON.stringify(analyzeFor(whole.snapshot, kind, name)), arg);
      }
    } finally {
      await s.api.close();
    }
  }), fuzzParams(30));
});
