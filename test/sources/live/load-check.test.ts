// loadLive for `check` (every modelled kind, per namespace or cluster-wide) and in a pod
// (the service account, without kubeconfig).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testCert } from './certs.ts';
import { startFakeApi, standardCollections, type FakeApi } from './fake-apiserver.ts';
import { svc } from '../../core/builders.ts';
import { cliDeps, listItem, loadLiveArgs, pod, tempDir } from './helpers.ts';
import { names, NS, paths, TOKEN, webScenario, withSetup } from './scenario.ts';

describe('loadLive: check', () => {
  test('check -n NS lists every modelled kind of the namespace in one round; all are known', async () => {
    await withSetup(webScenario, async (s) => {
      const loaded = await s.run(['check', '-n', 'default', '-v']);
      const p = paths(s.api);
      assert.equal(p.length, 15);
      assert.ok(p.includes(`${NS}/pods`) && p.includes('/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers') && p.includes('/api/v1/nodes'));
      assert.ok(s.api.requests.every((r) => r.query.labelSelector === undefined));
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['db-0', 'web-abc-1', 'web-abc-2']);
      for (const k of ['Pod', 'Service', 'EndpointSlice', 'Node', 'Ingress'] as const) assert.ok(loaded.snapshot.known.includes(k), k);
      assert.match(s.stderr(), /15 requests in 1 round,/);
    });
  });

  test('check -A lists cluster-wide; check NS1 NS2 lists each namespace', async () => {
    await withSetup((api) => {
      webScenario(api);
      api.serve(...standardCollections('shop'));
      api.put('/api/v1/namespaces/shop/pods', pod('cart-1', { app: 'cart' }, { ns: 'shop' }));
    }, async (s) => {
      const all = await s.run(['check', '-A']);
      assert.ok(s.api.requests.some((r) => r.path === '/api/v1/pods'));
      assert.ok(!s.api.requests.some((r) => r.path.includes('/namespaces/')));
      assert.deepEqual(names(all.snapshot.objects.Pod), ['cart-1', 'db-0', 'web-abc-1', 'web-abc-2']);
      s.api.requests.length = 0;
      await s.run(['check', 'default', 'shop']);
      assert.ok(s.api.requests.some((r) => r.path === '/api/v1/namespaces/shop/pods'));
      assert.ok(s.api.requests.some((r) => r.path === '/api/v1/namespaces/default/pods'));
      assert.equal(s.api.requests.length, 29);
    });
  });
});

describe('loadLive: check refused everything', () => {
  const forbidden = (what: string) => ({ status: 403, body: { kind: 'Status', code: 403, reason: 'Forbidden', message: `${what} is forbidden: User "bob" cannot list resource "${what}"` } });
  /** The web scenario behind an API server that refuses every list, core and grouped. */
  const everythingRefused = (api: FakeApi) => {
    webScenario(api);
    api.override('/api/*', forbidden('pods'));
    api.override('/apis/*', forbidden('deployments'));
  };

  test('check -A where every cluster-wide list is refused: one line naming every resource refused, and Nodes', async () => {
    await withSetup(everythingRefused, async (s) => {
      const e = await s.runError(['check', '-A']);
      assert.equal(e.kind, 'unauthorised');
      assert.equal(e.message.split('\n').length, 1);
      for (const r of ['pods', 'services', 'endpointslices.discovery.k8s.io', 'deployments.apps', 'statefulsets.apps', 'daemonsets.apps', 'replicasets.apps', 'jobs.batch', 'cronjobs.batch', 'replicationcontrollers', 'networkpolicies.networking.k8s.io', 'poddisruptionbudgets.policy', 'ingresses.networking.k8s.io', 'horizontalpodautoscalers.autoscaling']) {
        assert.match(e.message, new RegExp(`[ ,]${r.replaceAll('.', '\\.')}[ ,;]`), `${r} is named: ${e.message}`);
      }
      assert.match(e.message, /in any namespace \(cluster-wide\); nor nodes \(403: /);
    });
  });

  test('check NS1 NS2 where both are refused: each namespace named', async () => {
    await withSetup(everythingRefused, async (s) => {
      const e = await s.runError(['check', 'default', 'shop']);
      assert.match(e.message, /pods, services, .* in namespace default; nor pods, services, .* in namespace shop; nor nodes/);
    });
  });
});

describe('loadLive: in a pod', () => {
  test('no kubeconfig: the service account token, CA and namespace', async () => {
    const api = await startFakeApi({ token: TOKEN });
    api.serve(...standardCollections('shop'), '/api/v1/nodes');
    api.put('/api/v1/namespaces/shop/services', listItem(svc('web', { ns: 'shop' })));
    const sa = tempDir();
    writeFileSync(join(sa, 'token'), TOKEN);
    writeFileSync(join(sa, 'namespace'), 'shop');
    writeFileSync(join(sa, 'ca.crt'), testCert().cert);
    try {
      const env = { HOME: tempDir(), KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(api.port) };
      const loaded = await loadLiveArgs(['svc/web'], cliDeps(env), { serviceAccountDir: sa });
      assert.equal(loaded.namespace, 'shop');
      assert.equal(loaded.context, null);
      assert.equal(loaded.cluster, 'in-cluster');
      assert.equal(loaded.snapshot.objects.Service.length, 1);
      assert.ok(api.requests.every((r) => r.authorization === 'ok'));
    } finally {
      await api.close();
    }
  });
});
