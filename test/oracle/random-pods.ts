// Random pod sets for the randomised oracle, all drawn from one seed so that a failing run
// can be replayed (WHOSELECTS_ORACLE_SEED). Bare pods share one label; they vary in what
// kubectl's orderings and the EndpointSlice controller look at: node assignment, phase,
// readiness and its time, restarts, deletion (slow, with varied grace periods), creation
// second (ties), named ports, containers, and the count (up to 12 pods, kubectl's sort is
// an insertion sort; above, Go's pdqsort).
// No hostNetwork pods: the test nodes' InternalIPs are on loopback (test/cluster/nodes.ts),
// so a hostNetwork pod's IP would be too, and the EndpointSlice API rejects loopback
// addresses: the controller's every write for the Service would fail.
import type { KubeObject } from '../../src/core/types.ts';

/** mulberry32: small, fast, and the same in every run for a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Placement = 'kwok-node-a' | 'kwok-node-b' | 'kwok-node-c' | 'scheduler' | 'unschedulable';
export type PortShape = 'http:8080' | 'http:9090' | 'web:8080' | 'none';
export type StatusPatch = { phase: 'Pending' | 'Unknown' | 'Succeeded' | 'Failed' } | { readySince: number };

export interface PodPlan {
  name: string;
  /** Creation batch: batches are applied in distinct seconds. */
  batch: number;
  placement: Placement;
  readyDelaySeconds: number;
  neverReady: boolean;
  restarts: number;
  containers: 1 | 2;
  defaultContainer: boolean;
  port: PortShape;
  patch: StatusPatch | null;
  /** Grace period of a `kubectl delete --wait=false`; the pod then lingers (terminate-delay). */
  deleteGraceSeconds: number | null;
}

export interface PodSetPlan {
  seed: number;
  index: number;
  namespace: string;
  publishNotReadyAddresses: boolean;
  pods: PodPlan[];
}

export const LABEL = { app: 'shared' };
export const SERVICE = 'shared';
/** Seconds since epoch of the readySince patches: a few fixed past seconds, so ties happen. */
export const READY_SINCE_BASE = 1_767_225_600; // 2026-01-01T00:00:00Z

export function planPodSets(seed: number, count: number): PodSetPlan[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const chance = (p: number) => r() < p;
  return Array.from({ length: count }, (_, index) => {
    const size = index % 2 === 0 ? 2 + Math.floor(r() * 11) : 13 + Math.floor(r() * 6);
    const names = new Set<string>();
    while (names.size < size) names.add(`p-${pick(['a', 'b', 'c', 'x', 'y'])}${pick(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])}${chance(0.3) ? pick(['a', 'z']) : ''}`);
    // Every third set is mostly uniform pods, so that kubectl's choice often comes down to
    // a tie: List order (up to 12 pods) or pdqsort's moves (more).
    const uniform = index % 3 === 2;
    const vary = (p: number) => chance(uniform ? p / 5 : p);
    const batches = uniform ? 1 : 1 + Math.floor(r() * 3);
    const pods = [...names].map((name): PodPlan => {
      const placement = vary(0.1) ? 'unschedulable' : pick<Placement>(['kwok-node-a', 'kwok-node-b', 'kwok-node-c', 'scheduler']);
      const kwokRuns = placement !== 'unschedulable';
      const neverReady = kwokRuns && vary(0.2);
      const roll = uniform ? 1 : r();
      let patch: StatusPatch | null = null;
      if (kwokRuns && roll < 0.08) patch = { phase: 'Pending' };
      else if (kwokRuns && roll < 0.16) patch = { phase: 'Unknown' };
      // Only Ready pods finish: the patch then also turns Ready False, which is what wakes the
      // EndpointSlice controller (its pod handler ignores phase-only changes; see statusPatchBody).
      else if (kwokRuns && !neverReady && roll < 0.22) patch = { phase: 'Succeeded' };
      else if (kwokRuns && !neverReady && roll < 0.28) patch = { phase: 'Failed' };
      else if (kwokRuns && !neverReady && roll < 0.45) patch = { readySince: READY_SINCE_BASE + Math.floor(r() * 3) };
      const terminal = patch !== null && 'phase' in patch && (patch.phase === 'Succeeded' || patch.phase === 'Failed');
      return {
        name,
        batch: Math.floor(r() * batches),
        placement,
        readyDelaySeconds: vary(0.5) ? pick([1, 2]) : 0,
        neverReady,
        restarts: vary(0.4) ? pick([1, 1, 3]) : 0,
        containers: chance(0.3) ? 2 : 1,
        defaultContainer: chance(0.2),
        port: pick<PortShape>(['http:8080', 'http:8080', 'http:9090', 'web:8080', 'none']),
        patch,
        // Unscheduled and terminal pods are removed at once when deleted: delete only the others.
        deleteGraceSeconds: kwokRuns && !terminal && vary(0.25) ? pick([5, 30, 30, 60]) : null,
      };
    });
    return { seed, index, namespace: `rnd-${seed}-${index}`, publishNotReadyAddresses: chance(0.3), pods };
  });
}

