// Read-only and least privilege, proven on the real control plane through its audit log
// (test/cluster/audit.ts):
//   1. A representative set of runs (single targets, a pod in reverse, check -A, a pasted
//      `logs`, a watch, shell completion) as admin: every request the tool made (User-Agent
//      kubectl-whoselects) was a get, list or watch; none touched a Secret; single targets
//      listed pods with a server-side labelSelector. A forbidden request sent with the tool's
//      User-Agent is caught by the same check, so the check can fail.
//   2. deploy/rbac.yaml bound as the README says, to ServiceAccounts whose tokens the test
//      mints: the ClusterRole gives the admin's answers; the namespaced Role gives partial
//      answers that name what could not be read, and `check` refuses to pass them.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { podLists, queryOf, readAudit, readOnlyViolations, requestsOf, waitForAudit, type AuditEvent } from '../cluster/audit.ts';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import { clusterSkip, runProgram, startProgram, waitForReadyEndpoints, webApp } from './kit.ts';

const skip = clusterSkip();
const TOOL = 'kubectl-whoselects';
const RBAC = fileURLToPath(new URL('../../deploy/rbac.yaml', import.meta.url));

interface Gap { kind: string; namespace?: string; reason: string; message: string }
interface Json { source: { gaps: Gap[]; context: string | null; cluster: string | null }; generatedAt?: string; findings: { id: string; message?: string }[] }

/** The report without what differs between two users' runs of the same question. */
function comparable(stdout: string): unknown {
  const r = JSON.parse(stdout) as Json;
  delete r.generatedAt;
  r.source.context = null;
  r.source.cluster = null;
  return r;
}

