import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadManifests } from '../../../src/sources/manifests/load.ts';
import { deployment, docs, service } from './builders.ts';
import { fakeDeps } from './fake-deps.ts';

const input = (files: string[], extra: { recursive?: boolean; kustomizeDirs?: string[] } = {}) =>
  ({ files, recursive: extra.recursive ?? false, kustomizeDirs: extra.kustomizeDirs ?? [] });

async function loadText(text: string, ns = 'default') {
  return loadManifests(input(['m.yaml']), fakeDeps({ 'm.yaml': text }), ns);
}

test('a bad document is a problem with file, document and line; every valid document still loads', async () => {
  const text = docs(
    service('web', { app: 'web' }),
    'kind: Service\nmetadata: {name: nokind}\n',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\n  labels: [oops\n',
    deployment('web', { app: 'web' }),
  );
  const r = await loadText(text);
  assert.deepEqual(r.snapshot.objects.Service.map((s) => s.metadata?.name), ['web']);
  assert.deepEqual(r.snapshot.objects.Deployment.map((d) => d.metadata?.name), ['web']);
  assert.deepEqual(r.problems.map((p) => [p.source, p.document]), [['m.yaml', 3], ['m.yaml', 2]]);
  const [syntax, noKind] = r.problems;
  assert.match(syntax?.message ?? '', /^YAML syntax/);
  assert.ok((syntax?.line ?? 0) >= 16, `syntax error line ${syntax?.line}`);
  assert.equal(noKind?.message, 'not a Kubernetes object: apiVersion is not set');
  assert.equal(noKind?.line, 10);
  assert.equal(r.documents, 4);
});

test('files, directories and stdin are read in order; problems name their source', async () => {
  const deps = fakeDeps({
    'base/svc.yaml': service('a', { app: 'a' }),
    'base/deploy.yml': deployment('a', { app: 'a' }),
    'base/README.md': '# not read',
    'extra.json': JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'j' }, spec: { selector: { app: 'j' } } }),
  }, { stdin: 'apiVersion: v1\nkind: Service\nmetadata: {name: from-stdin}\n' });
  const r = await loadManifests(input(['base', 'missing.yaml', 'extra.json', '-']), deps, 'default');
  assert.deepEqual(deps.reads, ['base/deploy.yml', 'base/svc.yaml', 'extra.json']);
  assert.deepEqual(r.snapshot.objects.Service.map((s) => s.metadata?.name), ['a', 'j', 'from-stdin']);
  assert.deepEqual(r.problems.map((p) => [p.source, p.document, p.message]), [['missing.yaml', 0, 'the path "missing.yaml" does not exist']]);
});

test('a kind its built-in apiVersion does not serve is a problem kubectl apply would hit, with the fix; custom groups and lists are left alone', async () => {
  const r = await loadText(docs(
    'apiVersion: v1\nkind: Deployment\nmetadata: {name: wrong-group}\n',
    'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: typo}\n',
    'apiVersion: apps/v1\nkind: statefulset\nmetadata: {name: lower}\n',
    'apiVersion: batch/v1\nkind: Frobnicator\nmetadata: {name: unknown}\n',
    'apiVersion: apps/v1\nkind: ControllerRevision\nmetadata: {name: served}\n',
    'apiVersion: example.com/v1\nkind: Deploymnet\nmetadata: {name: custom}\n',
    'apiVersion: apps/v1\nkind: DeploymentList\nmetadata: {name: list}\n',
    service('web', { app: 'web' }),
  ));
  assert.deepEqual(r.problems.map((p) => [p.document, p.message, p.hint]), [
    [1, 'v1 serves no kind "Deployment"; not read', 'kubectl apply would fail with "no matches for kind"; Deployment is served by apps/v1: change apiVersion to apps/v1'],
    [2, 'apps/v1 serves no kind "Deploymnet"; not read', 'kubectl apply would fail with "no matches for kind"; did you mean kind: Deployment?'],
    [3, 'apps/v1 serves no kind "statefulset"; not read', 'kubectl apply would fail with "no matches for kind"; did you mean kind: StatefulSet?'],
    [4, 'batch/v1 serves no kind "Frobnicator"; not read', 'kubectl apply would fail with "no matches for kind"; batch/v1 serves CronJob, Job'],
  ]);
  assert.deepEqual(r.snapshot.objects.Deployment, []);
  assert.deepEqual(r.ignored, [{ kind: 'ControllerRevision', count: 1 }, { kind: 'DeploymentList', count: 1 }, { kind: 'Deploymnet', count: 1 }]);
  assert.deepEqual(r.snapshot.objects.Service.map((o) => o.metadata?.name), ['web']);
});

