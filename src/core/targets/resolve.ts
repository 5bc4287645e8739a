// Resolve a target (TYPE/NAME in a namespace) to its selector and the pods it selects.
// Selection is namespace + label selector only; ownership plays no part (trap 4).

import type { Selector } from '../labels.ts';
import { kept, podsInNamespaceSelected, snapshotCache } from '../indexes.ts';
import { findByName, inNamespace, isKnown, refOf, type Kind, type ObjectRef, type Snapshot } from '../snapshot.ts';
import type { CronJob, HorizontalPodAutoscaler, Ingress, KubeObject, NetworkPolicy, Pod, PodDisruptionBudget, ReplicationController, Service, Workload } from '../types.ts';
import { controllerRef } from '../ownership.ts';
import {
  derivedSelector, networkPolicySelector, pdbSelector, replicationControllerSelector, serviceSelector, workloadSelector, type SelectorSpec,
} from './selector-spec.ts';
import { ingressBackends, type IngressBackendRef } from './ingress.ts';

export interface Resolution {
  target: ObjectRef;
  object: KubeObject | null;
  selector: SelectorSpec | null;
  /** The selected pods in API List order (by name, as etcd keys sort). */
  pods: Pod[];
  /** Objects the selection goes through: a CronJob's Jobs, an HPA's scale target, an Ingress's Services. */
  via: ObjectRef[];
  /** The Services whose routing matters: the target itself, or an Ingress's backends. */
  services: Service[];
  backends: IngressBackendRef[];
  notes: string[];
}

export interface TargetQuery {
  kind: Kind;
  name: string;
  namespace: string;
}

/** Byte-wise name order: the order of etcd keys, hence of an API List. */
export function listOrder<T extends KubeObject>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    const x = a.metadata?.name ?? '';
    const y = b.metadata?.name ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** The pods a selector picks in a namespace, in List order; one array per namespace and selector per snapshot, shared: do not modify. */
export function podsMatching(s: Snapshot, namespace: string, spec: SelectorSpec | null): Pod[] {
  if (!spec?.selector || !spec.selectsPods) return [];
  return podsSelectedIn(s, namespace, spec.selector);
}

/**
 * The pods a selector matches in a namespace, in List order; kept per namespace and selector
 * for the snapshot's life (NetworkPolicies ask for other namespaces' pods), shared: do not modify.
 */
export function podsSelectedIn(s: Snapshot, namespace: string, selector: Selector): Pod[] {
  return podsOf(s, bySelector(s, selector), namespace, selector);
}

/**
 * podsSelectedIn for each of the namespaces, in their order: the selector's key is made once
 * (a policy whose peer looks in every namespace asks for all of them).
 */
export function podsSelectedInEach(s: Snapshot, namespaces: readonly string[], selector: Selector): Pod[][] {
  const byNamespace = bySelector(s, selector);
  return namespaces.map((namespace) => podsOf(s, byNamespace, namespace, selector));
}

/** The selector's pods by namespace, kept for the snapshot's life. */
function bySelector(s: Snapshot, selector: Selector): Map<string, Pod[]> {
  const known = snapshotCache(s, 'pods-matching', () => new Map<string, Map<string, Pod[]>>(), true);
  return kept(known, JSON.stringify(selector), () => new Map<string, Pod[]>());
}

function podsOf(s: Snapshot, byNamespace: Map<string, Pod[]>, namespace: string, selector: Selector): Pod[] {
  return kept(byNamespace, namespace, () => listOrder(podsInNamespaceSelected(s.objects.Pod, namespace, selector)));
}

export function selectorOf(kind: Kind, o: KubeObject): SelectorSpec | null {
  switch (kind) {
    case 'Service':
      return serviceSelector((o as Service).spec?.selector);
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return workloadSelector(kind, (o as Workload).spec?.selector);
    case 'ReplicationController':
      return replicationControllerSelector((o as ReplicationController).spec?.selector);
    case 'NetworkPolicy':
      return networkPolicySelector((o as NetworkPolicy).spec?.podSelector);
    case 'PodDisruptionBudget':
      return pdbSelector((o as PodDisruptionBudget).spec?.selector);
    default:
      return null;
  }
}

function base(q: TargetQuery, object: KubeObject | null): Resolution {
  const target: ObjectRef = object ? refOf(q.kind, object) : { kind: q.kind, name: q.name, namespace: q.namespace };
  target.namespace = q.namespace;
  return { target, object, selector: null, pods: [], via: [], services: [], backends: [], notes: [] };
}

