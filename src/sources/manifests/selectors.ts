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

function get(obj: unknown, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (let i = 0; i < path.length; i++) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Loose)[path[i] as string];
  }
  return cur;
}

// Paths asked of every object read, made once.
const SPEC_SELECTOR: readonly string[] = ['spec', 'selector'];
const JOB_TEMPLATE_SELECTOR: readonly string[] = ['spec', 'jobTemplate', 'spec', 'selector'];
const POD_SELECTOR: readonly string[] = ['spec', 'podSelector'];
const LABELS: readonly string[] = ['metadata', 'labels'];
const ANNOTATIONS: readonly string[] = ['metadata', 'annotations'];
const JOB_TEMPLATE_LABELS: readonly string[] = ['spec', 'jobTemplate', 'metadata', 'labels'];
const TEMPLATE_LABELS: readonly string[] = ['spec', 'template', 'metadata', 'labels'];
const TEMPLATE_ANNOTATIONS: readonly string[] = ['spec', 'template', 'metadata', 'annotations'];
const CRON_TEMPLATE_LABELS: readonly string[] = ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'];
const CRON_TEMPLATE_ANNOTATIONS: readonly string[] = ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'annotations'];

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
    list(get(rule, [peersKey])).forEach((peer, j) => {
      for (const key of ['podSelector', 'namespaceSelector']) {
        const value = get(peer, [key]);
        if (value !== undefined && value !== null) out.push({ path: ['spec', base, i, peersKey, j, key], form: 'labelSelector', value });
      }
    });
  });
  return out;
}

/** The selectors of an object, with their paths (shared: do not change them). */
export function selectorFields(kind: Kind, obj: unknown): SelectorField[] {
  if (WORKLOADS_WITH_SPEC_SELECTOR.has(kind) || kind === 'PodDisruptionBudget') return [{ path: SPEC_SELECTOR, form: 'labelSelector', value: get(obj, SPEC_SELECTOR) }];
  switch (kind) {
    case 'CronJob': {
      const value = get(obj, JOB_TEMPLATE_SELECTOR);
      return value === undefined || value === null ? [] : [{ path: JOB_TEMPLATE_SELECTOR, form: 'labelSelector', value }];
    }
    case 'Service':
    case 'ReplicationController':
      return [{ path: SPEC_SELECTOR, form: 'map', value: get(obj, SPEC_SELECTOR) }];
    case 'NetworkPolicy':
      return [
        { path: POD_SELECTOR, form: 'labelSelector', value: get(obj, POD_SELECTOR) },
        ...peerSelectors(get(obj, ['spec', 'ingress']), 'from', 'ingress'),
        ...peerSelectors(get(obj, ['spec', 'egress']), 'to', 'egress'),
      ];
    default:
      return [];
  }
}

/** The label and annotation maps of an object, with their paths (shared: do not change them). */
export function labelMaps(kind: Kind, obj: unknown): LabelMap[] {
  const out: LabelMap[] = [
    { path: LABELS, value: get(obj, LABELS), labels: true },
    { path: ANNOTATIONS, value: get(obj, ANNOTATIONS), labels: false },
  ];
  const t = templatePath(kind);
  if (t) {
    const cron = kind === 'CronJob';
    const labels = cron ? CRON_TEMPLATE_LABELS : TEMPLATE_LABELS;
    const annotations = cron ? CRON_TEMPLATE_ANNOTATIONS : TEMPLATE_ANNOTATIONS;
    out.push({ path: labels, value: get(obj, labels), labels: true });
    out.push({ path: annotations, value: get(obj, annotations), labels: false });
  }
  if (kind === 'CronJob') out.push({ path: JOB_TEMPLATE_LABELS, value: get(obj, JOB_TEMPLATE_LABELS), labels: true });
  return out;
}
