// loadLive against a fake API server: what is read for each target kind, what goes on the
// wire (selectors, pagination), and how the answers become a Snapshot.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceResult as Loaded } from '../../../src/sources/result.ts';
import { standardCollections, type FakeApi } from './fake-apiserver.ts';
import { deploy, rs, rsOf, slice, svc, uidFor } from '../../core/builders.ts';
import { listItem, pod } from './helpers.ts';
import { APPS, endpointsOf, names, NS, paths, readsOf, setup, TOKEN, webScenario, withSetup, type Setup } from './scenario.ts';

describe('loadLive: svc/NAME', () => {
  let s: Setup;
  let loaded: Loaded;
  before(async () => {
    // Every answer is held until 9 requests are in flight together: the peak is the client's, whatever the machine's load.
    s = await setup(webScenario, {}, 0, { holdUntilInFlight: 9 });
    loaded = await s.run(['svc/web', '-v']);
  });
  after(() => s.api.close());

  test('GETs the Service and, beside it, every read that does not depend on it; its pods and ReplicaSets once its selector is known, their Nodes once they are in; then the Deployments its report can use', () => {
    const p = paths(s.api);
    assert.equal(p.length, 13, p.join('\n'));
    const last = s.api.requests.at(-1);
    assert.deepEqual([last?.path, last?.query.fieldSelector], [`${APPS}/deployments/web`, undefined], 'the Deployment that selects the pods, by name (a GET), once they are in');
    assert.equal(p.at(-2), '/api/v1/nodes', 'the Nodes: those the pods run on');
    assert.deepEqual(p.slice(-4, -2).sort(), [`${NS}/pods`, `${APPS}/replicasets`], 'the pods and ReplicaSets come before: their selector is the Service\'s');
    assert.ok(p.slice(0, -4).includes(`${NS}/services/web`), p.join('\n'));
    assert.ok(p.slice(0, -4).some((x) => x.endsWith('/endpointslices')), 'slices by service name need only the name');
    assert.ok(s.api.requests.slice(0, -4).some((r) => r.path === `${APPS}/deployments` && r.query.includeObject === 'None' && r.accept.includes('as=Table')), 'the Deployments\' printed selectors in the first round');
    // Exactly: the 9 reads that need nothing else all at once, and the two by selector only after the Service's answer.
    assert.equal(s.api.maxInFlight, 9, `the independent reads are in flight together, the reads by selector after them (peak in flight ${s.api.maxInFlight})`);
    assert.match(s.stderr(), /13 requests in 4 rounds/);
  });

  test('sends the selectors on the wire: pods by the Service selector, slices by service name', () => {
    const pods = s.api.requests.filter((r) => r.path === `${NS}/pods`);
    assert.deepEqual(pods.map((r) => r.query.labelSelector), ['app=web']);
    const sets = s.api.requests.filter((r) => r.path === `${APPS}/replicasets`);
    assert.deepEqual(sets.map((r) => r.query.labelSelector), ['app=web'], 'ReplicaSets by their own labels, as kubectl get rs -l');
    const slices = s.api.requests.filter((r) => r.path.endsWith('/endpointslices'));
    assert.deepEqual(slices.map((r) => r.query.labelSelector), ['kubernetes.io/service-name=web']);
    for (const r of s.api.requests) if (r.path !== `${NS}/services/web` && r.path !== `${APPS}/deployments/web`) assert.equal(r.query.limit, '500', `${r.path} is paginated`);
    for (const r of s.api.requests) assert.equal(r.authorization, 'ok');
  });

  test('reads the owner kinds, PDBs and Nodes (metadata only) of the namespace', () => {
    const p = paths(s.api);
    for (const kind of ['replicasets', 'deployments', 'statefulsets', 'daemonsets']) assert.ok(p.includes(`${APPS}/${kind}`), kind);
    for (const q of ['/apis/batch/v1/namespaces/default/jobs', '/apis/batch/v1/namespaces/default/cronjobs', `${NS}/replicationcontrollers`, '/apis/policy/v1/namespaces/default/poddisruptionbudgets']) assert.ok(p.includes(q), q);
    const nodes = s.api.requests.filter((r) => r.path === '/api/v1/nodes');
    assert.deepEqual(nodes.map((r) => r.query.labelSelector), ['kubernetes.io/hostname in (node-a)'], 'only the Node the pods run on');
    assert.match(nodes[0]?.accept ?? '', /as=PartialObjectMetadataList/);
    assert.ok(!p.some((x) => x.endsWith('/networkpolicies') || x.endsWith('/horizontalpodautoscalers') || x.endsWith('/services')), 'nothing the findings do not need');
  });

  test('puts normalised objects into the snapshot', () => {
    const o = loaded.snapshot.objects;
    assert.deepEqual(names(o.Service), ['web']);
    assert.deepEqual(names(o.Pod), ['web-abc-1', 'web-abc-2'], 'only the selected pods are read');
    assert.deepEqual(names(o.EndpointSlice), ['web-x1']);
    assert.deepEqual(names(o.ReplicaSet), ['web-abc']);
    assert.deepEqual(names(o.Deployment), ['web']);
    assert.deepEqual(names(o.Node), ['node-a'], 'the Node the pods run on');
    const p = o.Pod[0] as unknown as Record<string, unknown> & { metadata: Record<string, unknown> };
    assert.equal(p.kind, 'Pod');
    assert.equal(p.apiVersion, 'v1');
    assert.equal(p.metadata.managedFields, undefined, 'managedFields dropped');
    assert.equal(p.metadata.creationTimestamp, '2025-01-01T00:00:00Z', 'times stay RFC 3339 strings');
    assert.equal(o.EndpointSlice[0]?.apiVersion, 'discovery.k8s.io/v1');
    assert.deepEqual(o.Node[0], { kind: 'Node', apiVersion: 'v1', metadata: { name: 'node-a', uid: uidFor('Node', 'node-a', ''), labels: { 'topology.kubernetes.io/zone': 'zone-a', 'kubernetes.io/hostname': 'node-a' } } }, 'metadata only');
  });

  test('known: the kinds read completely; Pod and ReplicaSet are not (only the selector was listed)', () => {
    const known = loaded.snapshot.known;
    for (const k of ['EndpointSlice', 'Node', 'Deployment', 'PodDisruptionBudget'] as const) assert.ok(known.includes(k), k);
    assert.ok(!known.includes('Pod'));
    assert.ok(!known.includes('ReplicaSet'));
    assert.ok(!known.includes('Service'));
    assert.deepEqual(loaded.snapshot.gaps, []);
    assert.equal(loaded.snapshot.origin, 'live');
  });

  test('Loaded names the context, cluster and namespace; -v logs requests but never the token', () => {
    assert.equal(loaded.context, 'test');
    assert.equal(loaded.cluster, 'test-cluster');
    assert.equal(loaded.namespace, 'default');
    assert.deepEqual(loaded.inputs, [s.api.url]);
    assert.match(s.stderr(), /GET \/api\/v1\/namespaces\/default\/services\/web 200 \d+ms/);
    assert.match(s.stderr(), /GET \/api\/v1\/namespaces\/default\/pods\?labelSelector=app%3Dweb&limit=500 200 \d+ms/);
    assert.ok(!s.stderr().includes(TOKEN) && !/bearer|authorization/i.test(s.stderr()));
  });
});

