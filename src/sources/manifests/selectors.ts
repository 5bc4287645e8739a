// Where each modelled kind keeps its selectors and label maps, for validation.

import type { Kind } from '../../core/snapshot.ts';
import type { FieldPath } from './parse.ts';

export interface SelectorField {
  /** Field path, e.g. ["spec", "selector"]. */
  path: FieldPath;
  /** A metav1.LabelSelector, or a plain map (Service, ReplicationController). */
  form: 'labelSelector' | 'map';
  value: unknown;
}

export interface LabelMap {
  path: FieldPath;
  value: unknown;
  /** Label maps are validated as labels; annotations only as strings. */
  labels: boolean;
}

type Loose = Record<string, unknown>;

function get(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Loose)[key];
  }
  return cur;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The pod template of a kind that has one, with its path. */
export function templatePath(kind: Kind): string[] | null {
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template'];
  return WORKLOADS_WITH_SPEC_SELECTOR.has(kind) || kind === 'ReplicationController' ? ['spec', 'template'] : null;
}

/** The workloads whose own spec.selector is a LabelSelector (a ReplicationController's is a map; a CronJob's is its Job template's). */
const WORKLOADS_WITH_SPEC_SELECTOR: ReadonlySet<Kind> = new Set<Kind>(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

function peerSelectors(rules: unknown, peersKey: 'from' | 'to', base: 'ingress' | 'egress'): SelectorField[] {
  const out: SelectorField[] = [];
  list(rules).forEach((rule, i) => {
    list(get(rule, peersKey)).forEach((peer, j) => {
      for (const key of ['podSelector', 'namespaceSelector']) {
        const value = get(peer, key);
        if (value !== undefined && value !== null) out.push({ path: ['spec', base, i, peersKey, j, key], form: 'labelSelector', value });
      }
    });
  });
  return out;
}

export function selectorFields(kind: Kind, obj: unknown): SelectorField[] {
  if (WORKLOADS_WITH_SPEC_SELECTOR.has(kind) || kind === 'PodDisruptionBudget') return [{ path: ['spec', 'selector'], form: 'labelSelector', value: get(obj, 'spec', 'selector') }];
  switch (kind) {
    case 'CronJob': {
      const value = get(obj, 'spec', 'jobTemplate', 'spec', 'selector');
      return value === undefined || value === null ? [] : [{ path: ['spec', 'jobTemplate', 'spec', 'selector'], form: 'labelSelector', value }];
    }
    case 'Service':
    case 'ReplicationController':
      return [{ path: ['spec', 'selector'], form: 'map', value: get(obj, 'spec', 'selector') }];
    case 'NetworkPolicy':
      return [
        { path: ['spec', 'podSelector'], form: 'labelSelector', value: get(obj, 'spec', 'podSelector') },
        ...peerSelectors(get(obj, 'spec', 'ingress'), 'from', 'ingress'),
        ...peerSelectors(get(obj, 'spec', 'egress'), 'to', 'egress'),
      ];
    default:
      return [];
  }
}

export function labelMaps(kind: Kind, obj: unknown): LabelMap[] {
  const out: LabelMap[] = [
    { path: ['metadata', 'labels'], value: get(obj, 'metadata', 'labels'), labels: true },
    { path: ['metadata', 'annotations'], value: get(obj, 'metadata', 'annotations'), labels: false },
  ];
  const t = templatePath(kind);
  if (t) {
    out.push({ path: [...t, 'metadata', 'labels'], value: get(obj, ...t, 'metadata', 'labels'), labels: true });
    out.push({ path: [...t, 'metadata', 'annotations'], value: get(obj, ...t, 'metadata', 'annotations'), labels: false });
  }
  if (kind === 'CronJob') out.push({ path: ['spec', 'jobTemplate', 'metadata', 'labels'], value: get(obj, 'spec', 'jobTemplate', 'metadata', 'labels'), labels: true });
  return out;
}