test('unmodelled kinds are ignored silently but counted; List items count one by one', async () => {
  const list = `apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
  - {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: data}}
  - {apiVersion: v1, kind: Service, metadata: {name: s}, spec: {selector: {app: s}}}
`;
  const r = await loadText(docs(list, 'apiVersion: apps.openshift.io/v1\nkind: Deployment\nmetadata: {name: dc}\n'));
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.ignored, [{ kind: 'ConfigMap', count: 2 }, { kind: 'Deployment.apps.openshift.io', count: 1 }, { kind: 'PersistentVolumeClaim', count: 1 }]);
  assert.equal(r.snapshot.objects.Service.length, 1);
  assert.equal(r.documents, 5);
});

// line: the line of the field at fault (its key's line), or of its nearest parent when it is absent.
const invalid: { name: string; line: number; yaml: string; message: RegExp; hint?: RegExp }[] = [
  {
    name: 'an invalid label selector operator',
    line: 6,
    yaml: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  selector:\n    matchExpressions: [{key: app, operator: Equals, values: [x]}]\n',
    message: /PodDisruptionBudget p not loaded.*spec\.selector: "Equals" is not a valid label selector operator/,
  },
  {
    name: 'an invalid label value in a Service selector',
    line: 6,
    yaml: service('s', { app: 'has space' }),
    message: /spec\.selector: invalid label value "has space"/,
  },
  {
    name: 'a number where a label value must be a string',
    line: 5,
    yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {version: 1.10}\n',
    message: /metadata\.labels\.version: 1\.1 is a number, not a string/,
    hint: /quote it/,
  },
  {
    name: 'yes read as a boolean in matchLabels',
    line: 7,
    yaml: deployment('d', { app: 'd' }).replace('matchLabels: {"app":"d"}', 'matchLabels: {"app":"d", canary: yes}'),
    message: /spec\.selector\.matchLabels\.canary: true is a boolean/,
  },
  {
    name: 'a Deployment selector that does not match its template',
    line: 10,
    yaml: deployment('d', { app: 'd' }).replace('matchLabels: {"app":"d"}', 'matchLabels: {"app":"other"}'),
    message: /`selector` does not match template `labels`/,
  },
  {
    name: 'an empty Deployment selector',
    line: 6,
    yaml: deployment('d', { app: 'd' }).replace('matchLabels: {"app":"d"}', 'matchLabels: {}'),
    message: /empty selector is invalid for deployment/,
  },
  {
    name: 'a missing StatefulSet selector',
    line: 4,
    yaml: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  template: {metadata: {labels: {a: b}}}\n',
    message: /spec\.selector: Required value/,
  },
  {
    name: 'a Job template with the default restartPolicy Always',
    line: 6,
    yaml: 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers: [{name: c}]\n',
    message: /restartPolicy: Unsupported value: "Always"/,
  },
  {
    name: 'a ReplicationController with neither selector nor template labels',
    line: 4,
    yaml: 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: r}\nspec:\n  template: {spec: {containers: [{name: c}]}}\n',
    message: /spec\.selector: Required value/,
  },
  {
    name: 'an invalid NetworkPolicy peer selector',
    line: 7,
    yaml: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec:\n  ingress:\n    - from:\n        - podSelector: {matchExpressions: [{key: a, operator: In}]}\n',
    message: /spec\.ingress\[0\]\.from\[0\]\.podSelector: values: must be specified when operator is In/,
  },
  {
    name: 'Service ports written as a scalar',
    line: 5,
    yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: 80\n',
    message: /spec\.ports: must be a sequence/,
  },
  {
    name: 'a name YAML reads as a boolean',
    line: 3,
    yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: n}\n',
    message: /metadata\.name: false is a boolean, not a string/,
    hint: /quote it/,
  },
  {
    name: 'a missing name',
    line: 1,
    yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {generateName: web-}\n',
    message: /metadata\.name: Required value/,
    hint: /generateName/,
  },
];