describe('loadLive: the connection', () => {
  test('over TLS every read of a run shares one HTTP/2 connection, as client-go\'s do', async () => {
    await withSetup(webScenario, async (s) => {
      const loaded = await s.run(['svc/web']);
      assert.equal(s.api.requests.length, 13);
      assert.deepEqual([...new Set(s.api.requests.map((r) => r.httpVersion))], ['2.0']);
      assert.equal(s.api.connections, 1);
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['web-abc-1', 'web-abc-2']);
    });
  });

  for (const http1Only of [false, true]) {
    test(`answers are asked for gzip-compressed, as client-go does, unless the kubeconfig's cluster sets disable-compression (HTTP/${http1Only ? '1.1' : '2'})`, async () => {
      const plain = await setup(webScenario, {}, 0, { http1Only });
      const off = await setup(webScenario, { cluster: { 'disable-compression': true } }, 0, { http1Only });
      try {
        await plain.run(['svc/web']);
        await off.run(['svc/web']);
        assert.equal(plain.api.requests.length, 13);
        assert.deepEqual([...new Set(plain.api.requests.map((r) => r.headers['accept-encoding']))], ['gzip']);
        assert.equal(off.api.requests.length, 13);
        assert.deepEqual([...new Set(off.api.requests.map((r) => r.headers['accept-encoding']))], [undefined]);
      } finally {
        await plain.api.close();
        await off.api.close();
      }
    });
  }

  test('a server that offers only HTTP/1.1 is read the same, over HTTP/1.1', async () => {
    const h2 = await setup(webScenario);
    const h1 = await setup(webScenario, {}, 0, { http1Only: true });
    try {
      const [a, b] = [await h2.run(['svc/web']), await h1.run(['svc/web'])];
      assert.deepEqual([...new Set(h1.api.requests.map((r) => r.httpVersion))], ['1.1']);
      assert.deepEqual(paths(h1.api).sort(), paths(h2.api).sort());
      assert.deepEqual(b.snapshot, a.snapshot);
    } finally {
      await h2.api.close();
      await h1.api.close();
    }
  });
});

describe('loadLive: selectors that match nothing or everything', () => {
  test('a selectorless Service lists no pods at all (never labelSelector=""), but reads its slices', async () => {
    await withSetup((api) => api.put(`${NS}/services`, listItem(svc('manual', { selector: null }))), async (s) => {
      const loaded = await s.run(['svc/manual']);
      assert.ok(!paths(s.api).includes(`${NS}/pods`), 'no pod list');
      assert.ok(s.api.requests.some((r) => r.query.labelSelector === 'kubernetes.io/service-name=manual'));
      assert.ok(loaded.snapshot.known.includes('EndpointSlice'));
    });
  });

  test('a policy/v1 PDB with a null selector (matches nothing) lists no pods', async () => {
    await withSetup((api) => api.put('/apis/policy/v1/namespaces/default/poddisruptionbudgets', { metadata: { name: 'none', namespace: 'default' }, spec: { minAvailable: 1 } }), async (s) => {
      await s.run(['pdb/none']);
      assert.ok(!paths(s.api).includes(`${NS}/pods`));
    });
  });

  test('an empty NetworkPolicy podSelector lists every pod, without labelSelector, and Pod becomes known', async () => {
    const s = await setup((api) => {
      api.put('/apis/networking.k8s.io/v1/namespaces/default/networkpolicies', { metadata: { name: 'all', namespace: 'default' }, spec: { podSelector: {} } });
      api.put(`${NS}/pods`, pod('a', { x: '1' }), pod('b', {}));
    });
    try {
      const loaded = await s.run(['netpol/all']);
      const podReads = s.api.requests.filter((r) => r.path === `${NS}/pods`);
      assert.equal(podReads.length, 1);
      assert.equal(podReads[0]?.query.labelSelector, undefined);
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['a', 'b']);
      assert.ok(loaded.snapshot.known.includes('Pod'));
    } finally {
      await s.api.close();
    }
  });

  test('when the selector matches no pod, the namespace\'s pods are listed for near misses', async () => {
    const s = await setup((api) => {
      api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web', tier: 'front' } })));
      api.put(`${NS}/pods`, pod('web-1', { app: 'web', tier: 'back' }), pod('db-0', { app: 'db' }));
    });
    try {
      const loaded = await s.run(['svc/web', '-v']);
      const podReads = s.api.requests.filter((r) => r.path === `${NS}/pods`).map((r) => r.query.labelSelector ?? '<none>');
      assert.deepEqual(podReads, ['app=web,tier=front', '<none>']);
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['db-0', 'web-1']);
      assert.ok(loaded.snapshot.known.includes('Pod'));
      // Then the Node the pods run on (this cluster has none): by its hostname label, then by name.
      assert.match(s.stderr(), /14 requests in 5 rounds/);
    } finally {
      await s.api.close();
    }
  });
});