/** The Jobs a CronJob owns: those whose controllerRef names it (the CronJob controller compares names, not UIDs). */
export function jobsOfCronJob(s: Snapshot, cj: CronJob, namespace: string): Workload[] {
  return listOrder(inNamespace(s.objects.Job, namespace).filter((j) => {
    const ref = controllerRef(j);
    return ref?.kind === 'CronJob' && ref.name === cj.metadata?.name;
  }));
}

const SCALABLE: Kind[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

export function resolveTarget(s: Snapshot, q: TargetQuery): Resolution {
  const list = s.objects[q.kind] as KubeObject[];
  const object = findByName(list, q.namespace, q.name) ?? null;
  const r = base(q, object);
  if (!object) return r;
  switch (q.kind) {
    case 'CronJob': {
      const jobs = jobsOfCronJob(s, object as CronJob, q.namespace);
      r.via = jobs.map((j) => refOf('Job', j));
      const seen = new Set<string>();
      for (const job of jobs) {
        for (const p of podsMatching(s, q.namespace, selectorOf('Job', job))) {
          const key = p.metadata?.uid ?? p.metadata?.name ?? '';
          if (!seen.has(key)) {
            seen.add(key);
            r.pods.push(p);
          }
        }
      }
      // Offline, the CronJob's own template pod stands for the pods its Jobs will make.
      for (const p of inNamespace(s.objects.Pod, q.namespace)) {
        const ref = controllerRef(p);
        if (ref?.kind === 'CronJob' && ref.name === q.name && !seen.has(p.metadata?.uid ?? '')) r.pods.push(p);
      }
      r.pods = listOrder(r.pods);
      r.notes.push('A CronJob has no selector: its pods are those of the Jobs whose controllerRef names it.');
      return r;
    }
    case 'HorizontalPodAutoscaler': {
      const ref = (object as HorizontalPodAutoscaler).spec?.scaleTargetRef;
      const kind = ref?.kind as Kind | undefined;
      if (!ref?.name || !kind || !SCALABLE.includes(kind)) {
        r.notes.push(`The scale target ${ref?.kind ?? '?'}/${ref?.name ?? '?'} is not a kind this tool reads; its /scale selector is unknown.`);
        return r;
      }
      const scaleTarget = findByName(s.objects[kind] as KubeObject[], q.namespace, ref.name);
      if (!scaleTarget) {
        r.via = [{ kind, name: ref.name, namespace: q.namespace }];
        r.notes.push(`The scale target ${kind}/${ref.name} does not exist, so the autoscaler has no pods to measure.`);
        return r;
      }
      r.via = [refOf(kind, scaleTarget)];
      const inner = selectorOf(kind, scaleTarget);
      r.selector = inner ? derivedSelector(`${kind}/${ref.name} spec.selector (its /scale status.selector)`, inner, 'the autoscaler measures the pods its scale target\'s selector matches') : null;
      r.pods = podsMatching(s, q.namespace, r.selector);
      return r;
    }
    case 'Ingress': {
      r.backends = ingressBackends(object as Ingress);
      const names = [...new Set(r.backends.filter((b) => b.service).map((b) => b.service as string))];
      const seen = new Set<string>();
      for (const name of names) {
        const svc = findByName(s.objects.Service, q.namespace, name);
        if (!svc) {
          r.notes.push(isKnown(s, 'Service')
            ? `The backend Service ${name} does not exist in namespace ${q.namespace}: requests routed to it get an error from the ingress controller.`
            : `The backend Service ${name} is not in the input, so its pods are unknown.`);
          continue;
        }
        r.services.push(svc);
        r.via.push(refOf('Service', svc));
        for (const p of podsMatching(s, q.namespace, selectorOf('Service', svc))) {
          const key = p.metadata?.uid ?? p.metadata?.name ?? '';
          if (!seen.has(key)) {
            seen.add(key);
            r.pods.push(p);
          }
        }
      }
      r.pods = listOrder(r.pods);
      r.notes.push('An Ingress names Services, not pods; which endpoints the ingress controller uses, and how it treats readiness, depends on the controller.');
      return r;
    }
    default: {
      r.selector = selectorOf(q.kind, object);
      r.pods = podsMatching(s, q.namespace, r.selector);
      if (q.kind === 'Service') r.services = [object as Service];
      return r;
    }
  }
}