for (const c of invalid) {
  test(`rejected like the API server would: ${c.name}`, async () => {
    const r = await loadText(docs(c.yaml, service('fine', { app: 'fine' })));
    assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
    const [p] = r.problems;
    assert.match(p?.message ?? '', c.message);
    if (c.hint) assert.match(p?.hint ?? '', c.hint);
    assert.equal(p?.document, 1);
    assert.equal(p?.line, c.line, 'the line of the field at fault');
    assert.equal(Object.values(r.snapshot.objects).flat().filter((o) => o.metadata?.name !== 'fine').length, 0, 'the invalid object is not loaded');
    assert.deepEqual(r.snapshot.objects.Service.map((s) => s.metadata?.name), ['fine']);
  });
}

test('a kustomization read with -f points at -k', async () => {
  const r = await loadManifests(input(['app']), fakeDeps({ 'app/kustomization.yaml': 'commonLabels: {app: x}\nresources: [svc.yaml]\n', 'app/svc.yaml': service('s', { app: 's' }) }), 'default');
  assert.deepEqual(r.problems.map((p) => [p.source, p.message, p.hint]), [['app/kustomization.yaml', 'a kustomization, not a manifest', 'build it with -k app']]);
  assert.equal(r.snapshot.objects.Service.length, 1);
  const flux = await loadText('apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps}\n');
  assert.deepEqual(flux.problems, []);
  assert.deepEqual(flux.ignored, [{ kind: 'Kustomization', count: 1 }]);
});

test('a removed apiVersion still loads, with a problem naming the served one', async () => {
  const r = await loadText('apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: legacy}\nspec:\n  selector: {}\n');
  assert.equal(r.snapshot.objects.PodDisruptionBudget.length, 1);
  assert.deepEqual(r.problems.map((p) => p.message), ['policy/v1beta1 PodDisruptionBudget is no longer served (removed in Kubernetes 1.25); read as policy/v1']);
  assert.match(r.problems[0]?.hint ?? '', /apiVersion to policy\/v1/);
});

test('an object defined twice: the later definition wins, with a problem', async () => {
  const deps = fakeDeps({ 'a.yaml': service('web', { app: 'v1' }), 'b.yaml': service('web', { app: 'v2' }) });
  const r = await loadManifests(input(['a.yaml', 'b.yaml']), deps, 'default');
  assert.deepEqual(r.snapshot.objects.Service.map((s) => s.spec?.selector), [{ app: 'v2' }]);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]?.source, 'b.yaml');
  assert.match(r.problems[0]?.message ?? '', /defined twice \(first in a\.yaml, document 1\)/);
  const sameNameOtherNs = await loadText(docs(service('web', { app: 'a' }), service('web', { app: 'b' }).replace('name: web', 'name: web\n  namespace: other')));
  assert.deepEqual(sameNameOtherNs.problems, []);
});