describe('loadLive: other target kinds', () => {
  test('deploy/NAME lists pods by its matchExpressions in selector syntax', async () => {
    const s = await setup((api) => {
      api.put(`${APPS}/deployments`, { metadata: { name: 'web', namespace: 'default', uid: 'u1' }, spec: { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['b', 'a'] }, { key: 'canary', operator: 'DoesNotExist' }] } } });
      api.put(`${NS}/pods`, pod('w1', { app: 'web' }), pod('w2', { app: 'web', tier: 'a' }), pod('w3', { app: 'web', canary: 'y' }));
    });
    try {
      const loaded = await s.run(['deploy/web']);
      const sel = s.api.requests.find((r) => r.path === `${NS}/pods`)?.query.labelSelector;
      assert.equal(sel, 'app=web,!canary,tier notin (a,b)', 'requirements sorted by key, as apimachinery prints them');
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['w1']);
      assert.equal(loaded.snapshot.objects.Deployment.length, 1, 'the target read by GET and by list appears once');
    } finally {
      await s.api.close();
    }
  });

  test('pod/NAME: the selector-bearing kinds of its namespace, then the pods and slices of the Services that select it', async () => {
    const s = await setup((api) => {
      api.put(`${NS}/pods`, pod('web-1', { app: 'web' }), pod('web-2', { app: 'web' }), pod('x', { app: 'x' }));
      api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' } })), listItem(svc('other', { selector: { app: 'other' } })));
      api.put('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', listItem(slice('web-s', 'web', { endpoints: endpointsOf(['web-1', 'web-2']) })), listItem(slice('other-s', 'other')));
    });
    try {
      const loaded = await s.run(['pod/web-1']);
      const p = paths(s.api);
      assert.ok(p.indexOf(`${NS}/pods/web-1`) < p.indexOf(`${NS}/pods`), 'the pod is read before the pods of the Services that select it');
      for (const q of [`${NS}/services`, '/apis/networking.k8s.io/v1/namespaces/default/networkpolicies', '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers']) assert.ok(p.includes(q), q);
      assert.deepEqual(s.api.requests.filter((r) => r.path.endsWith('/endpointslices')).map((r) => r.query.labelSelector), ['kubernetes.io/service-name=web']);
      assert.deepEqual(s.api.requests.filter((r) => r.path === `${NS}/pods`).map((r) => r.query.labelSelector), ['app=web']);
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['web-1', 'web-2']);
      assert.ok(loaded.snapshot.known.includes('Service'));
    } finally {
      await s.api.close();
    }
  });

  test('pod/NAME selected by two Services with the same selector (a headless one beside a ClusterIP): their pods are read once, each one\'s slices', async () => {
    const s = await setup((api) => {
      api.put(`${NS}/pods`, pod('web-1', { app: 'web' }), pod('web-2', { app: 'web' }));
      api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' } })), listItem(svc('web-headless', { selector: { app: 'web' }, clusterIP: 'None' })));
    });
    try {
      const loaded = await s.run(['pod/web-1']);
      assert.deepEqual(s.api.requests.filter((r) => r.path === `${NS}/pods`).map((r) => r.query.labelSelector), ['app=web']);
      assert.deepEqual(s.api.requests.filter((r) => r.path.endsWith('/endpointslices')).map((r) => r.query.labelSelector).sort(), ['kubernetes.io/service-name=web', 'kubernetes.io/service-name=web-headless']);
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['web-1', 'web-2']);
    } finally {
      await s.api.close();
    }
  });

  for (const [target, selecting] of [['pod/web-1', 'the Services that select it'], ['ing/front', 'its backend Services']] as const) {
    test(`${target}: the pods of ${selecting} are asked for as soon as the Services are in, not after the ReplicaSets`, async () => {
      const RS = '/apis/apps/v1/namespaces/default/replicasets';
      // The ReplicaSets are not answered until the pods of the Service are asked for (or 10 s have passed).
      const s = await setup((api) => {
        api.put('/apis/networking.k8s.io/v1/namespaces/default/ingresses', { metadata: { name: 'front', namespace: 'default' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } });
        api.put(`${NS}/pods`, pod('web-1', { app: 'web' }), pod('web-2', { app: 'web' }));
        api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' } })));
        api.put(RS, listItem(rs('web-abc', { podLabels: { app: 'web' } })));
      }, {}, 0, { gate: { path: RS, opensOn: (r) => r.path === `${NS}/pods` && r.query.labelSelector === 'app=web', timeoutMs: 10_000 } });
      try {
        const loaded = await s.run([target]);
        const at = (prefix: string) => s.api.answered.findIndex((p) => p.startsWith(prefix));
        assert.ok(at(`${NS}/pods?labelSelector=app%3Dweb`) >= 0 && at(RS) >= 0, s.api.answered.join('\n'));
        assert.ok(at(`${NS}/pods?labelSelector=app%3Dweb`) < at(RS), `the pods were asked for only after the ReplicaSets were answered:\n${s.api.answered.join('\n')}`);
        // Nothing is lost by not waiting: every read is in the snapshot.
        assert.deepEqual(names(loaded.snapshot.objects.Pod), ['web-1', 'web-2']);
        assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['web-abc']);
        assert.ok(loaded.snapshot.known.includes('ReplicaSet') && loaded.snapshot.known.includes('Service'));
      } finally {
        await s.api.close();
      }
    });
  }

  test('ing/NAME: its backend Services by name at once, and their pods, not after the namespace\'s whole list of Services', async () => {
    const SERVICES = `${NS}/services`;
    // The whole list of Services is not answered until the backend's pods are asked for (or 10 s have passed).
    const s = await setup((api) => {
      api.put('/apis/networking.k8s.io/v1/namespaces/default/ingresses', { metadata: { name: 'front', namespace: 'default' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }, { path: '/old', pathType: 'Prefix', backend: { service: { name: 'gone', port: { number: 80 } } } }] } }] } });
      api.put(SERVICES, listItem(svc('web', { selector: { app: 'web' } })), listItem(svc('other', { selector: { app: 'other' } })));
      api.put(`${NS}/pods`, pod('web-1', { app: 'web' }));
    }, {}, 0, { gate: { path: SERVICES, holds: (r) => r.query.fieldSelector === undefined, opensOn: (r) => r.path === `${NS}/pods`, timeoutMs: 10_000 } });
    try {
      const loaded = await s.run(['ing/front']);
      const at = (prefix: string) => s.api.answered.findIndex((p) => p === prefix || p.startsWith(`${prefix}&`));
      assert.deepEqual(readsOf(s.api, SERVICES).map(([, field]) => field).sort(), ['metadata.name=gone', 'metadata.name=web', undefined]);
      assert.ok(at(`${NS}/pods?labelSelector=app%3Dweb`) >= 0, s.api.answered.join('\n'));
      assert.ok(at(`${NS}/pods?labelSelector=app%3Dweb`) < at(`${SERVICES}?limit=500`), `the pods were asked for only after the whole list of Services was answered:\n${s.api.answered.join('\n')}`);
      assert.deepEqual(names(loaded.snapshot.objects.Service), ['other', 'web']);
      assert.ok(loaded.snapshot.known.includes('Service'), 'the Services are still read whole: a missing backend is known to be missing');
    } finally {
      await s.api.close();
    }
  });

  test('cronjob/NAME: its Jobs (by controllerRef name), then each Job\'s pods', async () => {
    const s = await setup((api) => {
      api.put('/apis/batch/v1/namespaces/default/cronjobs', { metadata: { name: 'nightly', namespace: 'default', uid: 'cj' }, spec: { schedule: '@daily' } });
      api.put('/apis/batch/v1/namespaces/default/jobs',
        { metadata: { name: 'nightly-1', namespace: 'default', uid: 'j1', ownerReferences: [{ kind: 'CronJob', name: 'nightly', uid: 'cj', controller: true }] }, spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'j1' } } } },
        { metadata: { name: 'other-1', namespace: 'default', uid: 'j2' }, spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'j2' } } } });
      api.put(`${NS}/pods`, pod('nightly-1-x', { 'batch.kubernetes.io/controller-uid': 'j1' }), pod('other-1-x', { 'batch.kubernetes.io/controller-uid': 'j2' }));
    });
    try {
      const loaded = await s.run(['cronjob/nightly']);
      assert.deepEqual(s.api.requests.filter((r) => r.path === `${NS}/pods`).map((r) => r.query.labelSelector), ['batch.kubernetes.io/controller-uid=j1']);
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['nightly-1-x']);
    } finally {
      await s.api.close();
    }
  });

  test('ing/NAME: the Services of the namespace, then pods and slices of each backend', async () => {
    const s = await setup((api) => {
      api.put('/apis/networking.k8s.io/v1/namespaces/default/ingresses', { metadata: { name: 'front', namespace: 'default' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } });
      api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' } })), listItem(svc('unused', { selector: { app: 'u' } })));
      api.put(`${NS}/pods`, pod('web-1', { app: 'web' }));
    });
    try {
      const loaded = await s.run(['ing/front']);
      assert.deepEqual(s.api.requests.filter((r) => r.path === `${NS}/pods`).map((r) => r.query.labelSelector), ['app=web']);
      assert.deepEqual(s.api.requests.filter((r) => r.path.endsWith('/endpointslices')).map((r) => r.query.labelSelector), ['kubernetes.io/service-name=web']);
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['web-1']);
    } finally {
      await s.api.close();
    }
  });

  test('hpa/NAME: falls back to autoscaling/v1 when v2 is not served, then lists the scale target\'s pods', async () => {
    const s = await setup((api) => {
      api.put('/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers', { metadata: { name: 'web', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3 } });
      api.put(`${APPS}/deployments`, listItem(deploy('web', { podLabels: { app: 'web' } })));
      api.put(`${NS}/pods`, pod('web-1', { app: 'web' }));
      api.override('/apis/autoscaling/v2/*', { status: 404, body: { kind: 'Status', code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} } });
    });
    try {
      const loaded = await s.run(['hpa/web']);
      const p = paths(s.api);
      assert.deepEqual(p.filter((x) => x.includes('/horizontalpodautoscalers/')), ['/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web']);
      assert.equal(loaded.snapshot.objects.HorizontalPodAutoscaler[0]?.apiVersion, 'autoscaling/v1');
      assert.deepEqual(s.api.requests.filter((r) => r.path === `${NS}/pods`).map((r) => r.query.labelSelector), ['app=web']);
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['web-1']);
    } finally {
      await s.api.close();
    }
  });

  test('a pasted command: its own -n and the target after the verb', async () => {
    const s = await setup((api) => {
      api.serve(...standardCollections('shop'));
      api.put('/apis/apps/v1/namespaces/shop/deployments', listItem(deploy('web', { ns: 'shop', podLabels: { app: 'web' } })));
    });
    try {
      const loaded = await s.run(['logs', '-n', 'shop', 'deploy/web', '-c', 'app']);
      assert.ok(paths(s.api).includes('/apis/apps/v1/namespaces/shop/deployments/web'));
      assert.ok(s.api.requests.every((r) => !r.path.includes('/namespaces/') || r.path.includes('/namespaces/shop/')), 'every read is in the pasted namespace');
      assert.equal(loaded.namespace, 'default', 'the default namespace stays the context\'s; run.ts applies the pasted -n');
      assert.equal(loaded.snapshot.objects.Deployment.length, 1);
    } finally {
      await s.api.close();
    }
  });

  test('a target that is not there is said at once: the reads started beside it are not waited for', async () => {
    const DEPLOYS = `${APPS}/deployments`;
    // The Deployments are not answered for 10 s (nothing opens the gate before).
    const s = await setup((api) => {
      api.put(DEPLOYS, listItem(deploy('web', { podLabels: { app: 'web' } })));
    }, {}, 0, { gate: { path: DEPLOYS, opensOn: () => false, timeoutMs: 10_000 } });
    try {
      const loaded = await s.run(['svc/nope']);
      assert.ok(paths(s.api).includes(DEPLOYS), 'the Deployments were asked for beside the Service');
      assert.ok(!s.api.answered.some((p) => p.startsWith(DEPLOYS)), `the run waited for the Deployments:\n${s.api.answered.join('\n')}`);
      assert.deepEqual(loaded.snapshot.objects.Service, []);
      assert.deepEqual(loaded.snapshot.objects.Deployment, []);
    } finally {
      await s.api.close();
    }
  });

  test('no valid target: nothing is read (run.ts reports the usage error)', async () => {
    await withSetup(() => {}, async (s) => {
      const loaded = await s.run(['secret/x']);
      assert.equal(s.api.requests.length, 0);
      assert.deepEqual(loaded.snapshot.objects.Pod, []);
    });
  });
});

