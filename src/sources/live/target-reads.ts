// The reads one target needs, in as few rounds as the data allows:
//   1. GET the target and, at the same time, what does not depend on it: the owner kinds and
//      PodDisruptionBudgets of its namespace, for a Service its EndpointSlices (by
//      kubernetes.io/service-name); a Pod also needs the selector-bearing kinds of its
//      namespace, an Ingress its Services. These are collected only once the target is found
//      (a target that does not exist leaves the snapshot empty). The Deployments (and a Pod's
//      ReplicaSets) as their printed selectors only: those the report can use are read by name
//      (printed-selectors.ts), as far as the target's own pods tell as soon as they are in (a
//      Pod's at once; others' after round 2, beside round 6), and what more the rest shows
//      once every other read is in, before the last of round 6.
//   2. When the target's own selector is known: its pods (server-side labelSelector), and for
//      most targets (RS_BY_SELECTOR) the ReplicaSets whose own labels that selector matches. A
//      NetworkPolicy's pods go out with its peers' instead, once the namespaces the peers name
//      are known (the Namespace list first, when a namespaceSelector needs it), each namespace
//      and selector once: a policy over its own namespace is not read twice.
//   3. Pods (and slices) found through what round 2 returned: a CronJob's Jobs, an HPA's scale
//      target and an Ingress's backend Services (both read by name at once, not waited for in
//      round 1), the Services that select a Pod (as soon as the namespace's Services are in,
//      without waiting for the rest of round 1); for the first three (RS_THROUGH) also the
//      ReplicaSets those objects' selectors match.
//   4. Only when the selector matches no pod: every pod of the namespace, for near misses.
//   5. Only when a selected pod names a ReplicaSet as its controller that no read returned (the
//      ReplicaSets read by a selector, not whole): that ReplicaSet by name; or, when a selected
//      pod has no controller (any ReplicaSet whose selector matches it may adopt it) or more
//      than NAMED_AT_MOST are missing, the namespace's whole.
//   6. The Nodes the pods read run on (metadata only: their zone, whether they exist), as soon
//      as round 2's pods are in, beside the rest, and again at the end for pods read later: by
//      the hostname label in one request, those it did not return by name; the whole list
//      instead when a Service whose routing the report works out has a Local traffic policy
//      (a Service target, one that selects a Pod target, an Ingress's backend) or more than
//      NODES_AT_MOST are needed (see readNodes). A watch, and a screen (which can start one),
//      read the whole list in round 1: the pods that come later may run on any Node.
// No request is made per pod.
//
// Pods are read by selector, so `known` holds Pod only when a namespace's pods were listed
// without one (an empty selector, or round 4). What the rules see: the selection and kubectl's
// pick are exact (kubectl lists by the same selector); near misses are exact (round 4 runs
// exactly when analyze looks for them); an overlap between two other workloads is judged on
// the pods read, so a shared pod outside the target's selection is not seen and the overlap is
// reported as possible (info) rather than actual (warning).
//
// ReplicaSets read by the target's selector: a Deployment's own carry labels its selector
// matches (the controller copies the template's labels, which the selector must match, and
// claims only ReplicaSets whose labels it matches: ClaimReplicaSets), so its revisions and the
// orphans it would adopt are all there, as `kubectl describe deployment` finds them (by the
// selector, then by controllerRef); the owner of every selected pod is there (round 5). What
// a single target does not see, and `check` does: a ReplicaSet with no controller whose own
// labels the target's selector misses, that owns none of the pods read, and whose selector
// overlaps the target's (the overlap rule says nothing of it then).

import { matches } from '../../core/labels.ts';
import { controllerRef } from '../../core/ownership.ts';
import { findByName, type Kind } from '../../core/snapshot.ts';
import { jobsOfCronJob, resolveTarget, selectorOf, type TargetQuery } from '../../core/targets/resolve.ts';
import { ingressBackends } from '../../core/targets/ingress.ts';
import { hasLocalTrafficPolicy } from '../../core/routing/service.ts';
import { peerPodReads } from '../../core/targets/network-policy.ts';
import type { SelectorSpec } from '../../core/targets/selector-spec.ts';
import type { CronJob, HorizontalPodAutoscaler, Ingress, KubeObject, NetworkPolicy, Pod, Service } from '../../core/types.ts';
import { addObjects } from './collect.ts';
import { statusFailure, type Who } from './errors.ts';
import { getObject, type ListSpec } from './reads.ts';
import { labelList, namedList, podList, sliceList, type Fetched, type Reader } from './reader.ts';
import { readAhead, readPrinted, startPrinted } from './printed-selectors.ts';

