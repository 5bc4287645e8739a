// The predicted endpoints against the EndpointSlices the cluster really holds. Every
// difference names the slice and its resourceVersion and last-change-trigger-time, since
// the controller acts on informer caches and may simply be behind (trap 40).

import { parseIP } from './ip.ts';
import { isPodTerminal } from './pod.ts';
import { portSetKey } from './slices.ts';
import { sliceRef, slicesOf, type SliceRef } from './service-slices.ts';
import { CONTROLLER_NAME, LABEL_MANAGED_BY } from './wellknown.ts';
import type { EndpointPrediction, PredictedEndpoint } from './endpoints.ts';
import { refOf, type ObjectRef } from '../snapshot.ts';
import type { Endpoint, EndpointSlice, Pod } from '../types.ts';

export type DifferenceKind =
  | 'missing-endpoint' | 'unexpected-endpoint' | 'condition-mismatch' | 'port-mismatch' | 'field-mismatch' | 'foreign-slice';

export interface Difference {
  kind: DifferenceKind;
  pod: ObjectRef | null;
  slice: SliceRef | null;
  detail: string;
}

export interface Comparison {
  /** Every real slice of the Service (by the kubernetes.io/service-name label). */
  slices: SliceRef[];
  differences: Difference[];
}

export interface Located { slice: EndpointSlice; endpoint: Endpoint }

/** Whether a real endpoint stands for the predicted one: by targetRef uid, else name, else a shared address. Exported for tests. */
export function sameTarget(e: PredictedEndpoint, real: Endpoint, family: string | undefined): boolean {
  const ref = real.targetRef;
  if (e.pod.uid && ref?.uid) return e.pod.uid === ref.uid;
  if (ref?.name) return ref.name === e.pod.name && (ref.namespace ?? e.pod.namespace) === (e.pod.namespace ?? ref.namespace);
  const mine = new Set(e.addresses.filter((a) => parseIP(a)?.family === family));
  return real.addresses.some((a) => mine.has(parseIP(a)?.text ?? a));
}

/**
 * The pool's endpoints by what sameTarget compares (targetRef uid, targetRef name, address),
 * so each predicted endpoint looks at the few that can match it, not at the whole pool.
 */
export interface PoolIndex {
  byUid: Map<string, number[]>;
  byName: Map<string, number[]>;
  /** Endpoints without a targetRef name, by each of their addresses (normalised). */
  byAddress: Map<string, number[]>;
}

export function indexPool(pool: Located[]): PoolIndex {
  const ix: PoolIndex = { byUid: new Map(), byName: new Map(), byAddress: new Map() };
  const add = (m: Map<string, number[]>, k: string, i: number) => {
    const l = m.get(k);
    if (l) l.push(i);
    else m.set(k, [i]);
  };
  pool.forEach(({ endpoint }, i) => {
    const ref = endpoint.targetRef;
    if (ref?.uid) add(ix.byUid, ref.uid, i);
    if (ref?.name) add(ix.byName, ref.name, i);
    else for (const a of endpoint.addresses) add(ix.byAddress, parseIP(a)?.text ?? a, i);
  });
  return ix;
}

/** The first endpoint of the pool, in pool order, not matched yet and of the same target (what a scan with sameTarget finds). Exported for tests. */
export function firstSameTarget(e: PredictedEndpoint, pool: Located[], ix: PoolIndex, matched: Set<Endpoint>, family: string): Located | undefined {
  const candidates = [
    ...(e.pod.uid ? ix.byUid.get(e.pod.uid) ?? [] : []),
    ...(ix.byName.get(e.pod.name) ?? []),
    ...e.addresses.flatMap((a) => ix.byAddress.get(a) ?? []),
  ].sort((a, b) => a - b);
  for (const i of candidates) {
    const l = pool[i] as Located;
    if (!matched.has(l.endpoint) && sameTarget(e, l.endpoint, family)) return l;
  }
  return undefined;
}

function cond(real: Endpoint): { ready: boolean; serving: boolean; terminating: boolean } {
  // API semantics: nil ready/serving mean true, nil terminating means false.
  const c = real.conditions ?? {};
  return { ready: c.ready ?? true, serving: c.serving ?? true, terminating: c.terminating ?? false };
}

