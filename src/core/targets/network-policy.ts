// A NetworkPolicy's peers: who may talk to the pods it selects, and whom they may reach
// (§6.1). Peers in one list are ORed; podSelector and namespaceSelector in one peer are ANDed.

import { EVERYTHING, fromLabelSelector, isSelectorError, describe, type Selector } from '../labels.ts';
import { inListOrder, kept, namespacesIn, remember, snapshotCache } from '../indexes.ts';
import { isKnown, refOf, type ObjectRef, type Snapshot } from '../snapshot.ts';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Pod } from '../types.ts';
import { NAMESPACE_NAME_LABEL, namespacesSelected } from './namespace-selector.ts';
import { listOrder, podsSelectedInEach } from './resolve.ts';
import { networkPolicySelector, type SelectorSpec } from './selector-spec.ts';

export interface PeerView {
  direction: 'ingress' | 'egress';
  /** 1-based index of the rule in spec.ingress / spec.egress. */
  rule: number;
  /** The peer in plain words. */
  peer: string;
  ports: string;
  /** Pods the peer matches, as far as the source knows them. */
  pods: ObjectRef[];
  note: string | null;
}

function portsText(ports: NetworkPolicyPort[] | null | undefined): string {
  if (!ports || ports.length === 0) return 'all ports';
  return ports.map((p) => `${p.port ?? 'any'}${p.endPort ? `-${p.endPort}` : ''}/${p.protocol ?? 'TCP'}`).join(', ');
}

/**
 * The namespaces a peer's namespaceSelector names (null: every namespace, or not known without
 * the Namespaces' labels), in words, and a key that is the same for selectors that name the same.
 */
function namespaceMatches(s: Snapshot, sel: NetworkPolicyPeer['namespaceSelector']): { names: readonly string[] | null; text: string; key: string } {
  const parsed = fromLabelSelector(sel ?? {});
  if (isSelectorError(parsed)) return { names: [], text: `invalid namespaceSelector: ${parsed.error}`, key: 'none' };
  if (parsed.kind === 'everything') return { names: null, text: 'all namespaces', key: 'every' };
  const text = `namespaces with ${describe(parsed)}`;
  const key = `selected\0${JSON.stringify(parsed)}`;
  // kubernetes.io/metadata.name is set on every namespace to its name: a selector on it alone names them.
  if (parsed.kind === 'nothing') return { names: [], text: 'no namespaces', key: 'none' };
  const byName = parsed.requirements.every((r) => r.key === NAMESPACE_NAME_LABEL && (r.operator === 'Equals' || r.operator === 'In'));
  if (byName) return { names: [...new Set(parsed.requirements[0]?.values ?? [])], text, key };
  if (!isKnown(s, 'Namespace')) return { names: null, text, key };
  return { names: namespacesSelected(s, parsed), text, key };
}

/** A peer and the pods it matches, before they are put together, in order, and named (what the findings need is their number). */
interface PeerMatch {
  view: Omit<PeerView, 'pods'>;
  /** The pods matched, one shared list per namespace looked in (do not modify); none when the namespaces were not read. */
  picked: readonly Pod[][];
  /** How many pods that is. */
  count: number;
}

const NO_PODS: readonly Pod[][] = [];

/**
 * Where a peer that names pods looks and what it asks of them: its pod selector (all pods
 * without one), and its namespaces: those named, `every` namespace, or `unknown` when the
 * namespaceSelector needs namespaces' labels the source did not read.
 */
interface PeerScope {
  selector: Selector;
  namespaces: readonly string[] | 'every' | 'unknown';
  podText: string;
  nsText: string;
  /** The same for peers that look in the same namespaces for the same pods. */
  key: string;
}

function peerScope(s: Snapshot, policyNamespace: string, peer: NetworkPolicyPeer): PeerScope | { error: string } {
  const podSel = peer.podSelector === undefined || peer.podSelector === null ? null : fromLabelSelector(peer.podSelector);
  if (podSel && isSelectorError(podSel)) return { error: podSel.error };
  const hasNs = peer.namespaceSelector !== undefined && peer.namespaceSelector !== null;
  const ns = hasNs ? namespaceMatches(s, peer.namespaceSelector) : { names: [policyNamespace], text: `namespace ${policyNamespace}`, key: `in\0${policyNamespace}` };
  const podText = podSel ? (podSel.kind === 'everything' ? 'all pods' : `pods with ${describe(podSel)}`) : 'all pods';
  const namespaces = ns.names !== null ? ns.names : ns.key === 'every' ? 'every' : 'unknown';
  const selector = podSel ?? EVERYTHING;
  return { selector, namespaces, podText, nsText: ns.text, key: `${ns.key}\0${JSON.stringify(selector)}` };
}