/**
 * Listed whole in the target's namespace, never by the target's labels: a workload is found by
 * its selector, which a label query cannot ask for (a Deployment whose labels are another
 * team's may still select the target's pods). ReplicaSets are the exception for RS_BY_SELECTOR
 * targets (the reasons are at the top of this file).
 */
export const OWNER_KINDS: Kind[] = ['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController'];
/** Kinds whose own selector is known once the target is read. */
const DIRECT: ReadonlySet<Kind> = new Set(['Service', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'NetworkPolicy', 'PodDisruptionBudget']);
/**
 * Targets whose namespace's ReplicaSets are read by the target's own selector (their labels,
 * as `kubectl get rs -l` asks) instead of whole: those whose pods are all in that namespace and
 * selected by that selector: those of DIRECT but NetworkPolicy (its peers' pods may be in any
 * namespace). A Pod's are read whole (any ReplicaSet whose selector matches the pod selects it),
 * as are those of kinds whose pods are found through other objects.
 */
const RS_BY_SELECTOR: ReadonlySet<Kind> = new Set([...DIRECT].filter((k) => k !== 'NetworkPolicy'));
/**
 * Targets whose pods are found through objects of the namespace that carry a selector (an
 * HPA's scale target, an Ingress's backend Services, a CronJob's Jobs): their ReplicaSets are
 * read by those selectors, as each of those objects' own would be (round 3), not whole (but for
 * an HPA that scales a ReplicaSet: see scaleTargetPods).
 */
const RS_THROUGH: ReadonlySet<Kind> = new Set(['HorizontalPodAutoscaler', 'Ingress', 'CronJob']);
/**
 * The kinds a target reads through their printed selectors first (printed-selectors.ts): a
 * Pod, whose ReplicaSets are otherwise read whole, both; the others their Deployments, but an
 * HPA (its scale target is read by name beside the namespace's list, in no set order).
 */
function printedKindsOf(kind: Kind): Kind[] {
  if (kind === 'Pod') return ['ReplicaSet', 'Deployment'];
  return kind === 'HorizontalPodAutoscaler' ? [] : ['Deployment'];
}

/** More Nodes needed than this and the whole list is read instead of those Nodes. */
const NODES_AT_MOST = 64;
/**
 * The label the kubelet sets to its Node's hostname, which is the Node's name on every
 * cluster but those whose kubelets were given another name (--hostname-override with a
 * cloud provider's names): asked for first, so that the Nodes of many pods come in one request.
 */
const HOSTNAME_LABEL = 'kubernetes.io/hostname';
/** A label value is at most 63 characters: a longer Node name is read by name. */
const LABEL_VALUE_AT_MOST = 63;
/** More missing owners than this and the namespace's ReplicaSets are listed whole instead of one by one. */
const NAMED_AT_MOST = 8;
/** What the name of a ReplicaSet (a Deployment, a Service…) can be at most (a DNS subdomain); any other name names nothing to read. */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * The lists of a round, each once: two Services (or a policy's peers, a CronJob's Jobs) with
 * the same selector ask for the same pods, and a kind's list of a namespace without selector
 * holds what any selector there would return.
 */
function distinct(specs: (ListSpec | null)[]): ListSpec[] {
  const lists = specs.filter((s): s is ListSpec => s !== null);
  const place = (l: ListSpec) => `${l.kind}\u0000${l.namespace ?? ''}\u0000${l.metadataOnly === true}`;
  const whole = new Set(lists.filter((l) => l.labelSelector === undefined && l.fieldSelector === undefined).map(place));
  const seen = new Set<string>();
  return lists.filter((l) => {
    const key = `${place(l)}\u0000${l.labelSelector ?? ''}\u0000${l.fieldSelector ?? ''}`;
    if (seen.has(key) || ((l.labelSelector !== undefined || l.fieldSelector !== undefined) && whole.has(place(l)))) return false;
    seen.add(key);
    return true;
  });
}

async function round(r: Reader, specs: (ListSpec | null)[]): Promise<void> {
  const todo = distinct(specs);
  if (todo.length === 0) return;
  r.rounds++;
  await Promise.all(todo.map((s) => r.list(s)));
}