describe('loadLive: pagination and retries', () => {
  test('follows continue tokens with limit=500 until the list is complete', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => pod(`p-${String(i).padStart(4, '0')}`, { app: 'web' }));
    const s = await setup((api) => {
      api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' } })));
      api.put(`${NS}/pods`, ...many);
    });
    try {
      const loaded = await s.run(['svc/web']);
      const podReads = s.api.requests.filter((r) => r.path === `${NS}/pods`);
      assert.equal(podReads.length, 3);
      assert.deepEqual(podReads.map((r) => [r.query.limit, r.query.continue ?? null, r.query.labelSelector]), [
        ['500', null, 'app=web'], ['500', Buffer.from('500').toString('base64'), 'app=web'], ['500', Buffer.from('1000').toString('base64'), 'app=web'],
      ]);
      assert.equal(loaded.snapshot.objects.Pod.length, 1203);
    } finally {
      await s.api.close();
    }
  });

  test('an expired continue token (410) lists again in one piece', async () => {
    const many = Array.from({ length: 600 }, (_, i) => pod(`p-${i}`, { app: 'web' }));
    const s = await setup((api) => {
      api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' } })));
      api.put(`${NS}/pods`, ...many);
    });
    s.api.override(`${NS}/pods`, { status: 410, times: 1, when: (q) => q.continue !== undefined });
    try {
      const loaded = await s.run(['svc/web']);
      const podReads = s.api.requests.filter((r) => r.path === `${NS}/pods`);
      assert.deepEqual(podReads.map((r) => [r.query.limit ?? null, r.query.continue ? 'token' : null]), [['500', null], ['500', 'token'], [null, null]]);
      assert.equal(loaded.snapshot.objects.Pod.length, 600, 'no page counted twice');
    } finally {
      await s.api.close();
    }
  });

  test('429 with Retry-After is retried', async () => {
    const s = await setup(webScenario);
    s.api.override('/api/v1/nodes', { status: 429, headers: { 'Retry-After': '0' }, times: 2 });
    try {
      const loaded = await s.run(['svc/web']);
      assert.equal(s.api.requests.filter((r) => r.path === '/api/v1/nodes').length, 3);
      assert.ok(loaded.snapshot.known.includes('Node'));
    } finally {
      await s.api.close();
    }
  });
});