/** The pods a peer's scope matches: one shared list per namespace looked in, and their count; kept per scope (policies of many namespaces name the same peers). */
function peerPods(s: Snapshot, scope: PeerScope): { picked: readonly Pod[][]; count: number } {
  const where = scope.namespaces;
  if (where === 'unknown') return { picked: NO_PODS, count: 0 };
  const known = snapshotCache(s, 'network-policy-peer-pods', () => new Map<string, { picked: readonly Pod[][]; count: number }>(), true);
  return kept(known, scope.key, () => {
    // From the namespace and label indexes, each namespace's list kept as it is (a peer over every
    // namespace would otherwise copy every pod, per policy).
    const picked = podsSelectedInEach(s, where === 'every' ? namespacesIn(s.objects.Pod) : where, scope.selector);
    let count = 0;
    for (const list of picked) count += list.length;
    return { picked, count };
  });
}

function peerMatch(s: Snapshot, policyNamespace: string, direction: PeerView['direction'], rule: number, peer: NetworkPolicyPeer | null, ports: string): PeerMatch {
  if (peer === null) return { view: { direction, rule, peer: direction === 'ingress' ? 'any source' : 'any destination', ports, note: 'an empty or missing peer list allows everything' }, picked: NO_PODS, count: 0 };
  if (peer.ipBlock) return { view: { direction, rule, peer: `ipBlock ${peer.ipBlock.cidr}${peer.ipBlock.except?.length ? ` except ${peer.ipBlock.except.join(', ')}` : ''}`, ports, note: null }, picked: NO_PODS, count: 0 };
  const scope = peerScope(s, policyNamespace, peer);
  if ('error' in scope) return { view: { direction, rule, peer: `invalid podSelector: ${scope.error}`, ports, note: null }, picked: NO_PODS, count: 0 };
  const unknownNs = scope.namespaces === 'unknown';
  const { picked, count } = peerPods(s, scope);
  return { view: { direction, rule, peer: `${scope.podText} in ${scope.nsText}`, ports, note: unknownNs ? 'namespaces were not read, so the matching pods are not listed' : null }, picked, count };
}

/**
 * What a policy's peers may select, for a source that reads other namespaces' pods only where
 * a peer looks: per peer that names pods, its pod selector and the namespaces it looks in
 * (null: every namespace). Peers whose namespaces are unknown, or whose selector is invalid,
 * select no pod and are left out.
 */
export function peerPodScopes(s: Snapshot, np: NetworkPolicy): { selector: Selector; namespaces: ReadonlySet<string> | null }[] {
  const policyNamespace = np.metadata?.namespace ?? s.defaultNamespace;
  const out: { selector: Selector; namespaces: ReadonlySet<string> | null }[] = [];
  for (const peer of [...(np.spec?.ingress ?? []).flatMap((r) => r.from ?? []), ...(np.spec?.egress ?? []).flatMap((r) => r.to ?? [])]) {
    if (peer.ipBlock) continue;
    const scope = peerScope(s, policyNamespace, peer);
    if ('error' in scope || scope.namespaces === 'unknown') continue;
    out.push({ selector: scope.selector, namespaces: scope.namespaces === 'every' ? null : new Set(scope.namespaces) });
  }
  return out;
}

function remembered<T>(s: Snapshot, np: NetworkPolicy, what: string, make: () => T): T {
  const key = `${what}\0${np.metadata?.namespace ?? ''}\0${np.metadata?.name ?? ''}\0${isKnown(s, 'Namespace')}\0${s.defaultNamespace}`;
  const kept = remember(s.objects, key, () => ({ np, value: make() }));
  return kept.np === np ? kept.value : make();
}

/** Every peer of the policy with the pods it matches, unordered. Kept per snapshot lists (check asks once per target the policy selects). */
function peerMatches(s: Snapshot, np: NetworkPolicy): PeerMatch[] {
  return remembered(s, np, 'networkPolicyPeerMatches', () => peersOf(s, np));
}

/**
 * Every peer of the policy with the pods it matches, in list order then by name. Kept per
 * snapshot lists; the views are shared: do not modify them.
 */