export function serviceObject(plan: PodSetPlan): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: { name: SERVICE },
    spec: {
      selector: LABEL, publishNotReadyAddresses: plan.publishNotReadyAddresses,
      ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'raw', port: 81, targetPort: 8081 }],
    },
  } as KubeObject;
}

export function podObject(p: PodPlan): KubeObject {
  const annotations: Record<string, string> = { 'whoselects.test/terminate-delay': '600s' };
  if (p.readyDelaySeconds) annotations['whoselects.test/ready-delay'] = `${p.readyDelaySeconds}s`;
  if (p.neverReady) annotations['whoselects.test/never-ready'] = 'true';
  if (p.restarts) annotations['whoselects.test/restart-count'] = String(p.restarts);
  if (p.defaultContainer && p.containers === 2) annotations['kubectl.kubernetes.io/default-container'] = 'side';
  const [portName, portNumber] = p.port.split(':');
  const ports = p.port === 'none' ? [] : [{ name: portName, containerPort: Number(portNumber) }];
  const containers = [{ name: 'main', image: 'app:1', ports }];
  if (p.containers === 2) containers.push({ name: 'side', image: 'sidecar:1', ports: [] });
  const spec: Record<string, unknown> = { containers, terminationGracePeriodSeconds: 30 };
  if (p.placement.startsWith('kwok-node')) spec.nodeName = p.placement;
  if (p.placement === 'unschedulable') spec.nodeSelector = { 'whoselects.test/nowhere': 'true' };
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: p.name, labels: { ...LABEL }, annotations }, spec } as KubeObject;
}

/** The status patch body for `kubectl patch --subresource=status --type=strategic`. */
export function statusPatchBody(patch: StatusPatch): string {
  if ('phase' in patch && (patch.phase === 'Succeeded' || patch.phase === 'Failed')) {
    // As the kubelet reports a finished pod: no longer Ready. A phase change alone does not
    // wake the EndpointSlice controller (podEndpointsChanged looks at readiness, IPs, labels,
    // hostname and deletion only): the endpoint of a pod that finishes without a readiness
    // change stays in the slice until something else syncs the Service.
    const notReady = (type: string) => ({ type, status: 'False', reason: 'PodCompleted' });
    return JSON.stringify({ status: { phase: patch.phase, conditions: [notReady('Ready'), notReady('ContainersReady')] } });
  }
  if ('phase' in patch) return JSON.stringify({ status: { phase: patch.phase } });
  const at = new Date(patch.readySince * 1000).toISOString().replace('.000Z', 'Z');
  return JSON.stringify({ status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at }] } });
}

/** The plan as a table, for failure messages. */
export function planTable(plan: PodSetPlan): string {
  return [`seed ${plan.seed} set ${plan.index} (namespace ${plan.namespace}), publishNotReadyAddresses=${plan.publishNotReadyAddresses}`,
    ...plan.pods.map((p) => `  ${p.name} batch=${p.batch} ${p.placement} readyDelay=${p.readyDelaySeconds}s` +
      `${p.neverReady ? ' never-ready' : ''} restarts=${p.restarts} containers=${p.containers}${p.defaultContainer ? '+default' : ''} port=${p.port}` +
      ` patch=${p.patch ? JSON.stringify(p.patch) : '-'} delete=${p.deleteGraceSeconds ?? '-'}`)].join('\n');
}
