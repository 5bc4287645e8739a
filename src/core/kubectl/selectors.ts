// polymorphichelpers.SelectorsForObject: which kinds kubectl can turn into a pod
// selector for logs/exec/attach/port-forward TYPE/NAME, and its exact errors otherwise.
// Same in every release 1.27–1.36.

import { EVERYTHING, fromLabelSelector, fromSet, isSelectorError, type Selector, type SelectorError } from '../labels.ts';
import type { KubeObject, LabelSelector } from '../types.ts';
import type { PodCommand } from './command.ts';

/** Kinds SelectorsForObject handles (plus Pod, which is used as-is without a selector). */
export const SELECTOR_KINDS: ReadonlySet<string> = new Set([
  'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Deployment', 'Job', 'Service',
]);

/** The API groups each supported kind is typed in (older betas included, as upstream). */
const SUPPORTED_GROUPS: Record<string, readonly string[]> = {
  ReplicaSet: ['apps', 'extensions'],
  ReplicationController: [''],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  Deployment: ['apps', 'extensions'],
  Job: ['batch'],
  Service: [''],
  Pod: [''],
};

/**
 * API groups registered in kubectl's scheme (client-go's kubernetes/scheme). An object of
 * any other group (a CRD, an aggregated API) fails to decode before a selector is sought.
 */
const SCHEME_GROUPS: ReadonlySet<string> = new Set([
  '', 'apps', 'batch', 'autoscaling', 'extensions', 'policy', 'admissionregistration.k8s.io',
  'internal.apiserver.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'certificates.k8s.io',
  'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io', 'node.k8s.io', 'rbac.authorization.k8s.io', 'resource.k8s.io',
  'scheduling.k8s.io', 'storage.k8s.io', 'storagemigration.k8s.io',
]);

/** Preferred versions of the built-in kinds people try, for objects read without apiVersion. */
const DEFAULT_API_VERSION: Record<string, string> = {
  CronJob: 'batch/v1', Job: 'batch/v1', HorizontalPodAutoscaler: 'autoscaling/v2', Ingress: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1', PodDisruptionBudget: 'policy/v1', EndpointSlice: 'discovery.k8s.io/v1',
  Deployment: 'apps/v1', ReplicaSet: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', ControllerRevision: 'apps/v1',
};

/** Any object kubectl may be pointed at: its spec is read only for a selector. */
export type TargetObject = KubeObject & { spec?: object | null };

function apiVersionOf(kind: string, obj: KubeObject): string {
  return obj.apiVersion ?? DEFAULT_API_VERSION[kind] ?? 'v1';
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** Go's %T of the typed object kubectl decodes: k8s.io/api packages are named after the version. */
export function goTypeName(kind: string, obj: KubeObject): string {
  const apiVersion = apiVersionOf(kind, obj);
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  return `*${version}.${kind}`;
}

function wrap(command: PodCommand, kind: string, obj: KubeObject, err: string): string {
  const t = goTypeName(kind, obj);
  return command === 'logs' ? `cannot get the logs from ${t}: ${err}` : `cannot attach to ${t}: ${err}`;
}

function specSelector(obj: TargetObject): unknown {
  return (obj.spec as { selector?: unknown } | null | undefined)?.selector;
}

/**
 * kubectl's exact error for `kubectl COMMAND KIND/NAME` when it cannot find pods for the
 * object (printed with an "error: " prefix), or null when the kind resolves to a
 * selector (or is a Pod). Covers kinds outside kubectl's scheme (CRDs), kinds without a
 * SelectorsForObject case (CronJob, PodTemplate, …) and Services without a selector.
 */
export function selectorErrorFor(command: PodCommand, kind: string, obj: TargetObject): string | null {
  const apiVersion = apiVersionOf(kind, obj);
  const group = groupOf(apiVersion);
  if (!SCHEME_GROUPS.has(group)) {
    return `no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)} in scheme "k8s.io/kubectl/pkg/scheme/scheme.go:28"`;
  }
  const groups = SUPPORTED_GROUPS[kind];
  if (groups === undefined || !groups.includes(group)) {
    return wrap(command, kind, obj, `selector for ${goTypeName(kind, obj)} not implemented`);
  }
  if (kind === 'Pod') return null;
  const sel = specSelector(obj);
  if (kind === 'Service') {
    const map = sel as Record<string, string> | null | undefined;
    if (map === null || map === undefined || Object.keys(map).length === 0) {
      return wrap(command, kind, obj, `invalid service '${obj.metadata?.name ?? ''}': Service is defined without a selector`);
    }
    return null;
  }
  if (kind === 'ReplicationController') return null;
  const parsed = fromLabelSelector(sel as LabelSelector | null | undefined);
  // Upstream wraps apimachinery's parse error; the inner text here is labels.ts's wording.
  return isSelectorError(parsed) ? wrap(command, kind, obj, `invalid label selector: ${parsed.error}`) : null;
}

/**
 * The selector kubectl actually LISTs pods with for a supported kind. kubectl sends
 * selector.String(), and a nil LabelSelector becomes labels.Nothing(), whose string is
 * "" — which the API server reads as "everything". So a nil selector lists every pod in
 * the namespace here (validation normally makes that impossible, but manifests can).
 */
export function kubectlPodSelector(kind: string, obj: TargetObject): Selector | SelectorError {
  if (!SELECTOR_KINDS.has(kind)) return { error: `selector for ${goTypeName(kind, obj)} not implemented` };
  const sel = specSelector(obj);
  if (kind === 'Service' || kind === 'ReplicationController') return fromSet(sel as Record<string, string> | null | undefined);
  const parsed = fromLabelSelector(sel as LabelSelector | null | undefined);
  if (isSelectorError(parsed)) return parsed;
  return parsed.kind === 'nothing' ? EVERYTHING : parsed;
}
