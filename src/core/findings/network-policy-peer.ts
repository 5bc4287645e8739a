// A NetworkPolicy peer whose selectors match nothing: the rule it belongs to admits (or lets
// out to) no one through that peer, which is rarely what was meant. podSelector and
// namespaceSelector in one peer are ANDed; a namespaceSelector is matched against each
// namespace's labels plus kubernetes.io/metadata.name (semantics §6.1). Claims are made only
// where the source saw every candidate: the policy's own namespace, or (in manifests, where
// the input is the whole world) any namespace; a namespaceSelector only when namespaces were read.

import { fromLabelSelector, isSelectorError } from '../labels.ts';
import type { Finding } from '../report.ts';
import { isKnown, type Snapshot } from '../snapshot.ts';
import { namespacesSelected } from '../targets/namespace-selector.ts';
import { networkPolicyPeerCounts } from '../targets/network-policy.ts';
import type { NetworkPolicy, NetworkPolicyPeer } from '../types.ts';
import { finding, show, type Rule } from './context.ts';

function namespacesMatching(s: Snapshot, sel: NetworkPolicyPeer['namespaceSelector']): string[] | null {
  const parsed = fromLabelSelector(sel ?? {});
  if (isSelectorError(parsed) || !isKnown(s, 'Namespace')) return null;
  return namespacesSelected(s, parsed);
}

export function peerFindings(s: Snapshot, np: NetworkPolicy, subject: { kind: string; name: string; namespace?: string }): Finding[] {
  const namespace = np.metadata?.namespace ?? s.defaultNamespace;
  const views = networkPolicyPeerCounts(s, np);
  const raw: { direction: 'ingress' | 'egress'; rule: number; peer: NetworkPolicyPeer | null }[] = [];
  (np.spec?.ingress ?? []).forEach((r, i) => { for (const p of r.from?.length ? r.from : [null]) raw.push({ direction: 'ingress', rule: i + 1, peer: p }); });
  (np.spec?.egress ?? []).forEach((r, i) => { for (const p of r.to?.length ? r.to : [null]) raw.push({ direction: 'egress', rule: i + 1, peer: p }); });
  const dead: { text: string; evidence: string }[] = [];
  raw.forEach((x, i) => {
    const view = views[i];
    const peer = x.peer;
    if (!view || !peer || peer.ipBlock) return;
    const hasNs = peer.namespaceSelector !== undefined && peer.namespaceSelector !== null;
    const hasPods = peer.podSelector !== undefined && peer.podSelector !== null;
    if (!hasNs && !hasPods) return;
    const field = `spec.${x.direction}[${x.rule - 1}].${x.direction === 'ingress' ? 'from' : 'to'}`;
    const where = `${x.direction} rule ${x.rule} of ${show(subject)}`;
    if (hasNs) {
      const names = namespacesMatching(s, peer.namespaceSelector);
      if (names !== null && names.length === 0) {
        dead.push({ text: `"${view.peer}" (${where}) matches no namespace`, evidence: `${field}: the namespaceSelector matches none of the ${s.objects.Namespace.length} namespaces read (on their labels and kubernetes.io/metadata.name)` });
        return;
      }
      // Pods of other namespaces are only all known when the input is all there is.
      if (s.origin !== 'manifests' && !(names !== null && names.length === 1 && names[0] === namespace)) return;
    }
    if (view.note || view.pods > 0) return;
    dead.push({ text: `"${view.peer}" (${where}) matches no pod${s.origin === 'manifests' ? ' or pod template in the input' : ''}`, evidence: `${field}: ${view.peer}` });
  });
  if (dead.length === 0) return [];
  return [finding('netpol-peer-matches-nothing', 'warning',
    `${dead.length === 1 ? 'The peer' : `${dead.length} peers:`} ${dead.map((d) => d.text).join('; ')}: traffic through ${dead.length === 1 ? 'it' : 'them'} is allowed for no one.`,
    [subject], [...dead.map((d) => d.evidence), 'a peer\'s podSelector and namespaceSelector are ANDed; without a namespaceSelector it looks in the policy\'s own namespace'])];
}

export const networkPolicyPeer: Rule = (ctx) => {
  const r = ctx.resolution;
  if (r.target.kind !== 'NetworkPolicy' || !r.object) return [];
  return peerFindings(ctx.snapshot, r.object as NetworkPolicy, r.target);
};
