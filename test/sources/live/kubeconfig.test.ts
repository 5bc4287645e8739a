// Kubeconfig resolution as kubectl does it: which files, how they merge, what the flags
// override, which namespace, and the in-cluster fallback.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeconfigError, type KubeconfigFs } from '../../../src/sources/live/kubeconfig-files.ts';
import { resolveConnection, type KubeconfigDeps, type KubeconfigFlags } from '../../../src/sources/live/kubeconfig.ts';

interface Cfg {
  current?: string;
  clusters?: Record<string, Record<string, unknown>>;
  users?: Record<string, Record<string, unknown>>;
  contexts?: Record<string, Record<string, unknown>>;
}

/** A kubeconfig as YAML text (JSON is YAML). */
function kubeconfig(c: Cfg): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Config',
    ...(c.current !== undefined ? { 'current-context': c.current } : {}),
    clusters: Object.entries(c.clusters ?? {}).map(([name, cluster]) => ({ name, cluster })),
    users: Object.entries(c.users ?? {}).map(([name, user]) => ({ name, user })),
    contexts: Object.entries(c.contexts ?? {}).map(([name, context]) => ({ name, context })),
  });
}

function fakeFs(files: Record<string, string>): KubeconfigFs {
  return { readFile: (p) => files[p] ?? null };
}

function deps(files: Record<string, string>, env: Record<string, string> = {}, home: string | null = '/home/me'): KubeconfigDeps {
  return { env, home, fs: fakeFs(files), serviceAccountDir: '/sa' };
}

function resolve(files: Record<string, string>, env: Record<string, string> = {}, flags: KubeconfigFlags = {}) {
  return resolveConnection(flags, deps(files, env));
}

function fails(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof KubeconfigError, String(e));
    assert.match(e.message, pattern);
    assert.ok(e.hint.length > 0);
    return true;
  });
}

const A = kubeconfig({
  current: 'a',
  clusters: { shared: { server: 'https://a.example:6443' }, 'only-a': { server: 'https://only-a:6443' } },
  users: { alice: { token: 'x' } },
  contexts: { a: { cluster: 'shared', user: 'alice', namespace: 'team-a' }, both: { cluster: 'shared', user: 'alice' } },
});
const B = kubeconfig({
  current: 'b',
  clusters: { shared: { server: 'https://b.example:6443', 'insecure-skip-tls-verify': true }, 'only-b': { server: 'https://only-b:6443' } },
  users: { alice: { token: 'y' }, bob: { 'client-certificate': 'bob.crt', 'client-key': '/abs/bob.key' } },
  contexts: { b: { cluster: 'only-b', user: 'bob' }, both: { cluster: 'only-b', user: 'bob', namespace: 'from-b' } },
});

