// A Service's routing as the report shows it: the controller's predicted endpoints, the
// real slices beside them when the source has them, kube-proxy's choice, per-node
// policy outcomes and DNS. Offline, template pods stand for their workload's replicas.

import type { ConnectionShare, DnsView, EndpointView, NodeRouteView, PortRouteView, RoutingView } from '../report.ts';
import {
  categorizeEndpoints, compareWithSlices, dnsAnswer, endpointsForPort, isHeadless, predictEndpoints, proxyView, serviceDnsName, slicesOf, targetPortOf,
  type PredictedEndpoint, type ProxyEndpoint, type ProxyView,
} from '../routing/index.ts';
import { joinHostPort, sliceIgnoredReason } from '../routing/proxy-endpoints.ts';
import { addressTypesFor, hasLocalTrafficPolicy, protocolOf } from '../routing/service.ts';
import { CONTROLLER_NAME, LABEL_MANAGED_BY } from '../routing/wellknown.ts';
import { indexedJobHostnames, podDnsName, statefulSetPodNames } from '../statefulset-identity.ts';
import { findByName, isKnown, isTemplate, refOf, type Snapshot } from '../snapshot.ts';
import { kept, snapshotCache } from '../indexes.ts';
import { templateOwner, templateWeight } from '../template-pods.ts';
import type { Endpoint, EndpointSlice, Pod, Service, ServicePort } from '../types.ts';
import { refText } from '../refs.ts';

/**
 * The hostnames of the pods a template stands for, when their subdomain is this Service
 * (offline): a StatefulSet gives each pod hostname = its name and subdomain = serviceName;
 * an Indexed Job gives each pod hostname `<job>-<index>` and keeps the template's subdomain.
 */
function templateHostnames(s: Snapshot, svc: Service, pod: Pod | undefined): string[] {
  if (!pod || !isTemplate(s, pod)) return [];
  const ref = templateOwner(s, pod);
  const ns = svc.metadata?.namespace ?? s.defaultNamespace;
  if ((ref?.namespace ?? s.defaultNamespace) !== ns) return [];
  if (ref?.kind === 'StatefulSet') {
    const set = findByName(s.objects.StatefulSet, ns, ref.name);
    return set && set.spec?.serviceName === svc.metadata?.name ? statefulSetPodNames(set) : [];
  }
  if (ref?.kind === 'Job') {
    const job = findByName(s.objects.Job, ns, ref.name);
    return job && pod.spec?.subdomain === svc.metadata?.name ? indexedJobHostnames(job) : [];
  }
  return [];
}

