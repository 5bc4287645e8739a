// What the live source takes from the command line.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../../src/cli/errors.ts';
import { flagsOf, parseRequestTimeout, targetOf } from '../../../src/sources/live/invocation.ts';
import { invocation } from './helpers.ts';

describe('parseRequestTimeout (clientcmd ParseTimeout)', () => {
  const ok: [string | undefined, number][] = [[undefined, 0], ['0', 0], ['30', 30_000], ['10s', 10_000], ['1m30s', 90_000], ['500ms', 500], ['1.5h', 5_400_000]];
  for (const [text, ms] of ok) test(`${text} -> ${ms} ms`, () => assert.equal(parseRequestTimeout(text), ms));
  for (const text of ['soon', '-1', '-5s', '10x', '1 s']) {
    test(`${text} is a usage error`, () => assert.throws(() => parseRequestTimeout(text), (e: unknown) => e instanceof UserError && e.exitCode === 2));
  }
});

describe('targetOf and flagsOf', () => {
  test('TYPE/NAME and TYPE NAME in the default namespace', () => {
    assert.deepEqual(targetOf(invocation(['svc/web']), 'ns1'), { kind: 'Service', name: 'web', namespace: 'ns1' });
    assert.deepEqual(targetOf(invocation(['deployment.apps', 'web']), 'ns1'), { kind: 'Deployment', name: 'web', namespace: 'ns1' });
    assert.deepEqual(targetOf(invocation(['web-0']), 'ns1'), { kind: 'Pod', name: 'web-0', namespace: 'ns1' });
  });

  test('pasted commands: the resource after the verb, their own -n, --context and --request-timeout', () => {
    const inv = invocation(['--context', 'outer', 'exec', '-n', 'shop', '--context', 'inner', '--request-timeout=5s', 'deploy/web', '--', 'sh']);
    assert.deepEqual(targetOf(inv, 'default'), { kind: 'Deployment', name: 'web', namespace: 'shop' });
    assert.deepEqual(flagsOf(inv), { context: 'inner', requestTimeout: '5s' });
    assert.deepEqual(targetOf(invocation(['attach', 'pod', 'web-0']), 'd'), { kind: 'Pod', name: 'web-0', namespace: 'd' });
    assert.deepEqual(targetOf(invocation(['port-forward', 'svc/db', '5432']), 'd'), { kind: 'Service', name: 'db', namespace: 'd' });
  });

  test('nothing to read: check, logs -l, an unknown type', () => {
    assert.equal(targetOf(invocation(['check']), 'd'), null);
    assert.equal(targetOf(invocation(['logs', '-l', 'app=web']), 'd'), null);
    assert.equal(targetOf(invocation(['secret/x']), 'd'), null);
  });

  test('global connection flags', () => {
    assert.deepEqual(flagsOf(invocation(['svc/x', '--kubeconfig', '/k', '--cluster', 'c', '--user', 'u', '-n', 'n'])), { kubeconfig: '/k', cluster: 'c', user: 'u', namespace: 'n' });
  });
});
