// The request the command line builds once: what the live source is asked (connection
// flags, a pasted command's own winning as they would for kubectl; the target to read), the
// target and the commands to predict, and the request timeout.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exitCodeOf } from '../../src/cli/errors.ts';
import { buildRequest, parseRequestTimeout, type Request } from '../../src/cli/request.ts';
import { Failure } from '../../src/core/failure.ts';
import type { LiveRequest } from '../../src/sources/live/request.ts';
import { invocation } from '../sources/live/helpers.ts';

const request = (argv: string[]): Request => buildRequest(invocation(argv));
const live = (argv: string[]): LiveRequest => {
  const r = request(argv);
  assert.equal(r.source.from, 'live');
  return (r.source as { live: LiveRequest }).live;
};

describe('parseRequestTimeout (clientcmd ParseTimeout)', () => {
  const ok: [string | undefined, number][] = [[undefined, 0], ['0', 0], ['30', 30_000], ['10s', 10_000], ['1m30s', 90_000], ['500ms', 500], ['1.5h', 5_400_000]];
  for (const [text, ms] of ok) test(`${text} -> ${ms} ms`, () => assert.equal(parseRequestTimeout(text), ms));
  for (const text of ['soon', '-1', '-5s', '10x', '1 s']) {
    test(`${text} is a usage error`, () => assert.throws(() => parseRequestTimeout(text), (e: unknown) => e instanceof Failure && exitCodeOf(e) === 2));
  }
});

describe('what the live source is asked', () => {
  test('TYPE/NAME, TYPE NAME and a bare pod NAME, in the connection\'s namespace', () => {
    assert.deepEqual(live(['svc/web']).reads, { target: { kind: 'Service', name: 'web', namespace: null } });
    assert.deepEqual(live(['deployment.apps', 'web']).reads, { target: { kind: 'Deployment', name: 'web', namespace: null } });
    assert.deepEqual(live(['web-0']).reads, { target: { kind: 'Pod', name: 'web-0', namespace: null } });
  });

  test('a watch reads every Node (later pods may run on any)', () => {
    assert.deepEqual(live(['svc/web', '--watch']).reads, { target: { kind: 'Service', name: 'web', namespace: null, everyNode: true } });
  });

  test('pasted commands: the resource after the verb, their own -n, --context and --request-timeout', () => {
    const l = live(['--context', 'outer', 'exec', '-n', 'shop', '--context', 'inner', '--request-timeout=5s', 'deploy/web', '--', 'sh']);
    assert.deepEqual(l.reads, { target: { kind: 'Deployment', name: 'web', namespace: 'shop' } });
    assert.deepEqual(l.connection, { context: 'inner', requestTimeoutMs: 5000 });
    assert.deepEqual(live(['attach', 'pod', 'web-0']).reads, { target: { kind: 'Pod', name: 'web-0', namespace: null } });
    assert.deepEqual(live(['port-forward', 'svc/db', '5432']).reads, { target: { kind: 'Service', name: 'db', namespace: null } });
  });

  test('check reads namespaces; logs -l and an unknown type read nothing (the command line says why)', () => {
    assert.deepEqual(live(['check']).reads, { check: { allNamespaces: false, namespaces: [] } });
    assert.deepEqual(live(['check', '-A']).reads, { check: { allNamespaces: true, namespaces: [] } });
    assert.deepEqual(live(['logs', '-l', 'app=web']).reads, { nothing: true });
    assert.deepEqual(live(['secret/x']).reads, { nothing: true });
  });

  test('global connection flags', () => {
    assert.deepEqual(live(['svc/x', '--kubeconfig', '/k', '--cluster', 'c', '--user', 'u', '-n', 'n']).connection, { kubeconfig: '/k', cluster: 'c', user: 'u', namespace: 'n', requestTimeoutMs: 0 });
  });
});

describe('the target and the commands to predict, computed once', () => {
  test('defaults name the type as typed; kinds kubectl does not take get none', () => {
    const t = request(['svc/web']).target;
    assert.ok(t && !(t instanceof Failure));
    assert.deepEqual(t.commands.map((c) => c.commandLine), ['kubectl logs svc/web', 'kubectl exec svc/web']);
    const p = request(['pdb/web']).target;
    assert.ok(p && !(p instanceof Failure));
    assert.deepEqual(p.commands, []);
  });

  test('a pasted command is the one predicted, parsed as kubectl parses it', () => {
    const t = request(['logs', 'deploy/web', 'nginx', '--tail=5']).target;
    assert.ok(t && !(t instanceof Failure));
    assert.deepEqual(t.commands, [{ command: 'logs', commandLine: 'kubectl logs deploy/web nginx --tail=5', allPods: false, allContainers: false, container: 'nginx' }]);
  });

  test('an invalid target or pasted command is kept as a bad-input Failure, reported after the source is read', () => {
    for (const argv of [['secret/x'], ['logs', '-l', 'app=web'], ['logs', '--bogus', 'deploy/web'], ['exec', '--filename', 'svc/a/b'], ['logs']]) {
      const t = request(argv).target;
      assert.ok(t instanceof Failure, argv.join(' '));
      assert.equal(t.kind, 'bad-input');
    }
  });
});
