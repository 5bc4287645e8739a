// Every bundled example loads with zero problems, and says what its README claims.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromLabelSelector, fromSet, isSelectorError, matches, type Selector } from '../../../src/core/labels.ts';
import type { Snapshot } from '../../../src/core/snapshot.ts';
import type { LabelSelector, Pod } from '../../../src/core/types.ts';
import { loadManifests, type ManifestLoad } from '../../../src/sources/manifests/load.ts';
import { realManifestDeps } from '../../../src/sources/manifests/real-deps.ts';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const dirs = readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

const kubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function isKustomization(dir: string): boolean {
  return existsSync(`${EXAMPLES}${dir}/kustomization.yaml`);
}

async function load(dir: string): Promise<ManifestLoad> {
  const path = `${EXAMPLES}${dir}`;
  const input = isKustomization(dir) ? { files: [], recursive: false, kustomizeDirs: [path] } : { files: [path], recursive: true, kustomizeDirs: [] };
  return loadManifests(input, realManifestDeps(), 'default');
}

function sel(s: Selector | { error: string }): Selector {
  if (isSelectorError(s)) throw new Error(s.error);
  return s;
}

function podsMatching(snapshot: Snapshot, selector: Selector, namespace: string): string[] {
  return snapshot.objects.Pod.filter((p) => p.metadata?.namespace === namespace && matches(selector, p.metadata?.labels)).map((p) => p.metadata?.name ?? '');
}

function ownerOf(snapshot: Snapshot, pod: Pod): string {
  const ref = snapshot.templateOf[pod.metadata?.uid ?? ''];
  return ref ? `${ref.kind}/${ref.name}` : 'none';
}

test('there are at least seven example scenarios, each with a README', () => {
  assert.ok(dirs.length >= 7, dirs.join(', '));
  for (const d of dirs) assert.ok(existsSync(`${EXAMPLES}${d}/README.md`), `${d}/README.md`);
  assert.ok(dirs.includes('xdmod') && dirs.includes('xdmod-fixed'));
});

for (const dir of dirs) {
  const skip = isKustomization(dir) && !kubectl ? 'kubectl is not on PATH' : false;
  test(`examples/${dir} loads with zero problems`, { skip }, async () => {
    const r = await load(dir);
    assert.deepEqual(r.problems, []);
    assert.ok(r.documents > 0);
    assert.deepEqual(r.ignored, []);
    assert.ok(r.snapshot.objects.Pod.length > 0, 'some pods or pod templates');
  });
}

test('xdmod: commonLabels gives both Deployments the selector app=xdmod; the Service selects both template pods', { skip: kubectl ? false : 'kubectl is not on PATH' }, async () => {
  const { snapshot } = await load('xdmod');
  const deploys = Object.fromEntries(snapshot.objects.Deployment.map((d) => [d.metadata?.name, d]));
  assert.deepEqual(deploys.mariadb?.spec?.selector, { matchLabels: { app: 'xdmod' } });
  assert.deepEqual(deploys['moc-xdmod']?.spec?.selector, { matchLabels: { app: 'xdmod' } });
  assert.deepEqual(snapshot.objects.Pod.map((p) => [p.metadata?.name, p.metadata?.labels, ownerOf(snapshot, p)]), [
    ['mariadb-(deployment-template)', { app: 'xdmod' }, 'Deployment/mariadb'],
    ['moc-xdmod-(deployment-template)', { app: 'xdmod' }, 'Deployment/moc-xdmod'],
  ]);
  const svc = snapshot.objects.Service[0];
  assert.deepEqual(svc?.spec?.selector, { app: 'xdmod' });
  assert.deepEqual(podsMatching(snapshot, sel(fromSet(svc?.spec?.selector)), 'default'), ['mariadb-(deployment-template)', 'moc-xdmod-(deployment-template)']);
  assert.deepEqual(podsMatching(snapshot, sel(fromLabelSelector(deploys['moc-xdmod']?.spec?.selector)), 'default').length, 2);
  const xdmodPorts = snapshot.objects.Pod[1]?.spec?.containers?.flatMap((c) => c.ports ?? []).map((p) => p.containerPort);
  assert.deepEqual(xdmodPorts, [8080], 'the xdmod pod does not listen on 3306');
});

