// (a) of the oracle: the engine's endpoints for a Service against the EndpointSlices the
// real controller published. Three levels, each must agree with the real slices:
//   predictEndpoints(svc, selected pods as listed, nodes) -> its slices;
//   compareWithSlices -> no difference other than one per foreign slice;
//   analyze(snapshot, svc) -> the report's predicted endpoints and its differences.
import { analyze } from '../../src/core/analyze.ts';
import type { KubectlVersion } from '../../src/core/kubectl/version.ts';
import type { EndpointView } from '../../src/core/report.ts';
import { compareWithSlices, predictEndpoints } from '../../src/core/routing/index.ts';
import type { EndpointSlice, Node, Pod, Service } from '../../src/core/types.ts';
import { selectorMatches } from './label-selector.ts';
import { podTable } from './pod-table.ts';
import { byName, itemsOf, type NamespaceState } from './namespace-state.ts';
import { controllerSlices, sliceDifferences } from './slices.ts';
import { snapshotOf } from './snapshot.ts';

function viewKey(e: { pod: string; addresses: string[]; node: string | null; zone: string | null; ready: boolean; serving: boolean; terminating: boolean; hostname: string | null; ports: { name: string; port: number; protocol: string }[] }): string {
  return JSON.stringify({ ...e, addresses: [...e.addresses].sort(), ports: e.ports.map((p) => `${p.name}=${p.port}/${p.protocol}`).sort() });
}

export function fromView(e: EndpointView): string {
  return viewKey({ pod: e.pod?.name ?? '', addresses: e.addresses, node: e.node, zone: e.zone, ready: e.ready, serving: e.serving, terminating: e.terminating, hostname: e.hostname, ports: e.ports });
}

export function fromSlices(slices: EndpointSlice[]): string[] {
  return slices.flatMap((s) => (s.endpoints ?? []).map((e) => viewKey({
    pod: e.targetRef?.name ?? '', addresses: e.addresses, node: e.nodeName ?? null, zone: e.zone ?? null,
    ready: e.conditions?.ready ?? true, serving: e.conditions?.serving ?? true, terminating: e.conditions?.terminating ?? false,
    hostname: e.hostname ?? null, ports: (s.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port ?? 0, protocol: p.protocol ?? 'TCP' })),
  })));
}

function setDiff(label: string, want: string[], got: string[]): string[] {
  return [
    ...want.filter((x) => !got.includes(x)).map((x) => `${label}: predicted but not real: ${x}`),
    ...got.filter((x) => !want.includes(x)).map((x) => `${label}: real but not predicted: ${x}`),
  ];
}

export interface ServiceCheck {
  problems: string[];
  /** What was compared, for messages. */
  summary: string;
}

export function checkService(state: NamespaceState, nodes: Node[], serviceName: string, version: KubectlVersion, now = new Date()): ServiceCheck {
  const svc = byName<Service>(state, 'Service', serviceName);
  const pods = itemsOf<Pod>(state, 'Pod');
  const selector = svc.spec?.selector ?? null;
  const selected = selector && Object.keys(selector).length > 0 ? pods.filter((p) => selectorMatches({ map: selector }, p.metadata?.labels)) : [];
  const all = itemsOf<EndpointSlice>(state, 'EndpointSlice').filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === serviceName);
  const mine = controllerSlices(all, serviceName);
  const foreign = all.filter((s) => !mine.includes(s));
  const problems: string[] = [];

  // 1. predictEndpoints and its slices.
  const prediction = predictEndpoints(svc, selected, nodes);
  if (prediction.managed) problems.push(...sliceDifferences(prediction.slices, mine));
  else if (mine.length > 0) problems.push(`the engine says the controller does not manage service/${serviceName} (${prediction.unmanagedReason}), yet it wrote ${mine.length} slice(s)`);

  // 2. The engine's own comparison reports nothing but the foreign slices.
  const cmp = compareWithSlices(prediction, all, pods);
  const expectForeign = prediction.managed ? foreign.length : 0;
  const foreignDiffs = cmp.differences.filter((d) => d.kind === 'foreign-slice');
  for (const d of cmp.differences.filter((x) => x.kind !== 'foreign-slice')) problems.push(`compareWithSlices: ${d.kind}: ${d.detail}`);
  if (foreignDiffs.length !== expectForeign) problems.push(`compareWithSlices reports ${foreignDiffs.length} foreign slice(s), the cluster has ${expectForeign}`);

  // 3. The report, from a snapshot of the same read.
  const report = analyze(snapshotOf(state, nodes), {
    target: { kind: 'Service', name: serviceName, namespace: state.namespace },
    kubectl: { version, from: 'oracle' },
    commands: [],
    source: { context: null, cluster: null, inputs: [], problems: [] },
  }, now);
  const routing = report.routing.find((r) => r.service.name === serviceName);
  if (!routing) problems.push(`the report has no routing for service/${serviceName}`);
  else {
    if (routing.managed !== prediction.managed) problems.push(`report says managed=${routing.managed}`);
    if (routing.managed) problems.push(...setDiff('report.routing.predicted', routing.predicted.map(fromView).sort(), fromSlices(mine).sort()));
    const actual = (routing.actual?.endpoints ?? []).map(fromView).sort();
    problems.push(...setDiff('report.routing.actual (vs the slices read)', fromSlices(all).sort(), actual));
    const other = routing.differences.filter((d) => d.kind !== 'foreign-slice');
    for (const d of other) problems.push(`report difference: ${d.kind}: ${d.message}`);
  }
  const summary = `service/${serviceName}: ${selected.length} selected pod(s), ` +
    `${prediction.endpoints.length} predicted endpoint(s), ${mine.length} controller slice(s) with ${mine.reduce((n, s) => n + (s.endpoints ?? []).length, 0)} endpoint(s), ${foreign.length} foreign slice(s)` +
    (problems.length ? `; selected pods:\n${podTable(selected)}\n  slices: ${mine.map((s) => `${s.metadata?.name}@${s.metadata?.resourceVersion} ${s.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'] ?? '-'}`).join(', ')}` : '');
  return { problems, summary };
}
