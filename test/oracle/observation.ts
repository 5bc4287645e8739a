// One consistent look at a namespace: read everything, run the real kubectl commands, and
// read again at least `windowMs` later. The look counts only when both reads saw the same
// pods and EndpointSlices (same uids and resourceVersions): then kubectl's List saw that
// state too, and the EndpointSlice controller has had the window to catch up with it.
import type { Cluster } from '../cluster/harness.ts';
import type { PodCommand } from '../../src/core/kubectl/pick.ts';
import { runPodCommand, type KubectlObservation } from './kubectl-pod-command.ts';
import { readNamespace, type NamespaceState } from './namespace-state.ts';

export type PickKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'Job' | 'Service' | 'CronJob';

export interface PickTarget {
  kind: PickKind;
  name: string;
  commands: PodCommand[];
  /** port-forward's port specs (default 0:80). */
  ports?: string[];
}

export const SHORT: Record<PickKind, string> = {
  Deployment: 'deploy', ReplicaSet: 'rs', StatefulSet: 'sts', Job: 'job', Service: 'svc', CronJob: 'cronjob',
};

export interface Observation {
  state: NamespaceState;
  kubectl: { target: PickTarget; command: PodCommand; result: KubectlObservation }[];
  /** Extra results gathered inside the window (e.g. the CLI run as a plugin). */
  extra: unknown;
}

export interface ObserveOptions {
  /** A reason to wait, or null when the state is what the scenario needs. */
  notYet?: (s: NamespaceState) => string | null;
  targets?: PickTarget[];
  /** Anything else to run between the two reads. */
  during?: () => Promise<unknown>;
  windowMs?: number;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function observeStable(cluster: Cluster, namespace: string, opts: ObserveOptions = {}): Promise<Observation> {
  const { windowMs = 1_200, timeoutMs = 60_000, targets = [] } = opts;
  const deadline = Date.now() + timeoutMs;
  let why = 'nothing read yet';
  for (;;) {
    if (Date.now() > deadline) throw new Error(`namespace ${namespace} did not settle within ${timeoutMs} ms: ${why}`);
    const before = await readNamespace(cluster, namespace);
    const wait = opts.notYet?.(before) ?? null;
    if (wait !== null) {
      why = wait;
      await sleep(300);
      continue;
    }
    const jobs = targets.flatMap((target) => target.commands.map(async (command) => ({
      target, command, result: await runPodCommand(cluster, namespace, command, `${SHORT[target.kind]}/${target.name}`, target.ports ?? []),
    })));
    const [kubectl, extra] = await Promise.all([Promise.all(jobs), opts.during?.()]);
    const left = before.at + windowMs - Date.now();
    if (left > 0) await sleep(left);
    const after = await readNamespace(cluster, namespace);
    if (after.fingerprint === before.fingerprint) return { state: before, kubectl, extra };
    why = `pods or EndpointSlices changed between two reads ${after.at - before.at} ms apart`;
  }
}
