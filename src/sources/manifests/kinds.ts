// Which manifests the tool models: the core's kinds, by API group. An apiVersion the
// API server no longer serves is still read (with a problem), because old manifests
// are exactly what forensics meets. Removal releases are from the Kubernetes
// deprecated API migration guide (https://kubernetes.io/docs/reference/using-api/deprecation-guide/).

import type { Kind } from '../../core/snapshot.ts';

interface KindInfo {
  served: string[];
  /** apiVersion -> the release that stopped serving it. */
  removed: Record<string, string>;
  namespaced: boolean;
}

const APPS_LEGACY = { 'extensions/v1beta1': '1.16', 'apps/v1beta1': '1.16', 'apps/v1beta2': '1.16' };

const KIND_INFO: Record<Kind, KindInfo> = {
  Pod: { served: ['v1'], removed: {}, namespaced: true },
  Service: { served: ['v1'], removed: {}, namespaced: true },
  EndpointSlice: { served: ['discovery.k8s.io/v1'], removed: { 'discovery.k8s.io/v1beta1': '1.25' }, namespaced: true },
  Deployment: { served: ['apps/v1'], removed: APPS_LEGACY, namespaced: true },
  ReplicaSet: { served: ['apps/v1'], removed: { 'extensions/v1beta1': '1.16', 'apps/v1beta2': '1.16' }, namespaced: true },
  StatefulSet: { served: ['apps/v1'], removed: { 'apps/v1beta1': '1.16', 'apps/v1beta2': '1.16' }, namespaced: true },
  DaemonSet: { served: ['apps/v1'], removed: { 'extensions/v1beta1': '1.16', 'apps/v1beta2': '1.16' }, namespaced: true },
  Job: { served: ['batch/v1'], removed: {}, namespaced: true },
  CronJob: { served: ['batch/v1'], removed: { 'batch/v1beta1': '1.25' }, namespaced: true },
  ReplicationController: { served: ['v1'], removed: {}, namespaced: true },
  NetworkPolicy: { served: ['networking.k8s.io/v1'], removed: { 'extensions/v1beta1': '1.16' }, namespaced: true },
  PodDisruptionBudget: { served: ['policy/v1'], removed: { 'policy/v1beta1': '1.25' }, namespaced: true },
  Ingress: { served: ['networking.k8s.io/v1'], removed: { 'extensions/v1beta1': '1.22', 'networking.k8s.io/v1beta1': '1.22' }, namespaced: true },
  HorizontalPodAutoscaler: { served: ['autoscaling/v2', 'autoscaling/v1'], removed: { 'autoscaling/v2beta1': '1.25', 'autoscaling/v2beta2': '1.26' }, namespaced: true },
  Node: { served: ['v1'], removed: {}, namespaced: false },
  Namespace: { served: ['v1'], removed: {}, namespaced: false },
};

export interface Classified {
  kind: Kind;
  /** The release that stopped serving this apiVersion, or null when it is served. */
  removedIn: string | null;
  /** What to write instead. */
  served: string;
}

/** classify's answers by kind and apiVersion (a manifest repeats a few pairs thousands of times). */
const classified = new Map<string, Map<string, Classified | null>>();

/** The modelled kind an apiVersion and kind name, or null (the answer is shared: do not change it). */
export function classify(apiVersion: string, kind: string): Classified | null {
  let byVersion = classified.get(kind);
  if (byVersion === undefined) {
    // Only kinds the tool models are kept (any other kind is null whatever its apiVersion).
    if (!Object.prototype.hasOwnProperty.call(KIND_INFO, kind)) return null;
    byVersion = new Map();
    classified.set(kind, byVersion);
  }
  const known = byVersion.get(apiVersion);
  if (known !== undefined) return known;
  const answer = classifyOnce(apiVersion, kind);
  if (answer) Object.freeze(answer);
  if (byVersion.size < 64) byVersion.set(apiVersion, answer);
  return answer;
}

function classifyOnce(apiVersion: string, kind: string): Classified | null {
  if (!Object.prototype.hasOwnProperty.call(KIND_INFO, kind)) return null;
  const k = kind as Kind;
  const info = KIND_INFO[k];
  const served = info.served[0] as string;
  if (info.served.includes(apiVersion)) return { kind: k, removedIn: null, served };
  // Own keys only: an apiVersion such as "__proto__" or "constructor" is not a removed version.
  const removedIn = Object.hasOwn(info.removed, apiVersion) ? info.removed[apiVersion] : undefined;
  if (removedIn !== undefined) return { kind: k, removedIn, served };
  return null;
}

/** The apiVersion that serves a kind the tool models, or null for any other kind. */
export function modelledServedIn(kind: string): string | null {
  return Object.prototype.hasOwnProperty.call(KIND_INFO, kind) ? (KIND_INFO[kind as Kind].served[0] as string) : null;
}

export function isNamespaced(kind: Kind): boolean {
  return KIND_INFO[kind].namespaced;
}

/** The name the ignored-kinds tally uses: the kind, qualified by its group when that group is one we model under another meaning. */
export function ignoredName(apiVersion: string, kind: string): string {
  if (!Object.prototype.hasOwnProperty.call(KIND_INFO, kind)) return kind;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : 'core';
  return `${kind}.${group}`;
}