function namespaceLists(q: TargetQuery, everyNode: boolean, printed: readonly Kind[]): ListSpec[] {
  const kinds: Kind[] = [...OWNER_KINDS.filter((k) => (k !== 'ReplicaSet' || !(RS_BY_SELECTOR.has(q.kind) || RS_THROUGH.has(q.kind))) && !printed.includes(k)), 'PodDisruptionBudget'];
  if (q.kind === 'Pod') kinds.push('Service', 'NetworkPolicy', 'HorizontalPodAutoscaler');
  if (q.kind === 'Ingress') kinds.push('Service');
  // A StatefulSet's serviceName, an (Indexed) Job's subdomain: per-pod DNS needs the Service.
  if (q.kind === 'StatefulSet' || q.kind === 'Job') kinds.push('Service');
  const lists: ListSpec[] = kinds.map((kind) => ({ kind, namespace: q.namespace }));
  return everyNode ? [...lists, EVERY_NODE] : lists;
}

const EVERY_NODE: ListSpec = { kind: 'Node', namespace: null, metadataOnly: true };

/**
 * Round 6: the Nodes the pods read so far run on that no read has returned or asked for yet
 * (`asked` keeps those asked for: a Node not found does not exist, and is not asked for
 * again). By the hostname label first, in one request; the names it did not return, by name
 * (a name the label does not carry, or a Node that does not exist). The whole list instead
 * when a Service whose routing the report works out (`routed`) has a Local traffic policy
 * (each node's answer is worked out then) or when more than NODES_AT_MOST Nodes would be
 * asked for in all.
 */
async function readNodes(r: Reader, asked: Set<string>, routed: () => readonly Service[]): Promise<void> {
  const c = r.collector;
  if (c.complete.has('Node') || c.failed.has('Node')) return;
  const s = c.snapshot;
  if (routed().some(hasLocalTrafficPolicy)) return round(r, [EVERY_NODE]);
  const have = new Set(s.objects.Node.map((n) => n.metadata?.name));
  const missing: string[] = [];
  for (const pod of s.objects.Pod) {
    const name = pod.spec?.nodeName;
    if (!name || have.has(name) || asked.has(name) || !OBJECT_NAME.test(name)) continue;
    asked.add(name);
    missing.push(name);
    if (asked.size > NODES_AT_MOST) return round(r, [EVERY_NODE]);
  }
  const labelled = missing.filter((name) => name.length <= LABEL_VALUE_AT_MOST).sort();
  if (labelled.length > 0) {
    await round(r, [{ kind: 'Node', namespace: null, metadataOnly: true, labelSelector: `${HOSTNAME_LABEL} in (${labelled.join(',')})` }]);
    if (c.failed.has('Node')) return;
  }
  const found = new Set(s.objects.Node.map((n) => n.metadata?.name));
  await round(r, missing.filter((name) => !found.has(name)).map((name) => ({ ...namedList('Node', name, null), metadataOnly: true })));
}

function servicesSelecting(r: Reader, pod: Pod, namespace: string): Service[] {
  return r.collector.snapshot.objects.Service.filter((svc) => {
    if ((svc.metadata?.namespace ?? namespace) !== namespace) return false;
    const spec = selectorOf('Service', svc);
    return !!spec?.selector && spec.selectsPods && matches(spec.selector, pod.metadata?.labels);
  });
}

/** The ReplicaSets whose own labels a selector matches, unless the namespace's were read whole. */
function setsOf(r: Reader, spec: SelectorSpec | null, namespace: string): ListSpec | null {
  return r.collector.complete.has('ReplicaSet') ? null : labelList('ReplicaSet', spec, namespace);
}

/** Round 3: pods and slices found through rounds 1 and 2. */
function indirectLists(r: Reader, q: TargetQuery, target: KubeObject): (ListSpec | null)[] {
  const s = r.collector.snapshot;
  const ns = q.namespace;
  switch (q.kind) {
    case 'CronJob':
      return jobsOfCronJob(s, target as CronJob, ns).flatMap((job) => [podList(selectorOf('Job', job), ns), setsOf(r, selectorOf('Job', job), ns)]);
    case 'Ingress':
      return resolveTarget(s, q).services.flatMap((svc) => [podList(selectorOf('Service', svc), ns), setsOf(r, selectorOf('Service', svc), ns), sliceList(svc.metadata?.name ?? '', ns)]);
    case 'Pod':
      return servicesSelecting(r, target as Pod, ns).flatMap((svc) => [podList(selectorOf('Service', svc), ns), sliceList(svc.metadata?.name ?? '', ns)]);
    default:
      return [];
  }
}

/**
 * A NetworkPolicy's own pods and its peers' (by their own selectors, in the namespaces they
 * name) in one round, once those namespaces are known (after the Namespace list, when a
 * namespaceSelector needs it): so a namespace that one of them reads whole is read once.
 */
