// Offline there are no running pods: each workload contributes ONE template pod that
// stands for the pods its controller would create. It carries the template's labels,
// annotations and spec, lives in the workload's namespace, is controlled by the
// workload itself (a CronJob's by the CronJob), and has no status: it is not running.

import { refOf, type Kind, type ObjectRef } from '../../core/snapshot.ts';
import type { CronJob, KubeObject, Pod, PodTemplateSpec, ReplicationController, Workload } from '../../core/types.ts';
import { defaultPod } from './defaults-pod.ts';
import { syntheticUid } from './uid.ts';

export const TEMPLATE_KINDS: readonly Kind[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'CronJob'];

/**
 * `<workload>-(<kind>-template)`, e.g. `mariadb-(deployment-template)`: readable, and
 * never a real pod name (parentheses are not valid in names), nor shared by two kinds.
 */
export function templatePodName(kind: Kind, name: string): string {
  return `${name}-(${kind.toLowerCase()}-template)`;
}

function templateOf(kind: Kind, obj: KubeObject): PodTemplateSpec | undefined {
  if (kind === 'CronJob') return (obj as CronJob).spec?.jobTemplate?.spec?.template;
  return (obj as Workload | ReplicationController).spec?.template;
}

/**
 * A copy of a parsed manifest value (objects, arrays, scalars), so that defaulting the pod does
 * not reach its workload's template: a tenth of structuredClone's cost on a pod spec, which
 * counts with a template pod per ReplicaSet. Anything else is left to structuredClone.
 */
function copyOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyOf(value[i]);
    return copy;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = copyOf((value as Record<string, unknown>)[key]);
    // A key named __proto__ stays a key (an assignment would set the copy's prototype).
    if (key === '__proto__') Object.defineProperty(copy, key, { value: v, enumerable: true, writable: true, configurable: true });
    else copy[key] = v;
  }
  return copy;
}

export interface TemplatePod {
  pod: Pod;
  owner: ObjectRef;
}

export function templatePod(kind: Kind, workload: KubeObject): TemplatePod | null {
  if (!TEMPLATE_KINDS.includes(kind)) return null;
  const template = templateOf(kind, workload);
  if (!template || typeof template !== 'object') return null;
  const meta = workload.metadata ?? {};
  const name = templatePodName(kind, meta.name ?? '');
  const namespace = meta.namespace;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      uid: syntheticUid('Pod', namespace, name),
      labels: { ...(template.metadata?.labels ?? {}) },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [{
        apiVersion: workload.apiVersion ?? '',
        kind,
        name: meta.name ?? '',
        uid: meta.uid ?? '',
        controller: true,
        blockOwnerDeletion: true,
      }],
    },
    spec: copyOf(template.spec ?? {}) as Pod['spec'],
  };
  defaultPod(pod);
  return { pod, owner: refOf(kind, workload) };
}