describe('kubeconfig files', () => {
  test('KUBECONFIG is a path list merged first-wins: whole entries, and the first non-empty current-context', () => {
    const files = { '/k/a': A, '/k/b': B };
    const c = resolve(files, { KUBECONFIG: '/k/a:/k/b' });
    assert.equal(c.context, 'a');
    assert.deepEqual(c.cluster, { server: 'https://a.example:6443' }, 'cluster "shared" entirely from the first file');
    assert.deepEqual(c.files, ['/k/a', '/k/b']);
    const both = resolve(files, { KUBECONFIG: '/k/a:/k/b' }, { context: 'both' });
    assert.equal(both.clusterName, 'shared', 'context "both" from the first file');
    assert.equal(both.namespace, 'default', 'nothing of the second file\'s "both" (namespace from-b) is used');
    const reversed = resolve(files, { KUBECONFIG: '/k/b:/k/a' });
    assert.equal(reversed.context, 'b');
    assert.equal(reversed.cluster.server, 'https://only-b:6443');
    const bob = resolve(files, { KUBECONFIG: '/k/a:/k/b' }, { context: 'b' });
    assert.equal(bob.userName, 'bob', 'a context from the second file works');
  });

  test('a file without current-context lets a later file set it', () => {
    const noCurrent = kubeconfig({ clusters: { c: { server: 'https://c:1' } }, contexts: { c: { cluster: 'c' } } });
    const c = resolve({ '/k/x': noCurrent, '/k/b': B }, { KUBECONFIG: '/k/x:/k/b' });
    assert.equal(c.context, 'b');
  });

  test('missing files in KUBECONFIG are skipped; empty entries and duplicates too', () => {
    const c = resolve({ '/k/b': B }, { KUBECONFIG: '/k/missing::/k/b:/k/b' });
    assert.equal(c.context, 'b');
    assert.deepEqual(c.files, ['/k/b']);
  });

  test('--kubeconfig replaces KUBECONFIG, and must exist', () => {
    const c = resolve({ '/k/a': A, '/k/b': B }, { KUBECONFIG: '/k/a' }, { kubeconfig: '/k/b' });
    assert.equal(c.context, 'b');
    assert.deepEqual(c.files, ['/k/b']);
    fails(() => resolve({ '/k/a': A }, {}, { kubeconfig: '/k/nope' }), /kubeconfig "\/k\/nope" does not exist/);
  });

  test('without KUBECONFIG: ~/.kube/config', () => {
    const c = resolve({ '/home/me/.kube/config': A });
    assert.equal(c.context, 'a');
    fails(() => resolve({}), /no kubeconfig found \(looked for \/home\/me\/\.kube\/config\) and not running inside a cluster/);
  });

  test('relative paths resolve against the file\'s directory; a bare exec command stays on PATH', () => {
    const rel = kubeconfig({
      current: 'r',
      clusters: { r: { server: 'https://r:1', 'certificate-authority': 'pki/ca.crt' } },
      users: {
        r: { 'client-certificate': 'pki/me.crt', 'client-key': '../keys/me.key', 'token-file': 'tok', exec: { command: './bin/cred', apiVersion: 'client.authentication.k8s.io/v1' } },
        s: { exec: { command: 'aws', args: ['eks'] } },
      },
      contexts: { r: { cluster: 'r', user: 'r' }, s: { cluster: 'r', user: 's' } },
    });
    const c = resolve({ '/etc/kube/config': rel }, { KUBECONFIG: '/etc/kube/config' });
    assert.equal(c.cluster['certificate-authority'], '/etc/kube/pki/ca.crt');
    assert.equal(c.user['client-certificate'], '/etc/kube/pki/me.crt');
    assert.equal(c.user['client-key'], '/etc/keys/me.key');
    assert.equal(c.user['token-file'], '/etc/kube/tok');
    assert.equal((c.user.exec as { command: string }).command, '/etc/kube/bin/cred');
    const s = resolve({ '/etc/kube/config': rel }, { KUBECONFIG: '/etc/kube/config' }, { context: 's' });
    assert.equal((s.user.exec as { command: string }).command, 'aws');
  });

  test('within one file a repeated name: the last entry wins (as Go\'s list-to-map does)', () => {
    const text = JSON.stringify({
      'current-context': 'c',
      clusters: [{ name: 'c', cluster: { server: 'https://first:1' } }, { name: 'c', cluster: { server: 'https://second:1' } }],
      contexts: [{ name: 'c', context: { cluster: 'c' } }],
    });
    assert.equal(resolve({ '/k': text }, { KUBECONFIG: '/k' }).cluster.server, 'https://second:1');
  });

  test('a malformed file is an error naming it', () => {
    fails(() => resolve({ '/k': 'clusters: [oops' }, { KUBECONFIG: '/k' }), /error loading config file "\/k"/);
  });
});

describe('--context, --cluster, --user and the namespace', () => {
  const files = { '/k/a': A, '/k/b': B };
  const env = { KUBECONFIG: '/k/a:/k/b' };

  test('--context picks another context; an unknown one is an error', () => {
    assert.equal(resolve(files, env, { context: 'b' }).cluster.server, 'https://only-b:6443');
    fails(() => resolve(files, env, { context: 'nope' }), /context "nope" does not exist in kubeconfig files \/k\/a, \/k\/b/);
  });

  test('--cluster and --user override the context\'s; unknown names are errors', () => {
    const c = resolve(files, env, { cluster: 'only-a', user: 'bob' });
    assert.equal(c.context, 'a');
    assert.equal(c.clusterName, 'only-a');
    assert.equal(c.cluster.server, 'https://only-a:6443');
    assert.equal(c.userName, 'bob');
    assert.equal(c.namespace, 'team-a', 'the context still gives the namespace');
    fails(() => resolve(files, env, { cluster: 'nope' }), /cluster "nope" does not exist/);
    fails(() => resolve(files, env, { user: 'nope' }), /user "nope" does not exist/);
  });

  test('namespace: -n, else the context\'s, else "default"', () => {
    assert.equal(resolve(files, env).namespace, 'team-a');
    assert.equal(resolve(files, env, { namespace: 'x' }).namespace, 'x');
    assert.equal(resolve(files, env, { context: 'b' }).namespace, 'default');
  });

  test('a current-context that does not exist, or a context whose cluster does not, is an error', () => {
    const dangling = kubeconfig({ current: 'gone', contexts: { c: { cluster: 'missing' } } });
    fails(() => resolve({ '/k': dangling }, { KUBECONFIG: '/k' }), /current-context "gone" does not exist/);
    fails(() => resolve({ '/k': dangling }, { KUBECONFIG: '/k' }, { context: 'c' }), /cluster "missing" \(named by context "c"\) does not exist/);
    const serverless = kubeconfig({ current: 'c', clusters: { c: {} }, contexts: { c: { cluster: 'c' } } });
    fails(() => resolve({ '/k': serverless }, { KUBECONFIG: '/k' }), /cluster "c" in kubeconfig \/k has no server/);
  });

  test('a user the context names but the file lacks is anonymous, as in kubectl', () => {
    const c = resolve({ '/k': kubeconfig({ current: 'c', clusters: { c: { server: 'https://c:1' } }, contexts: { c: { cluster: 'c', user: 'ghost' } } }) }, { KUBECONFIG: '/k' });
    assert.deepEqual(c.user, {});
  });
});

