// A Service's routing as the report shows it: the controller's predicted endpoints, the
// real slices beside them when the source has them, kube-proxy's choice, per-node
// policy outcomes and DNS. Offline, template pods stand for their workload's replicas.

import type { EndpointView, NodeRouteView, PortRouteView, RoutingView } from '../report.ts';
import {
  compareWithSlices, dnsAnswer, isHeadless, predictEndpoints, proxyView, slicesOf, targetPortOf, type PredictedEndpoint, type ProxyView,
} from '../routing/index.ts';
import { isKnown, isTemplate, refOf, findByName, type Kind, type Snapshot } from '../snapshot.ts';
import type { Endpoint, EndpointSlice, KubeObject, Pod, Service, Workload } from '../types.ts';
import { refText } from '../refs.ts';

/** How many pods a template stands for: its workload's replicas (parallelism for a Job). */
function templateWeight(s: Snapshot, pod: Pod): number {
  const ref = pod.metadata?.uid ? s.templateOf[pod.metadata.uid] : undefined;
  if (!ref) return 1;
  const owner = findByName(s.objects[ref.kind as Kind] as KubeObject[] ?? [], ref.namespace ?? s.defaultNamespace, ref.name) as Workload | undefined;
  const spec = owner?.spec;
  if (ref.kind === 'Job' || ref.kind === 'CronJob') return Math.max(1, spec?.parallelism ?? 1);
  if (ref.kind === 'DaemonSet') return Math.max(1, s.objects.Node.length);
  return Math.max(0, spec?.replicas ?? 1);
}

function fromPredicted(s: Snapshot, e: PredictedEndpoint, podsByName: Map<string | undefined, Pod>): EndpointView {
  const pod = podsByName.get(e.pod.name);
  return {
    pod: e.pod,
    template: e.template === true,
    addresses: e.addresses,
    node: e.nodeName ?? null,
    zone: e.zone ?? null,
    ready: e.conditions.ready,
    serving: e.conditions.serving,
    terminating: e.conditions.terminating,
    hostname: e.hostname ?? null,
    ports: e.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
    missingPorts: e.missingPorts,
    undeclaredPorts: e.undeclaredPorts,
    weight: e.template && pod ? templateWeight(s, pod) : 1,
  };
}

function fromReal(slice: EndpointSlice, e: Endpoint): EndpointView {
  const c = e.conditions ?? {};
  return {
    pod: e.targetRef?.kind === 'Pod' && e.targetRef.name ? { kind: 'Pod', name: e.targetRef.name, ...(e.targetRef.namespace ? { namespace: e.targetRef.namespace } : {}), ...(e.targetRef.uid ? { uid: e.targetRef.uid } : {}) } : null,
    template: false,
    addresses: e.addresses,
    node: e.nodeName ?? null,
    zone: e.zone ?? null,
    ready: c.ready ?? true,
    serving: c.serving ?? true,
    terminating: c.terminating ?? false,
    hostname: e.hostname ?? null,
    ports: (slice.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port ?? 0, protocol: p.protocol ?? 'TCP' })),
    missingPorts: [],
    undeclaredPorts: [],
    weight: 1,
  };
}

function ownerText(s: Snapshot, e: EndpointView): string {
  const ref = e.pod?.uid ? s.templateOf[e.pod.uid] : undefined;
  return ref ? `template of ${refText(ref)}` : `pod/${e.pod?.name ?? '?'} (manifest)`;
}

/**
 * Offline: each endpoint that resolves the port gets shares in proportion to the pods it
 * stands for (a template: its replicas; a manifest pod: itself, when ready or not yet running).
 */
function offlineShares(s: Snapshot, endpoints: EndpointView[], portName: string) {
  const usable = endpoints.filter((e) => (e.template || e.ready) && e.ports.some((p) => p.name === portName));
  const total = usable.reduce((n, e) => n + e.weight, 0);
  return usable.map((e) => ({
    endpoint: e.template ? ownerText(s, e) : `${e.addresses[0] ?? '?'}:${e.ports.find((p) => p.name === portName)?.port ?? '?'}`,
    pod: e.pod,
    share: total ? e.weight / total : 0,
    state: e.template ? ('template' as const) : ('ready' as const),
  }));
}