async function policyPods(r: Reader, q: TargetQuery, np: NetworkPolicy, own: SelectorSpec | null): Promise<void> {
  if (peerPodReads(r.collector.snapshot, np).needNamespaces) await round(r, [{ kind: 'Namespace', namespace: null }]);
  // Kinds read so far count as known: the snapshot's `known` is filled only at the end.
  const known = [...r.collector.complete].filter((k) => !r.collector.failed.has(k));
  const peers = peerPodReads({ ...r.collector.snapshot, known }, np).lists.map((l) => podList(l.selector, l.namespace));
  await round(r, [podList(own, q.namespace), ...peers]);
}

/** Scale targets read by name (round 1 lists their kind whole too, so a missing one is known to be missing). */
const SCALED_BY_NAME: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicationController']);

/**
 * An HPA's scale target, then its pods and ReplicaSets by the target's selector, without
 * waiting for round 1. The target is read by name (its kind is listed whole beside it); a
 * ReplicaSet is read with the namespace's whole: round 1 leaves them out, and whether the
 * one named is missing must be known.
 */
async function scaleTargetPods(r: Reader, q: TargetQuery, hpa: HorizontalPodAutoscaler): Promise<void> {
  const ref = hpa.spec?.scaleTargetRef;
  if (ref?.kind === 'ReplicaSet') await round(r, [{ kind: 'ReplicaSet', namespace: q.namespace }]);
  else if (ref?.name && OBJECT_NAME.test(ref.name) && SCALED_BY_NAME.has(ref.kind ?? '')) await round(r, [namedList(ref.kind as Kind, ref.name, q.namespace)]);
  else return;
  const selector = resolveTarget(r.collector.snapshot, q).selector;
  await round(r, [podList(selector, q.namespace), setsOf(r, selector, q.namespace)]);
}

/**
 * An Ingress's backend Services by name (round 1 lists them whole beside, so a missing one is
 * known to be missing), then their pods, ReplicaSets and slices.
 */
async function backendPods(r: Reader, q: TargetQuery, ing: Ingress): Promise<void> {
  const names = new Set(ingressBackends(ing).flatMap((b) => (b.service && OBJECT_NAME.test(b.service) ? [b.service] : [])));
  await round(r, [...names].map((name) => namedList('Service', name, q.namespace)));
  await round(r, indirectLists(r, q, ing));
}

/** Round 3 of the targets that go through objects read by name (or the Namespaces), beside round 1; null for the others. */
function readsThrough(r: Reader, q: TargetQuery, target: KubeObject, own: SelectorSpec | null): Promise<void> | null {
  switch (q.kind) {
    case 'Ingress':
      return backendPods(r, q, target as Ingress);
    case 'NetworkPolicy':
      return policyPods(r, q, target as NetworkPolicy, own);
    case 'HorizontalPodAutoscaler':
      return scaleTargetPods(r, q, target as HorizontalPodAutoscaler);
    default:
      return null;
  }
}

/**
 * Reads what the target needs into the reader's collector; a target that does not exist leaves
 * it empty. everyNode: the whole Node list in round 1 (for a watch, whose later pods may run on
 * any Node), instead of round 6's.
 */