test('a context\'s namespace kubectl refuses, or no namespace can have: bad input naming the context; -n wins', () => {
  const cfg = (namespace: string) => ({ '/home/me/.kube/config': kubeconfig({ current: 'a', clusters: { c: { server: 'https://a.example' } }, users: { u: { token: 'x' } }, contexts: { a: { cluster: 'c', user: 'u', namespace } } }) });
  assert.throws(() => resolve(cfg('..')), (e) => e instanceof KubeconfigError && e.badInput && /invalid namespace "\.\." \(the namespace of context "a"\)/.test(e.message));
  assert.throws(() => resolve(cfg('Team_A')), (e) => e instanceof KubeconfigError && e.badInput && /namespace "Team_A" \(the namespace of context "a"\)/.test(e.message));
  assert.equal(resolve(cfg('Team_A'), {}, { namespace: 'team-a' }).namespace, 'team-a');
});

describe('in-cluster', () => {
  const sa = { '/sa/token': 'tok', '/sa/namespace': 'payments\n', '/sa/ca.crt': 'CA' };
  const podEnv = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };

  test('no kubeconfig, service host and port set, token mounted: the service account', () => {
    const c = resolve(sa, podEnv);
    assert.equal(c.source, 'in-cluster');
    assert.equal(c.cluster.server, 'https://10.96.0.1:443');
    assert.equal(c.cluster['certificate-authority'], '/sa/ca.crt');
    assert.equal(c.user['token-file'], '/sa/token');
    assert.equal(c.namespace, 'payments', 'the service account\'s namespace file');
    assert.equal(resolve(sa, { ...podEnv, POD_NAMESPACE: 'from-env' }).namespace, 'from-env', 'POD_NAMESPACE first');
    assert.equal(resolve(sa, podEnv, { namespace: 'x' }).namespace, 'x', '-n wins');
  });

  test('a namespace from POD_NAMESPACE or the namespace file that kubectl refuses, or no namespace can have: bad input, naming where it came from', () => {
    const bad = (e: unknown) => e instanceof KubeconfigError && e.badInput;
    assert.throws(() => resolve(sa, { ...podEnv, POD_NAMESPACE: 'a/b' }), (e) => bad(e) && /invalid namespace "a\/b" \(POD_NAMESPACE\)/.test((e as Error).message));
    assert.throws(() => resolve({ ...sa, '/sa/namespace': 'Pay_Ments\n' }, podEnv), (e) => bad(e) && /namespace "Pay_Ments" \(the service account's namespace file\) is not a valid/.test((e as Error).message));
    assert.equal(resolve({ ...sa, '/sa/namespace': 'Pay_Ments\n' }, podEnv, { namespace: 'x' }).namespace, 'x', '-n wins: the file is not read');
  });

  test('an IPv6 service host is bracketed', () => {
    assert.equal(resolve(sa, { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' }).cluster.server, 'https://[fd00::1]:443');
  });

  test('no token mounted, or no service host: not in a cluster', () => {
    fails(() => resolve({}, podEnv), /no kubeconfig found/);
    fails(() => resolve(sa, { KUBERNETES_SERVICE_HOST: '10.96.0.1' }), /no kubeconfig found/);
  });

  test('a kubeconfig that configures a cluster wins; its context without a namespace takes the pod\'s (client-go)', () => {
    const c = resolve({ ...sa, '/home/me/.kube/config': B }, podEnv);
    assert.equal(c.source, 'kubeconfig');
    assert.equal(c.namespace, 'payments');
    assert.equal(resolve({ ...sa, '/home/me/.kube/config': A }, podEnv).namespace, 'team-a');
  });
});
