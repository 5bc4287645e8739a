// What the EndpointSlice controller publishes for a Service and the pods its selector
// matches (`k/k pkg/controller/endpointslice/endpointslice_controller.go: syncService`;
// `endpointslice reconciler.go: reconcileByAddressType`; `utils.go: podToEndpoint`).
//
// Per pod: terminal or IP-less pods are skipped (terminating pods stay, trap 19); each
// Service port resolves per pod or is omitted for that pod (trap 21); a pod whose Node
// object is missing is skipped unless publishNotReadyAddresses (trap 20); conditions are
// serving = Ready, terminating = deletionTimestamp, ready = publishNotReadyAddresses ||
// (serving && !terminating). The caller passes the pods the selector matched.

import { hintPolicy, hintsFor, type HintPolicy } from './hints.ts';
import { parseIP, type IPFamily } from './ip.ts';
import { isPodReady, isPodTerminal, isPodTerminating, podIPs, shouldSetHostname } from './pod.ts';
import { findPort, isFound } from './ports.ts';
import { addressTypesFor, isHeadless, managedSelector, portLabel, protocolOf, serviceType } from './service.ts';
import type { EndpointPortPrediction, PredictedEndpoint } from './predicted.ts';
import { buildSlices } from './slices.ts';
import { DEFAULT_MINOR, LABEL_TOPOLOGY_ZONE } from './wellknown.ts';
import { refOf, type ObjectRef } from '../snapshot.ts';
import { groupedBy } from '../indexes.ts';
import type { EndpointSlice, Node, Pod, Service } from '../types.ts';

export type { EndpointPortPrediction, PredictedEndpoint } from './predicted.ts';

export type ExclusionReason = 'terminal' | 'no-ip' | 'node-missing';

export interface EndpointPrediction {
  service: ObjectRef;
  managed: boolean;
  unmanagedReason: string | null;
  addressTypes: IPFamily[];
  hints: HintPolicy;
  endpoints: PredictedEndpoint[];
  excluded: { pod: ObjectRef; reason: ExclusionReason; detail: string }[];
  /** The slices as the controller would publish them (names are generated: only generateName is set). */
  slices: EndpointSlice[];
  notes: string[];
}

export interface PredictOptions {
  /** True for offline template pods: predicted as running and Ready, with no address. */
  assumeRunning?: (pod: Pod) => boolean;
  /** kube-controller-manager minor version; default 34. */
  controllerMinor?: number;
  maxEndpointsPerSlice?: number;
  /** Families for a manifest with neither ipFamilies nor clusterIP (the cluster's default). */
  defaultIPFamilies?: IPFamily[];
}

function unmanagedReason(svc: Service): string | null {
  if (serviceType(svc) === 'ExternalName') {
    return 'type ExternalName: the EndpointSlice controller publishes no slices for it, and DNS answers a CNAME';
  }
  if (managedSelector(svc) === null) {
    const empty = svc.spec?.selector && Object.keys(svc.spec.selector).length === 0;
    return `${empty ? 'an empty selector {} is stored as no selector' : 'no selector'}: the EndpointSlice controller publishes nothing; endpoints come only from EndpointSlices labelled kubernetes.io/service-name=${svc.metadata?.name ?? ''} written by someone else`;
  }
  return null;
}

function resolvePorts(svc: Service, pod: Pod, minor: number) {
  const ports: EndpointPortPrediction[] = [];
  const missingPorts: PredictedEndpoint['missingPorts'] = [];
  const undeclaredPorts: PredictedEndpoint['undeclaredPorts'] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const r = findPort(pod, sp, { controllerMinor: minor });
    if (!isFound(r)) {
      missingPorts.push({ servicePort: portLabel(sp), reason: r.missing });
      continue;
    }
    const p: EndpointPortPrediction = { name: sp.name ?? '', port: r.port, protocol: protocolOf(sp) };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    ports.push(p);
    if (!r.declared) undeclaredPorts.push({ servicePort: portLabel(sp), port: r.port });
  }
  return { ports, missingPorts, undeclaredPorts };
}