test('xdmod-fixed: a component label keeps every selector on its own pods', { skip: kubectl ? false : 'kubectl is not on PATH' }, async () => {
  const { snapshot } = await load('xdmod-fixed');
  const deploys = Object.fromEntries(snapshot.objects.Deployment.map((d) => [d.metadata?.name, d]));
  assert.deepEqual(deploys.mariadb?.spec?.selector, { matchLabels: { app: 'xdmod', component: 'mariadb' } });
  assert.deepEqual(deploys['moc-xdmod']?.spec?.selector, { matchLabels: { app: 'xdmod', component: 'xdmod' } });
  assert.deepEqual(snapshot.objects.Pod.map((p) => [p.metadata?.name, p.metadata?.labels]), [
    ['mariadb-(deployment-template)', { app: 'xdmod', component: 'mariadb' }],
    ['moc-xdmod-(deployment-template)', { app: 'xdmod', component: 'xdmod' }],
  ]);
  const svc = snapshot.objects.Service[0];
  assert.deepEqual(podsMatching(snapshot, sel(fromSet(svc?.spec?.selector)), 'default'), ['mariadb-(deployment-template)']);
  for (const d of snapshot.objects.Deployment) {
    assert.deepEqual(podsMatching(snapshot, sel(fromLabelSelector(d.spec?.selector)), 'default'), [`${d.metadata?.name}-(deployment-template)`]);
  }
});

test('named-targetport: the Service selects both templates; only the stable one declares the port named http', async () => {
  const { snapshot } = await load('named-targetport');
  const svc = snapshot.objects.Service[0];
  assert.equal(svc?.spec?.ports?.[0]?.targetPort, 'http');
  const selected = snapshot.objects.Pod.filter((p) => matches(sel(fromSet(svc?.spec?.selector)), p.metadata?.labels));
  assert.deepEqual(selected.map((p) => [ownerOf(snapshot, p), p.spec?.containers?.[0]?.ports?.map((x) => x.name)]), [
    ['Deployment/web-canary', ['web']],
    ['Deployment/web', ['http']],
  ]);
});

test('headless-publish-not-ready: headless governing Service publishing unready pods, no preStop', async () => {
  const { snapshot } = await load('headless-publish-not-ready');
  const svc = snapshot.objects.Service[0];
  assert.equal(svc?.spec?.clusterIP, 'None');
  assert.equal(svc?.spec?.publishNotReadyAddresses, true);
  const sts = snapshot.objects.StatefulSet[0];
  assert.equal(sts?.spec?.serviceName, svc?.metadata?.name);
  const [pod] = snapshot.objects.Pod;
  assert.equal(ownerOf(snapshot, pod!), 'StatefulSet/mongo');
  assert.equal(pod?.spec?.containers?.[0]?.lifecycle?.preStop, undefined);
  assert.equal(pod?.spec?.terminationGracePeriodSeconds, 30);
});

test('pdb-overlap: both PDBs select the checkout template pod', async () => {
  const { snapshot } = await load('pdb-overlap');
  assert.equal(snapshot.objects.PodDisruptionBudget.length, 2);
  for (const pdb of snapshot.objects.PodDisruptionBudget) {
    assert.deepEqual(podsMatching(snapshot, sel(fromLabelSelector(pdb.spec?.selector)), 'payments'), ['checkout-(deployment-template)'], pdb.metadata?.name ?? 'pdb');
  }
});

