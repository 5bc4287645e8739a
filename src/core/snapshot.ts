// The world as one source saw it: plain objects per kind, what could not be read,
// and (offline) which pods are templates rather than running pods.

import type {
  CronJob, EndpointSlice, HorizontalPodAutoscaler, Ingress, KubeObject, Namespace, NetworkPolicy, Node, Pod,
  PodDisruptionBudget, ReplicationController, Service, Workload,
} from './types.ts';
import { objectNamed, objectsInNamespace } from './indexes.ts';

export const KINDS = [
  'Pod', 'Service', 'EndpointSlice', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob',
  'ReplicationController', 'NetworkPolicy', 'PodDisruptionBudget', 'Ingress', 'HorizontalPodAutoscaler', 'Node', 'Namespace',
] as const;

export type Kind = (typeof KINDS)[number];

export interface KindTypes {
  Pod: Pod;
  Service: Service;
  EndpointSlice: EndpointSlice;
  Deployment: Workload;
  ReplicaSet: Workload;
  StatefulSet: Workload;
  DaemonSet: Workload;
  Job: Workload;
  CronJob: CronJob;
  ReplicationController: ReplicationController;
  NetworkPolicy: NetworkPolicy;
  PodDisruptionBudget: PodDisruptionBudget;
  Ingress: Ingress;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  Node: Node;
  Namespace: Namespace;
}

export type Objects = { [K in Kind]: KindTypes[K][] };

export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
  apiVersion?: string;
}

/** Something the source could not read; the report says so instead of guessing. */
export interface ReadGap {
  kind: Kind | string;
  namespace?: string;
  reason: 'forbidden' | 'unauthorized' | 'not-found' | 'unavailable' | 'error';
  message: string;
}

export type Origin = 'live' | 'manifests' | 'replay';

/** Where a manifest object was read: file (or `kustomize DIR`), document and line, and fields it set itself. */
export interface ObjectOrigin {
  source: string;
  document: number;
  line: number | null;
  /** Fields written in the manifest rather than defaulted, among those rules ask about (e.g. `spec.replicas`). */
  set: string[];
}

/** The key of `origins`: kind/namespace/name. */
export function originKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export interface Snapshot {
  origin: Origin;
  /** The namespace a bare NAME refers to (kubeconfig context, -n, or "default"). */
  defaultNamespace: string;
  objects: Objects;
  /**
   * Kinds whose listing is authoritative for the namespaces in question: an object
   * of a known kind that is absent does not exist. Offline, Nodes and EndpointSlices
   * are unknown, and Pods are templates.
   */
  known: Kind[];
  /** Pod UID -> the workload whose pod template the pod stands for (offline). */
  templateOf: Record<string, ObjectRef>;
  gaps: ReadGap[];
  /** Offline: where each object was read, by originKey. */
  origins?: Map<string, ObjectOrigin>;
  /** -k: kustomization fields that write selectors (commonLabels, labels with includeSelectors). */
  selectorWriters?: SelectorWriter[];
}

/** A kustomization field that adds labels to selectors as well as to metadata. */
export interface SelectorWriter {
  /** The kustomization file. */
  file: string;
  /** `commonLabels`, or `labels[i]` (with includeSelectors: true). */
  field: string;
  labels: Record<string, string>;
}

export function emptyObjects(): Objects {
  return Object.fromEntries(KINDS.map((k) => [k, []])) as unknown as Objects;
}

export function emptySnapshot(origin: Origin, defaultNamespace = 'default'): Snapshot {
  return { origin, defaultNamespace, objects: emptyObjects(), known: [], templateOf: {}, gaps: [] };
}

export function nsOf(o: KubeObject, fallback = 'default'): string {
  return o.metadata?.namespace ?? fallback;
}

export function refOf(kind: string, o: KubeObject): ObjectRef {
  const ref: ObjectRef = { kind, name: o.metadata?.name ?? '' };
  if (o.metadata?.namespace) ref.namespace = o.metadata.namespace;
  if (o.metadata?.uid) ref.uid = o.metadata.uid;
  if (o.apiVersion) ref.apiVersion = o.apiVersion;
  return ref;
}

export function refString(ref: ObjectRef): string {
  return `${ref.kind}/${ref.name}`;
}

/** The objects of a namespace in list order, from the namespace index (shared: do not modify). */
export function inNamespace<T extends KubeObject>(list: readonly T[], namespace: string): readonly T[] {
  return objectsInNamespace(list, namespace);
}

/** The first object of that namespace and name, from the name index. */
export function findByName<T extends KubeObject>(list: readonly T[] | undefined, namespace: string, name: string): T | undefined {
  // `list` is often `s.objects[kind]` for a kind some object named (an ownerReference, a
  // scaleTargetRef): a kind we do not hold, or one like `__proto__`, finds nothing.
  return Array.isArray(list) ? objectNamed(list, namespace, name) : undefined;
}

export function isTemplate(s: Snapshot, pod: Pod): boolean {
  const uid = pod.metadata?.uid;
  return uid !== undefined && s.templateOf[uid] !== undefined;
}

export function isKnown(s: Snapshot, kind: Kind): boolean {
  return s.known.includes(kind);
}
