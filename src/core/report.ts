// The report: the one public shape every renderer reads, serialised as the versioned
// JSON report (schema/report.v1.schema.json). Change it only with a schema version bump.

import type { Origin, ObjectRef, ReadGap } from './snapshot.ts';
import type { SelectorMatch } from './targets/selected-by.ts';
import type { PeerView } from './targets/network-policy.ts';

export const REPORT_KIND = 'WhoSelectsReport';
export const CHECK_KIND = 'WhoSelectsCheck';
export const SCHEMA_VERSION = 1;

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function severityRank(s: Severity): number {
  return s === 'error' ? 2 : s === 'warning' ? 1 : 0;
}

export interface Finding {
  /** Stable identifier of the rule, e.g. `owner-mismatch`. */
  id: string;
  severity: Severity;
  /** One plain sentence. */
  message: string;
  objects: ObjectRef[];
  /** The facts behind the sentence, as short lines. */
  evidence: string[];
  /** Collisions: what wrote the colliding selectors (a kustomization field, manualSelector, a Helm chart) and the fix. */
  cause?: { summary: string; fix: string; file?: string; field?: string };
}

export interface LabelView {
  key: string;
  value: string;
  /** This label took part in the target's selector match. */
  matched: boolean;
}

export interface PortView {
  container: string;
  name: string | null;
  port: number;
  protocol: string;
}

export interface PodView {
  ref: ObjectRef;
  /** Offline: a pod template standing for the pods its workload will create. */
  template: boolean;
  phase: string | null;
  ready: boolean | null;
  readySince: string | null;
  terminating: boolean;
  deletionTimestamp: string | null;
  node: string | null;
  zone: string | null;
  ip: string | null;
  restarts: number | null;
  createdAt: string | null;
  /** Controller chain, nearest first. */
  owners: { ref: ObjectRef; present: boolean; staleUid: boolean }[];
  /** The chain includes the target (null when the target owns no pods by nature, e.g. a Service). */
  ownedByTarget: boolean | null;
  /** Why the pod looks adopted rather than created by its controller, if it does. */
  adopted: string | null;
  labels: LabelView[];
  ports: PortView[];
  readinessProbe: boolean;
  preStop: string | null;
  terminationGracePeriodSeconds: number;
}

export interface OwnerGroup {
  owner: ObjectRef;
  /** The group's root is (or leads to) the target. */
  isTarget: boolean;
  pods: string[];
}

export interface EndpointView {
  pod: ObjectRef | null;
  template: boolean;
  addresses: string[];
  node: string | null;
  zone: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  hostname: string | null;
  ports: { name: string; port: number; protocol: string }[];
  missingPorts: { servicePort: string; reason: string }[];
  /** Numeric targetPorts no container of the pod declares: traffic is still sent there (trap 22). */
  undeclaredPorts: { servicePort: string; port: number }[];
  /** How many pods this endpoint stands for: 1, or a template's replica count offline. */
  weight: number;
}

export interface ConnectionShare {
  endpoint: string;
  pod: ObjectRef | null;
  share: number;
  state: 'ready' | 'serving-terminating' | 'template';
}

export interface PortRouteView {
  servicePort: string;
  port: number;
  protocol: string;
  targetPort: string | number;
  /** Share of new connections per endpoint from a node that uses the cluster-wide set. */
  shares: ConnectionShare[];
  usingTerminatingFallback: boolean;
  /** The port resolves on none of the endpoints: connections to it fail. */
  noEndpoints: boolean;
  /** Fraction of the selected pods (or templates) the port is not served by. */
  unservedShare: number;
}

export interface NodeRouteView {
  node: string;
  zone: string | null;
  localReady: number;
  localServingTerminating: number;
  /** internalTrafficPolicy: Local — what cluster traffic entering this node does. */
  internal: 'forwards' | 'drops' | 'n/a';
  /** externalTrafficPolicy: Local — what NodePort/LB traffic entering this node does. */
  external: 'forwards' | 'forwards-terminating' | 'drops' | 'n/a';
  /** healthCheckNodePort answer (LoadBalancer with externalTrafficPolicy: Local). */
  healthCheck: 200 | 503 | null;
}

export interface DifferenceView {
  kind: string;
  message: string;
  slice: { name: string; resourceVersion: string | null; lastChangeTriggerTime: string | null } | null;
}

