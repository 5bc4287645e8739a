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
    spec: structuredClone(template.spec ?? {}),
  };
  defaultPod(pod);
  return { pod, owner: refOf(kind, workload) };
}