export function networkPolicyPeers(s: Snapshot, np: NetworkPolicy): PeerView[] {
  // Put back in list order before sorting by name.
  return remembered(s, np, 'networkPolicyPeers', () => peerMatches(s, np).map(({ view: v, picked }) => ({
    direction: v.direction, rule: v.rule, peer: v.peer, ports: v.ports, pods: listOrder(inListOrder(s.objects.Pod, picked.flat())).map((p) => refOf('Pod', p)), note: v.note,
  })));
}

/** Every peer of the policy with the number of pods it matches (what networkPolicyPeers lists), without naming them. */
export function networkPolicyPeerCounts(s: Snapshot, np: NetworkPolicy): (Omit<PeerView, 'pods'> & { pods: number })[] {
  return peerMatches(s, np).map((m) => ({ ...m.view, pods: m.count }));
}

function peersOf(s: Snapshot, np: NetworkPolicy): PeerMatch[] {
  const namespace = np.metadata?.namespace ?? s.defaultNamespace;
  const out: PeerMatch[] = [];
  (np.spec?.ingress ?? []).forEach((r, i) => {
    const ports = portsText(r.ports);
    if (!r.from || r.from.length === 0) out.push(peerMatch(s, namespace, 'ingress', i + 1, null, ports));
    else for (const p of r.from) out.push(peerMatch(s, namespace, 'ingress', i + 1, p, ports));
  });
  (np.spec?.egress ?? []).forEach((r, i) => {
    const ports = portsText(r.ports);
    if (!r.to || r.to.length === 0) out.push(peerMatch(s, namespace, 'egress', i + 1, null, ports));
    else for (const p of r.to) out.push(peerMatch(s, namespace, 'egress', i + 1, p, ports));
  });
  return out;
}

/** policyTypes as defaulted: Ingress always, Egress when an egress section exists. */
export function policyTypes(np: NetworkPolicy): string[] {
  if (np.spec?.policyTypes?.length) return np.spec.policyTypes;
  return np.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Every peer of a policy that names pods (podSelector and/or namespaceSelector), ingress then egress. */
function podPeers(np: NetworkPolicy): NetworkPolicyPeer[] {
  const peers = [...(np.spec?.ingress ?? []).flatMap((r) => r.from ?? []), ...(np.spec?.egress ?? []).flatMap((r) => r.to ?? [])];
  return peers.filter((p) => !p.ipBlock && (p.podSelector !== undefined || p.namespaceSelector !== undefined));
}

/** Whether a peer of the policy names pods by a namespaceSelector: pods of other namespaces than the policy's. */
export function hasNamespacePeers(np: NetworkPolicy): boolean {
  return podPeers(np).some((p) => p.namespaceSelector !== undefined && p.namespaceSelector !== null);
}

export interface PeerPodReads {
  /** Some peer's namespaces are known only from the Namespace list, which the source has not read. */
  needNamespaces: boolean;
  /** Pod lists the peers need: a namespace and a pod selector each (deduplicated). */
  lists: { namespace: string; selector: SelectorSpec }[];
}

/**
 * What a source must read for a policy's peers to list their pods as the API server would
 * select them: per peer, its podSelector in each namespace its namespaceSelector names (the
 * policy's own namespace without one). Call again once Namespaces are read.
 */
export function peerPodReads(s: Snapshot, np: NetworkPolicy): PeerPodReads {
  const policyNs = np.metadata?.namespace ?? s.defaultNamespace;
  const out: PeerPodReads = { needNamespaces: false, lists: [] };
  const seen = new Set<string>();
  for (const peer of podPeers(np)) {
    const selector = networkPolicySelector(peer.podSelector ?? {});
    if (!selector.selector || isSelectorError(selector.selector)) continue;
    const hasNs = peer.namespaceSelector !== undefined && peer.namespaceSelector !== null;
    let names: readonly string[] | null = [policyNs];
    if (hasNs) {
      names = namespaceMatches(s, peer.namespaceSelector).names;
      if (names === null && isKnown(s, 'Namespace')) names = s.objects.Namespace.map((n) => n.metadata?.name ?? '');
    }
    if (names === null) {
      out.needNamespaces = true;
      continue;
    }
    for (const namespace of names) {
      const key = `${namespace}\u0000${selector.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.lists.push({ namespace, selector });
    }
  }
  return out;
}
