// loadLive failures: the target's 401/403/404, unreachable servers, TLS, timeouts, unknown
// contexts (exit 3, or no target), and partial permissions on secondary reads (gaps).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exitCodeOf } from '../../../src/cli/errors.ts';
import type { Failure } from '../../../src/core/failure.ts';
import { cliDeps, loadLiveArgs, tempDir, writeKubeconfig } from './helpers.ts';
import { names, NS, refusedServer, setup, TOKEN, webScenario, withSetup } from './scenario.ts';

describe('loadLive: failures', () => {
  test('404 of the target is not an error: the Loaded has no target, and nothing read beside it is kept', async () => {
    await withSetup(webScenario, async (s) => {
      const loaded = await s.run(['svc/missing']);
      assert.equal(s.api.requests.filter((r) => r.path.endsWith('/pods')).length, 0, 'no pod is listed without a selector to list by');
      for (const [kind, objects] of Object.entries(loaded.snapshot.objects)) assert.deepEqual(objects, [], kind);
    });
  });

  test('401 ends the run with exit 3', async () => {
    await withSetup(webScenario, async (s) => {
      const e = await s.runError(['svc/web']);
      assert.equal(exitCodeOf(e), 3);
      assert.match(e.message, /rejected the credentials of user "test-user" of context "test" \(401 Unauthorized\)/);
      assert.ok(!e.message.includes('wrong-token') && !(e.hint ?? '').includes('wrong-token'));
    }, { token: 'wrong-token' });
  });

  test('403 on the target ends the run with exit 3, naming the verb, resource and namespace', async () => {
    const s = await setup(webScenario);
    s.api.override(`${NS}/services/web`, { status: 403, body: { kind: 'Status', code: 403, reason: 'Forbidden', message: 'services "web" is forbidden: User "bob" cannot get resource "services" in API group "" in the namespace "default"' } });
    try {
      const e = await s.runError(['svc/web']);
      assert.equal(exitCodeOf(e), 3);
      assert.match(e.message, /^forbidden: user "test-user" may not get services "web" in namespace default \(403: services "web" is forbidden/);
      assert.match(e.hint ?? '', /get and list on services in namespace default/);
    } finally {
      await s.api.close();
    }
  });

  test('403 on secondary reads becomes gaps, and the rest still answers', async () => {
    const s = await setup(webScenario);
    s.api.override('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', { status: 403, body: { kind: 'Status', code: 403, reason: 'Forbidden', message: 'endpointslices.discovery.k8s.io is forbidden: User "test-user" cannot list resource "endpointslices" in API group "discovery.k8s.io" in the namespace "default"' } });
    s.api.override('/api/v1/nodes', { status: 403, body: { kind: 'Status', code: 403, message: 'nodes is forbidden: User "test-user" cannot list resource "nodes" in API group "" at the cluster scope' } });
    try {
      const loaded = await s.run(['svc/web']);
      const gaps = loaded.snapshot.gaps;
      assert.equal(gaps.length, 2);
      const eps = gaps.find((g) => g.kind === 'EndpointSlice');
      assert.equal(eps?.reason, 'forbidden');
      assert.equal(eps?.namespace, 'default');
      assert.match(eps?.message ?? '', /^list endpointslices\.discovery\.k8s\.io in namespace default: HTTP 403: endpointslices\.discovery\.k8s\.io is forbidden/);
      const nodes = gaps.find((g) => g.kind === 'Node');
      assert.equal(nodes?.namespace, undefined);
      assert.match(nodes?.message ?? '', /^list nodes \(cluster-wide\): HTTP 403/);
      assert.ok(!loaded.snapshot.known.includes('EndpointSlice') && !loaded.snapshot.known.includes('Node'));
      assert.deepEqual(names(loaded.snapshot.objects.Pod), ['web-abc-1', 'web-abc-2'], 'the rest still answers');
    } finally {
      await s.api.close();
    }
  });

  test('unreachable server: exit 3, naming the server and the cause', async () => {
    const server = await refusedServer();
    const dir = tempDir();
    const env = { KUBECONFIG: writeKubeconfig(dir, { server, token: TOKEN }) };
    await assert.rejects(loadLiveArgs(['svc/web'], cliDeps(env)), (e: Failure) => {
      assert.equal(exitCodeOf(e), 3);
      assert.equal(e.message, `cannot reach ${server} (connection refused)`);
      assert.match(e.hint ?? '', /is the cluster up\? check --context/);
      return true;
    });
  });

  test('unknown host: exit 3', async () => {
    const dir = tempDir();
    const env = { KUBECONFIG: writeKubeconfig(dir, { server: 'https://no-such-host.invalid:6443', token: TOKEN }) };
    await assert.rejects(loadLiveArgs(['svc/web'], cliDeps(env)), (e: Failure) => exitCodeOf(e) === 3 && /host no-such-host\.invalid not found/.test(e.message));
  });

  test('TLS: an unknown authority and a name the certificate does not list', async () => {
    await withSetup(webScenario, async (s) => {
      const e = await s.runError(['svc/web']);
      assert.equal(exitCodeOf(e), 3);
      assert.match(e.message, /TLS: the certificate of https:\/\/127\.0\.0\.1:\d+ is signed by an unknown authority/);
      assert.match(e.hint ?? '', /certificate-authority .* of cluster "test-cluster"/);
    }, { ca: false });
    const m = await setup(webScenario, { tlsServerName: 'elsewhere.example' });
    try {
      const e = await m.runError(['svc/web']);
      assert.equal(exitCodeOf(e), 3);
      assert.match(e.message, /TLS: the certificate of .* is not valid for the name used/);
      assert.match(e.hint ?? '', /tls-server-name/);
    } finally {
      await m.api.close();
    }
  });

  test('--request-timeout bounds every request; a bad value is a usage error', async () => {
    await withSetup(webScenario, async (s) => {
      const t0 = Date.now();
      const e = await s.runError(['svc/web', '--request-timeout', '200ms']);
      assert.equal(exitCodeOf(e), 3);
      assert.match(e.message, /no answer within 0\.2s/);
      assert.ok(Date.now() - t0 < 1400, 'gave up at the timeout');
      assert.equal(s.api.requests[0]?.query.timeout, '1s', 'the server is told too, as client-go does');
      const bad = await s.runError(['svc/web', '--request-timeout', 'soon']);
      assert.equal(exitCodeOf(bad), 2);
      assert.match(bad.message, /invalid --request-timeout "soon"/);
    }, {}, 1500);
  });

  test('a server that is not a Kubernetes API server: exit 3', async () => {
    const s = await setup(webScenario);
    s.api.override(`${NS}/services/web`, { status: 200, body: '<html>sign in</html>', headers: { 'Content-Type': 'text/html' } });
    try {
      const e = await s.runError(['svc/web']);
      assert.equal(exitCodeOf(e), 3);
      assert.match(e.message, /get services "web" in namespace default: the answer is not a Kubernetes object/);
    } finally {
      await s.api.close();
    }
  });

  test('an unknown --context: exit 3', async () => {
    await withSetup(webScenario, async (s) => {
      const e = await s.runError(['svc/web', '--context', 'nope']);
      assert.equal(exitCodeOf(e), 3);
      assert.match(e.message, /context "nope" does not exist in kubeconfig/);
      assert.equal(s.api.requests.length, 0);
    });
  });
});
