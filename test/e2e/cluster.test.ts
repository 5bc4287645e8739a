// Smoke test of the control-plane harness against reality: real apiserver, controllers and
// scheduler, with kwok playing test/cluster/kwok-stages.yaml on three fake nodes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import type { Endpoint, Node, Pod } from '../../src/core/types.ts';
import { clusterSkip, endpointsOf, webApp, type List } from './kit.ts';

const skip = clusterSkip();
type JobStatus = { status?: { conditions?: { type: string; status: string }[] } };

const condition = (p: Pod, type: string) => p.status?.conditions?.find((c) => c.type === type)?.status;

describe('test control plane', { skip }, () => {
  let cluster: Cluster;
  before(async () => {
    // kwok's stage parallelism set (as the bench sets it): every test below runs through that config too.
    cluster = await startCluster({ kwokPodParallelism: 8 });
  });
  after(async () => {
    await cluster?.stop();
  });

  const pods = async (selector: string) => (await cluster.get<List<Pod>>('pods', '-l', selector)).items;
  const endpoints = (service: string): Promise<Endpoint[]> => endpointsOf(cluster, service);

  test('kwok is given its stages and a KwokConfiguration with the stage parallelism asked for', () => {
    const options = join(cluster.dir, 'kwok-options.yaml');
    assert.match(readFileSync(options, 'utf8'), /^kind: KwokConfiguration$[\s\S]*^ {2}podPlayStageParallelism: 8$/m);
    const kwok = readFileSync(join(cluster.dir, 'logs', 'kwok.log'), 'utf8');
    assert.doesNotMatch(kwok, /"level":"ERROR"[^\n]*config/i, 'kwok read both configs without complaint');
  });

  test('three Ready nodes in three zones, no taints, with allocatable resources', async () => {
    const nodes = (await cluster.get<List<Node & { status: { allocatable?: Record<string, string> } }>>('nodes')).items;
    assert.deepEqual(nodes.map((n) => n.metadata?.labels?.['topology.kubernetes.io/zone']).sort(), ['zone-a', 'zone-b', 'zone-c']);
    for (const n of nodes) {
      assert.equal(n.metadata?.labels?.['kubernetes.io/hostname'], n.metadata?.name);
      assert.equal(n.status.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
      assert.equal(n.spec?.taints, undefined);
      assert.equal(n.status.allocatable?.pods, '110');
    }
    const r = await cluster.kubectl(['--context', cluster.tokenContext, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
    assert.equal(r.stdout, 'whoselects-token-admin', 'the static token authenticates too');
  });

  test('a Deployment behind a Service gets an EndpointSlice with zones; a deleted pod lingers as serving+terminating', async () => {
    await cluster.apply(webApp({ namedPort: false }));
    const zoneOf = new Map((await cluster.get<List<Node>>('nodes')).items
      .map((n) => [n.metadata?.name, n.metadata?.labels?.['topology.kubernetes.io/zone']]));
    const ready = await cluster.waitFor(async () => {
      const eps = (await endpoints('web')).filter((e) => e.conditions?.ready);
      return eps.length === 2 && eps;
    }, { what: '2 ready endpoints for Service web' });
    const running = await pods('app=web');
    for (const e of ready) {
      const pod = running.find((p) => p.metadata?.name === e.targetRef?.name);
      assert.ok(pod, `endpoint ${e.addresses[0]} points at a pod of the Deployment`);
      assert.deepEqual(e.addresses, [pod.status?.podIP]);
      assert.match(e.addresses[0] ?? '', /^10\.244\./, 'pod IPs come from the pod CIDR, not the service range');
      assert.equal(e.zone, zoneOf.get(e.nodeName), 'the endpoint zone is its node\'s zone');
      assert.equal(condition(pod, 'Ready'), 'True');
    }

    const victim = ready[0]?.targetRef?.name ?? '';
    await cluster.kubectl(['annotate', 'pod', victim, 'whoselects.test/terminate-delay=6s']);
    const deletedAt = Date.now();
    const del = await cluster.kubectl(['delete', 'pod', victim, '--wait=false']);
    assert.equal(del.code, 0, del.stderr);
    const lingering = await cluster.waitFor(async () =>
      (await endpoints('web')).find((e) => e.targetRef?.name === victim && e.conditions?.terminating), { what: 'terminating endpoint' });
    assert.deepEqual(lingering.conditions, { ready: false, serving: true, terminating: true });
    await cluster.waitFor(async () => !(await endpoints('web')).some((e) => e.targetRef?.name === victim),
      { what: `endpoint of ${victim} to go`, timeoutMs: 20_000 });
    assert.ok(Date.now() - deletedAt >= 5_000, 'the pod stayed terminating for its terminate-delay');
    assert.equal((await cluster.kubectl(['get', 'pod', victim])).code, 1, 'the pod is gone');
    await cluster.waitFor(async () => (await endpoints('web')).filter((e) => e.conditions?.ready).length === 2,
      { what: 'the replacement pod to be ready' });
  });

  test('a Job\'s pod reaches Succeeded and the Job completes', async () => {
    await cluster.apply(`
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: once, image: busybox}]
`);
    const [pod] = await cluster.waitFor(async () => {
      const ps = await pods('job-name=once');
      return ps.length === 1 && ps[0]?.status?.phase === 'Succeeded' && ps;
    }, { what: 'the Job pod to succeed' });
    const terminated = pod?.status?.containerStatuses?.[0]?.state?.terminated as { exitCode?: number; reason?: string } | undefined;
    assert.equal(terminated?.exitCode, 0);
    assert.equal(terminated?.reason, 'Completed');
    await cluster.waitFor(async () =>
      (await cluster.get<JobStatus>('job', 'once')).status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True'),
    { what: 'Job once to be Complete' });
  });

  test('stage annotations: ready-delay, never-ready, restart-count, readiness gates, exit-code', async () => {
    const pod = (name: string, annotations: Record<string, string>, specExtra = '') => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {suite: stages}
  annotations: ${JSON.stringify(annotations)}
spec:
  containers: [{name: c, image: busybox}]
  ${specExtra}
`;
    const created = Date.now();
    await cluster.apply([
      pod('slow', { 'whoselects.test/ready-delay': '3s' }),
      pod('never', { 'whoselects.test/never-ready': 'true', 'whoselects.test/restart-count': '3' }),
      pod('gated', {}, 'readinessGates: [{conditionType: example.com/gate}]'),
    ].join('---'));
    const byName = async () => new Map((await pods('suite=stages')).map((p) => [p.metadata?.name, p]));

    await cluster.waitFor(async () => condition((await byName()).get('slow') ?? {}, 'Ready') === 'True', { what: 'slow to be Ready' });
    assert.ok(Date.now() - created >= 2_500, 'ready-delay held readiness back');
    let now = await byName();
    const never = now.get('never') ?? {};
    assert.equal(never.status?.phase, 'Running');
    assert.match(never.status?.podIP ?? '', /^10\.244\./);
    assert.equal(condition(never, 'Ready'), 'False');
    assert.equal(never.status?.containerStatuses?.[0]?.restartCount, 3);
    const gated = await cluster.waitFor(async () => {
      const p = (await byName()).get('gated') ?? {};
      return condition(p, 'ContainersReady') === 'True' && p;
    }, { what: 'gated containers ready' });
    assert.equal(condition(gated, 'Ready'), 'False', 'an unmet readiness gate keeps the pod NotReady');
    assert.equal(gated.status?.conditions?.find((c) => c.type === 'Ready')?.reason, 'ReadinessGatesNotReady');

    const patch = JSON.stringify({ status: { conditions: [{ type: 'example.com/gate', status: 'True' }] } });
    const r = await cluster.kubectl(['patch', 'pod', 'gated', '--subresource=status', '--type=strategic', '-p', patch]);
    assert.equal(r.code, 0, r.stderr);
    await cluster.kubectl(['annotate', 'pod', 'never', 'whoselects.test/never-ready-']);
    await cluster.kubectl(['annotate', 'pod', 'slow', 'whoselects.test/never-ready=true']);
    now = await cluster.waitFor(async () => {
      const m = await byName();
      const states = ['gated', 'never', 'slow'].map((n) => condition(m.get(n) ?? {}, 'Ready'));
      return states.join() === 'True,True,False' && m;
    }, { what: 'gate met -> Ready, never-ready removed -> Ready, never-ready added -> NotReady' });
    assert.equal(now.get('slow')?.status?.containerStatuses?.[0]?.ready, false);

    await cluster.apply(`
apiVersion: batch/v1
kind: Job
metadata: {name: fails}
spec:
  backoffLimit: 0
  template:
    metadata: {annotations: {whoselects.test/exit-code: "2"}}
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
`);
    const failed = await cluster.waitFor(async () => (await pods('job-name=fails')).find((p) => p.status?.phase === 'Failed'),
      { what: 'the failing Job pod' });
    const terminated = failed.status?.containerStatuses?.[0]?.state?.terminated as { exitCode?: number; reason?: string } | undefined;
    assert.equal(terminated?.exitCode, 2);
    assert.equal(terminated?.reason, 'Error');
  });
});
