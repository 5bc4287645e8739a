// A target run over a large input reads only the pods its analysis needs (target-pods.ts): the
// report must be the one a whole read gives, in JSON and in block YAML, for every kind of target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { loadManifests } from '../../../src/sources/manifests/load.ts';
import { mayMatch, textFilter, textMayMatch } from '../../../src/sources/manifests/target-pods.ts';
import { fromLabelSelector, fromSet, type Selector } from '../../../src/core/labels.ts';
import type { Kind } from '../../../src/core/snapshot.ts';
import { run } from '../../core/builders.ts';
import { fakeDeps } from './fake-deps.ts';

type Obj = Record<string, unknown>;

const input = { files: ['c'], recursive: false, kustomizeDirs: [] };

function workload(kind: string, name: string, selector: Record<string, string>, owner: Obj | null = null, uid = `uid-${kind}-${name}`): Obj {
  return {
    apiVersion: 'apps/v1', kind,
    metadata: { name, namespace: 'a', uid, labels: selector, ...(owner ? { ownerReferences: [owner] } : {}) },
    spec: { replicas: 2, selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: { containers: [{ name: 'app', image: 'i' }] } } },
  };
}

const ownerRef = (kind: string, name: string) => ({ apiVersion: 'apps/v1', kind, name, uid: `uid-${kind}-${name}`, controller: true });

function pod(name: string, labels: Record<string, unknown>, owner: Obj | null, extra: Obj = {}, namespace = 'a'): Obj {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace, uid: `uid-pod-${name}-${namespace}`, labels, ...(owner ? { ownerReferences: [owner] } : {}), ...extra },
    spec: { nodeName: 'n1', containers: [{ name: 'app', image: 'i', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function service(name: string, selector: Record<string, string>): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'a' }, spec: { selector, ports: [{ port: 80, targetPort: 'http' }] } };
}

/**
 * One namespace with what a pick must get right: Deployments and their ReplicaSets and pods, a
 * pod owned by a workload whose selector is broader than the Service's (kubectl's pick behind
 * it needs that workload's other pods), near misses, a pod defined twice (the later wins, with
 * other labels), a pod whose text has an escape, bare pods, a pod of another namespace, an
 * unselected pod with a bad field, and the kinds whose pods come through other objects.
 */
function objects(): Obj[] {
  return [
    workload('Deployment', 'web', { app: 'web' }),
    workload('ReplicaSet', 'web-1', { app: 'web', 'pod-template-hash': '1' }, ownerRef('Deployment', 'web')),
    pod('web-1-a', { app: 'web', 'pod-template-hash': '1', tier: 'front' }, ownerRef('ReplicaSet', 'web-1')),
    pod('web-1-b', { app: 'web', 'pod-template-hash': '1', tier: 'front' }, ownerRef('ReplicaSet', 'web-1'), { annotations: { note: 'a "quoted" \\ word' } }),
    workload('Deployment', 'front', { tier: 'front' }),
    workload('ReplicaSet', 'front-1', { tier: 'front', 'pod-template-hash': '2' }, ownerRef('Deployment', 'front')),
    pod('front-1-a', { app: 'web', tier: 'front', 'pod-template-hash': '2' }, ownerRef('ReplicaSet', 'front-1')),
    pod('front-1-b', { app: 'other', tier: 'front', 'pod-template-hash': '2' }, ownerRef('ReplicaSet', 'front-1')),
    workload('Deployment', 'api', { app: 'api' }),
    workload('ReplicaSet', 'api-1', { app: 'api', 'pod-template-hash': '3' }, ownerRef('Deployment', 'api')),
    pod('api-1-a', { app: 'api', 'pod-template-hash': '3' }, ownerRef('ReplicaSet', 'api-1')),
    pod('dup', { app: 'web' }, null),
    pod('lonely', { app: 'web2', tier: 'back' }, null),
    pod('elsewhere', { app: 'web' }, null, {}, 'b'),
    pod('broken', { app: 'zzz' }, null, { annotations: { n: 5 } }),
    pod('dup', { app: 'api' }, null),
    service('web', { app: 'web' }),
    service('api', { app: 'api' }),
    service('none', { app: 'web', tier: 'back' }),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'manual', namespace: 'a' }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'a' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } },
    { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'a' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 1, maxReplicas: 3 } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'site', namespace: 'a' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] } }] } },
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } },
  ];
}