export async function readTarget(r: Reader, q: TargetQuery, who: Who, opts: { everyNode?: boolean; wholeOwners?: boolean } = {}): Promise<void> {
  r.rounds++;
  // The target first: its answer starts round 2, so it is the first stream of the connection.
  const getting = getObject(r.client, q.kind, q.namespace, q.name);
  // Deployments (and a Pod's ReplicaSets): their printed selectors first (printed-selectors.ts),
  // but for a watch or a screen (later events may need any of them) or when asked to read them whole.
  const printedKinds = opts.everyNode === true || opts.wholeOwners === true ? [] : printedKindsOf(q.kind);
  const printed = printedKinds.length > 0 ? startPrinted(r, printedKinds, q.namespace) : null;
  const early: ListSpec[] = namespaceLists(q, opts.everyNode === true, printedKinds);
  if (q.kind === 'Service') early.push(sliceList(q.name, q.namespace));
  const fetched = early.map((spec) => r.fetch(spec));
  const got = await getting;
  if (got.found !== true) {
    // What round 1 reads is collected only for a target that is there: its answers are not
    // waited for (closing the client ends them), so a mistyped name is said at once.
    if (got.found === false) return;
    throw statusFailure(got.failure.status, got.failure.body, got.read, who);
  }
  const target = got.object;
  addObjects(r.collector, q.kind, [target]);
  // The printed kinds' reads by name begin as soon as the target's own pods are in: a Pod's now.
  const ahead = () => {
    if (printed) readAhead(r, printed, q, target);
  };
  if (q.kind === 'Pod') ahead();
  // A Pod's round 3 needs only the Services of round 1: it goes out as soon as they are in,
  // not after the namespace's biggest list (its ReplicaSets, page by page). An Ingress's,
  // an HPA's and a NetworkPolicy's go out as soon as what they go through is read (by name:
  // backend Services, a scale target; the Namespaces the peers name), beside round 1.
  const servicesAt = q.kind === 'Pod' ? early.findIndex((spec) => spec.kind === 'Service') : -1;
  const collected = Promise.all(fetched).then((settled) => early.forEach((spec, i) => {
    if (i !== servicesAt) r.collect(spec, settled[i] as Fetched);
  }));

  // The target's own pods go out as soon as its selector is known, beside the rest of round 1.
  const second: (ListSpec | null)[] = [];
  const own = DIRECT.has(q.kind) ? selectorOf(q.kind, target) : null;
  if (DIRECT.has(q.kind) && q.kind !== 'NetworkPolicy') second.push(podList(own, q.namespace));
  if (RS_BY_SELECTOR.has(q.kind)) second.push(labelList('ReplicaSet', own, q.namespace));
  const third = servicesAt < 0 ? readsThrough(r, q, target, own) : (fetched[servicesAt] as Promise<Fetched>).then((services) => {
    r.collect(early[servicesAt] as ListSpec, services);
    return round(r, indirectLists(r, q, target));
  });
  // Round 6 for the pods of round 2, and for those of round 3, as soon as each are in. The
  // Services whose routing the report works out (as analyze picks them): those that select a
  // Pod, a Service itself, an Ingress's backends; no other target's report routes through any.
  const asked = opts.everyNode === true ? null : new Set<string>();
  const routed = () => (q.kind === 'Pod' ? servicesSelecting(r, target as Pod, q.namespace) : resolveTarget(r.collector.snapshot, q).services);
  const nodes = () => (asked ? readNodes(r, asked, routed) : undefined);
  // (A Pod's own Node waits for its round 3: the Services of round 1 may have a Local policy.)
  const ownPodsIn = () => {
    ahead();
    return nodes();
  };
  await Promise.all([collected, second.length > 0 ? round(r, second).then(ownPodsIn) : undefined, third?.then(q.kind === 'Pod' ? nodes : ownPodsIn)]);

  // A CronJob's Jobs are known only once round 1 is in.
  if (third === null) await round(r, indirectLists(r, q, target));

  const resolution = resolveTarget(r.collector.snapshot, q);
  const sel = resolution.selector?.selector;
  const allPodsRead = r.collector.allPods.has(q.namespace);
  if (q.kind !== 'Pod' && sel?.kind === 'requirements' && resolution.pods.length === 0 && !allPodsRead) {
    await round(r, [{ kind: 'Pod', namespace: q.namespace }]);
  }
  if (RS_BY_SELECTOR.has(q.kind) || RS_THROUGH.has(q.kind)) await round(r, ownerReads(r, q.namespace, resolution.pods));
  if (printed) await readPrinted(r, printed, q, target);
  // Round 6 once more, for the pods read since (a CronJob's, near misses) and the Services of
  // round 1 (a Local policy): the Nodes are then known as far as this snapshot asks.
  if (asked) {
    await readNodes(r, asked, routed);
    r.collector.complete.add('Node');
  }
}

/**
 * Round 5: the ReplicaSets the selected pods name as their controller and no read returned, by
 * name; the namespace's whole when a selected pod has no controller or too many are missing.
 * Nothing when the ReplicaSets were listed whole (or that list failed: a gap already).
 */
function ownerReads(r: Reader, namespace: string, selected: readonly Pod[]): ListSpec[] {
  if (r.collector.complete.has('ReplicaSet') || r.collector.failed.has('ReplicaSet')) return [];
  const sets = r.collector.snapshot.objects.ReplicaSet;
  const missing = new Set<string>();
  for (const pod of selected) {
    const ref = controllerRef(pod);
    if (!ref) return [{ kind: 'ReplicaSet', namespace }];
    if (ref.kind !== 'ReplicaSet' || !OBJECT_NAME.test(ref.name ?? '') || findByName(sets, namespace, ref.name ?? '')) continue;
    missing.add(ref.name as string);
    if (missing.size > NAMED_AT_MOST) return [{ kind: 'ReplicaSet', namespace }];
  }
  return [...missing].map((name) => namedList('ReplicaSet', name, namespace));
}
