// Resource type names as kubectl accepts them: singular, plural, short name, Kind,
// and the grouped forms RESOURCE.GROUP and RESOURCE.VERSION.GROUP (all case-insensitive).

import type { Kind } from './snapshot.ts';

export interface ResourceType {
  kind: Kind;
  plural: string;
  singular: string;
  shortNames: string[];
  group: string;
  versions: string[];
  /** Whether `kubectl whoselects TYPE/NAME` accepts it as a target. */
  target: boolean;
}

export const RESOURCE_TYPES: ResourceType[] = [
  { kind: 'Pod', plural: 'pods', singular: 'pod', shortNames: ['po'], group: '', versions: ['v1'], target: true },
  { kind: 'Service', plural: 'services', singular: 'service', shortNames: ['svc'], group: '', versions: ['v1'], target: true },
  { kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], group: 'apps', versions: ['v1'], target: true },
  { kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], group: 'apps', versions: ['v1'], target: true },
  { kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], group: 'apps', versions: ['v1'], target: true },
  { kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], group: 'apps', versions: ['v1'], target: true },
  { kind: 'Job', plural: 'jobs', singular: 'job', shortNames: [], group: 'batch', versions: ['v1'], target: true },
  { kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob', shortNames: ['cj'], group: 'batch', versions: ['v1'], target: true },
  { kind: 'ReplicationController', plural: 'replicationcontrollers', singular: 'replicationcontroller', shortNames: ['rc'], group: '', versions: ['v1'], target: true },
  { kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy', shortNames: ['netpol'], group: 'networking.k8s.io', versions: ['v1'], target: true },
  { kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget', shortNames: ['pdb'], group: 'policy', versions: ['v1'], target: true },
  { kind: 'Ingress', plural: 'ingresses', singular: 'ingress', shortNames: ['ing'], group: 'networking.k8s.io', versions: ['v1'], target: true },
  { kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', shortNames: ['hpa'], group: 'autoscaling', versions: ['v2', 'v1'], target: true },
  { kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', shortNames: [], group: 'discovery.k8s.io', versions: ['v1'], target: false },
  { kind: 'Node', plural: 'nodes', singular: 'node', shortNames: ['no'], group: '', versions: ['v1'], target: false },
  { kind: 'Namespace', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], group: '', versions: ['v1'], target: false },
];

function namesOf(t: ResourceType): string[] {
  return [t.plural, t.singular, t.kind.toLowerCase(), ...t.shortNames];
}

export type TypeLookup = { type: ResourceType } | { error: string };

/** Resolve a TYPE as kubectl does (pods, pod, po, Pod, deployment.apps, deployments.v1.apps …). */
export function lookupType(text: string): TypeLookup {
  const lower = text.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const rest = dot < 0 ? null : lower.slice(dot + 1);
  for (const t of RESOURCE_TYPES) {
    if (!namesOf(t).includes(name)) continue;
    if (rest === null) return { type: t };
    const groupOnly = rest === t.group;
    // RESOURCE.VERSION.GROUP; the core group is empty, so `pods.v1.` (not `pods.v1`) as in schema.ParseResourceArg.
    const versionGroup = t.versions.some((v) => rest === `${v}.${t.group}`);
    if (groupOnly || versionGroup) return { type: t };
  }
  return { error: `the server doesn't have a resource type "${text}"` };
}

export const TARGET_TYPE_NAMES = RESOURCE_TYPES.filter((t) => t.target).map((t) => (t.shortNames[0] ? `${t.plural} (${t.shortNames[0]})` : t.plural));

export interface TargetArg {
  type: ResourceType;
  name: string;
}

/** Parse `TYPE/NAME`, or the two words `TYPE NAME`. A bare NAME is a Pod, as in kubectl logs/exec. */
export function parseTargetArgs(args: string[]): TargetArg | { error: string; hint: string } {
  const hint = `give the target as TYPE/NAME or TYPE NAME, e.g. svc/mariadb or deploy moc-xdmod (types: ${TARGET_TYPE_NAMES.join(', ')})`;
  if (args.length === 0) return { error: 'no target given', hint };
  if (args.length > 2) return { error: `too many arguments: ${args.join(' ')}`, hint };
  let typeText: string;
  let name: string;
  if (args.length === 2) {
    typeText = args[0] as string;
    name = args[1] as string;
    if (typeText.includes('/') || name.includes('/')) return { error: `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form`, hint };
  } else {
    const only = args[0] as string;
    const parts = only.split('/');
    if (parts.length > 2) return { error: 'arguments in resource/name form may not have more than one slash', hint };
    if (parts.length === 1) {
      typeText = 'pod';
      name = only;
    } else {
      typeText = parts[0] as string;
      name = parts[1] as string;
      if (!typeText || typeText.includes(',')) return { error: 'arguments in resource/name form must have a single resource and name', hint };
    }
  }
  if (!name) return { error: `arguments in resource/name form must have a single resource and name`, hint };
  const found = lookupType(typeText);
  if ('error' in found) return { error: found.error, hint };
  if (!found.type.target) return { error: `${found.type.plural} have no selector to examine`, hint };
  return { type: found.type, name };
}
