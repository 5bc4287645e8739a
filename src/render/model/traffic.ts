// Where a Service's traffic goes, as rows: the Service's traits, each port's share per
// endpoint, the endpoints the controller would publish, the per-node view of a Local traffic
// policy and the live EndpointSlices. Built from the report once; the text view and the TUI
// lay the same rows out (each with its own headers and widths).

import type { ConnectionShare, EndpointView, NodeRouteView, PortRouteView, Report, RoutingView } from '../../core/report.ts';
import { refText, rootOf } from '../../core/refs.ts';
import type { Cell } from './line.ts';

const DASH: Cell = { text: '-', role: 'dim' };

export interface TrafficHeading {
  /** The Service's type as its spec says it (`ClusterIP` when unset). */
  type: string;
  /** `headless`, `publishNotReadyAddresses`, `externalTrafficPolicy Local`… */
  traits: string[];
  /** `sessionAffinity ClientIP`; null when there is none. */
  affinity: string | null;
}

export function trafficHeading(rv: RoutingView): TrafficHeading {
  const traits = [rv.headless ? 'headless' : '', rv.publishNotReadyAddresses ? 'publishNotReadyAddresses' : '',
    rv.externalTrafficPolicy === 'Local' ? 'externalTrafficPolicy Local' : '', rv.internalTrafficPolicy === 'Local' ? 'internalTrafficPolicy Local' : ''].filter(Boolean);
  return { type: rv.type, traits, affinity: rv.sessionAffinity && rv.sessionAffinity !== 'None' ? `sessionAffinity ${rv.sessionAffinity}` : null };
}

export interface ShareRow {
  endpoint: string;
  /** The pod behind the endpoint; null for a template or an address without a pod. */
  pod: string | null;
  /** `33.3%` */
  share: string;
  /** The endpoint's state: serving while terminating in the warning role, a template dimmed. */
  state: Cell;
  /** The share as a fraction, for sorting. */
  fraction: number;
}

