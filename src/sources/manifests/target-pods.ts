// The pods one target's analysis needs, as the live source reads them for a single target
// (live/target-reads.ts): those its selector matches (a CronJob's Jobs', an HPA's scale
// target's, an Ingress's Services'; a Pod target itself and those of the Services that select
// it), then those of the workloads that own the pods found (kubectl's pick behind each of them),
// and every pod of the namespace when the selector matches none (near misses). A large
// manifest input leaves the others unread (load.ts), as the live source never lists them.

import { matches, type Selector } from '../../core/labels.ts';
import { controllerRef } from '../../core/ownership.ts';
import { findByName, type Kind, type Snapshot } from '../../core/snapshot.ts';
import { jobsOfCronJob, resolveTarget, selectorOf, type TargetQuery } from '../../core/targets/resolve.ts';
import type { CronJob, KubeObject, Service } from '../../core/types.ts';
import type { WholeText } from './parse-json.ts';

/** Kinds whose own selector names their pods. */
const OWN_SELECTOR: ReadonlySet<Kind> = new Set(['Service', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'PodDisruptionBudget']);
/** Kinds a pod's controller chain goes through whose selector kubectl lists pods by (logs, exec on the workload). */
const OWNER_KINDS: ReadonlySet<Kind> = new Set(['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);
/** Longest controller chain followed (pod, ReplicaSet, Deployment is three). */
const CHAIN = 4;

/** Pods as read from a manifest, before any check: every field may be of any type. */
export interface RawPod {
  name: string | null;
  labels: unknown;
  owners: unknown;
}

/** What a target wants of the pods of its namespace; null when it wants all of them. */
export interface PodWant {
  selectors: Selector[];
  names: ReadonlySet<string>;
  /** When no pod matches these selectors: read them all (near misses). */
  allIfNone: boolean;
}

function selectorsOf(specs: (ReturnType<typeof selectorOf> | null | undefined)[]): Selector[] {
  return specs.flatMap((spec) => (spec?.selector && spec.selectsPods ? [spec.selector] : []));
}

/** The pods a target wants first, from the objects other than pods (read before them). */
export function podsWanted(s: Snapshot, q: TargetQuery): PodWant | null {
  // A Pod target is itself among the pods held back: wanted by its name.
  if (q.kind === 'Pod') return { selectors: [], names: new Set([q.name]), allIfNone: false };
  const target = findByName(s.objects[q.kind] as KubeObject[], q.namespace, q.name);
  if (!target) return null;
  const resolution = resolveTarget(s, q);
  const allIfNone = resolution.selector?.selector?.kind === 'requirements';
  if (OWN_SELECTOR.has(q.kind)) return { selectors: selectorsOf([selectorOf(q.kind, target)]), names: new Set(), allIfNone };
  if (q.kind === 'CronJob') return { selectors: selectorsOf(jobsOfCronJob(s, target as CronJob, q.namespace).map((job) => selectorOf('Job', job))), names: new Set(), allIfNone };
  if (q.kind === 'HorizontalPodAutoscaler') return { selectors: selectorsOf([resolution.selector]), names: new Set(), allIfNone };
  if (q.kind === 'Ingress') return { selectors: selectorsOf(resolution.services.map((svc) => selectorOf('Service', svc))), names: new Set(), allIfNone };
  return null;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Whether a selector may match a pod read as written: exactly for a map of strings; yes for
 * labels of another shape (the pod is then read, and its checks say what is wrong).
 */
export function mayMatch(selector: Selector, labels: unknown): boolean {
  if (labels === undefined || labels === null) return matches(selector, {});
  if (!isMapping(labels)) return true;
  for (const k in labels) if (typeof labels[k] !== 'string') return true;
  return matches(selector, labels as Record<string, string>);
}

/**
 * Whether a document's text may hold a pod a selector matches: each key it requires is in the
 * text, and one of the values it allows; in JSON (`quoted`) as the strings they must be. Sound
 * only for a text without escapes (a value spelled with an escape is not in the text as itself):
 * callers ask only of such texts.
 */
export function textMayMatch(selector: Selector, text: string, quoted = false): boolean {
  return textFilter(selector, quoted)({ whole: { text }, from: 0, to: text.length, text });
}

/** A part of a text: the whole text, where in it the part is, and the part itself. */
export interface TextPart {
  whole: WholeText;
  from: number;
  to: number;
  text: string;
}

/**
 * textMayMatch for one selector over parts of whole texts (the documents a read left for
 * later): each value is looked for once in the whole text, and a part holds it when one of
 * its places falls inside the part. (Asked of every pod of a namespace: one search through 25
 * MB beats twenty thousand through one kilobyte each.)
 */
export function textFilter(selector: Selector, quoted: boolean): (part: TextPart) => boolean {
  if (selector.kind !== 'requirements') {
    const answer = selector.kind === 'everything';
    return () => answer;
  }
  const needle = (s: string) => (quoted ? `"${s}"` : s);
  // Per requirement that says something of the text: its key, and the values of which one must be there (none for Exists).
  const wanted = selector.requirements
    .filter((r) => r.operator !== 'NotIn' && r.operator !== 'DoesNotExist')
    .map((r) => ({ key: needle(r.key), values: r.operator === 'Exists' ? null : r.values.map(needle) }));
  const within = (part: TextPart, n: string) => {
    const list = placesOf(part.whole, n);
    return list === null ? part.text.includes(n) : occursWithin(list, part.from, part.to - n.length);
  };
  // A value narrows most (a key is on most pods): values through their places, a key in the part itself (found early there).
  return (part) => wanted.every((w) => (w.values === null || w.values.some((v) => within(part, v))) && part.text.includes(w.key));
}

const places = new WeakMap<WholeText, Map<string, number[] | null>>();
/** More places than this and a needle is too common to list: each part is searched instead (it is found early there). */
const MOST_PLACES = 1 << 18;

/** Where a needle starts in a whole text, in order: found once per text and needle; null when it is everywhere. */
function placesOf(whole: WholeText, needle: string): number[] | null {
  let byNeedle = places.get(whole);
  if (!byNeedle) places.set(whole, (byNeedle = new Map()));
  let found = byNeedle.get(needle);
  if (found === undefined) {
    found = [];
    for (let i = whole.text.indexOf(needle); i >= 0; i = whole.text.indexOf(needle, i + 1)) {
      if (found.push(i) > MOST_PLACES) {
        found = null;
        break;
      }
    }
    byNeedle.set(needle, found);
  }
  return found;
}

/** Whether a place in a sorted list lies within [from, last]. */
function occursWithin(list: readonly number[], from: number, last: number): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && (list[lo] as number) <= last;
}

/**
 * What the pods found add: a Pod target's Services (their pods), and the selectors of the
 * workloads on the pods' controller chains (kubectl lists a workload's pods by its selector
 * to pick one), so that the analysis sees those pods as the live reading does.
 */
export function podsWantedNext(s: Snapshot, q: TargetQuery, found: readonly RawPod[]): Selector[] {
  // `found` is in the order of the input.
  const out: Selector[] = [];
  if (q.kind === 'Pod') {
    // Defined more than once, the last definition is the pod (as kubectl apply leaves it).
    const pod = found.findLast((p) => p.name === q.name);
    if (pod) {
      for (const svc of s.objects.Service as Service[]) {
        if ((svc.metadata?.namespace ?? q.namespace) !== q.namespace) continue;
        const spec = selectorOf('Service', svc);
        if (spec?.selector && spec.selectsPods && mayMatch(spec.selector, pod.labels)) out.push(spec.selector);
      }
    }
  }
  const seen = new Set<string>();
  for (const pod of found) {
    let refs: unknown = pod.owners;
    for (let depth = 0; depth < CHAIN; depth++) {
      const ref = Array.isArray(refs) ? controllerRef({ metadata: { ownerReferences: refs.filter(isMapping) } } as KubeObject) : undefined;
      const kind = ref?.kind as Kind | undefined;
      if (!ref || typeof ref.name !== 'string' || !kind || !OWNER_KINDS.has(kind)) break;
      const key = `${kind}/${ref.name}`;
      if (seen.has(key)) break;
      seen.add(key);
      const owner = findByName(s.objects[kind] as KubeObject[], q.namespace, ref.name);
      if (!owner) break;
      out.push(...selectorsOf([selectorOf(kind, owner)]));
      refs = owner.metadata?.ownerReferences;
    }
  }
  return out;
}