describe('read-only and least privilege against a real control plane', { skip }, () => {
  let cluster: Cluster;
  let pod = '';
  before(async () => {
    cluster = await startCluster();
    await cluster.apply(webApp());
    await cluster.apply('apiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n');
    await cluster.apply(webApp({ name: 'api', replicas: 1 }), { namespace: 'other' });
    await waitForReadyEndpoints(cluster, 'web', 2);
    pod = (await cluster.get<{ items: { metadata: { name: string } }[] }>('pods', '-l', 'app=web')).items[0]?.metadata.name ?? '';
    assert.ok(pod);
  });
  after(async () => {
    await cluster?.stop();
  });

  /** Runs the tool and returns its result with the requests it made (by User-Agent, within the run). */
  const audited = async (env: Record<string, string>, args: string[]) => {
    const since = Date.now() - 5;
    const r = await runProgram(env, args);
    const until = Date.now() + 5;
    const reqs = await waitForAudit(cluster.auditLog, { userAgent: TOOL, since, until }, (e) => e.length > 0);
    return { ...r, reqs };
  };

  const assertReadOnly = (what: string, reqs: AuditEvent[]) => {
    assert.ok(reqs.length > 0, `${what}: the audit log shows the tool's requests`);
    assert.deepEqual(readOnlyViolations(reqs), [], `${what}: only get, list and watch, never a Secret`);
  };

  const assertPodsBySelector = (what: string, reqs: AuditEvent[]) => {
    const lists = podLists(reqs);
    assert.ok(lists.length > 0, `${what}: pods were listed`);
    for (const l of lists) assert.ok(queryOf(l).get('labelSelector'), `${what}: pods listed without a server-side labelSelector: ${l.requestURI}`);
  };

  describe('as admin, a representative set of runs', () => {
    for (const target of [['svc/web'], ['deploy', 'web'], ['-n', 'other', 'svc/api']]) {
      test(`${target.join(' ')}: get/list only, pods by labelSelector`, async () => {
        const r = await audited(cluster.env, [...target, '-o', 'json', '--fail-on', 'never']);
        assert.equal(r.code, 0, r.stderr);
        assertReadOnly(target.join(' '), r.reqs);
        assertPodsBySelector(target.join(' '), r.reqs);
        const sel = podLists(r.reqs).map((l) => queryOf(l).get('labelSelector'));
        assert.ok(sel.includes(target.includes('other') ? 'app=api' : 'app=web'), `the target's own selector: ${sel.join(', ')}`);
      });
    }

    test('pod/NAME in reverse: read-only, pods by the selecting Services\' selectors', async () => {
      const r = await audited(cluster.env, [`pod/${pod}`, '-o', 'json', '--fail-on', 'never']);
      assert.equal(r.code, 0, r.stderr);
      assertReadOnly('pod', r.reqs);
      assertPodsBySelector('pod', r.reqs);
      assert.ok(r.reqs.some((e) => e.verb === 'get' && e.objectRef?.resource === 'pods' && e.objectRef.name === pod));
    });

    test('a pasted `kubectl logs deploy/web`: read-only, pods by labelSelector', async () => {
      const r = await audited(cluster.env, ['-o', 'json', 'logs', 'deploy/web']);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      assertReadOnly('logs', r.reqs);
      assertPodsBySelector('logs', r.reqs);
    });

    test('check -A: lists only, across every namespace', async () => {
      const r = await audited(cluster.env, ['check', '-A', '-o', 'json', '--fail-on', 'never']);
      assert.equal(r.code, 0, r.stderr);
      assertReadOnly('check -A', r.reqs);
      assert.ok(r.reqs.some((e) => e.verb === 'list' && e.objectRef?.resource === 'pods' && !e.objectRef.namespace), 'pods of every namespace');
    });

    test('a watch (-w), interrupted: list then watch, pods by labelSelector', async () => {
      const since = Date.now() - 5;
      const p = startProgram({ ...cluster.env, NO_COLOR: '1' }, ['svc/web', '-w', '-o', 'json']);
      await Promise.race([p.connected, p.exited]);
      await new Promise((r) => setTimeout(r, 1_000));
      p.interrupt();
      const code = await p.exited;
      assert.ok(code === 0 || code === 1 || code === 130, `exit ${code}: ${p.err}`);
      const reqs = await waitForAudit(cluster.auditLog, { userAgent: TOOL, since }, (e) => e.some((x) => x.verb === 'watch'));
      assertReadOnly('watch', reqs);
      assert.ok(reqs.some((e) => e.verb === 'watch'), 'the watch itself is in the log');
      assertPodsBySelector('watch', reqs);
    });

    test('shell completion (__complete): one list', async () => {
      const r = await audited(cluster.env, ['__complete', 'svc', '']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^web$/m);
      assertReadOnly('completion', r.reqs);
    });

    test('the check can fail: a create and a Secret read sent with the tool\'s User-Agent are caught', async () => {
      const since = Date.now() - 5;
      const ca = readFileSync(cluster.pki.caCert);
      const send = (method: string, path: string, body?: string) => new Promise<number>((resolve, reject) => {
        const req = request(`${cluster.server}${path}`, { method, ca, headers: { Authorization: `Bearer ${cluster.pki.token}`, 'User-Agent': TOOL, 'Content-Type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      });
      await send('GET', '/api/v1/namespaces/default/secrets');
      await send('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'audit-canary' } }));
      const reqs = await waitForAudit(cluster.auditLog, { userAgent: TOOL, since }, (e) => e.length >= 2);
      const bad = readOnlyViolations(reqs);
      assert.ok(bad.some((l) => l.startsWith('list of a Secret')), bad.join('\n'));
      assert.ok(bad.some((l) => l.startsWith('create ')), bad.join('\n'));
      await cluster.kubectl(['delete', 'configmap', 'audit-canary']);
    });
  });

  describe('deploy/rbac.yaml bound to ServiceAccounts', () => {
    const kubeconfigs: Record<string, string> = {};
    const asUser = (name: string) => ({ ...cluster.env, KUBECONFIG: kubeconfigs[name] as string });
    before(async () => {
      // As README's "Permissions" section says: the ClusterRole cluster-wide, or the Role in one namespace.
      for (const args of [
        ['apply', '-f', RBAC],
        ['apply', '-n', 'default', '-f', RBAC],
        ['create', 'serviceaccount', 'wide', '-n', 'default'],
        ['create', 'serviceaccount', 'narrow', '-n', 'default'],
        ['create', 'clusterrolebinding', 'whoselects-wide', '--clusterrole=whoselects-reader', '--serviceaccount=default:wide'],
        ['create', 'rolebinding', 'whoselects-narrow', '-n', 'default', '--role=whoselects-reader', '--serviceaccount=default:narrow'],
      ]) {
        const r = await cluster.kubectl(args);
        assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
      }
      for (const sa of ['wide', 'narrow']) {
        const t = await cluster.kubectl(['create', 'token', sa, '-n', 'default', '--duration=1h']);
        assert.equal(t.code, 0, t.stderr);
        const file = join(cluster.dir, `kubeconfig-${sa}`);
        writeFileSync(file, JSON.stringify({
          apiVersion: 'v1', kind: 'Config', 'current-context': sa,
          clusters: [{ name: 'e2e', cluster: { server: cluster.server, 'certificate-authority': cluster.pki.caCert } }],
          users: [{ name: sa, user: { token: t.stdout.trim() } }],
          contexts: [{ name: sa, context: { cluster: 'e2e', user: sa, namespace: 'default' } }],
        }), { mode: 0o600 });
        kubeconfigs[sa] = file;
      }
    });

    test('the ClusterRole: the same answers as the admin, no gaps, read-only', async () => {
      for (const args of [['svc/web', '-o', 'json'], ['-n', 'other', 'deploy/api', '-o', 'json'], [`pod/${pod}`, '-o', 'json'], ['check', '-A', '-o', 'json']]) {
        const admin = await runProgram(cluster.env, args);
        const wide = await audited(asUser('wide'), args);
        assert.equal(wide.code, admin.code, `${args.join(' ')}: ${wide.stderr}`);
        assert.deepEqual((JSON.parse(wide.stdout) as Json).source.gaps, [], args.join(' '));
        assert.deepEqual(comparable(wide.stdout), comparable(admin.stdout), args.join(' '));
        assertReadOnly(args.join(' '), wide.reqs);
        assert.ok(wide.reqs.every((e) => e.user?.username === 'system:serviceaccount:default:wide'));
        assert.ok(wide.reqs.every((e) => (e.responseStatus?.code ?? 0) < 400), `no request refused: ${wide.reqs.filter((e) => (e.responseStatus?.code ?? 0) >= 400).map((e) => e.requestURI).join(', ')}`);
      }
    });

    test('the Role, its own namespace: a partial answer naming Nodes, exactly what the 403s refused', async (t) => {
      const r = await audited(asUser('narrow'), ['svc/web', '-o', 'json']);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      const gaps = (JSON.parse(r.stdout) as Json).source.gaps;
      const refused = r.reqs.filter((e) => e.responseStatus?.code === 403);
      assert.ok(refused.length > 0);
      assert.deepEqual(refused.map((e) => e.objectRef?.resource).sort(), ['nodes'], 'only Nodes are refused to the Role');
      assert.deepEqual(gaps.map((g) => [g.kind, g.reason]), [['Node', 'forbidden']], 'every refused read is a gap, and nothing else');
      assert.match(gaps[0]?.message ?? '', /nodes/);
      // Everything else is the admin's answer.
      const admin = JSON.parse((await runProgram(cluster.env, ['svc/web', '-o', 'json'])).stdout) as Json & { selection: unknown; routing: unknown };
      const narrow = JSON.parse(r.stdout) as Json & { selection: { ref: unknown; owners: unknown }[]; routing: { actual: unknown }[] };
      const adminSel = (admin.selection as { ref: unknown; owners: unknown }[]).map((v) => [v.ref, v.owners]);
      assert.deepEqual(narrow.selection.map((v) => [v.ref, v.owners]), adminSel);
      assert.deepEqual(narrow.routing.map((x) => x.actual), (admin.routing as { actual: unknown }[]).map((x) => x.actual));
      // The text answer says it too.
      const text = await runProgram(asUser('narrow'), ['svc/web']);
      t.diagnostic(text.stdout.split('\n').filter((l) => /Partial/.test(l)).join(' | '));
      assert.match(text.stdout, /Partial: could not (read|list) .*[Nn]odes?/);
    });

    test('the Role: check exits 3 naming what it could not read; --allow-partial passes by --fail-on', async (t) => {
      const r = await audited(asUser('narrow'), ['check', '-n', 'default', '-o', 'json']);
      t.diagnostic(`check -n default: ${r.stderr}`);
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /nodes/i);
      assertReadOnly('check -n default (Role)', r.reqs);
      const ok = await runProgram(asUser('narrow'), ['check', '-n', 'default', '--allow-partial', '--fail-on', 'never']);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /[Nn]odes?/, 'the passed scan still says what it missed');
    });

    test('the Role: another namespace and check -A are refused with one line and exit 3, never a crash', async (t) => {
      const other = await audited(asUser('narrow'), ['-n', 'other', 'svc/api']);
      assert.equal(other.code, 3, other.stderr);
      assert.equal(other.stderr.trim().split('\n').length, 1, other.stderr);
      assert.match(other.stderr, /forbidden: .*services "api" in namespace other/);
      const all = await audited(asUser('narrow'), ['check', '-A', '-o', 'json']);
      t.diagnostic(`-n other svc/api: ${other.stderr}check -A: ${all.stderr}`);
      assert.equal(all.code, 3, all.stderr);
      assert.doesNotMatch(all.stderr, /internal error|at .*\.ts:\d+/);
      assert.match(all.stderr + all.stdout, /every namespace|all namespaces|cluster scope|forbidden/i);
      // Every kind refused is named, not only the first to be answered.
      assert.equal(all.stderr.trim().split('\n').length, 1, all.stderr);
      for (const r of ['pods', 'services', 'endpointslices', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'replicationcontrollers', 'networkpolicies', 'poddisruptionbudgets', 'ingresses', 'horizontalpodautoscalers']) {
        assert.match(all.stderr, new RegExp(`\\b${r}\\b[^;]*in any namespace`), `check -A names ${r}: ${all.stderr}`);
      }
      assert.match(all.stderr, /nor nodes/, all.stderr);
      // One namespace readable, one not: a partial scan whose gaps name every kind of the other namespace, and Nodes.
      const two = await audited(asUser('narrow'), ['check', 'default', 'other', '-o', 'json']);
      assert.equal(two.code, 3, two.stderr);
      const gaps = (JSON.parse(two.stdout) as { source: { gaps: { kind: string; namespace?: string; reason: string }[] } }).source.gaps;
      const missed = gaps.map((g) => `${g.kind}/${g.namespace ?? ''}/${g.reason}`).sort();
      const expected = ['Pod', 'Service', 'EndpointSlice', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'NetworkPolicy', 'PodDisruptionBudget', 'Ingress', 'HorizontalPodAutoscaler']
        .map((k) => `${k}/other/forbidden`).concat('Node//forbidden').sort();
      assert.deepEqual(missed, expected);
      // The one stderr line names them all too, before anything a long line may lose to clipping.
      assert.match(two.stderr, /could not read Pod, Service, EndpointSlice, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController, NetworkPolicy, PodDisruptionBudget, Ingress, HorizontalPodAutoscaler in other \(forbidden\); Node \(forbidden\)/, two.stderr);
      assertReadOnly('Role, two namespaces', two.reqs);
      for (const x of [other, all]) assertReadOnly('Role, refused', x.reqs);
    });
  });

  test('over every run in this file: the tool only read, and never a Secret', () => {
    const mine = requestsOf(readAudit(cluster.auditLog), { userAgent: TOOL });
    assert.ok(mine.length > 50, `${mine.length} requests`);
    // The canary requests above were sent on purpose; everything else must be clean.
    const bad = readOnlyViolations(mine).filter((l) => !l.includes('audit-canary') && !/^create \/api\/v1\/namespaces\/default\/configmaps/.test(l) && !/^list of a Secret: \/api\/v1\/namespaces\/default\/secrets$/.test(l));
    assert.deepEqual(bad, []);
  });
});