export interface PortRow {
  servicePort: string;
  /** `80/TCP` */
  port: string;
  /** Whether the Service port has a name of its own (not just its number). */
  named: boolean;
  targetPort: string;
  shares: ShareRow[];
  /** No ready endpoint: terminating ones take the traffic. */
  fallback: boolean;
  /** The port resolves on none of the endpoints. */
  noEndpoints: boolean;
  /** `40%` of the pods do not serve it; null when all do (or none does). */
  unserved: string | null;
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function shareRow(s: ConnectionShare): ShareRow {
  return {
    endpoint: s.endpoint,
    pod: s.pod && s.state !== 'template' ? s.pod.name : null,
    share: percent(s.share),
    state: s.state === 'ready' ? { text: s.state } : { text: s.state, role: s.state === 'template' ? 'dim' : 'warning' },
    fraction: s.share,
  };
}

export function portRow(p: PortRouteView): PortRow {
  return {
    servicePort: p.servicePort,
    port: `${p.port}/${p.protocol}`,
    named: p.servicePort !== String(p.port),
    targetPort: String(p.targetPort),
    shares: p.shares.map(shareRow),
    fallback: p.usingTerminatingFallback,
    noEndpoints: p.noEndpoints,
    unserved: p.unservedShare > 0 && !p.noEndpoints ? `${Math.round(p.unservedShare * 100)}%` : null,
  };
}

export interface PredictedRow {
  /** The pod, `template of deployment/web` offline, or the first address. */
  endpoint: string;
  ready: Cell;
  serving: Cell;
  terminating: Cell;
  /** `http:8080`, then the Service ports it misses (error) and numeric targetPorts no container declares (warning); `<none>` dimmed when empty. */
  ports: Cell[];
}

function yesNo(v: boolean | null): Cell {
  if (v === null) return DASH;
  return v ? { text: 'yes', role: 'ok' } : { text: 'no', role: 'error' };
}

function templateOwner(r: Report, podName: string | undefined): string {
  const v = r.selection.find((x) => x.ref.name === podName);
  const root = v ? rootOf(v) : null;
  return root ? refText(root) : (podName ?? '?');
}

function predictedRow(r: Report, e: EndpointView): PredictedRow {
  const ports: Cell[] = [
    ...e.ports.map((x) => ({ text: `${x.name || '-'}:${x.port}` })),
    ...e.missingPorts.map((m): Cell => ({ text: `${m.servicePort}: missing`, role: 'error' })),
    ...e.undeclaredPorts.map((u): Cell => ({ text: `${u.port}: not declared`, role: 'warning' })),
  ];
  return {
    endpoint: e.template ? `template of ${templateOwner(r, e.pod?.name)}` : (e.pod?.name ?? e.addresses[0] ?? '?'),
    ready: yesNo(e.template ? null : e.ready),
    serving: yesNo(e.template ? null : e.serving),
    terminating: yesNo(e.template ? null : e.terminating),
    ports: ports.length ? ports : [{ text: '<none>', role: 'dim' }],
  };
}

/** What the EndpointSlice controller would publish, when no port has a share to show instead; empty otherwise. */
export function predictedRows(r: Report, rv: RoutingView): PredictedRow[] {
  if (rv.ports.some((p) => p.shares.length > 0)) return [];
  return rv.predicted.map((e) => predictedRow(r, e));
}

export interface NodeRow {
  node: string;
  zone: Cell;
  /** Ready endpoints on the node; in the warning role when there are none. */
  localReady: Cell;
  localTerminating: Cell;
  /** What cluster traffic entering the node does (internalTrafficPolicy: Local). */
  internal: Cell;
  /** What NodePort/LoadBalancer traffic entering the node does (externalTrafficPolicy: Local). */
  external: Cell;
  healthCheck: Cell;
}

export function nodeRow(n: NodeRouteView): NodeRow {
  return {
    node: n.node,
    zone: n.zone ? { text: n.zone } : { text: '-' },
    localReady: n.localReady ? { text: String(n.localReady) } : { text: '0', role: 'warning' },
    localTerminating: { text: String(n.localServingTerminating) },
    internal: n.internal === 'drops' ? { text: n.internal, role: 'error' } : { text: n.internal },
    external: n.external === 'drops' ? { text: n.external, role: 'error' } : n.external === 'forwards-terminating' ? { text: n.external, role: 'warning' } : { text: n.external },
    healthCheck: n.healthCheck === null ? DASH : { text: String(n.healthCheck), role: n.healthCheck === 200 ? 'ok' : 'error' },
  };
}

export interface SliceRow {
  name: string;
  /** `@1234` when the source has it. */
  version: string;
  /** Managed by something other than the EndpointSlice controller: its name; null otherwise. */
  managedBy: string | null;
}

export function sliceRows(rv: RoutingView): SliceRow[] {
  return (rv.actual?.slices ?? []).map((s) => ({
    name: s.name,
    version: s.resourceVersion ? `@${s.resourceVersion}` : '',
    managedBy: s.managedBy && s.managedBy !== 'endpointslice-controller.k8s.io' ? s.managedBy : null,
  }));
}

export interface DnsRow {
  /** `A web.shop.svc.cluster.local` */
  question: string;
  /** The answers, `NXDOMAIN`, or `pod IPs once running` offline (dimmed). */
  answer: Cell;
  note: string;
}

export function dnsRows(rv: RoutingView): DnsRow[] {
  return rv.dns.map((d) => ({
    question: `${d.type} ${d.name}`,
    answer: d.answers.length ? { text: d.answers.join(', ') } : { text: d.nxdomain ? 'NXDOMAIN' : 'pod IPs once running', role: 'dim' },
    note: d.note,
  }));
}

/** `not an endpoint: pod/web-1: …`, one per pod the controller leaves out. */
export function excludedLines(rv: RoutingView): string[] {
  return rv.excluded.map((x) => `not an endpoint: pod/${x.pod.name}: ${x.detail}`);
}
