// A fake API server seeded with a small namespace, a kubeconfig pointing at it, and loadLive
// run through parsed command lines.

import assert from 'node:assert/strict';
import { Failure } from '../../../src/core/failure.ts';
import type { SourceResult as Loaded } from '../../../src/sources/result.ts';
import { startFakeApi, standardCollections, type FakeApi, type FakeApiOptions } from './fake-apiserver.ts';
import type { Endpoint, Node } from '../../../src/core/types.ts';
import { deploy, ep, node, rsOf, slice, sts, svc } from '../../core/builders.ts';
import { cliDeps, listItem, loadLiveArgs, pod, tempDir, writeKubeconfig, type KubeconfigSpec } from './helpers.ts';

export const TOKEN = 'sekret-token-value-1234';
export const NS = '/api/v1/namespaces/default';
export const APPS = '/apis/apps/v1/namespaces/default';

export interface Setup {
  api: FakeApi;
  env: Record<string, string>;
  run(argv: string[]): Promise<Loaded>;
  runError(argv: string[]): Promise<Failure>;
  stderr(): string;
}

export async function setup(seed: (api: FakeApi) => void, kc: Partial<KubeconfigSpec> = {}, delayMs = 0, server: FakeApiOptions = {}): Promise<Setup> {
  const api = await startFakeApi({ token: TOKEN, delayMs, ...server });
  api.serve(...standardCollections('default'), ...standardCollections(null), '/api/v1/nodes');
  seed(api);
  const dir = tempDir();
  const env = { KUBECONFIG: writeKubeconfig(dir, { server: api.url, token: TOKEN, ...kc }), HOME: dir };
  let err = '';
  const run = async (argv: string[]) => {
    const deps = cliDeps(env);
    try {
      return await loadLiveArgs((argv), deps, { serviceAccountDir: `${dir}/no-sa` });
    } finally {
      err += deps.err();
    }
  };
  const runError = async (argv: string[]) => {
    try {
      await run(argv);
    } catch (e) {
      assert.ok(e instanceof Failure, `expected a Failure, got ${e}`);
      return e;
    }
    assert.fail('expected loadLive to fail');
  };
  return { api, env, run, runError, stderr: () => err };
}

/** `setup(seed, kc, delayMs)`, then `fn` with it; the fake API server is closed however `fn` ends. */
export async function withSetup<T>(seed: (api: FakeApi) => void, fn: (s: Setup) => Promise<T>, kc: Partial<KubeconfigSpec> = {}, delayMs = 0): Promise<T> {
  const s = await setup(seed, kc, delayMs);
  try {
    return await fn(s);
  } finally {
    await s.api.close();
  }
}

/** The URL of a port nothing listens on any more: a fake API server started and closed. */
export async function refusedServer(): Promise<string> {
  const api = await startFakeApi();
  await api.close();
  return `https://127.0.0.1:${api.port}`;
}

/** svc/web (port 80 to 8080) over two pods of deploy/web's ReplicaSet web-abc, sts/db with one pod, a slice each, two zoned nodes. */
export function webScenario(api: FakeApi): void {
  const web = deploy('web', { podLabels: { app: 'web' } });
  const webAbc = rsOf(web, 'abc');
  const db = sts('db', { podLabels: { app: 'db' } });
  const webPods = ['web-abc-1', 'web-abc-2'].map((name) => pod(name, { app: 'web', 'pod-template-hash': 'abc' }, { owner: webAbc }));
  api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] })));
  api.put(`${NS}/pods`, ...webPods, pod('db-0', { app: 'db' }, { owner: db }));
  api.put(`${APPS}/replicasets`, listItem(webAbc));
  api.put(`${APPS}/deployments`, listItem(web));
  api.put(`${APPS}/statefulsets`, listItem(db));
  api.put('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', listItem(slice('web-x1', 'web', { endpoints: endpointsOf(['web-abc-1', 'web-abc-2']), ports: [{ port: 8080, protocol: 'TCP' }] })), listItem(slice('db-x1', 'db', { endpoints: endpointsOf(['db-0']), ports: [{ port: 8080, protocol: 'TCP' }] })));
  // A Node's status is the bulk of it: the source reads Nodes as metadata only.
  // As a kubelet (and kwok) labels them: kubernetes.io/hostname, the Node's name here.
  api.put('/api/v1/nodes', ...[node('node-a', 'zone-a'), node('node-b', 'zone-b')].map((n) => ({ ...listItem(hostnamed(n)), status: { images: ['big'] } })));
}

/** The Node with the label a kubelet gives its Node: kubernetes.io/hostname, here its name. */
export function hostnamed(n: Node): Node {
  return { ...n, metadata: { ...n.metadata, labels: { ...n.metadata?.labels, 'kubernetes.io/hostname': n.metadata?.name ?? '' } } };
}

/** Ready endpoints (only the ready condition set) for pods of the default namespace by name, at addresses 10.0.0.1, .2, … */
export function endpointsOf(pods: string[]): Endpoint[] {
  return pods.map((name, i) => ep(`10.0.0.${i + 1}`, { pod: name, serving: null, terminating: null }));
}

export const names = (list: { metadata?: { name?: string } }[]) => list.map((o) => o.metadata?.name).sort();
export const paths = (api: FakeApi) => api.requests.map((r) => r.path);

/**
 * The reads of a collection in order, each as [labelSelector, fieldSelector]; a GET of one of its
 * objects stands as the read by name it is (`metadata.name=NAME`): reads by name are GETs, lists
 * by name only where a GET was refused.
 */
export function readsOf(api: FakeApi, collection: string): [string | undefined, string | undefined][] {
  return api.requests.flatMap((r): [string | undefined, string | undefined][] => {
    if (r.path === collection) return [[r.query.labelSelector, r.query.fieldSelector]];
    const name = r.path.startsWith(`${collection}/`) ? r.path.slice(collection.length + 1) : '';
    return name !== '' && !name.includes('/') ? [[undefined, `metadata.name=${decodeURIComponent(name)}`]] : [];
  });
}
