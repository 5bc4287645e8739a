// Credentials on the wire: exec credential plugins (with KUBERNETES_EXEC_INFO), token files
// relative to the kubeconfig, impersonation headers, plain http servers.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitCodeOf } from '../../../src/cli/errors.ts';
import type { Failure } from '../../../src/core/failure.ts';
import { startFakeApi, standardCollections, type FakeApi } from './fake-apiserver.ts';
import { svc } from '../../core/builders.ts';
import { cliDeps, listItem, loadLiveArgs, tempDir, writeKubeconfig } from './helpers.ts';
import { clientCert } from './certs.ts';

const TOKEN = 'plugin-issued-token';

async function api(tls = true): Promise<FakeApi> {
  const a = await startFakeApi({ token: TOKEN, tls });
  a.serve(...standardCollections('default'), '/api/v1/nodes');
  a.put('/api/v1/namespaces/default/services', listItem(svc('web')));
  return a;
}

describe('credentials', () => {
  let a: FakeApi;
  before(async () => {
    a = await api();
  });
  after(() => a.close());

  test('an exec credential plugin (path relative to the kubeconfig) supplies the token and gets KUBERNETES_EXEC_INFO', async () => {
    const dir = tempDir();
    const infoFile = join(dir, 'exec-info.json');
    writeFileSync(join(dir, 'cred.sh'), `#!/bin/sh
printf '%s' "$KUBERNETES_EXEC_INFO" > '${infoFile}'
echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"${TOKEN}"}}'
`);
    chmodSync(join(dir, 'cred.sh'), 0o755);
    const user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './cred.sh', provideClusterInfo: true, interactiveMode: 'Never' } };
    const env = { KUBECONFIG: writeKubeconfig(dir, { server: a.url, user }) };
    a.requests.length = 0;
    const loaded = await loadLiveArgs(['svc/web'], cliDeps(env));
    assert.equal(loaded.snapshot.objects.Service.length, 1);
    assert.ok(a.requests.every((r) => r.authorization === 'ok'));
    const info = JSON.parse(readFileSync(infoFile, 'utf8'));
    assert.equal(info.kind, 'ExecCredential');
    assert.equal(info.spec.interactive, false);
    assert.equal(info.spec.cluster.server, a.url);
    assert.match(Buffer.from(info.spec.cluster['certificate-authority-data'], 'base64').toString(), /BEGIN CERTIFICATE/);
  });

  test('a failing exec plugin: exit 3, naming the plugin and what it said', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cred.sh'), '#!/bin/sh\necho "error: not logged in, run sso login" >&2\nexit 1\n');
    chmodSync(join(dir, 'cred.sh'), 0o755);
    const env = { KUBECONFIG: writeKubeconfig(dir, { server: a.url, user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: join(dir, 'cred.sh') } } }) };
    await assert.rejects(loadLiveArgs(['svc/web'], cliDeps(env)), (e: Failure) => {
      assert.equal(exitCodeOf(e), 3);
      assert.equal(e.message, `the exec credential plugin "${join(dir, 'cred.sh')}" of user "test-user" failed: error: not logged in, run sso login`);
      return true;
    });
  });

  test('token-file relative to the kubeconfig', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    const env = { KUBECONFIG: writeKubeconfig(dir, { server: a.url, user: { 'token-file': 'token' } }) };
    a.requests.length = 0;
    await loadLiveArgs(['svc/web'], cliDeps(env));
    assert.ok(a.requests.length > 0 && a.requests.every((r) => r.authorization === 'ok'));
  });

  test('impersonation: as, as-groups and as-uid become Impersonate-* headers', async () => {
    const dir = tempDir();
    const env = { KUBECONFIG: writeKubeconfig(dir, { server: a.url, user: { token: TOKEN, as: 'jane', 'as-groups': ['devs', 'ops'], 'as-uid': '42' } }) };
    a.requests.length = 0;
    await loadLiveArgs(['svc/web'], cliDeps(env));
    const h = a.requests[0]?.headers ?? {};
    assert.equal(h['impersonate-user'], 'jane');
    assert.equal(h['impersonate-group'], 'devs, ops');
    assert.equal(h['impersonate-uid'], '42');
  });
});

test('a client certificate and key, from files and from inline data', async () => {
  const a = await startFakeApi({ requestCert: true });
  a.serve(...standardCollections('default'), '/api/v1/nodes');
  a.put('/api/v1/namespaces/default/services', listItem(svc('web')));
  try {
    for (const user of [
      { 'client-certificate': clientCert().certFile, 'client-key': clientCert().keyFile },
      { 'client-certificate-data': Buffer.from(clientCert().cert).toString('base64'), 'client-key-data': Buffer.from(clientCert().key).toString('base64') },
    ]) {
      a.requests.length = 0;
      const env = { KUBECONFIG: writeKubeconfig(tempDir(), { server: a.url, user }) };
      await loadLiveArgs(['svc/web'], cliDeps(env));
      assert.ok(a.requests.length > 0 && a.requests.every((r) => r.clientCert === 'test-client'), Object.keys(user).join());
    }
  } finally {
    await a.close();
  }
});

test('an oidc auth-provider goes through client-node\'s KubeConfig: its unexpired id-token is the bearer token', async () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const idToken = `${b64({ alg: 'none' })}.${b64({ exp: 4102444800, sub: 'jane' })}.sig`;
  const a = await startFakeApi({ token: idToken });
  a.serve(...standardCollections('default'), '/api/v1/nodes');
  a.put('/api/v1/namespaces/default/services', listItem(svc('web')));
  try {
    const user = { 'auth-provider': { name: 'oidc', config: { 'id-token': idToken, 'client-id': 'kubectl', 'idp-issuer-url': 'https://issuer.invalid' } } };
    const env = { KUBECONFIG: writeKubeconfig(tempDir(), { server: a.url, user }) };
    const loaded = await loadLiveArgs(['svc/web'], cliDeps(env));
    assert.equal(loaded.snapshot.objects.Service.length, 1);
    assert.ok(a.requests.every((r) => r.authorization === 'ok'));
  } finally {
    await a.close();
  }
});

test('a plain http server (as kubectl proxy serves)', async () => {
  const a = await api(false);
  try {
    const dir = tempDir();
    const env = { KUBECONFIG: writeKubeconfig(dir, { server: a.url, token: TOKEN, ca: false }) };
    const loaded = await loadLiveArgs(['svc/web'], cliDeps(env));
    assert.equal(loaded.snapshot.objects.Service.length, 1);
  } finally {
    await a.close();
  }
});