const TARGETS: [Kind, string][] = [
  ['Service', 'web'], ['Service', 'api'], ['Service', 'none'], ['Service', 'manual'], ['Deployment', 'web'], ['Deployment', 'front'],
  ['ReplicaSet', 'api-1'], ['Pod', 'web-1-a'], ['Pod', 'front-1-b'], ['Pod', 'dup'], ['PodDisruptionBudget', 'web'],
  ['HorizontalPodAutoscaler', 'api'], ['Ingress', 'site'],
];

const asJson = (os: Obj[]) => os.map((o) => JSON.stringify(o)).join('\n---\n');
const asYaml = (os: Obj[]) => os.map((o) => stringify(o)).join('---\n');
/** As `kubectl get -o json` writes a List, made large enough (a ConfigMap of another namespace) to be read item by item. */
const big = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'b' }, data: { blob: 'x'.repeat(1_100_000) } };
const asJsonList = (os: Obj[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [...os, big] }, null, 4);

/** As `kubectl get -o yaml` writes a List (its sequences not indented), or with them indented. */
const asYamlList = (os: Obj[], indentSeq: boolean) => stringify({ apiVersion: 'v1', items: [...os, big], kind: 'List', metadata: { resourceVersion: '' } }, { indentSeq, lineWidth: 0 });

const forms = [['JSON', asJson(objects())], ['block YAML', asYaml(objects())], ['a JSON List', asJsonList(objects())], ['a block YAML List', asYamlList(objects(), false)], ['a block YAML List, indented', asYamlList(objects(), true)]] as const;
for (const [form, text] of forms) {
  test(`a target over a large input reads the pods it needs, and answers as a whole read does (${form})`, async () => {
    const whole = await loadManifests(input, fakeDeps({ c: text }), 'default');
    assert.equal(whole.snapshot.objects.Pod.filter((p) => p.metadata?.namespace === 'a' && !p.metadata.uid?.startsWith('template')).length > 0, true);
    for (const [kind, name] of TARGETS) {
      const one = await loadManifests(input, fakeDeps({ c: text }), 'default', { kind, name, namespace: 'a', from: 0 });
      assert.deepEqual(run(one.snapshot, kind, name, { ns: 'a' }), run(whole.snapshot, kind, name, { ns: 'a' }), `${kind}/${name}`);
      assert.equal(one.documents, whole.documents, 'every object is still counted');
      // What is read is checked as a whole read checks it, problems in the same order.
      // (Where: the document, and in a List the line, each item being one of document 1's objects.)
      const left = whole.problems.filter((p) => one.problems.some((q) => q.document === p.document && q.line === p.line));
      assert.deepEqual(one.problems, left, `${kind}/${name}: problems`);
    }
  });
}

