// Randomised oracle (issue 3, item 5): pod sets drawn from a printed seed are applied to a
// real control plane, brought into varied states (phases, readiness and its times,
// restarts, slow deletions, creation-second ties, fewer and more than 12 pods), and then
// the engine must name the same pod as real kubectl for logs, exec and port-forward, and
// predict exactly the real EndpointSlices of a Service over them.
// Replay a run with WHOSELECTS_ORACLE_SEED=<seed>; WHOSELECTS_ORACLE_SETS sets the count.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import { pickPod } from '../../src/core/kubectl/pick.ts';
import { parseKubectlVersion, type KubectlVersion } from '../../src/core/kubectl/version.ts';
import type { Node, Pod } from '../../src/core/types.ts';
import { readNamespace, type NamespaceState } from '../oracle/namespace-state.ts';
import { isDeleting, isReady, podsOf } from '../oracle/pod-state.ts';
import { LABEL, planPodSets, planTable, podObject, SERVICE, serviceObject, statusPatchBody, type PodPlan, type PodSetPlan } from '../oracle/random-pods.ts';
import { clusterSkip } from './kit.ts';
import { verifyNamespace, type OracleContext } from '../oracle/verify.ts';

const SEED = process.env.WHOSELECTS_ORACLE_SEED ? Number(process.env.WHOSELECTS_ORACLE_SEED) : randomInt(1, 2 ** 31 - 1);
const SETS = Number(process.env.WHOSELECTS_ORACLE_SETS ?? 8);
const plans = planPodSets(SEED, SETS);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const condition = (p: Pod, type: string) => p.status?.conditions?.find((c) => c.type === type);
const seconds = (t: string | undefined) => (t ? Math.floor(Date.parse(t) / 1000) : null);

/** Why pod p is not yet in the state its plan starts from (before patches), or null. */
function notStarted(plan: PodPlan, p: Pod | undefined): string | null {
  if (!p) return `${plan.name} to exist`;
  if (plan.placement === 'unschedulable') return condition(p, 'PodScheduled')?.status === 'False' ? null : `${plan.name} to be found unschedulable`;
  if (!p.status?.podIP) return `${plan.name} to run`;
  if (plan.neverReady) return null;
  return isReady(p) ? null : `${plan.name} to be Ready`;
}

/** Why pod p does not yet show its patch and deletion, or null. */
function notFinished(plan: PodPlan, p: Pod | undefined): string | null {
  if (!p) return `${plan.name} is gone`;
  const patch = plan.patch;
  if (patch && 'phase' in patch && p.status?.phase !== patch.phase) return `${plan.name} phase ${patch.phase}`;
  if (patch && 'readySince' in patch && seconds(condition(p, 'Ready')?.lastTransitionTime) !== patch.readySince) return `${plan.name} ready since the patched time`;
  if (plan.deleteGraceSeconds !== null && !isDeleting(p)) return `${plan.name} to be terminating`;
  return null;
}

function waitReason(plan: PodSetPlan, s: NamespaceState, check: (plan: PodPlan, p: Pod | undefined) => string | null): string | null {
  const byName = new Map(podsOf(s).map((p) => [p.metadata?.name, p]));
  for (const p of plan.pods) {
    const why = check(p, byName.get(p.name));
    if (why) return why;
  }
  return null;
}

describe(`oracle: randomised pod sets (WHOSELECTS_ORACLE_SEED=${SEED})`, { skip: clusterSkip(), concurrency: 4, timeout: 300_000 }, () => {
  let cluster: Cluster;
  let ctx: OracleContext;

  before(async () => {
    console.log(`# randomised oracle: WHOSELECTS_ORACLE_SEED=${SEED} (${SETS} pod sets)`);
    cluster = await startCluster();
    const nodes = (await cluster.get<{ items: Node[] }>('nodes')).items;
    const version = parseKubectlVersion((await cluster.kubectl(['version', '--client', '-o', 'json'])).stdout) as KubectlVersion;
    assert.ok(version);
    ctx = { cluster, nodes, version };
  });
  after(async () => {
    await cluster?.stop();
  });

  const must = async (args: string[], input?: string) => {
    const r = await cluster.kubectl(args, input === undefined ? {} : { input });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  };

  for (const plan of plans) {
    test(`set ${plan.index}: ${plan.pods.length} pods, seed ${SEED}`, async (t) => {
      const ns = plan.namespace;
      const context = `replay with WHOSELECTS_ORACLE_SEED=${SEED}\n${planTable(plan)}`;
      const wait = async (what: string, check: (p: PodPlan, pod: Pod | undefined) => string | null) => {
        try {
          await cluster.waitFor(async () => waitReason(plan, await readNs(), check) === null, { what, timeoutMs: 40_000, intervalMs: 300 });
        } catch (e) {
          throw new Error(`${(e as Error).message}\nwaiting for: ${waitReason(plan, await readNs(), check)}\n${context}`, { cause: e });
        }
      };
      const readNs = () => readNamespace(cluster, ns);

      await must(['create', 'namespace', ns]);
      await must(['apply', '-n', ns, '-f', '-'], JSON.stringify(serviceObject(plan)));
      const batches = Math.max(...plan.pods.map((p) => p.batch));
      for (let b = 0; b <= batches; b++) {
        const items = plan.pods.filter((p) => p.batch === b).map(podObject);
        if (items.length) await must(['apply', '-n', ns, '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
        // The next batch in a later second: creationTimestamp has 1 s resolution.
        if (b < batches) await sleep(1_050 - (Date.now() % 1_000));
      }
      await wait('every pod started', notStarted);

      for (const p of plan.pods) {
        if (p.patch) await must(['patch', 'pod', p.name, '-n', ns, '--subresource=status', '--type=strategic', '-p', statusPatchBody(p.patch)]);
      }
      for (const p of plan.pods) {
        if (p.deleteGraceSeconds !== null) await must(['delete', 'pod', p.name, '-n', ns, '--wait=false', `--grace-period=${p.deleteGraceSeconds}`]);
      }
      await wait('every patch and deletion visible', notFinished);

      const o = await verifyNamespace(ctx, ns, {
        services: [SERVICE], context,
        notYet: (s) => waitReason(plan, s, notFinished),
        targets: [{ kind: 'Service', name: SERVICE, commands: ['logs', 'exec', 'port-forward'], ports: ['0:81'] }],
      });
      // The oracle must have had something to compare; say how each pick was decided.
      assert.ok(o.kubectl.some((k) => k.result.pod !== null), `kubectl addressed no pod at all\n${context}`);
      const listed = podsOf(o.state, (p) => p.metadata?.labels?.app === LABEL.app);
      for (const k of o.kubectl) t.diagnostic(`${k.command}: ${k.result.pod ?? k.result.error} (${pickPod(k.command, listed, ctx.version).decidedBy})`);
    });
  }
});
