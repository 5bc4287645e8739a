// Workload defaults as the API server applies them on create
// (k/k pkg/apis/apps/v1/defaults.go, pkg/apis/batch/v1/defaults.go,
// pkg/apis/core/v1/defaults.go: SetDefaults_ReplicationController), plus the Job
// selector generation (job-selector.ts). Every pod template gets the PodSpec defaults.

import type { Kind } from '../../core/snapshot.ts';
import type { CronJob, PodTemplateSpec, ReplicationController, Workload } from '../../core/types.ts';
import { defaultPodSpec } from './defaults-pod.ts';
import { generateJobSelector } from './job-selector.ts';

function copy(labels: Record<string, string>): Record<string, string> {
  return { ...labels };
}

function isEmpty(m: Record<string, string> | null | undefined): boolean {
  return !m || Object.keys(m).length === 0;
}

function defaultTemplate(t: PodTemplateSpec | undefined): void {
  if (t && typeof t === 'object') defaultPodSpec(t.spec);
}

/**
 * extensions/v1beta1 and apps/v1beta1 defaulted a missing selector (and empty object
 * labels) from the template labels; apps/v1 requires the selector instead
 * (k/k release-1.15 pkg/apis/extensions/v1beta1/defaults.go, pkg/apis/apps/v1beta1/defaults.go).
 */
function defaultLegacySelector(w: Workload): void {
  const labels = w.spec?.template?.metadata?.labels;
  if (!w.spec || isEmpty(labels)) return;
  if (!w.spec.selector) w.spec.selector = { matchLabels: copy(labels as Record<string, string>) };
  const meta = (w.metadata ??= {});
  if (isEmpty(meta.labels)) meta.labels = copy(labels as Record<string, string>);
}

function defaultDeployment(w: Workload): void {
  const spec = (w.spec ??= {});
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
}

function defaultDaemonSet(w: Workload): void {
  const spec = (w.spec ??= {});
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
}

function defaultStatefulSet(w: Workload): void {
  const spec = (w.spec ??= {});
  spec.replicas ??= 1;
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
}

/**
 * SetDefaults_Job, then the generated selector. SetDefaults_Job copies the template
 * labels to empty Job labels; it runs again whenever the stored Job is read, by then
 * with the generated labels in the template, so a Job created without labels reads
 * back with all four job labels.
 */
function defaultJob(w: Workload): void {
  const spec = (w.spec ??= {});
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
  spec.parallelism ??= 1;
  spec.completionMode ||= 'NonIndexed';
  generateJobSelector(w);
  const labels = spec.template?.metadata?.labels;
  const meta = (w.metadata ??= {});
  if (labels && isEmpty(meta.labels)) meta.labels = copy(labels);
}

function defaultReplicationController(rc: ReplicationController): void {
  const spec = (rc.spec ??= {});
  spec.replicas ??= 1;
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    if (isEmpty(spec.selector)) spec.selector = copy(labels);
    const meta = (rc.metadata ??= {});
    if (isEmpty(meta.labels)) meta.labels = copy(labels);
  }
}

export function defaultWorkload(kind: Kind, obj: Workload | ReplicationController | CronJob, legacy: boolean): void {
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet': {
      const w = obj as Workload;
      if (legacy && (w.apiVersion === 'extensions/v1beta1' || w.apiVersion === 'apps/v1beta1')) defaultLegacySelector(w);
      if (kind === 'Deployment') defaultDeployment(w);
      else if (kind === 'ReplicaSet') (w.spec ??= {}).replicas ??= 1;
      else if (kind === 'StatefulSet') defaultStatefulSet(w);
      else defaultDaemonSet(w);
      defaultTemplate(w.spec?.template);
      return;
    }
    case 'Job':
      defaultJob(obj as Workload);
      defaultTemplate((obj as Workload).spec?.template);
      return;
    case 'ReplicationController':
      defaultReplicationController(obj as ReplicationController);
      defaultTemplate((obj as ReplicationController).spec?.template);
      return;
    case 'CronJob':
      // SetDefaults_Job is for Job objects, not a JobTemplateSpec: only the pod template is defaulted.
      defaultTemplate((obj as CronJob).spec?.jobTemplate?.spec?.template);
      return;
    default:
      return;
  }
}