describe('loadLive: deploy/NAME (and what is found through a selector-bearing object) reads ReplicaSets by selector, then the owners the pods name', () => {
  const web = deploy('web', { podLabels: { app: 'web' } });
  const current = rsOf(web, 'abc');
  // Owns a selected pod, but apps/v1 does not copy a template's labels to a ReplicaSet's own:
  // `-l app=web` misses it, the pod's controllerRef names it.
  const unlabelled = rs('unlabelled', { podLabels: { app: 'web', extra: 'x' }, selector: { matchLabels: { app: 'web', extra: 'x' } } });
  // Another team's, labels the selector misses, owning nothing read: out of a single target's reads.
  const stray = rs('stray', { labels: { team: 'other' }, podLabels: { app: 'web' }, selector: { matchLabels: { app: 'web' } } });
  const rsLists = (s: Setup) => readsOf(s.api, `${APPS}/replicasets`);
  /** web, its ReplicaSets (its own, a stray, an unlabelled one owning a selected pod) and a pod of each owner. */
  const seedWeb = (api: FakeApi) => {
    api.put(`${APPS}/deployments`, listItem(web));
    api.put(`${APPS}/replicasets`, listItem(current), listItem(stray), listItem(unlabelled));
    api.put(`${NS}/pods`, pod('web-abc-1', { app: 'web', 'pod-template-hash': 'abc' }, { owner: current }), pod('web-x-1', { app: 'web', extra: 'x' }, { owner: unlabelled }));
    api.serve(...standardCollections('default'), '/api/v1/nodes');
  };

  test('the Deployment\'s own ReplicaSets by its selector, the owner of a selected pod by name, nothing else', async () => {
    await withSetup(seedWeb, async (s) => {
      const loaded = await s.run(['deploy/web']);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['unlabelled', 'web-abc']);
      assert.deepEqual(rsLists(s), [['app=web', undefined], [undefined, 'metadata.name=unlabelled']]);
      assert.ok(!loaded.snapshot.known.includes('ReplicaSet'), 'ReplicaSets were not all read');
    });
  });

  test('a selected pod with no controller: every ReplicaSet whose selector matches it may adopt it, so the namespace\'s are read whole', async () => {
    await withSetup((api) => {
      api.put(`${APPS}/deployments`, listItem(web));
      api.put(`${APPS}/replicasets`, listItem(current), listItem(stray));
      api.put(`${NS}/pods`, pod('web-abc-1', { app: 'web', 'pod-template-hash': 'abc' }, { owner: current }), pod('loose', { app: 'web' }));
      api.serve(...standardCollections('default'), '/api/v1/nodes');
    }, async (s) => {
      const loaded = await s.run(['deploy/web', '-o', 'json']);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['stray', 'web-abc']);
      assert.deepEqual(rsLists(s), [['app=web', undefined], [undefined, undefined]]);
      assert.ok(loaded.snapshot.known.includes('ReplicaSet'));
    });
  });

  test('more missing owners than are worth a read each: the namespace\'s ReplicaSets whole, once', async () => {
    const owners = Array.from({ length: 9 }, (_, i) => rs(`other-${i}`, { podLabels: { app: 'web', n: String(i) }, selector: { matchLabels: { app: 'web', n: String(i) } } }));
    await withSetup((api) => {
      api.put(`${APPS}/deployments`, listItem(web));
      api.put(`${APPS}/replicasets`, listItem(current), ...owners.map((o) => listItem(o)));
      api.put(`${NS}/pods`, ...owners.map((o, i) => pod(`p-${i}`, { app: 'web', n: String(i) }, { owner: o })));
      api.serve(...standardCollections('default'), '/api/v1/nodes');
    }, async (s) => {
      const loaded = await s.run(['deploy/web']);
      assert.equal(loaded.snapshot.objects.ReplicaSet.length, 10);
      assert.deepEqual(rsLists(s), [['app=web', undefined], [undefined, undefined]]);
    });
  });

  test('a refused read by name is a gap on ReplicaSet, the rest of the report stands', async () => {
    await withSetup((api) => {
      api.put(`${APPS}/deployments`, listItem(web));
      api.put(`${APPS}/replicasets`, listItem(current), listItem(unlabelled));
      api.put(`${NS}/pods`, pod('web-abc-1', { app: 'web', 'pod-template-hash': 'abc' }, { owner: current }), pod('web-x-1', { app: 'web', extra: 'x' }, { owner: unlabelled }));
      api.serve(...standardCollections('default'), '/api/v1/nodes');
      api.override(`${APPS}/replicasets/unlabelled`, { status: 403 });
      api.override(`${APPS}/replicasets`, { status: 403, when: (q) => q.fieldSelector !== undefined });
    }, async (s) => {
      const loaded = await s.run(['deploy/web']);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['web-abc']);
      assert.deepEqual(loaded.snapshot.gaps.map((g) => [g.kind, g.reason]), [['ReplicaSet', 'forbidden']]);
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['web-abc-1', 'web-x-1']);
    });
  });

  test('a read by name is a GET; where the GET is refused and the list is not (a role may grant list alone), the list by name reads it', async () => {
    await withSetup((api) => {
      seedWeb(api);
      api.override(`${APPS}/replicasets/unlabelled`, { status: 403 });
    }, async (s) => {
      const loaded = await s.run(['deploy/web']);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['unlabelled', 'web-abc']);
      assert.deepEqual(loaded.snapshot.gaps, []);
      const named = s.api.requests.filter((r) => r.path.startsWith(`${APPS}/replicasets`) && r.query.labelSelector === undefined);
      assert.deepEqual(named.map((r) => [r.path, r.query.fieldSelector]), [[`${APPS}/replicasets/unlabelled`, undefined], [`${APPS}/replicasets`, 'metadata.name=unlabelled']]);
    });
    await withSetup(seedWeb, async (s) => {
      const loaded = await s.run(['deploy/web']);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['unlabelled', 'web-abc']);
      assert.ok(!s.api.requests.some((r) => r.path.startsWith(APPS) && r.query.fieldSelector !== undefined), 'no list by name when the GET answers');
    });
  });

  const hpa = (kind: string, name: string) => ({ metadata: { name: 'web', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind, name }, maxReplicas: 3 } });
  const HPAS = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';

  test('hpa/NAME: by its scale target\'s selector, beside that target\'s pods, then the owner a selected pod names', async () => {
    await withSetup((api) => {
      seedWeb(api);
      api.put(HPAS, hpa('Deployment', 'web'));
    }, async (s) => {
      const loaded = await s.run(['hpa/web']);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['unlabelled', 'web-abc']);
      assert.deepEqual(rsLists(s), [['app=web', undefined], [undefined, 'metadata.name=unlabelled']]);
      assert.ok(!loaded.snapshot.known.includes('ReplicaSet'), 'ReplicaSets were not all read');
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['web-abc-1', 'web-x-1']);
    });
  });

  test('hpa/NAME: its scale target by name at once, and the target\'s pods, not after the namespace\'s lists', async () => {
    const PDBS = '/apis/policy/v1/namespaces/default/poddisruptionbudgets';
    // The PodDisruptionBudgets are not answered until the pods are asked for (or 10 s have passed).
    const s = await setup((api) => {
      api.put(HPAS, hpa('Deployment', 'web'));
      api.put(`${APPS}/deployments`, listItem(web));
      api.put(`${APPS}/replicasets`, listItem(current));
      api.put(`${NS}/pods`, pod('web-abc-1', { app: 'web', 'pod-template-hash': 'abc' }, { owner: current }));
      api.serve(...standardCollections('default'), '/api/v1/nodes');
    }, {}, 0, { gate: { path: PDBS, opensOn: (r) => r.path === `${NS}/pods`, timeoutMs: 10_000 } });
    try {
      const loaded = await s.run(['hpa/web']);
      const at = (prefix: string) => s.api.answered.findIndex((p) => p.startsWith(prefix));
      assert.ok(at(`${APPS}/deployments/web`) >= 0, `the scale target by name:\n${s.api.answered.join('\n')}`);
      assert.ok(at(`${NS}/pods?labelSelector=app%3Dweb`) < at(PDBS), `the pods were asked for only after the namespace's lists were answered:\n${s.api.answered.join('\n')}`);
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['web-abc-1']);
      assert.deepEqual(names(loaded.snapshot.objects.Deployment), ['web']);
      assert.ok(loaded.snapshot.known.includes('Deployment'), 'the Deployments are still read whole');
    } finally {
      await s.api.close();
    }
  });

  test('hpa/NAME scaling a ReplicaSet: the namespace\'s whole, so a missing one is known to be missing', async () => {
    // The API server checks a scaleTargetRef's name as a path segment only: Gone_1 names no ReplicaSet that can exist.
    for (const [name, expected] of [['web-abc', ['web-abc-1']], ['gone', []], ['Gone_1', []]] as const) {
      await withSetup((api) => {
        api.put(HPAS, hpa('ReplicaSet', name));
        api.put(`${APPS}/replicasets`, listItem(current), listItem(stray));
        api.put(`${NS}/pods`, pod('web-abc-1', { app: 'web', 'pod-template-hash': 'abc' }, { owner: current }));
        api.serve(...standardCollections('default'), '/api/v1/nodes');
      }, async (s) => {
        const loaded = await s.run(['hpa/web']);
        assert.deepEqual(rsLists(s)[0], [undefined, undefined], name);
        assert.ok(rsLists(s).every(([label, field]) => label === undefined && field === undefined), `${name}: ${JSON.stringify(rsLists(s))}`);
        assert.ok(loaded.snapshot.known.includes('ReplicaSet'), name);
        assert.deepEqual(names(loaded.snapshot.objects.Pod), expected, name);
      });
    }
  });

  test('ing/NAME: by each backend Service\'s selector, beside its pods', async () => {
    await withSetup((api) => {
      api.put('/apis/networking.k8s.io/v1/namespaces/default/ingresses', { metadata: { name: 'front', namespace: 'default' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } });
      api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' } })));
      api.put(`${APPS}/replicasets`, listItem(current), listItem(stray));
      api.put(`${NS}/pods`, pod('web-abc-1', { app: 'web', 'pod-template-hash': 'abc' }, { owner: current }));
      api.serve(...standardCollections('default'), '/api/v1/nodes');
    }, async (s) => {
      const loaded = await s.run(['ing/front']);
      assert.deepEqual(rsLists(s), [['app=web', undefined]]);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['web-abc']);
      assert.ok(!loaded.snapshot.known.includes('ReplicaSet'));
    });
  });

  test('cronjob/NAME: by each of its Jobs\' selectors, beside their pods', async () => {
    const JOBS = '/apis/batch/v1/namespaces/default/jobs';
    await withSetup((api) => {
      api.put('/apis/batch/v1/namespaces/default/cronjobs', { metadata: { name: 'nightly', namespace: 'default', uid: 'cj' }, spec: { schedule: '@daily' } });
      api.put(JOBS, ...['j1', 'j2'].map((uid) => ({ metadata: { name: `nightly-${uid}`, namespace: 'default', uid, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'cj', controller: true }] }, spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } } } })));
      api.put(`${APPS}/replicasets`, listItem(current), listItem(stray));
      api.put(`${NS}/pods`, pod('nightly-j1-x', { 'batch.kubernetes.io/controller-uid': 'j1' }, { owner: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'nightly-j1', namespace: 'default', uid: 'j1' } } }));
      api.serve(...standardCollections('default'), '/api/v1/nodes');
    }, async (s) => {
      const loaded = await s.run(['cronjob/nightly']);
      assert.deepEqual(rsLists(s).sort(), [['batch.kubernetes.io/controller-uid=j1', undefined], ['batch.kubernetes.io/controller-uid=j2', undefined]]);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), []);
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['nightly-j1-x']);
    });
  });

  test('pod/NAME reads ReplicaSets and Deployments by their printed selectors first, then by name those the report can use', async () => {
    const old = rsOf(web, 'old');
    const api = deploy('api', { podLabels: { app: 'api' } });
    // Nested in web's selector, selecting no pod read: the overlap rule still names it.
    const canary = rs('canary', { podLabels: { app: 'web', track: 'canary' } });
    // A selector the API server prints as <error>: read, whatever it is.
    const broken = rs('broken', { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } });
    await withSetup((a) => {
      a.put(`${APPS}/deployments`, listItem(web), listItem(api));
      a.put(`${APPS}/replicasets`, listItem(current), listItem(old), listItem(stray), listItem(rsOf(api, 'one')), listItem(canary), listItem(broken));
      a.put(`${NS}/pods`, pod('web-abc-1', { app: 'web', 'pod-template-hash': 'abc' }, { owner: current }));
      a.serve(...standardCollections('default'), '/api/v1/nodes');
    }, async (s) => {
      const loaded = await s.run(['pod/web-abc-1']);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['broken', 'canary', 'stray', 'web-abc', 'web-old'], 'in the order the table gave, not api\'s');
      assert.deepEqual(names(loaded.snapshot.objects.Deployment), ['web']);
      assert.ok(loaded.snapshot.known.includes('ReplicaSet') && loaded.snapshot.known.includes('Deployment'));
      const tables = s.api.requests.filter((r) => r.accept.includes('as=Table'));
      assert.deepEqual(tables.map((r) => [r.path, r.query.includeObject, r.query.limit]).sort(), [[`${APPS}/deployments`, 'None', '500'], [`${APPS}/replicasets`, 'None', '500']]);
      assert.deepEqual(rsLists(s).filter(([, field]) => field !== undefined).map(([, field]) => field).sort(), ['broken', 'canary', 'stray', 'web-abc', 'web-old'].map((n) => `metadata.name=${n}`));
    });
  });

  test('deploy/NAME: the Deployments\' printed selectors, and none read again by name when only the target selects its pods', async () => {
    const api = deploy('api', { podLabels: { app: 'api' } });
    await withSetup((a) => {
      a.put(`${APPS}/deployments`, listItem(web), listItem(api));
      a.put(`${APPS}/replicasets`, listItem(current));
      a.put(`${NS}/pods`, pod('web-abc-1', { app: 'web', 'pod-template-hash': 'abc' }, { owner: current }));
      a.serve(...standardCollections('default'), '/api/v1/nodes');
    }, async (s) => {
      const loaded = await s.run(['deploy/web']);
      assert.deepEqual(names(loaded.snapshot.objects.Deployment), ['web']);
      assert.ok(loaded.snapshot.known.includes('Deployment'));
      const reads = s.api.requests.filter((r) => r.path === `${APPS}/deployments`);
      assert.deepEqual(reads.map((r) => [r.query.includeObject, r.query.fieldSelector]), [['None', undefined]], 'the table only: the target is its GET');
    });
  });

  test('pod/NAME follows its owner chain by name when its controllers select other pods', async () => {
    const other = deploy('other', { podLabels: { app: 'other' } });
    const set = rsOf(other, 'h');
    await withSetup((a) => {
      a.put(`${APPS}/deployments`, listItem(other));
      a.put(`${APPS}/replicasets`, listItem(set));
      a.put(`${NS}/pods`, pod('moved-1', { app: 'moved' }, { owner: set }));
      a.serve(...standardCollections('default'), '/api/v1/nodes');
    }, async (s) => {
      const loaded = await s.run(['pod/moved-1']);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['other-h']);
      assert.deepEqual(names(loaded.snapshot.objects.Deployment), ['other']);
      const named = s.api.requests.map((r) => /^\/apis\/apps\/v1\/namespaces\/default\/(replicasets|deployments)\/([^/]+)$/.exec(r.path)).flatMap((m) => (m ? [`${m[1]} ${m[2]}`] : []));
      assert.deepEqual(named, ['replicasets other-h', 'deployments other'], 'the ReplicaSet names its Deployment: one round after the other');
    });
  });

  test('pod/NAME and svc/NAME: the reads by name go out as soon as the target\'s own pods are in, not after the reads that follow them', async () => {
    // The pods of the Service (pod/NAME's round 3), or the Nodes of the Service's pods (svc/NAME's
    // round 6), are not answered until a ReplicaSet or Deployment is asked for by name (or 10 s pass).
    const byName = new RegExp(`^${APPS}/(replicasets|deployments)/[^/]+$`);
    const cases = [
      { target: 'pod/web-abc-1', path: `${NS}/pods`, held: (q: Record<string, string>) => q.labelSelector === 'app=web' },
      { target: 'svc/web', path: '/api/v1/nodes', held: () => true },
    ];
    for (const c of cases) {
      const s = await setup((a) => {
        a.put(`${APPS}/deployments`, listItem(web));
        a.put(`${APPS}/replicasets`, listItem(current));
        a.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' } })));
        a.put(`${NS}/pods`, pod('web-abc-1', { app: 'web', 'pod-template-hash': 'abc' }, { owner: current }), pod('web-abc-2', { app: 'web', 'pod-template-hash': 'abc' }, { owner: current }));
        a.put('/api/v1/nodes', { metadata: { name: 'node-a', labels: { 'kubernetes.io/hostname': 'node-a' } } });
      }, {}, 0, { gate: { path: c.path, holds: (r) => c.held(r.query), opensOn: (r) => byName.test(r.path), timeoutMs: 10_000 } });
      try {
        const started = Date.now();
        const loaded = await s.run([c.target]);
        assert.ok(Date.now() - started < 5_000, `${c.target}: the reads by name waited for the held read:\n${s.api.answered.join('\n')}`);
        const named = s.api.requests.filter((r) => byName.test(r.path)).map((r) => r.path.replace(`${APPS}/`, '')).sort();
        assert.deepEqual(named, c.target === 'pod/web-abc-1' ? ['deployments/web', 'replicasets/web-abc'] : ['deployments/web'], c.target);
        // Nothing is lost by not waiting: the report reads what it did before.
        assert.deepEqual(names(loaded.snapshot.objects.Pod), ['web-abc-1', 'web-abc-2'], c.target);
        assert.deepEqual(names(loaded.snapshot.objects.Deployment), ['web'], c.target);
        assert.ok(loaded.snapshot.known.includes('Deployment') && loaded.snapshot.known.includes('Node'), c.target);
      } finally {
        await s.api.close();
      }
    }
  });

  test('pod/NAME reads them whole when the server has no table, when more are wanted than are worth asking by name, or when asked to', async () => {
    const many = Array.from({ length: 40 }, (_, i) => rs(`web-${String(i).padStart(2, '0')}`, { podLabels: { app: 'web' } }));
    const seed = (a: FakeApi) => {
      a.put(`${APPS}/replicasets`, listItem(current), listItem(stray));
      a.put(`${NS}/pods`, pod('web-abc-1', { app: 'web', 'pod-template-hash': 'abc' }, { owner: current }));
      a.serve(...standardCollections('default'), '/api/v1/nodes');
    };
    await withSetup(seed, async (s) => {
      s.api.override(`${APPS}/replicasets`, { status: 406, when: (q) => q.includeObject === 'None' });
      const loaded = await s.run(['pod/web-abc-1']);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['stray', 'web-abc']);
      assert.deepEqual(rsLists(s), [[undefined, undefined], [undefined, undefined]], 'the table refused, then the whole list');
      assert.ok(loaded.snapshot.known.includes('ReplicaSet'));
    });
    await withSetup((a) => { seed(a); a.put(`${APPS}/replicasets`, ...many.map((o) => listItem(o))); }, async (s) => {
      const loaded = await s.run(['pod/web-abc-1']);
      assert.equal(loaded.snapshot.objects.ReplicaSet.length, 42);
      assert.equal(rsLists(s).filter(([, field]) => field !== undefined).length, 0, 'nothing asked by name');
    });
    await withSetup(seed, async (s) => {
      s.env.WHOSELECTS_OWNER_LISTS = 'whole';
      const loaded = await s.run(['pod/web-abc-1']);
      assert.deepEqual(names(loaded.snapshot.objects.ReplicaSet), ['stray', 'web-abc']);
      assert.equal(s.api.requests.filter((r) => r.accept.includes('as=Table')).length, 0);
    });
  });
});