export interface RoutingView {
  service: ObjectRef;
  type: string;
  headless: boolean;
  /** Whether the EndpointSlice controller manages this Service's endpoints. */
  managed: boolean;
  unmanagedReason: string | null;
  /** Why kube-proxy ignores this Service, if it does. */
  proxyIgnored: string | null;
  publishNotReadyAddresses: boolean;
  externalTrafficPolicy: string | null;
  internalTrafficPolicy: string | null;
  sessionAffinity: string | null;
  /** What the EndpointSlice controller would publish for the selected pods. */
  predicted: EndpointView[];
  excluded: { pod: ObjectRef; reason: string; detail: string }[];
  /** Live: what it did publish. */
  actual: { slices: { name: string; managedBy: string | null; resourceVersion: string | null; lastChangeTriggerTime: string | null }[]; endpoints: EndpointView[] } | null;
  differences: DifferenceView[];
  ports: PortRouteView[];
  nodes: NodeRouteView[];
  dns: DnsView[];
}

export interface DnsView {
  name: string;
  type: string;
  answers: string[];
  /** The name does not exist (no answer at all); false with no answers offline: the pod IPs once the pods run. */
  nxdomain: boolean;
  note: string;
}

export interface KubectlPickView {
  command: 'logs' | 'exec' | 'attach' | 'port-forward';
  /** The kubectl line this answers, e.g. `kubectl logs deploy/moc-xdmod`. */
  commandLine: string;
  /** The object the command names (the target, or a workload behind it). */
  target: ObjectRef;
  pod: ObjectRef | null;
  template: boolean;
  container: string | null;
  containers: string[];
  /** The chosen pod's owner chain, nearest first. */
  owners: ObjectRef[];
  /** Whether that pod belongs to the target (null when the target is not a controller). */
  ownedByTarget: boolean | null;
  decidedBy: string;
  /** True when the pick depends on state the source cannot know (offline templates) or on List order. */
  uncertain: boolean;
  /** Other pods that could be picked instead, when uncertain. */
  candidates: ObjectRef[];
  /** kubectl's own error for this target or this pod, verbatim. */
  error: string | null;
  messages: string[];
  ports: { spec: string; local: number | null; remote: number | null; error: string | null }[];
}

export interface NearMiss {
  pod: ObjectRef;
  template: boolean;
  /** Requirements the pod fails, in plain words. */
  missing: string[];
  matched: number;
  total: number;
}

export interface TargetView {
  ref: ObjectRef;
  found: boolean;
  selector: { field: string; text: string; meaning: string; requirements: string[]; error: string | null } | null;
  via: ObjectRef[];
  backends: { rule: string; service: string | null; port: string | number | null; resource: string | null }[];
  /** NetworkPolicy: its policy types and peers. */
  policy: { policyTypes: string[]; peers: PeerView[] } | null;
  notes: string[];
}

export interface SourceView {
  origin: Origin;
  namespace: string;
  context: string | null;
  cluster: string | null;
  inputs: string[];
  gaps: ReadGap[];
  problems: { source: string; document: number | null; line: number | null; message: string }[];
}

export interface Report {
  kind: typeof REPORT_KIND;
  schemaVersion: typeof SCHEMA_VERSION;
  generatedAt: string;
  kubectlVersion: { version: string; from: string };
  source: SourceView;
  target: TargetView;
  selection: PodView[];
  owners: OwnerGroup[];
  routing: RoutingView[];
  kubectl: KubectlPickView[];
  selectedBy: SelectorMatch[];
  nearMisses: NearMiss[];
  findings: Finding[];
  summary: { selected: number; templates: number; owners: number; findings: Record<Severity, number> };
}

export interface CheckReport {
  kind: typeof CHECK_KIND;
  schemaVersion: typeof SCHEMA_VERSION;
  generatedAt: string;
  kubectlVersion: { version: string; from: string };
  source: SourceView;
  namespaces: string[];
  targets: number;
  findings: Finding[];
  /** Findings silenced by a whoselects.io/ignore annotation or the check configuration, with why. */
  suppressed?: (Finding & { suppression: { by: 'annotation' | 'config'; source: string; reason: string | null } })[];
  summary: { findings: Record<Severity, number>; suppressed?: number };
  /** Offline: where the objects the findings name were read (file and line), for SARIF and JUnit. */
  locations?: { object: ObjectRef; file: string | null; line: number | null }[];
}
