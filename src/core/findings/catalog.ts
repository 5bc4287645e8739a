// Every finding id the rules emit, with what it means, how to fix it, and the equivalent
// check of peer linters (ids confirmed in their sources: kube-linter
// pkg/builtinchecks/yamls/*.yaml, kube-score score/**: the registered name, lower-cased
// with dashes). SARIF rules, JUnit test names, suppression validation and the README's
// findings table read this list.

import type { Severity } from '../report.ts';

export interface FindingRule {
  id: string;
  /** The usual severity; some rules raise or lower it with the evidence. */
  severity: Severity;
  title: string;
  help: string;
  kubeLinter?: string[];
  kubeScore?: string[];
}

export const FINDING_RULES: FindingRule[] = [
  { id: 'owner-mismatch', severity: 'warning', title: 'A selected pod belongs to another controller',
    help: 'A pod the selector matches is owned by another controller, or none. Give each workload a label no other workload has (e.g. app.kubernetes.io/component) and select on it.' },
  { id: 'selects-several-workloads', severity: 'warning', title: 'Selects pods of more than one workload',
    help: 'The Service (PDB, HPA) selects pods of several workloads. Intended for stable + canary; otherwise narrow the selector. Silence an intended case with the whoselects.io/ignore annotation.' },
  { id: 'overlapping-selectors', severity: 'warning', title: 'Two workloads\' selectors match the same pods',
    help: 'Controllers fight over the pods both selectors match: adoption, wrong replica counts, kubectl logs on the wrong pod. Make the selectors disjoint.' },
  { id: 'kubectl-picks-foreign-pod', severity: 'warning', title: 'kubectl logs/exec may use another owner\'s pod',
    help: 'kubectl picks the first pod the selector matches, whoever owns it. Make the workload\'s selector unique.' },
  { id: 'target-port-not-declared', severity: 'warning', title: 'Numeric targetPort that some endpoints do not declare',
    help: 'Traffic is sent to a port the pods do not declare (and may not listen on). Point targetPort at a declared port, or stop selecting those pods.' },
  { id: 'target-port-not-served', severity: 'warning', title: 'Named targetPort some pods lack',
    help: 'Pods that do not declare the named port get no endpoint port for it. Declare the name on every selected pod.' },
  { id: 'selector-matches-nothing', severity: 'warning', title: 'Selector matches no pod',
    help: 'The selector matches nothing; the nearest near-miss pods say which label is off.', kubeLinter: ['dangling-service', 'dangling-networkpolicy'], kubeScore: ['service-targets-pod', 'networkpolicy-targets-pod'] },
  { id: 'no-readiness-probe', severity: 'warning', title: 'Pods behind a Service have no readiness probe',
    help: 'Pods get traffic as soon as their containers start. Add a readinessProbe.', kubeLinter: ['no-readiness-probe'], kubeScore: ['pod-probes'] },
  { id: 'no-prestop-delay', severity: 'info', title: 'Pods behind a Service get SIGTERM while still routed',
    help: 'Add a preStop sleep a few seconds longer than endpoint propagation.' },
  { id: 'multiple-pdbs', severity: 'warning', title: 'A pod matched by more than one PodDisruptionBudget',
    help: 'The eviction API refuses such pods with HTTP 500. Make the PDB selectors disjoint.' },
  { id: 'multiple-hpas', severity: 'warning', title: 'More than one HorizontalPodAutoscaler on the same pods',
    help: 'Autoscalers whose targets share pods fight over the scale. Keep one per workload.' },
  { id: 'local-policy-without-endpoints', severity: 'warning', title: 'Traffic policy Local on nodes without a local ready endpoint',
    help: 'externalTrafficPolicy/internalTrafficPolicy: Local drops traffic entering nodes with no local endpoint.' },
  { id: 'local-policy-nodes-unknown', severity: 'info', title: 'Traffic policy Local, nodes unknown',
    help: 'Whether nodes drop traffic depends on where pods run; run against a cluster to know.' },
  { id: 'headless-publishes-not-ready', severity: 'warning', title: 'Headless Service publishes not-ready pods',
    help: 'DNS hands out pods that are not ready (or are terminating) with publishNotReadyAddresses.' },
  { id: 'orphan-will-be-adopted', severity: 'warning', title: 'A bare pod a controller will adopt',
    help: 'A controller adopts a bare pod its selector matches, counts it, and may delete a real replica.' },
  { id: 'adopted-pod', severity: 'warning', title: 'A pod its controller did not create',
    help: 'The pod was adopted: it keeps its own spec, image and ports.' },
  { id: 'stale-owner-reference', severity: 'warning', title: 'ownerReference to a deleted predecessor',
    help: 'The controller named by UID no longer exists; an object of that name has another UID.' },
  { id: 'statefulset-will-not-claim', severity: 'warning', title: 'A pod a StatefulSet selects but never claims',
    help: 'A StatefulSet claims only pods named <sts>-<ordinal>.' },
  { id: 'orphan-replicaset-will-be-adopted', severity: 'warning', title: 'A ReplicaSet without a controller a Deployment will adopt',
    help: 'A Deployment claims an ownerless ReplicaSet whose own labels its selector matches; with another template it becomes an old revision scaled to 0. Change the ReplicaSet\'s labels, or delete it.' },
  { id: 'subdomain-service-missing', severity: 'warning', title: 'Per-pod DNS names with no Service behind them',
    help: 'A StatefulSet\'s serviceName or a pod\'s subdomain names no Service (or one that does not select the pods): <hostname>.<subdomain> does not resolve. Create a headless Service of that name selecting the pods.' },
  { id: 'ingress-backend-service-missing', severity: 'error', title: 'Ingress backend names a missing Service',
    help: 'Requests on that path get an error from the ingress controller. Create the Service or fix the backend name.' },
  { id: 'ingress-backend-port-missing', severity: 'error', title: 'Ingress backend names a port the Service does not declare',
    help: 'A backend port names the Service port by number (port, not targetPort) or by name; requests on that path reach no pod. Use a port the Service declares.' },
  { id: 'invalid-selector', severity: 'error', title: 'Selector the API server would reject',
    help: 'Fix the selector; the object cannot be created as written.' },
  { id: 'endpoints-missing-endpoint', severity: 'warning', title: 'Live EndpointSlices lack a predicted endpoint',
    help: 'The control plane has not published an endpoint the rules predict: a lagging or broken EndpointSlice controller.' },
  { id: 'endpoints-unexpected-endpoint', severity: 'warning', title: 'Live EndpointSlices have an unpredicted endpoint',
    help: 'An endpoint the rules do not predict: a stale slice, or hand-made endpoints.' },
  { id: 'endpoints-foreign-slice', severity: 'warning', title: 'EndpointSlice managed by another controller',
    help: 'A slice for the Service that the EndpointSlice controller does not manage.' },
  { id: 'endpoints-condition-mismatch', severity: 'info', title: 'Endpoint conditions differ from the prediction',
    help: 'ready/serving/terminating differ from what the pods say: usually propagation lag.' },
  { id: 'endpoints-port-mismatch', severity: 'info', title: 'Endpoint ports differ from the prediction',
    help: 'Published ports differ from what the pods declare.' },
  { id: 'partial-results', severity: 'warning', title: 'Something could not be read',
    help: 'Answers depending on it are partial; grant get/list on the kinds named.' },
  { id: 'externalname-with-selector', severity: 'info', title: 'ExternalName Service with a selector',
    help: 'The selector of an ExternalName Service is ignored.' },
  { id: 'kubectl-refuses', severity: 'info', title: 'kubectl refuses this TYPE/NAME',
    help: 'kubectl logs/exec does not accept this kind.' },
  { id: 'hpa-target-not-found', severity: 'warning', title: 'HPA scaleTargetRef names nothing',
    help: 'The scale target does not exist, or its apiVersion does not serve its kind: the autoscaler scales nothing. Fix scaleTargetRef.',
    kubeLinter: ['dangling-horizontalpodautoscaler'], kubeScore: ['horizontalpodautoscaler-has-target'] },
  { id: 'hpa-target-sets-replicas', severity: 'warning', title: 'HPA target also sets spec.replicas',
    help: 'Every apply resets the scale the autoscaler chose. Remove spec.replicas from the manifest (manifests: as written; live: the kubectl apply record).',
    kubeScore: ['deployment-targeted-by-hpa-does-not-have-replicas-configured'] },
  { id: 'pdb-never-allows-disruption', severity: 'warning', title: 'PodDisruptionBudget can never allow a disruption',
    help: 'minAvailable at or above the pod count, minAvailable: 100%, or maxUnavailable: 0: every eviction is refused and drains hang. Allow at least one.',
    kubeLinter: ['pdb-min-available', 'pdb-max-unavailable'] },
  { id: 'netpol-peer-matches-nothing', severity: 'warning', title: 'NetworkPolicy peer matches nothing',
    help: 'A from/to peer whose podSelector or namespaceSelector matches nothing allows no traffic. Fix its labels.',
    kubeLinter: ['dangling-networkpolicypeer-podselector'] },
  { id: 'probe-port-name-unknown', severity: 'error', title: 'Probe names a port its container does not declare',
    help: 'The kubelet resolves a probe port name in the probed container only: the probe always fails. Declare the port on that container or use its number.',
    kubeLinter: ['liveness-port', 'readiness-port', 'startup-port'] },
  { id: 'probe-port-not-declared', severity: 'info', title: 'Probe on a port no container declares',
    help: 'A numeric probe port works if something listens, but nothing declares it. Declare it under ports.',
    kubeLinter: ['liveness-port', 'readiness-port', 'startup-port'] },
  { id: 'bare-pod', severity: 'warning', title: 'Pod no controller manages',
    help: 'Nothing recreates it after a node failure or eviction, and kubectl drain refuses it without --force. Run it from a workload controller.' },
  { id: 'suppression-unused', severity: 'info', title: 'A suppression that suppressed nothing',
    help: 'A whoselects.io/ignore id or a check configuration rule matched no finding (or names no finding id). Remove it, so it cannot hide the next, different problem.' },
];

export function findingRule(id: string): FindingRule | undefined {
  return FINDING_RULES.find((r) => r.id === id);
}