function portViews(s: Snapshot, svc: Service, proxy: ProxyView, predicted: EndpointView[], offline: boolean): PortRouteView[] {
  const usable = predicted.filter((e) => e.ready || e.template);
  const total = usable.reduce((n, e) => n + e.weight, 0);
  return (svc.spec?.ports ?? []).map((sp) => {
    const label = sp.name || String(sp.port);
    const traffic = proxy.ports.find((p) => p.servicePort === label || p.port === sp.port);
    const unserved = usable.filter((e) => e.missingPorts.some((m) => m.servicePort === label) || e.undeclaredPorts.some((u) => u.servicePort === label)).reduce((n, e) => n + e.weight, 0);
    const shares = offline ? offlineShares(s, predicted, sp.name ?? '') : (traffic?.clusterWide.endpoints ?? []).map((c) => ({ endpoint: c.endpoint, pod: c.pod, share: c.share, state: c.state }));
    return {
      servicePort: label,
      port: sp.port,
      protocol: sp.protocol ?? 'TCP',
      targetPort: targetPortOf(sp),
      shares,
      usingTerminatingFallback: !offline && traffic?.clusterWide.via === 'serving-terminating',
      noEndpoints: proxy.ignored === null && shares.length === 0 && (offline ? usable.length > 0 : true),
      unservedShare: total ? unserved / total : 0,
    };
  });
}

function nodeViews(svc: Service, proxy: ProxyView): NodeRouteView[] {
  const first = proxy.ports[0];
  if (!first?.nodes) return [];
  const itp = svc.spec?.internalTrafficPolicy === 'Local';
  const etp = svc.spec?.externalTrafficPolicy === 'Local';
  if (!itp && !etp) return [];
  return first.nodes.map((n) => {
    const hc = proxy.healthChecks?.find((h) => h.node === n.node);
    const ext = n.external;
    return {
      node: n.node,
      zone: n.zone,
      localReady: n.localReady,
      localServingTerminating: n.localServingTerminating,
      internal: itp ? (n.internal.action === 'forward' ? 'forwards' : 'drops') : 'n/a',
      external: etp && ext ? (ext.action !== 'forward' ? 'drops' : ext.via === 'serving-terminating' ? 'forwards-terminating' : 'forwards') : 'n/a',
      healthCheck: hc ? hc.status : null,
    };
  });
}

export function routingView(s: Snapshot, svc: Service, pods: Pod[]): RoutingView {
  const nodes = isKnown(s, 'Node') ? s.objects.Node : null;
  const namespace = svc.metadata?.namespace ?? s.defaultNamespace;
  const name = svc.metadata?.name ?? '';
  // Offline, a template or a bare pod manifest with no status stands for a pod that will run.
  const prediction = predictEndpoints(svc, pods, nodes, { assumeRunning: (p) => isTemplate(s, p) || (s.origin === 'manifests' && !p.status) });
  const realSlices = isKnown(s, 'EndpointSlice') ? slicesOf(s.objects.EndpointSlice, name, namespace) : null;
  const offline = realSlices === null;
  const basis = realSlices ?? prediction.slices;
  const proxy = proxyView(svc, basis, nodes);
  const podsByName = new Map<string | undefined, Pod>();
  for (const p of pods) if (!podsByName.has(p.metadata?.name)) podsByName.set(p.metadata?.name, p);
  const predicted = prediction.endpoints.map((e) => fromPredicted(s, e, podsByName));
  const comparison = realSlices ? compareWithSlices(prediction, realSlices, pods) : null;
  const dns = dnsAnswer(svc, basis);
  const ref = refOf('Service', svc);
  ref.namespace = namespace;
  return {
    service: ref,
    type: svc.spec?.type ?? 'ClusterIP',
    headless: isHeadless(svc),
    managed: prediction.managed,
    unmanagedReason: prediction.unmanagedReason,
    proxyIgnored: proxy.ignored,
    publishNotReadyAddresses: svc.spec?.publishNotReadyAddresses === true,
    externalTrafficPolicy: svc.spec?.externalTrafficPolicy ?? null,
    internalTrafficPolicy: svc.spec?.internalTrafficPolicy ?? null,
    sessionAffinity: svc.spec?.sessionAffinity ?? null,
    predicted,
    excluded: prediction.excluded.map((x) => ({ pod: x.pod, reason: x.reason, detail: x.detail })),
    actual: realSlices ? { slices: comparison?.slices ?? [], endpoints: realSlices.flatMap((sl) => (sl.endpoints ?? []).map((e) => fromReal(sl, e))) } : null,
    differences: (comparison?.differences ?? []).map((d) => ({ kind: d.kind, message: d.detail, slice: d.slice ? { name: d.slice.name, resourceVersion: d.slice.resourceVersion, lastChangeTriggerTime: d.slice.lastChangeTriggerTime } : null })),
    ports: portViews(s, svc, proxy, predicted, offline),
    nodes: nodeViews(svc, proxy),
    dns: dns.kind === 'cluster-ip' && offline ? [] : [{ name: dns.name, type: dns.kind === 'external-name' ? 'CNAME' : 'A', answers: dns.cname ? [dns.cname] : [...dns.a, ...dns.aaaa], note: dns.reason }],
  };
}
