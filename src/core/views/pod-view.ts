// A selected pod as the report shows it.

import { matchingKeys, type Selector } from '../labels.ts';
import { adoptionEvidence, chainIncludes, ownerChain, type OwnershipGraph } from '../ownership.ts';
import {
  declaredPorts, gracePeriodSeconds, hasReadinessProbe, isReady, isTerminating, maxRestarts, podIP, preStopOf, readySince, zoneOf,
} from '../pods.ts';
import type { PodView } from '../report.ts';
import { isTemplate, refOf, type ObjectRef, type Snapshot } from '../snapshot.ts';
import type { Pod } from '../types.ts';

const CONTROLLER_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);

export function isControllerKind(kind: string): boolean {
  return CONTROLLER_KINDS.has(kind);
}

export function podView(s: Snapshot, g: OwnershipGraph, pod: Pod, target: ObjectRef | null, selector: Selector | null): PodView {
  const template = isTemplate(s, pod);
  const chain = ownerChain(g, pod);
  const keys = new Set(selector ? matchingKeys(selector, pod.metadata?.labels) : []);
  const labels = Object.entries(pod.metadata?.labels ?? {}).map(([key, value]) => ({ key, value, matched: keys.has(key) }));
  const ref = refOf('Pod', pod);
  return {
    ref,
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
    ownedByTarget: target && isControllerKind(target.kind) ? chainIncludes(chain, target) : null,
    adopted: template ? null : adoptionEvidence(pod, chain[0]?.ref, s.origin !== 'manifests'),
    labels,
    ports: declaredPorts(pod),
    readinessProbe: hasReadinessProbe(pod),
    preStop: preStopOf(pod),
    terminationGracePeriodSeconds: gracePeriodSeconds(pod),
  };
}
