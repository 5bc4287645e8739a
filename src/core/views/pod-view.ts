// A selected pod as the report shows it.

import { requirementMatches, type Requirement, type Selector } from '../labels.ts';
import { adoptionEvidence, chainIncludes, ownerChain, type OwnerLink, type OwnershipGraph } from '../ownership.ts';
import { snapshotCache } from '../indexes.ts';
import {
  declaredPorts, gracePeriodSeconds, hasReadinessProbe, isReady, isTerminating, maxRestarts, podIP, preStopOf, readySince, zoneOf,
} from '../pods.ts';
import type { LabelView, PodView } from '../report.ts';
import { isTemplate, refOf, type ObjectRef, type Snapshot } from '../snapshot.ts';
import type { Pod } from '../types.ts';

const CONTROLLER_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);

export function isControllerKind(kind: string): boolean {
  return CONTROLLER_KINDS.has(kind);
}

type PodFacts = Omit<PodView, 'ownedByTarget' | 'labels'>;

/** What a pod view says whatever the target: computed once per pod and snapshot, shared by every target selecting it. */
type FactsCache = { graph: OwnershipGraph; byPod: WeakMap<Pod, { chain: OwnerLink[]; facts: PodFacts }> };

function factsCache(s: Snapshot, g: OwnershipGraph): FactsCache {
  return snapshotCache(s, 'pod-facts', () => ({ graph: g, byPod: new WeakMap<Pod, { chain: OwnerLink[]; facts: PodFacts }>() }));
}

function podFacts(s: Snapshot, g: OwnershipGraph, pod: Pod, cache: FactsCache): { chain: OwnerLink[]; facts: PodFacts } {
  const known = cache.graph === g ? cache.byPod.get(pod) : undefined;
  if (known) return known;
  const template = isTemplate(s, pod);
  const chain = ownerChain(g, pod);
  const facts: PodFacts = {
    ref: refOf('Pod', pod),
    template,
    phase: template ? null : (pod.status?.phase ?? null),
    ready: template || !pod.status ? null : isReady(pod),
    readySince: template ? null : readySince(pod),
    terminating: isTerminating(pod),
    deletionTimestamp: pod.metadata?.deletionTimestamp ?? null,
    node: pod.spec?.nodeName ?? null,
    zone: zoneOf(pod.spec?.nodeName, s.objects.Node),
    ip: podIP(pod),
    restarts: template ? null : maxRestarts(pod),
    createdAt: pod.metadata?.creationTimestamp ?? null,
    owners: chain.map((l) => ({ ref: l.ref, present: l.present, staleUid: l.staleUid })),
    adopted: template ? null : adoptionEvidence(pod, chain[0]?.ref, s.origin !== 'manifests'),
    ports: declaredPorts(pod),
    readinessProbe: hasReadinessProbe(pod),
    preStop: preStopOf(pod),
    terminationGracePeriodSeconds: gracePeriodSeconds(pod),
  };
  const entry = { chain, facts };
  if (cache.graph === g) cache.byPod.set(pod, entry);
  return entry;
}

/** A selected pod's view. Its parts other than `labels` are shared between views of the same pod: do not modify them. */
export function podView(s: Snapshot, g: OwnershipGraph, pod: Pod, target: ObjectRef | null, selector: Selector | null): PodView {
  return viewOf(s, g, pod, target, selector, factsCache(s, g));
}

/**
 * The views of these pods, in their order (the same as podView of each). Without `labels`
 * (check, where no view is shown: its rules read the pods' labels themselves), each view's
 * labels are one shared empty list, so thousands of targets do not build them.
 */
export function podViews(s: Snapshot, g: OwnershipGraph, pods: readonly Pod[], target: ObjectRef | null, selector: Selector | null, labels = true): PodView[] {
  const cache = factsCache(s, g);
  return pods.map((p) => viewOf(s, g, p, target, selector, cache, labels));
}

const NO_LABELS: readonly LabelView[] = Object.freeze([]);

const NO_REQUIREMENTS: readonly Requirement[] = [];

/** The pod's labels in their order, each marked when a requirement of the selector on its key holds (made for every view: no Set, no entries array). */
function labelViews(selector: Selector | null, labels: Record<string, string> | undefined): LabelView[] {
  const out: LabelView[] = [];
  if (!labels) return out;
  const requirements = selector?.kind === 'requirements' ? selector.requirements : NO_REQUIREMENTS;
  for (const key in labels) {
    if (!Object.hasOwn(labels, key)) continue;
    let matched = false;
    for (const r of requirements) {
      if (r.key === key && requirementMatches(r, labels)) {
        matched = true;
        break;
      }
    }
    out.push({ key, value: labels[key] as string, matched });
  }
  return out;
}

function viewOf(s: Snapshot, g: OwnershipGraph, pod: Pod, target: ObjectRef | null, selector: Selector | null, cache: FactsCache, withLabels = true): PodView {
  const { chain, facts: f } = podFacts(s, g, pod, cache);
  const labels = withLabels ? labelViews(selector, pod.metadata?.labels) : (NO_LABELS as LabelView[]);
  // The fields in the report's order.
  return {
    ref: f.ref,
    template: f.template,
    phase: f.phase,
    ready: f.ready,
    readySince: f.readySince,
    terminating: f.terminating,
    deletionTimestamp: f.deletionTimestamp,
    node: f.node,
    zone: f.zone,
    ip: f.ip,
    restarts: f.restarts,
    createdAt: f.createdAt,
    owners: f.owners,
    ownedByTarget: target && isControllerKind(target.kind) ? chainIncludes(chain, target) : null,
    adopted: f.adopted,
    labels,
    ports: f.ports,
    readinessProbe: f.readinessProbe,
    preStop: f.preStop,
    terminationGracePeriodSeconds: f.terminationGracePeriodSeconds,
  };
}
