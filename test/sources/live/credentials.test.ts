// Credential problems are one line and exit 3 (a flag naming what does not exist: exit 2),
// never an OpenSSL trace or exit 4, never a silent request without credentials; an exec
// plugin that never answers is bounded by --request-timeout.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../golden/harness.ts';
import { clientCert } from './certs.ts';
import { tempDir } from './helpers.ts';
import { TOKEN, webScenario, withSetup } from './scenario.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0] as string, /^whoselects: /);
  return lines[0] as string;
}

async function withUser(user: Record<string, unknown>, args: string[], check: (out: { code: number; stdout: string; stderr: string }, requests: number) => void): Promise<void> {
  await withSetup(webScenario, async (s) => {
    const out = await runCli(args, s.env);
    check(out, s.api.requests.length);
  }, { user });
}

describe('credentials', () => {
  test('a numeric token is refused, not silently dropped', async () => {
    await withUser({ token: 12345 }, ['svc/web'], (out, requests) => {
      assert.equal(out.code, 3);
      assert.match(oneLine(out.stderr), /token of the user is a number, not a string — quote it/);
      assert.equal(requests, 0, 'nothing is sent without the credentials');
    });
  });

  test('a token with a line break: one line, exit 3, the token never printed', async () => {
    await withUser({ token: `${TOKEN}\r\nX-Injected: 1` }, ['check'], (out) => {
      assert.equal(out.code, 3);
      assert.match(oneLine(out.stderr), /holds a line break or another character an HTTP header cannot carry/);
      assert.ok(!out.stderr.includes(TOKEN));
    });
  });

  test('tokenFile: read when present, a clear error when missing', async () => {
    const dir = tempDir();
    const file = join(dir, 'token');
    writeFileSync(file, `${TOKEN}\n`);
    await withUser({ tokenFile: file }, ['svc/web', '-o', 'json'], (out) => {
      assert.equal(out.code <= 1, true, out.stderr);
      assert.match(out.stdout, /"kind": "WhoSelectsReport"/);
    });
    await withUser({ tokenFile: join(dir, 'missing') }, ['svc/web'], (out, requests) => {
      assert.equal(out.code, 3);
      assert.match(oneLine(out.stderr), /the tokenFile .*missing does not exist/);
      assert.equal(requests, 0);
    });
  });

  test('a client key that is not PEM, and a key of another certificate: one line each, exit 3', async () => {
    const c = clientCert();
    await withUser({ 'client-certificate-data': b64(c.cert), 'client-key-data': b64('not a key at all') }, ['svc/web'], (out) => {
      assert.equal(out.code, 3, out.stderr);
      assert.match(oneLine(out.stderr), /TLS material of user "test-user" or its cluster cannot be used: a certificate or key is not valid PEM/);
    });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await withUser({ 'client-certificate-data': b64(c.cert), 'client-key-data': b64(other) }, ['check'], (out) => {
      assert.equal(out.code, 3, out.stderr);
      assert.match(oneLine(out.stderr), /the client certificate and the client key do not belong together/);
    });
  });

  test('an oidc auth provider without a usable token says so instead of sending nothing', async () => {
    await withUser({ 'auth-provider': { name: 'oidc', config: { 'client-id': 'x', 'idp-issuer-url': 'https://127.0.0.1:1' } } }, ['svc/web'], (out, requests) => {
      assert.equal(out.code, 3, out.stderr);
      assert.match(oneLine(out.stderr), /the oidc auth provider of user "test-user"/);
      assert.equal(requests, 0);
    });
  });

  test('an exec plugin that never exits is stopped at --request-timeout', { timeout: 30_000 }, async () => {
    const exec = { apiVersion: 'client.authentication.k8s.io/v1', command: '/bin/sh', args: ['-c', 'sleep 600'] };
    await withUser({ exec }, ['svc/web', '--request-timeout', '1s'], (out) => {
      assert.equal(out.code, 3, out.stderr);
      assert.match(oneLine(out.stderr), /exec credential plugin "\/bin\/sh" of user "test-user" failed: no answer within 1s/);
    });
  });

  test('a --kubeconfig file that does not exist is bad input (exit 2); an unknown --context stays exit 3', async () => {
    await withSetup(webScenario, async (s) => {
      for (const [args, code] of [[['--kubeconfig', '/nonexistent/config'], 2], [['--context', 'nope'], 3], [['--user', 'nobody'], 3]] as const) {
        const out = await runCli(['svc/web', ...args], s.env);
        assert.equal(out.code, code, `${args.join(' ')}: ${out.stderr}`);
        oneLine(out.stderr);
      }
    });
  });
});