test('orphan-adoption: the ReplicaSet selector matches the bare, ownerless debug pod', async () => {
  const { snapshot } = await load('orphan-adoption');
  const rs = snapshot.objects.ReplicaSet[0];
  const matched = snapshot.objects.Pod.filter((p) => matches(sel(fromLabelSelector(rs?.spec?.selector)), p.metadata?.labels));
  assert.deepEqual(matched.map((p) => [p.metadata?.name, ownerOf(snapshot, p), p.metadata?.ownerReferences?.length ?? 0]), [
    ['cache-debug', 'none', 0],
    ['cache-(replicaset-template)', 'ReplicaSet/cache', 1],
  ]);
});

test('etp-local: LoadBalancer with externalTrafficPolicy Local, three zoned Nodes, every pod on node-a', async () => {
  const { snapshot } = await load('etp-local');
  const svc = snapshot.objects.Service[0];
  assert.equal(svc?.spec?.type, 'LoadBalancer');
  assert.equal(svc?.spec?.externalTrafficPolicy, 'Local');
  assert.equal(svc?.status?.loadBalancer?.ingress?.[0]?.ipMode, 'VIP');
  assert.ok(snapshot.known.includes('Node'));
  assert.deepEqual(snapshot.objects.Node.map((n) => n.metadata?.labels?.['topology.kubernetes.io/zone']), ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  const pods = podsMatching(snapshot, sel(fromSet(svc?.spec?.selector)), 'ingress');
  assert.equal(pods.length, 3);
  assert.deepEqual([...new Set(snapshot.objects.Pod.map((p) => p.spec?.nodeName))], ['node-a']);
  assert.ok(snapshot.objects.Pod.every((p) => p.status?.podIP && p.status.phase === 'Running'));
  assert.deepEqual(snapshot.templateOf, {});
});

test('networkpolicy-ingress: Ingress -> Service -> template pod; empty podSelector; HPA on the Deployment', async () => {
  const { snapshot } = await load('networkpolicy-ingress');
  const backend = snapshot.objects.Ingress[0]?.spec?.rules?.[0]?.http?.paths?.[0]?.backend.service;
  assert.deepEqual(backend, { name: 'storefront', port: { name: 'http' } });
  const deny = snapshot.objects.NetworkPolicy.find((n) => n.metadata?.name === 'default-deny-ingress');
  assert.deepEqual(podsMatching(snapshot, sel(fromLabelSelector(deny?.spec?.podSelector as LabelSelector)), 'shop'), ['storefront-(deployment-template)']);
  assert.deepEqual(snapshot.objects.HorizontalPodAutoscaler[0]?.spec?.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'storefront' });
});

test('externalname-stray-selector: an ExternalName Service keeps a selector that matches the legacy pods', async () => {
  const { snapshot } = await load('externalname-stray-selector');
  const svc = snapshot.objects.Service[0];
  assert.equal(svc?.spec?.type, 'ExternalName');
  assert.deepEqual(podsMatching(snapshot, sel(fromSet(svc?.spec?.selector)), 'billing'), ['payments-legacy-(deployment-template)']);
});

test('job-manual-selector: the manual selectors overlap; the generated one selects only its own Job', async () => {
  const { snapshot } = await load('job-manual-selector');
  const jobs = Object.fromEntries(snapshot.objects.Job.map((j) => [j.metadata?.name, j]));
  const hit = (name: string) => podsMatching(snapshot, sel(fromLabelSelector(jobs[name]?.spec?.selector)), 'platform');
  assert.deepEqual(hit('db-migrate-v42'), ['db-migrate-v41-(job-template)', 'db-migrate-v42-(job-template)']);
  assert.deepEqual(hit('db-migrate-v41'), ['db-migrate-v41-(job-template)', 'db-migrate-v42-(job-template)']);
  assert.deepEqual(hit('db-backup'), ['db-backup-(job-template)']);
  assert.deepEqual(jobs['db-backup']?.spec?.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'manifest.Job.platform.db-backup' } });
});