test('known: modelled kinds except Pod; Node, EndpointSlice and Namespace only when present', async () => {
  const none = await loadText(service('s', { app: 's' }));
  assert.ok(!none.snapshot.known.includes('Pod'));
  for (const k of ['Node', 'EndpointSlice', 'Namespace'] as const) assert.ok(!none.snapshot.known.includes(k), k);
  for (const k of ['Service', 'Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'CronJob'] as const) assert.ok(none.snapshot.known.includes(k), k);
  const withNodes = await loadText(docs(service('s', { app: 's' }), 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n'));
  assert.ok(withNodes.snapshot.known.includes('Node'));
  assert.ok(!withNodes.snapshot.known.includes('EndpointSlice'));
  const withSlices = await loadText('apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: s-1}\naddressType: IPv4\nendpoints: []\n');
  assert.ok(withSlices.snapshot.known.includes('EndpointSlice'));
  assert.equal(withSlices.snapshot.origin, 'manifests');
  assert.deepEqual(withSlices.snapshot.gaps, []);
});

test('the default namespace applies to objects without one and is recorded on the snapshot', async () => {
  const r = await loadText(docs(service('a', { app: 'a' }), service('b', { app: 'b' }).replace('name: b', 'name: b\n  namespace: explicit')), 'team');
  assert.equal(r.snapshot.defaultNamespace, 'team');
  assert.deepEqual(r.snapshot.objects.Service.map((s) => s.metadata?.namespace), ['team', 'explicit']);
});

test('an empty file and an empty stdin load nothing without problems', async () => {
  const r = await loadManifests(input(['empty.yaml', '-']), fakeDeps({ 'empty.yaml': '# nothing\n' }), 'default');
  assert.deepEqual(r.problems, []);
  assert.equal(r.documents, 0);
});

test('a file that cannot be read is a problem; the rest loads', async () => {
  const r = await loadManifests(input(['locked.yaml', 'ok.yaml']), fakeDeps({ 'locked.yaml': 'x', 'ok.yaml': service('ok', { app: 'ok' }) }, { unreadable: ['locked.yaml'] }), 'default');
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]?.message ?? '', /"locked\.yaml" cannot be read: EACCES/);
  assert.equal(r.snapshot.objects.Service.length, 1);
});

test('kubectl --dry-run output (creationTimestamp: null, empty status and strategy) loads cleanly', async () => {
  const dryRun = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels: {app: web}
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels: {app: web}
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`;
  const r = await loadText(dryRun);
  assert.deepEqual(r.problems, []);
  const d = r.snapshot.objects.Deployment[0];
  assert.equal(d?.metadata && 'creationTimestamp' in d.metadata, false);
  assert.equal(d?.spec?.strategy?.type, 'RollingUpdate');
  assert.equal(r.snapshot.objects.Pod[0]?.metadata?.creationTimestamp, undefined);
});

/** Objects as a `kubectl get -o json` List: per namespace a Service and a Deployment, one Node, and one bad Service in `b`. */
function cluster(namespaces: string[], pad = 0, form: 'list' | 'documents' = 'list'): string {
  const items: unknown[] = [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { zone: 'z' } } }];
  for (const ns of namespaces) {
    items.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    items.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: ns, annotations: { pad: 'x'.repeat(pad) } },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'i' }] } } } });
  }
  items.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad', namespace: 'b' }, spec: { ports: [{ port: 'eighty' }] } });
  items.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'b' } });
  return form === 'list' ? JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 1) : items.map((o) => JSON.stringify(o)).join('\n---\n');
}

const where = (r: Awaited<ReturnType<typeof loadManifests>>) =>
  [...r.snapshot.objects.Service, ...r.snapshot.objects.Deployment, ...r.snapshot.objects.Node].map((o) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`).sort();

for (const [size, pad, form] of [['a small List', 0, 'list'], ['a large List, read item by item', 400_000, 'list'], ['one object per document', 0, 'documents']] as const) {
  test(`a target run reads its namespace and the cluster-scoped kinds only; check reads everything (${size})`, async () => {
    const deps = () => fakeDeps({ 'c.json': cluster(['a', 'b', 'c'], pad, form) });
    const all = await loadManifests(input(['c.json']), deps(), 'default');
    assert.equal(all.problems.length, 1, 'the bad Service in b is reported by a whole read');
    const one = await loadManifests(input(['c.json']), deps(), 'default', { kind: 'Service', name: 'web', namespace: 'a', from: 0 });
    assert.deepEqual(where(one), ['Deployment/a/web', 'Node//n1', 'Service/a/web']);
    assert.deepEqual(one.problems, [], 'what the target does not read is not checked');
    assert.equal(one.documents, all.documents, 'every object is still counted');
    assert.deepEqual(one.ignored, all.ignored, 'kinds not modelled are tallied alike');
    // Without -n: the one namespace holding the target.
    const found = await loadManifests(input(['c.json']), deps(), 'default', { kind: 'Deployment', name: 'web', namespace: null, from: 0 });
    assert.equal(found.snapshot.objects.Deployment.length, 3, 'in three namespaces: no single home, so the whole input');
    const home = await loadManifests(input(['c.json']), fakeDeps({ 'c.json': cluster(['q'], pad, form) }), 'default', { kind: 'Service', name: 'web', namespace: null, from: 0 });
    assert.deepEqual(where(home), ['Deployment/q/web', 'Node//n1', 'Service/q/web']);
    assert.equal(home.problems.length, 0);
  });
}

test('a target run tallies the kinds it does not model from their heads, unread; Lists, kustomizations and kinds not served are still read', async () => {
  const text = [
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: x\nspec:\n  selector:\n    app: web\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dash\n  namespace: x\ndata:\n  a: 1\n  a: 2\n',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: y\n',
    'apiVersion: v1\nkind: ConfigMapList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: one\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: listed\n    namespace: x\n',
    'apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: typo\n  namespace: x\n',
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: k\n',
  ].join('---\n');
  const deps = () => fakeDeps({ 'm.yaml': text });
  const all = await loadManifests(input(['m.yaml']), deps(), 'default');
  const one = await loadManifests(input(['m.yaml']), deps(), 'default', { kind: 'Service', name: 'web', namespace: 'x', from: 0 });
  // The ConfigMap with a key written twice: counted unread by the target run, refused by the whole read.
  assert.deepEqual(one.ignored, [{ kind: 'ConfigMap', count: 2 }, { kind: 'Secret', count: 1 }]);
  assert.deepEqual(all.ignored, [{ kind: 'ConfigMap', count: 1 }, { kind: 'Secret', count: 1 }]);
  const messages = (r: typeof all) => r.problems.map((p) => p.message);
  assert.ok(messages(all).some((m) => /appears twice/.test(m)), 'a whole read parses the ConfigMap');
  assert.deepEqual(messages(one), messages(all).filter((m) => !/appears twice/.test(m)), 'a target run does not: the kind not served and the kustomization are still said');
  assert.equal(messages(one).length, 2);
  assert.deepEqual(one.snapshot.objects.Service.map((o) => o.metadata?.name).sort(), ['listed', 'web'], 'a List\'s items are read');
  assert.equal(one.documents, all.documents);
});

test('a target that is not where the scope says, and a NetworkPolicy, read the whole input', async () => {
  const deps = () => fakeDeps({ 'c.json': cluster(['a', 'b']) });
  const missing = await loadManifests(input(['c.json']), deps(), 'default', { kind: 'Service', name: 'web', namespace: 'zz', from: 0 });
  assert.deepEqual(where(missing), ['Deployment/a/web', 'Deployment/b/web', 'Node//n1', 'Service/a/web', 'Service/b/web']);
  assert.equal(missing.problems.length, 1, 'a "not found" names every place, and every problem');
  const bad = await loadManifests(input(['c.json']), deps(), 'default', { kind: 'Service', name: 'bad', namespace: 'b', from: 0 });
  assert.equal(bad.problems.length, 1, 'an invalid target is reported');
  const policy = await loadManifests(input(['c.json']), deps(), 'default', { kind: 'NetworkPolicy', name: 'p', namespace: 'a', from: 0 });
  assert.equal(policy.snapshot.objects.Service.length, 2, 'a policy\'s peers may be in any namespace');
});

test('a small input is read whole for a target run too: every problem is reported', async () => {
  const one = await loadManifests(input(['c.json']), fakeDeps({ 'c.json': cluster(['a', 'b']) }), 'default', { kind: 'Service', name: 'web', namespace: 'a' });
  assert.equal(one.snapshot.objects.Service.length, 2);
  assert.equal(one.problems.length, 1, 'the bad Service in b');
});

for (const form of ['JSON', 'YAML'] as const) test(`a NetworkPolicy target reads its namespace, and of the others the workloads and the pods its peers may select; the report is the whole read's (${form} documents)`, async () => {
  const { analyze } = await import('../../../src/core/analyze.ts');
  const { query } = await import('../../core/builders.ts');
  // Per namespace: a team label, a Service, a Deployment with its ReplicaSet and a pod, a policy, a slice; and a bad Service in b.
  const items: unknown[] = [];
  for (const [ns, team] of [['a', 'red'], ['b', 'red'], ['c', 'blue']] as const) {
    items.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team } } });
    items.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    items.push({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-x', namespace: ns, labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', endpoints: [] });
    items.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: ns, uid: `d-${ns}` },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'i' }] } } } });
    items.push({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: ns, uid: `r-${ns}`, labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: `d-${ns}`, controller: true }] },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'i' }] } } } });
    items.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1-x', namespace: ns, labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: `r-${ns}`, controller: true }] },
      spec: { containers: [{ name: 'app', image: 'i' }] }, status: { phase: 'Running', podIP: `10.0.${ns.charCodeAt(0)}.1` } });
    items.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'from-team', namespace: ns },
      spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team } }, podSelector: { matchLabels: { app: 'web' } } }] }] } });
  }
  items.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad', namespace: 'b' }, spec: { ports: [{ port: 'eighty' }] } });
  // Pods a peer may select are read and checked; the blue namespace's pods are not read at all.
  const pod = (ns: string, name: string, labels: Record<string, string>, containers: unknown = [{ name: 'app', image: 'i' }]) =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels }, spec: { containers } });
  items.push(pod('b', 'bad-b', { app: 'web' }, 'app'), pod('c', 'bad-c', { app: 'web' }, 'app'));
  // Defined twice: the later definition is the pod, and it is no peer.
  items.push(pod('b', 'twice', { app: 'web' }), pod('c', 'twice', { app: 'web' }), pod('b', 'twice', { app: 'other' }));
  const { stringify } = await import('yaml');
  const text = items.map((o) => (form === 'JSON' ? JSON.stringify(o) : stringify(o))).join('\n---\n');
  const deps = () => fakeDeps({ 'c.json': text });
  const whole = await loadManifests(input(['c.json']), deps(), 'default');
  const scoped = await loadManifests(input(['c.json']), deps(), 'default', { kind: 'NetworkPolicy', name: 'from-team', namespace: 'a', from: 0 });
  const names = (r: typeof whole, kind: 'Service' | 'EndpointSlice' | 'NetworkPolicy' | 'Pod' | 'ReplicaSet' | 'Deployment') => r.snapshot.objects[kind].map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`).sort();
  assert.deepEqual(names(scoped, 'Service'), ['a/web']);
  assert.deepEqual(names(scoped, 'EndpointSlice'), ['a/web-x']);
  assert.deepEqual(names(scoped, 'NetworkPolicy'), ['a/from-team']);
  assert.deepEqual(names(scoped, 'ReplicaSet'), names(whole, 'ReplicaSet'));
  assert.deepEqual(names(scoped, 'Deployment'), names(whole, 'Deployment'));
  assert.deepEqual(names(scoped, 'Pod'), names(whole, 'Pod').filter((n) => !n.startsWith('c/') || n.includes('-template)')), 'every pod (and template pod) a peer may select, and no pod of the blue namespace');
  assert.deepEqual(names(scoped, 'Pod').filter((n) => n.startsWith('b/')), ['b/twice', 'b/web-1-(replicaset-template)', 'b/web-1-x']);
  assert.equal(scoped.snapshot.objects.Pod.find((p) => p.metadata?.name === 'twice')?.metadata?.labels?.app, 'other', 'the later definition');
  const messages = (r: typeof whole) => r.problems.map((p) => p.message);
  assert.equal(whole.problems.length, 4, 'read whole: the bad Service and the bad pod in b, the bad pod in c, the pod defined twice in b');
  assert.deepEqual(messages(scoped), messages(whole).filter((m) => /bad-b|Pod twice in namespace b/.test(m)), 'of other namespaces, only the pods a peer may select are checked, in the order of the input');
  assert.equal(scoped.problems.length, 2);
  assert.equal(scoped.documents, whole.documents, 'every object is still counted');
  const now = new Date('2026-01-01T00:00:00Z');
  const report = (r: typeof whole) => JSON.stringify(analyze(r.snapshot, query('NetworkPolicy', 'from-team', { ns: 'a' }), now));
  assert.equal(report(scoped), report(whole));
  assert.match(report(scoped), /"namespace":"b","name":"web-1-x"|"name":"web-1-x","namespace":"b"/, 'the peer pod of the other red namespace is in the report');
  assert.doesNotMatch(report(scoped), /"namespace":"c","name":"web-1-x"|"name":"web-1-x","namespace":"c"/, 'and not the blue one');
  // A policy that is not in the namespace named: the whole input.
  const missing = await loadManifests(input(['c.json']), deps(), 'default', { kind: 'NetworkPolicy', name: 'from-team', namespace: 'zz', from: 0 });
  assert.equal(missing.snapshot.objects.Service.length, 3, 'every namespace\'s Service (the bad one is reported, not loaded)');
  assert.equal(missing.problems.length, 4, 'and every problem');
});
