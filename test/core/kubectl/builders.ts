// Small builders for the kubectl tests: wire-format pods and services, times as
// seconds after a fixed instant, versions by minor.
import type { Container, Pod, PodCondition, Service, ServicePort } from '../../../src/core/types.ts';
import type { KubectlVersion } from '../../../src/core/kubectl/version.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');

/** RFC 3339 time `s` seconds after the fixed test instant (fractions allowed: kubectl truncates). */
export function at(s: number): string {
  return new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');
}

export function kubectl(minor: number, patch = 0): KubectlVersion {
  return { major: 1, minor, patch, raw: `v1.${minor}.${patch}` };
}

export interface PodOptions {
  name: string;
  labels?: Record<string, string>;
  /** spec.nodeName; null leaves the pod unscheduled. */
  node?: string | null;
  /** status.phase; null omits it. */
  phase?: string | null;
  /** Ready condition status: true, false, or 'absent' for no Ready condition. */
  ready?: boolean | 'absent';
  /** Ready lastTransitionTime in seconds; null omits it. */
  readyAt?: number | null;
  /** creationTimestamp in seconds; null omits it. */
  created?: number | null;
  /** deletionTimestamp in seconds. */
  deleted?: number;
  /** restartCount per regular container status. */
  restarts?: number[];
  containers?: (string | Container)[];
  init?: (string | Container)[];
  ephemeral?: (string | Container)[];
  /** restartCount per init container status (by name). */
  initRestarts?: Record<string, number>;
  annotations?: Record<string, string>;
  conditions?: PodCondition[];
  namespace?: string;
}

function toContainer(c: string | Container): Container {
  return typeof c === 'string' ? { name: c } : c;
}

export function pod(o: PodOptions): Pod {
  const containers = (o.containers ?? ['app']).map(toContainer);
  const readyAt = o.readyAt === undefined ? 10 : o.readyAt;
  const ready = o.ready ?? true;
  const conditions: PodCondition[] = o.conditions ?? (ready === 'absent' ? [] : [
    { type: 'Ready', status: ready ? 'True' : 'False', ...(readyAt === null ? {} : { lastTransitionTime: at(readyAt) }) },
  ]);
  const created = o.created === undefined ? 0 : o.created;
  const node = o.node === undefined ? 'node-a' : o.node;
  const phase = o.phase === undefined ? 'Running' : o.phase;
  const restarts = o.restarts ?? containers.map(() => 0);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      namespace: o.namespace ?? 'default',
      labels: o.labels ?? { app: 'web' },
      ...(created === null ? {} : { creationTimestamp: at(created) }),
      ...(o.deleted === undefined ? {} : { deletionTimestamp: at(o.deleted) }),
      ...(o.annotations ? { annotations: o.annotations } : {}),
    },
    spec: {
      ...(node === null ? {} : { nodeName: node }),
      containers,
      ...(o.init ? { initContainers: o.init.map(toContainer) } : {}),
      ...(o.ephemeral ? { ephemeralContainers: o.ephemeral.map(toContainer) } : {}),
    },
    status: {
      ...(phase === null ? {} : { phase }),
      conditions,
      containerStatuses: containers.map((c, i) => ({ name: c.name, restartCount: restarts[i] ?? 0 })),
      ...(o.initRestarts ? { initContainerStatuses: Object.entries(o.initRestarts).map(([name, restartCount]) => ({ name, restartCount })) } : {}),
    },
  };
}

export function service(name: string, ports: ServicePort[], extra: { clusterIP?: string; selector?: Record<string, string> | null } = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: {
      ...(extra.selector === null ? {} : { selector: extra.selector ?? { app: 'web' } }),
      clusterIP: extra.clusterIP ?? '10.0.0.10',
      ports,
    },
  };
}

export function names(pods: readonly Pod[]): string[] {
  return pods.map((p) => p.metadata?.name ?? '');
}
