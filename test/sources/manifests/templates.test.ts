import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTemplate, type Kind } from '../../../src/core/snapshot.ts';
import { loadManifests } from '../../../src/sources/manifests/load.ts';
import { templatePodName } from '../../../src/sources/manifests/templates.ts';
import { deployment, docs } from './builders.ts';
import { fakeDeps } from './fake-deps.ts';

async function load(text: string, ns = 'default') {
  return loadManifests({ files: ['m.yaml'], recursive: false, kustomizeDirs: [] }, fakeDeps({ 'm.yaml': text }), ns);
}

const template = `  template:
    metadata:
      labels: {app: w}
    spec:
      containers: [{name: c, image: i, ports: [{containerPort: 80}]}]`;

const workloads: { kind: Kind; yaml: string }[] = [
  { kind: 'Deployment', yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  selector: {matchLabels: {app: w}}\n${template}\n` },
  { kind: 'ReplicaSet', yaml: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: w}\nspec:\n  selector: {matchLabels: {app: w}}\n${template}\n` },
  { kind: 'StatefulSet', yaml: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: w}\nspec:\n  serviceName: w\n  selector: {matchLabels: {app: w}}\n${template}\n` },
  { kind: 'DaemonSet', yaml: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: w}\nspec:\n  selector: {matchLabels: {app: w}}\n${template}\n` },
  { kind: 'ReplicationController', yaml: `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: w}\nspec:\n${template}\n` },
  { kind: 'Job', yaml: `apiVersion: batch/v1\nkind: Job\nmetadata: {name: w}\nspec:\n${template.replace('containers:', 'restartPolicy: Never\n      containers:')}\n` },
];

for (const w of workloads) {
  test(`${w.kind}: exactly one template pod, owned by the workload, with no status`, async () => {
    const r = await load(w.yaml, 'apps');
    assert.deepEqual(r.problems, []);
    const owner = r.snapshot.objects[w.kind][0];
    assert.equal(r.snapshot.objects.Pod.length, 1);
    const pod = r.snapshot.objects.Pod[0]!;
    assert.equal(pod.metadata?.name, templatePodName(w.kind, 'w'));
    assert.equal(pod.metadata?.namespace, 'apps');
    assert.equal(pod.metadata?.labels?.app, 'w');
    assert.equal(pod.status, undefined);
    assert.deepEqual(pod.metadata?.ownerReferences, [{ apiVersion: owner?.apiVersion, kind: w.kind, name: 'w', uid: owner?.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
    assert.deepEqual(r.snapshot.templateOf[pod.metadata?.uid ?? ''], { kind: w.kind, name: 'w', namespace: 'apps', uid: owner?.metadata?.uid, apiVersion: owner?.apiVersion });
    assert.ok(isTemplate(r.snapshot, pod));
    assert.equal(pod.spec?.containers?.[0]?.ports?.[0]?.protocol, 'TCP');
  });
}

test('the template pod carries the template annotations and a copy of its spec', async () => {
  const r = await load(deployment('web', { app: 'web' }));
  const pod = r.snapshot.objects.Pod[0]!;
  assert.deepEqual(pod.metadata?.annotations, { 'kubectl.kubernetes.io/default-container': 'app' });
  pod.spec!.containers![0]!.name = 'changed';
  assert.equal(r.snapshot.objects.Deployment[0]?.spec?.template?.spec?.containers?.[0]?.name, 'app');
});

test('defaulting the template pod leaves the template as written; every key of the spec is copied as a key', async () => {
  const yaml = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  selector: {matchLabels: {app: w}}\n  template:\n    metadata:\n      labels: {app: w}\n    spec:\n      hostNetwork: true\n      nodeSelector: {"__proto__": x, zone: a}\n      containers: [{name: c, image: i, ports: [{containerPort: 80}], args: [a, 1, true, null]}]\n`;
  const r = await load(yaml);
  const pod = r.snapshot.objects.Pod[0]!;
  const written = r.snapshot.objects.Deployment[0]?.spec?.template?.spec;
  // A Pod with hostNetwork gets its container ports as host ports; its template does not.
  assert.equal(pod.spec?.containers?.[0]?.ports?.[0]?.hostPort, 80);
  assert.equal(written?.containers?.[0]?.ports?.[0]?.hostPort, undefined);
  const args = (spec: unknown) => ((spec as { containers: { args: unknown }[] }).containers[0] as { args: unknown }).args;
  assert.deepEqual(args(pod.spec), ['a', 1, true, null]);
  assert.notEqual(args(pod.spec), args(written));
  const selector = (pod.spec as { nodeSelector: Record<string, string> }).nodeSelector;
  assert.deepEqual(Object.keys(selector), ['__proto__', 'zone']);
  assert.equal(Object.getPrototypeOf(selector), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(selector, '__proto__')?.value, 'x');
});

test('a Job template pod carries the generated job labels, so the Job selects it', async () => {
  const r = await load(workloads.find((w) => w.kind === 'Job')!.yaml);
  const pod = r.snapshot.objects.Pod[0]!;
  assert.equal(pod.metadata?.labels?.['batch.kubernetes.io/controller-uid'], r.snapshot.objects.Job[0]?.spec?.selector?.matchLabels?.['batch.kubernetes.io/controller-uid']);
  assert.equal(pod.metadata?.labels?.['job-name'], 'w');
});

test('CronJob: one template pod from jobTemplate, owned by the CronJob', async () => {
  const r = await load(`apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: ops}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: report}
        spec:
          restartPolicy: OnFailure
          containers: [{name: r, image: report}]
`);
  assert.deepEqual(r.problems, []);
  assert.equal(r.snapshot.objects.Pod.length, 1);
  const pod = r.snapshot.objects.Pod[0]!;
  assert.equal(pod.metadata?.name, 'nightly-(cronjob-template)');
  assert.equal(pod.metadata?.namespace, 'ops');
  assert.deepEqual(pod.metadata?.labels, { app: 'report' });
  assert.equal(pod.metadata?.ownerReferences?.[0]?.kind, 'CronJob');
  assert.equal(r.snapshot.templateOf[pod.metadata?.uid ?? '']?.name, 'nightly');
  assert.equal(r.snapshot.objects.Job.length, 0);
});

test('bare Pods are themselves: real pods with their status, not templates', async () => {
  const r = await load(docs(
    deployment('web', { app: 'web' }),
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web-debug, labels: {app: web}}\nspec:\n  nodeName: n1\n  containers: [{name: app}]\nstatus:\n  phase: Running\n  podIP: 10.0.0.5\n',
  ));
  const bare = r.snapshot.objects.Pod.find((p) => p.metadata?.name === 'web-debug')!;
  assert.equal(bare.status?.phase, 'Running');
  assert.equal(bare.metadata?.uid, 'manifest:Pod/default/web-debug');
  assert.ok(!isTemplate(r.snapshot, bare));
  assert.equal(Object.keys(r.snapshot.templateOf).length, 1);
});

test('two workloads of different kinds with one name get distinct template pods', async () => {
  const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  serviceName: web\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n`;
  const r = await load(docs(deployment('web', { app: 'web' }), sts));
  const names = r.snapshot.objects.Pod.map((p) => p.metadata?.name);
  assert.deepEqual(names, ['web-(deployment-template)', 'web-(statefulset-template)']);
  assert.equal(new Set(r.snapshot.objects.Pod.map((p) => p.metadata?.uid)).size, 2);
});