function addressesOf(pod: Pod, families: IPFamily[]): string[] {
  const parsed = podIPs(pod).map(parseIP).filter((p) => p !== null);
  return families.flatMap((f) => parsed.filter((p) => p.family === f).map((p) => p.text));
}

type Verdict = { endpoint: PredictedEndpoint } | { reason: ExclusionReason; detail: string };

function predictOne(svc: Service, pod: Pod, nodes: Node[] | null, families: IPFamily[], policy: HintPolicy, opts: PredictOptions): Verdict {
  const template = opts.assumeRunning?.(pod) === true;
  const pnra = svc.spec?.publishNotReadyAddresses === true;
  if (!template && isPodTerminal(pod)) return { reason: 'terminal', detail: `phase ${pod.status?.phase}: terminal pods are never endpoints` };
  if (!template && podIPs(pod).length === 0) return { reason: 'no-ip', detail: 'no pod IP yet (not scheduled or sandbox not ready)' };
  const nodeName = pod.spec?.nodeName ?? '';
  const node = nodes ? (groupedBy(nodes, 'name', (n) => n.metadata?.name ?? null).get(nodeName)?.[0] ?? null) : null;
  if (!template && nodes !== null && node === null && !pnra) {
    const detail = nodeName ? `Node ${nodeName} does not exist: the pod is left out (and the Service requeued) unless publishNotReadyAddresses` : 'the pod has no spec.nodeName';
    return { reason: 'node-missing', detail };
  }
  const addresses = template ? [] : addressesOf(pod, families);
  if (!template && addresses.length === 0) return { reason: 'no-ip', detail: `no ${families.join('/')} address among the pod IPs ${podIPs(pod).join(', ')}` };
  const serving = template || isPodReady(pod);
  const terminating = !template && isPodTerminating(pod);
  const ep: PredictedEndpoint = {
    pod: refOf('Pod', pod),
    addresses,
    conditions: { ready: pnra || (serving && !terminating), serving, terminating },
    ...resolvePorts(svc, pod, opts.controllerMinor ?? DEFAULT_MINOR),
  };
  if (template) ep.template = true;
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec?.hostname ?? '';
  if (nodeName) ep.nodeName = nodeName;
  const zone = node?.metadata?.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) ep.zone = zone;
  const hints = hintsFor(policy, { ready: ep.conditions.ready, zone: ep.zone, nodeName: ep.nodeName });
  if (hints) ep.hints = hints;
  if (pod.spec?.hostNetwork) ep.hostNetwork = true;
  return { endpoint: ep };
}

export function predictEndpoints(svc: Service, selectedPods: Pod[], nodes: Node[] | null, opts: PredictOptions = {}): EndpointPrediction {
  const families = addressTypesFor(svc, opts.defaultIPFamilies);
  const policy = hintPolicy(svc, opts.controllerMinor ?? DEFAULT_MINOR);
  const reason = unmanagedReason(svc);
  const out: EndpointPrediction = { service: refOf('Service', svc), managed: reason === null, unmanagedReason: reason, addressTypes: families, hints: policy, endpoints: [], excluded: [], slices: [], notes: [] };
  if (reason !== null) return out;
  for (const pod of selectedPods) {
    const v = predictOne(svc, pod, nodes, families, policy, opts);
    if ('endpoint' in v) out.endpoints.push(v.endpoint);
    else out.excluded.push({ pod: refOf('Pod', pod), reason: v.reason, detail: v.detail });
  }
  out.slices = buildSlices(svc, out.endpoints, families, opts.maxEndpointsPerSlice);
  if (nodes === null) out.notes.push('Nodes unknown: no pod is dropped for a missing Node, and zones (and zone hints) are not predicted');
  if (policy.source === 'topology-mode-auto') out.notes.push(`${policy.reason}; hints are not predicted`);
  if (isHeadless(svc) && (svc.spec?.ports ?? []).length === 0) out.notes.push('headless Service without ports: endpoints are published with no ports');
  if (out.endpoints.some((e) => e.template)) out.notes.push('template endpoints stand for pods not yet running: the real slices will carry their IPs once they run and are Ready');
  return out;
}
