// A Pod in reverse: every object whose selector matches it, and whether that object
// is in the pod's owner chain.

import { explain, matches } from '../labels.ts';
import { inNamespace, refOf, type Kind, type ObjectRef, type Snapshot } from '../snapshot.ts';
import type { HorizontalPodAutoscaler, KubeObject, Pod } from '../types.ts';
import { chainIncludes, type OwnerLink } from '../ownership.ts';
import { selectorOf } from './resolve.ts';

export interface SelectorMatch {
  object: ObjectRef;
  /** The field that matched, e.g. spec.selector or spec.podSelector. */
  field: string;
  selector: string;
  /** In the pod's owner chain. */
  owner: boolean;
  /** Whether this kind owns pods at all (a Service or PDB never does). */
  controllerKind: boolean;
  /** The labels that made it match. */
  matchedBy: string[];
  note: string | null;
}

const SELECTING_KINDS: Kind[] = ['Service', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'NetworkPolicy', 'PodDisruptionBudget'];
const CONTROLLER_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'CronJob']);

function statefulSetNote(pod: Pod, sts: KubeObject): string | null {
  const m = /^(.*)-([0-9]+)$/.exec(pod.metadata?.name ?? '');
  if (m && m[1] === sts.metadata?.name) return null;
  return `the StatefulSet never claims it: it claims only pods named ${sts.metadata?.name}-<ordinal>`;
}

export function selectedBy(s: Snapshot, pod: Pod, chain: OwnerLink[]): SelectorMatch[] {
  const namespace = pod.metadata?.namespace ?? s.defaultNamespace;
  const out: SelectorMatch[] = [];
  for (const kind of SELECTING_KINDS) {
    for (const o of inNamespace(s.objects[kind] as KubeObject[], namespace)) {
      const spec = selectorOf(kind, o);
      if (!spec?.selector || !spec.selectsPods || !matches(spec.selector, pod.metadata?.labels)) continue;
      const ref = refOf(kind, o);
      ref.namespace = namespace;
      out.push({
        object: ref,
        field: spec.field,
        selector: spec.text,
        owner: chainIncludes(chain, ref),
        controllerKind: CONTROLLER_KINDS.has(kind),
        matchedBy: explain(spec.selector, pod.metadata?.labels).filter((v) => v.matched).map((v) => v.why),
        note: kind === 'StatefulSet' ? statefulSetNote(pod, o) : null,
      });
    }
  }
  // Autoscalers measure the pods of their scale target's selector.
  for (const hpa of inNamespace(s.objects.HorizontalPodAutoscaler, namespace) as HorizontalPodAutoscaler[]) {
    const ref = hpa.spec?.scaleTargetRef;
    const target = out.find((m) => m.object.kind === ref?.kind && m.object.name === ref?.name);
    if (!target) continue;
    const hpaRef = refOf('HorizontalPodAutoscaler', hpa);
    hpaRef.namespace = namespace;
    out.push({ object: hpaRef, field: `scaleTargetRef ${ref?.kind}/${ref?.name}`, selector: target.selector, owner: false, controllerKind: false, matchedBy: target.matchedBy, note: null });
  }
  return out;
}