function compareOne(e: PredictedEndpoint, at: Located, family: string): Difference[] {
  const out: Difference[] = [];
  const ref = sliceRef(at.slice);
  const diff = (kind: DifferenceKind, detail: string) => out.push({ kind, pod: e.pod, slice: ref, detail });
  const real = cond(at.endpoint);
  for (const k of ['ready', 'serving', 'terminating'] as const) {
    if (real[k] !== e.conditions[k]) diff('condition-mismatch', `${k}: predicted ${e.conditions[k]}, slice says ${real[k]}`);
  }
  const want = portSetKey(e.ports);
  const got = portSetKey(at.slice.ports ?? []);
  if (want !== got) {
    const show = (ps: { name?: string | null; port?: number | null; protocol?: string | null }[]) => ps.map((p) => `${p.name || '""'}=${p.port}/${p.protocol ?? 'TCP'}`).join(', ') || 'none';
    diff('port-mismatch', `ports: predicted ${show(e.ports)}, slice has ${show(at.slice.ports ?? [])}`);
  }
  const wantAddrs = e.addresses.filter((a) => parseIP(a)?.family === family).sort().join(',');
  const gotAddrs = at.endpoint.addresses.map((a) => parseIP(a)?.text ?? a).sort().join(',');
  if (wantAddrs !== gotAddrs) diff('field-mismatch', `addresses: predicted ${wantAddrs || 'none'}, slice has ${gotAddrs || 'none'}`);
  for (const [field, want2, got2] of [['hostname', e.hostname, at.endpoint.hostname], ['nodeName', e.nodeName, at.endpoint.nodeName], ['zone', e.zone, at.endpoint.zone]] as const) {
    if ((want2 ?? null) !== (got2 ?? null)) diff('field-mismatch', `${field}: predicted ${want2 ?? 'unset'}, slice has ${got2 ?? 'unset'}`);
  }
  return out;
}

function explainStray(real: Endpoint, pods: Pod[]): { pod: ObjectRef | null; why: string } {
  const ref = real.targetRef;
  const pod = pods.find((p) => (ref?.uid && p.metadata?.uid === ref.uid) || (ref?.name && p.metadata?.name === ref.name))
    ?? pods.find((p) => real.addresses.some((a) => p.status?.podIP === a || (p.status?.podIPs ?? []).some((x) => x.ip === a)));
  if (!pod) return { pod: null, why: `no known pod has ${ref?.name ? `name ${ref.name}` : `address ${real.addresses.join(', ')}`}: deleted, or written by hand` };
  if (isPodTerminal(pod)) return { pod: refOf('Pod', pod), why: `pod ${pod.metadata?.name} is ${pod.status?.phase}: the slice has not caught up` };
  return { pod: refOf('Pod', pod), why: `pod ${pod.metadata?.name} is not among the endpoints predicted for the selected pods (not selected, or excluded)` };
}

export function compareWithSlices(prediction: EndpointPrediction, realSlices: EndpointSlice[], pods: Pod[]): Comparison {
  const svc = prediction.service;
  const mine = slicesOf(realSlices, svc.name, svc.namespace);
  const out: Comparison = { slices: mine.map(sliceRef), differences: [] };
  if (!prediction.managed) return out;
  const controller = mine.filter((s) => s.metadata?.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME);
  for (const s of mine) {
    if (controller.includes(s)) continue;
    const by = s.metadata?.labels?.[LABEL_MANAGED_BY];
    out.differences.push({ kind: 'foreign-slice', pod: null, slice: sliceRef(s), detail: `slice ${s.metadata?.name} carries kubernetes.io/service-name=${svc.name} but is managed by ${by ?? '(no managed-by label)'}: kube-proxy merges its ${(s.endpoints ?? []).length} endpoint(s) with the controller's (trap 23)` });
  }
  const matched = new Set<Endpoint>();
  for (const family of prediction.addressTypes) {
    const pool: Located[] = controller.filter((s) => s.addressType === family).flatMap((slice) => (slice.endpoints ?? []).map((endpoint) => ({ slice, endpoint })));
    const ix = indexPool(pool);
    for (const e of prediction.endpoints) {
      if (e.template) continue;
      if (!e.addresses.some((a) => parseIP(a)?.family === family)) continue;
      const at = firstSameTarget(e, pool, ix, matched, family);
      if (!at) {
        const elsewhere = mine.find((s) => !controller.includes(s) && (s.endpoints ?? []).some((x) => sameTarget(e, x, family)));
        out.differences.push({ kind: 'missing-endpoint', pod: e.pod, slice: elsewhere ? sliceRef(elsewhere) : null, detail: `pod ${e.pod.name} (${e.conditions.ready ? 'ready' : e.conditions.serving ? 'serving' : 'not ready'}) should be an ${family} endpoint but no controller slice lists it${elsewhere ? `; only foreign slice ${elsewhere.metadata?.name} does` : ''}` });
        continue;
      }
      matched.add(at.endpoint);
      out.differences.push(...compareOne(e, at, family));
    }
    for (const l of pool) {
      if (matched.has(l.endpoint)) continue;
      const { pod, why } = explainStray(l.endpoint, pods);
      out.differences.push({ kind: 'unexpected-endpoint', pod, slice: sliceRef(l.slice), detail: `slice ${l.slice.metadata?.name} lists ${l.endpoint.addresses.join(', ') || 'an endpoint with no address'}: ${why}` });
    }
  }
  return out;
}