test('the pods read: those selected, their workloads\' pods, a name\'s every definition; all of them for near misses', async () => {
  const text = asJson(objects());
  const podsFor = async (kind: Kind, name: string) => {
    const r = await loadManifests(input, fakeDeps({ c: text }), 'default', { kind, name, namespace: 'a', from: 0 });
    return r.snapshot.objects.Pod.filter((p) => !r.snapshot.templateOf[p.metadata?.uid ?? '']).map((p) => p.metadata?.name);
  };
  // The Service's own pods, the front Deployment's other pod (kubectl's pick behind it), and `dup`
  // read twice (its first definition is selected; the later one, which wins, is not).
  assert.deepEqual(await podsFor('Service', 'web'), ['web-1-a', 'web-1-b', 'front-1-a', 'front-1-b', 'dup']);
  assert.deepEqual(await podsFor('Service', 'api'), ['api-1-a', 'dup']);
  assert.deepEqual(await podsFor('Service', 'manual'), [], 'no selector: no pods');
  assert.deepEqual(await podsFor('Service', 'none'), ['web-1-a', 'web-1-b', 'front-1-a', 'front-1-b', 'api-1-a', 'dup', 'lonely'], 'no pod matches: every pod of the namespace, for near misses (but the one that does not load)');
  assert.deepEqual(await podsFor('Pod', 'front-1-b'), ['web-1-a', 'web-1-b', 'front-1-a', 'front-1-b'], 'a Pod, and the pods its owners select (the front Deployment: tier=front)');
  assert.deepEqual(await podsFor('Pod', 'dup'), ['api-1-a', 'dup'], 'a Pod defined twice (read twice, kept once): the Services the later definition\'s labels match');
  // Without -n a Pod target is looked up in the pods left unparsed: by the name their head gives.
  const home = await loadManifests(input, fakeDeps({ c: text }), 'default', { kind: 'Pod', name: 'elsewhere', namespace: null, from: 0 });
  assert.deepEqual(home.snapshot.objects.Pod.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`), ['b/elsewhere']);
  const whole = await loadManifests(input, fakeDeps({ c: text }), 'default');
  assert.equal(whole.problems.length, 2, 'the pod defined twice and the bad annotation');
  const one = await loadManifests(input, fakeDeps({ c: text }), 'default', { kind: 'Service', name: 'api', namespace: 'a', from: 0 });
  assert.equal(one.problems.length, 1, 'a pod left unread is not checked: only the pod defined twice');
});

test('a selection left empty because the pods picked do not load looks for near misses among every pod, as a whole read does', async () => {
  // The only pod the Service selects has a container name the API server refuses: it does not load.
  const refused = { ...pod('solo-pod', { app: 'solo', tier: 'back' }, null), spec: { containers: [{ name: 'Bad_Name', image: 'i' }] } };
  const text = asJson([...objects(), refused, service('solo', { app: 'solo', tier: 'back' })]);
  const whole = await loadManifests(input, fakeDeps({ c: text }), 'default');
  const one = await loadManifests(input, fakeDeps({ c: text }), 'default', { kind: 'Service', name: 'solo', namespace: 'a', from: 0 });
  const report = run(one.snapshot, 'Service', 'solo', { ns: 'a' });
  assert.deepEqual(report, run(whole.snapshot, 'Service', 'solo', { ns: 'a' }));
  assert.deepEqual(report.nearMisses.map((m) => m.pod.name), ['lonely'], 'the near misses are there');
});

test('a picked document the fast readers cannot vouch for is read by the YAML reader, its problems reported', async () => {
  const os = objects();
  const text = asJson(os).replace('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"api-1-a"', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"api-1-a","name":"api-1-a"');
  const one = await loadManifests(input, fakeDeps({ c: text }), 'default', { kind: 'Service', name: 'api', namespace: 'a', from: 0 });
  const whole = await loadManifests(input, fakeDeps({ c: text }), 'default');
  assert.ok(one.problems.some((p) => /appears twice/.test(p.message)), 'the duplicate key is reported');
  assert.deepEqual(run(one.snapshot, 'Service', 'api', { ns: 'a' }), run(whole.snapshot, 'Service', 'api', { ns: 'a' }));
});

test('a picked document nested too deep is refused as a whole read refuses it; one left unread is never built', async () => {
  const nest = (levels: number): unknown => (levels === 0 ? 'x' : { k: nest(levels - 1) });
  const os = objects();
  const deepPod = (name: string, labels: Record<string, string>) => ({ ...pod(name, labels, null), extra: nest(300) });
  const text = asJson([...os, deepPod('deep-api', { app: 'api' }), deepPod('deep-other', { app: 'other' })]);
  const whole = await loadManifests(input, fakeDeps({ c: text }), 'default');
  const one = await loadManifests(input, fakeDeps({ c: text }), 'default', { kind: 'Service', name: 'api', namespace: 'a', from: 0 });
  const deep = (r: typeof one) => r.problems.filter((p) => /nested deeper/.test(p.message)).map((p) => p.document);
  assert.deepEqual(deep(whole), [os.length + 1, os.length + 2]);
  assert.deepEqual(deep(one), [os.length + 1], 'the selected one is reported; the other is not read');
  assert.deepEqual(run(one.snapshot, 'Service', 'api', { ns: 'a' }), run(whole.snapshot, 'Service', 'api', { ns: 'a' }));
});

test('a part of a whole text holds a needle only when one of its places falls wholly inside the part', () => {
  const parts = ['{"labels":{"app":"web"}}', '{"labels":{"app":"api"}}', '{"labels":{"tier":"web"}}'];
  const text = parts.join('\n---\n');
  const whole = { text };
  const at = (i: number) => {
    const from = text.indexOf(parts[i] as string);
    return { whole, from, to: from + (parts[i] as string).length, text: parts[i] as string };
  };
  const f = textFilter(sel(fromSet({ app: 'web' })), true);
  assert.deepEqual([0, 1, 2].map((i) => f(at(i))), [true, false, false], 'the key in one part and the value in another is no match');
  const cut = { whole, from: 0, to: text.indexOf('"web"') + 3, text: text.slice(0, text.indexOf('"web"') + 3) };
  assert.equal(f(cut), false, 'a needle that runs past the end of the part is not in it');
  // A needle too common to list (more places than are kept) is looked for in each part instead.
  const many = Array.from({ length: 300_000 }, () => 'a').join(' ');
  const common = textFilter(sel(fromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }] })), false);
  assert.equal(common({ whole: { text: many }, from: 10, to: 20, text: many.slice(10, 20) }), true);
  assert.equal(common({ whole: { text: many }, from: 11, to: 12, text: ' ' }), false);
});

const sel = (s: Selector | { error: string }): Selector => {
  assert.ok(!('error' in s));
  return s;
};

test('a pod is left unread only when it cannot be selected: from its text, or its labels as written', () => {
  const web = sel(fromSet({ app: 'web', tier: 'front' }));
  assert.equal(textMayMatch(web, '{"metadata":{"labels":{"app":"web","tier":"front"}}}'), true);
  assert.equal(textMayMatch(web, '{"metadata":{"labels":{"app":"web"}}}'), false, 'a key the selector requires is not in the text');
  assert.equal(textMayMatch(web, '{"metadata":{"labels":{"app":"api","tier":"front"}}}'), false, 'no value it allows is');
  const loose = sel(fromLabelSelector({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }, { key: 'gone', operator: 'DoesNotExist' }] }));
  assert.equal(textMayMatch(loose, '{}'), true, 'NotIn and DoesNotExist say nothing of the text');
  const any = sel(fromLabelSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: ['alpha', 'beta'] }, { key: 'x', operator: 'Exists' }] }));
  assert.equal(textMayMatch(any, '"app": beta\n"x": ""'), true);
  assert.equal(textMayMatch(any, '"app": gamma\n"x": ""'), false);
  const api = sel(fromSet({ app: 'api' }));
  assert.equal(textMayMatch(api, '{"apiVersion":"v1","metadata":{"labels":{"app":"other"}}}'), true, 'in YAML a value may stand bare: any occurrence');
  assert.equal(textMayMatch(api, '{"apiVersion":"v1","metadata":{"labels":{"app":"other"}}}', true), false, 'in JSON only the string "api" is that value');
  assert.equal(textMayMatch(api, '{"metadata":{"labels":{"app":"api"}}}', true), true);
  assert.equal(textMayMatch(sel(fromLabelSelector({})), ''), true, 'everything');
  assert.equal(textMayMatch(sel(fromLabelSelector(null)), 'anything'), false, 'nothing');
  assert.equal(mayMatch(web, { app: 'web', tier: 'front', more: 'x' }), true);
  assert.equal(mayMatch(web, { app: 'web' }), false);
  assert.equal(mayMatch(web, undefined), false);
  assert.equal(mayMatch(web, { app: 'web', tier: 5 }), true, 'a label of the wrong type: read, so its check reports it');
  assert.equal(mayMatch(web, ['app=web']), true, 'labels of the wrong shape: read');
});