function fromPredicted(s: Snapshot, svc: Service, e: PredictedEndpoint, podsByName: Map<string | undefined, Pod>): EndpointView {
  const pod = podsByName.get(e.pod.name);
  const hostnames = templateHostnames(s, svc, pod);
  return {
    pod: e.pod,
    template: e.template === true,
    addresses: e.addresses,
    node: e.nodeName ?? null,
    zone: e.zone ?? null,
    ready: e.conditions.ready,
    serving: e.conditions.serving,
    terminating: e.conditions.terminating,
    hostname: hostnames.length > 0 ? hostnames.join(', ') : (e.hostname ?? null),
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

/** The endpoint port of a Service port, joined as kube-proxy joins them: by name and protocol. */
function portOf(e: EndpointView, sp: ServicePort) {
  return e.ports.find((p) => p.name === (sp.name ?? '') && p.protocol === protocolOf(sp));
}

/**
 * Offline: the endpoints kube-proxy would hold for one Service port — the predicted ones
 * (a template weighs as many pods as it stands for) joined with any other slice of the
 * input labelled with the Service's name — and the set it would use, by the same rule
 * as live (`categorizeEndpoints`: ready ones, else the serving-terminating ones).
 */
function offlineChoice(s: Snapshot, sp: ServicePort, predicted: EndpointView[], foreign: ProxyEndpoint[]) {
  const weights = new Map<string, { weight: number; template: boolean; pod: EndpointView['pod'] }>();
  const endpoints: ProxyEndpoint[] = [];
  for (const e of predicted) {
    const p = portOf(e, sp);
    if (!p || e.weight === 0) continue;
    const key = e.template || !e.addresses[0] ? ownerText(s, e) : joinHostPort(e.addresses[0], p.port);
    if (weights.has(key)) continue;
    weights.set(key, { weight: e.weight, template: e.template, pod: e.pod });
    endpoints.push({
      ip: e.addresses[0] ?? '', port: p.port, endpoint: key, nodeName: e.node, zone: e.zone, ready: e.template || e.ready, serving: e.template || e.serving,
      terminating: !e.template && e.terminating, zoneHints: [], nodeHints: [], pod: e.pod, slice: '',
    });
  }
  for (const f of foreign) {
    if (weights.has(f.endpoint)) continue;
    weights.set(f.endpoint, { weight: 1, template: false, pod: f.pod });
    endpoints.push({ ...f, zoneHints: [], nodeHints: [] });
  }
  const c = categorizeEndpoints(endpoints, { nodeName: '', zone: '' });
  const total = c.cluster.reduce((n, x) => n + (weights.get(x.endpoint)?.weight ?? 1), 0);
  const shares = c.cluster.map((x) => {
    const w = weights.get(x.endpoint);
    const state: ConnectionShare['state'] = w?.template ? 'template' : x.ready ? 'ready' : 'serving-terminating';
    return { endpoint: x.endpoint, pod: x.pod, share: total ? (w?.weight ?? 1) / total : 0, state };
  });
  return { shares, fallback: c.clusterVia === 'serving-terminating', candidates: endpoints.length };
}

interface PortBasis {
  offline: boolean;
  /** Offline: endpoints of the input's other slices for the Service, per Service port. */
  foreign: (sp: ServicePort) => ProxyEndpoint[];
  /** Offline: whether the selector met anything at all (pods, templates, exclusions, other slices). */
  anything: boolean;
}

function portViews(s: Snapshot, svc: Service, proxy: ProxyView, predicted: EndpointView[], b: PortBasis): PortRouteView[] {
  const usable = predicted.filter((e) => e.ready || e.template);
  const total = usable.reduce((n, e) => n + e.weight, 0);
  const family = proxy.ports[0]?.family;
  return (svc.spec?.ports ?? []).map((sp) => {
    const label = sp.name || String(sp.port);
    const protocol = protocolOf(sp);
    const traffic = proxy.ports.find((p) => p.servicePort === label && p.protocol === protocol && p.family === family);
    const unserved = usable.filter((e) => e.missingPorts.some((m) => m.servicePort === label) || e.undeclaredPorts.some((u) => u.servicePort === label)).reduce((n, e) => n + e.weight, 0);
    const off = b.offline ? offlineChoice(s, sp, predicted, b.foreign(sp)) : null;
    const shares: ConnectionShare[] = off ? off.shares : (traffic?.clusterWide.endpoints ?? []).map((c) => ({ endpoint: c.endpoint, pod: c.pod, share: c.share, state: c.state }));
    return {
      servicePort: label,
      port: sp.port,
      protocol,
      targetPort: targetPortOf(sp),
      shares,
      usingTerminatingFallback: off ? off.fallback : traffic?.clusterWide.via === 'serving-terminating',
      // Offline, a selector that met nothing in the input says nothing about the cluster.
      noEndpoints: proxy.ignored === null && shares.length === 0 && (b.offline ? b.anything : true),
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
  // The first health check per node name, found by name (not by a scan per node).
  const checks = new Map<string, NonNullable<ProxyView['healthChecks']>[number]>();
  for (const h of proxy.healthChecks ?? []) if (!checks.has(h.node)) checks.set(h.node, h);
  return first.nodes.map((n) => {
    const hc = checks.get(n.node);
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

/**
 * Per-pod DNS names: `<hostname>.<svc>` for every endpoint with a hostname (live: the
 * slices'; offline: each pod a StatefulSet template stands for). Ready ones answer their
 * addresses; offline ones answer once their pod runs and is ready.
 */
function hostnameViews(svc: Service, basis: EndpointSlice[], predicted: EndpointView[], offline: boolean): DnsView[] {
  const ns = svc.metadata?.namespace ?? 'default';
  const name = svc.metadata?.name ?? '';
  const out = new Map<string, DnsView>();
  const pnra = svc.spec?.publishNotReadyAddresses === true;
  for (const sl of basis) {
    for (const e of sl.endpoints ?? []) {
      if (!e.hostname) continue;
      const fqdn = podDnsName(e.hostname, name, ns);
      const v = out.get(fqdn) ?? { name: fqdn, type: 'A', answers: [], nxdomain: true, note: '' };
      if (e.conditions?.ready !== false && e.addresses.length > 0) {
        v.answers.push(...e.addresses.filter((a) => !v.answers.includes(a)));
        v.nxdomain = false;
        v.note = `pod/${e.targetRef?.name ?? e.hostname}: its endpoint carries hostname ${e.hostname}`;
      } else if (e.conditions?.ready !== false && offline) {
        // A predicted endpoint with no address yet: the pod is not running.
        v.nxdomain = false;
        if (!v.note) v.note = `pod/${e.targetRef?.name ?? e.hostname}: hostname ${e.hostname}, subdomain ${name}; answers its pod IP once it runs and is ready`;
      } else if (!v.note) {
        v.note = `pod/${e.targetRef?.name ?? e.hostname} is not a ready endpoint${pnra ? '' : ' (and publishNotReadyAddresses is off)'}: NXDOMAIN until it is`;
      }
      out.set(fqdn, v);
    }
  }
  if (offline) {
    for (const e of predicted) {
      if (!e.template || !e.hostname || e.weight === 0) continue;
      for (const host of e.hostname.split(', ')) {
        const fqdn = podDnsName(host, name, ns);
        if (!out.has(fqdn)) out.set(fqdn, { name: fqdn, type: 'A', answers: [], nxdomain: false, note: `pod/${host}: hostname ${host}, subdomain ${name} (set by its controller); answers its pod IP once it runs and is ready` });
      }
    }
  }
  return [...out.values()];
}

function computeRoutingView(s: Snapshot, svc: Service, pods: Pod[]): RoutingView {
  const nodes = isKnown(s, 'Node') ? s.objects.Node : null;
  const namespace = svc.metadata?.namespace ?? s.defaultNamespace;
  const name = svc.metadata?.name ?? '';
  // Offline, a template or a bare pod manifest with no status stands for a pod that will run.
  const prediction = predictEndpoints(svc, pods, nodes, { assumeRunning: (p) => isTemplate(s, p) || (s.origin === 'manifests' && !p.status) });
  const inputSlices = isKnown(s, 'EndpointSlice') ? slicesOf(s.objects.EndpointSlice, name, namespace) : null;
  const byController = (sl: EndpointSlice) => sl.metadata?.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME;
  // Live, the slices are the cluster's. Manifests holding the controller's own slices are a
  // record of them too; otherwise the controller's part is the prediction, and the slices
  // the input does hold (written by someone else) join it, as kube-proxy merges them.
  const recorded = inputSlices && (s.origin !== 'manifests' || inputSlices.some(byController)) ? inputSlices : null;
  const foreignSlices = recorded ? [] : (inputSlices ?? []);
  const offline = recorded === null;
  const basis = recorded ?? [...prediction.slices, ...foreignSlices];
  // Per-node traffic is shown (nodeViews) only under a Local traffic policy: no node's answer is worked out otherwise.
  const proxy = proxyView(svc, basis, nodes, { perNode: hasLocalTrafficPolicy(svc) });
  const podsByName = new Map<string | undefined, Pod>();
  for (const p of pods) if (!podsByName.has(p.metadata?.name)) podsByName.set(p.metadata?.name, p);
  const predicted = prediction.endpoints.map((e) => fromPredicted(s, svc, e, podsByName));
  const comparison = recorded
    ? compareWithSlices(prediction, recorded, pods)
    : foreignSlices.length > 0 ? compareWithSlices({ ...prediction, endpoints: [] }, foreignSlices, pods) : null;
  const family = addressTypesFor(svc)[0] ?? 'IPv4';
  const usableForeign = foreignSlices.filter((sl) => sliceIgnoredReason(sl, family) === null);
  const pendingReady = offline ? predicted.filter((e) => e.template).reduce((n, e) => n + e.weight, 0) : 0;
  const dns = dnsAnswer(svc, basis, { pendingReady });
  const ref = refOf('Service', svc);
  ref.namespace = namespace;
  const shown = recorded ?? (foreignSlices.length > 0 ? foreignSlices : null);
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
    actual: shown ? { slices: comparison?.slices ?? [], endpoints: shown.flatMap((sl) => (sl.endpoints ?? []).map((e) => fromReal(sl, e))) } : null,
    differences: (comparison?.differences ?? []).map((d) => ({ kind: d.kind, message: d.detail, slice: d.slice ? { name: d.slice.name, resourceVersion: d.slice.resourceVersion, lastChangeTriggerTime: d.slice.lastChangeTriggerTime } : null })),
    ports: portViews(s, svc, proxy, predicted, {
      offline,
      foreign: (sp) => endpointsForPort(sp, usableForeign, family),
      anything: pods.length > 0 || usableForeign.some((sl) => (sl.endpoints ?? []).length > 0),
    }),
    nodes: nodeViews(svc, proxy),
    dns: [
      ...(dns.kind === 'cluster-ip' && offline ? [] : [{ name: dns.name, type: dns.kind === 'external-name' ? 'CNAME' : 'A', answers: dns.cname ? [dns.cname] : [...dns.a, ...dns.aaaa], nxdomain: dns.nxdomain, note: dns.reason }]),
      ...(dns.kind === 'external-name' ? [] : hostnameViews(svc, basis, predicted, offline)),
    ],
  };
}

/**
 * Names a Service's name could be matched against among these pods: their subdomains
 * (a pod hostname is published under the Service its subdomain names) and, for a
 * StatefulSet's template, the set's serviceName.
 */
function namesPodsAnswerTo(s: Snapshot, pods: Pod[]): Set<string> {
  const names = new Set<string>();
  for (const p of pods) {
    if (p.spec?.subdomain) names.add(p.spec.subdomain);
    const ref = isTemplate(s, p) ? templateOwner(s, p) : undefined;
    if (ref?.kind === 'StatefulSet') {
      const set = findByName(s.objects.StatefulSet, ref.namespace ?? s.defaultNamespace, ref.name);
      if (set?.spec?.serviceName) names.add(set.spec.serviceName);
    }
  }
  return names;
}

/**
 * What the view of a Service depends on besides its name, or null when its name matters
 * beyond the few fields that carry it: the input holds slices for it, or a pod's subdomain
 * (or a StatefulSet's serviceName) names it. Equal keys over the same pods give views that
 * differ only in the Service's reference and DNS name.
 */
function shareKey(s: Snapshot, svc: Service, pods: Pod[], names: Set<string>): string | null {
  const name = svc.metadata?.name ?? '';
  const namespace = svc.metadata?.namespace ?? s.defaultNamespace;
  if (names.has(name)) return null;
  if (isKnown(s, 'EndpointSlice') && slicesOf(s.objects.EndpointSlice, name, namespace).length > 0) return null;
  if (pods.length === 0) return null;
  const { name: _name, uid: _uid, ...rest } = svc.metadata ?? {};
  return JSON.stringify([namespace, svc.apiVersion ?? null, rest, svc.spec ?? null, svc.status ?? null]);
}

/** The same view for another Service of the same key: its own reference and DNS name. */
function renamed(view: RoutingView, svc: Service, namespace: string): RoutingView {
  const ref = refOf('Service', svc);
  ref.namespace = namespace;
  const dnsName = serviceDnsName(svc.metadata?.name ?? '', namespace);
  return { ...view, service: ref, dns: view.dns.map((d) => ({ ...d, name: dnsName })) };
}

/**
 * The routing of a Service over the pods its selector matched. Services of one namespace
 * that differ only in name and select the same pods (many Services over one shared label)
 * share the work: the view is made once and handed out under each Service's own name.
 */
export function routingView(s: Snapshot, svc: Service, pods: Pod[]): RoutingView {
  const cache = snapshotCache(s, 'routing-views', () => new WeakMap<Pod[], { names: Set<string>; views: Map<string, RoutingView> }>());
  const byPods = kept(cache, pods, () => ({ names: namesPodsAnswerTo(s, pods), views: new Map<string, RoutingView>() }));
  const key = shareKey(s, svc, pods, byPods.names);
  if (key === null) return computeRoutingView(s, svc, pods);
  const namespace = svc.metadata?.namespace ?? s.defaultNamespace;
  const hit = byPods.views.get(key);
  if (hit) return renamed(hit, svc, namespace);
  const view = computeRoutingView(s, svc, pods);
  // Only the Service's own DNS name may carry its name (no per-pod names: see shareKey).
  const own = serviceDnsName(svc.metadata?.name ?? '', namespace);
  if (view.dns.every((d) => d.name === own)) byPods.views.set(key, view);
  return view;
}
