// Every finding rule, in the order their findings are listed before sorting by severity.

import type { Finding } from '../report.ts';
import { severityRank } from '../report.ts';
import { adoptedPod } from './adopted-pod.ts';
import { barePod } from './bare-pod.ts';
import type { AnalysisContext, Rule } from './context.ts';
import { endpointDifferences } from './endpoint-differences.ts';
import { externalNameSelector } from './externalname-selector.ts';
import { headlessPublishNotReady } from './headless-publish-not-ready.ts';
import { hpaScaleTarget } from './hpa-scale-target.ts';
import { ingressBackend } from './ingress-backend.ts';
import { orphanReplicaSet } from './orphan-replicaset.ts';
import { podSubdomain } from './pod-subdomain.ts';
import { invalidSelector } from './invalid-selector.ts';
import { kubectlCannot } from './kubectl-cannot.ts';
import { kubectlForeignPod } from './kubectl-foreign-pod.ts';
import { localTrafficPolicy } from './local-traffic-policy.ts';
import { matchesNothing } from './matches-nothing.ts';
import { multipleHpas } from './multiple-hpas.ts';
import { multiplePdbs } from './multiple-pdbs.ts';
import { networkPolicyPeer } from './network-policy-peer.ts';
import { overlappingSelectors } from './overlapping-selectors.ts';
import { ownerMismatch } from './owner-mismatch.ts';
import { partialResults } from './partial-results.ts';
import { pdbDisruptions } from './pdb-disruptions.ts';
import { probePort } from './probe-port.ts';
import { readinessAndPreStop } from './readiness-prestop.ts';
import { spansWorkloads } from './spans-workloads.ts';
import { statefulSetClaim } from './statefulset-claim.ts';
import { targetPort } from './target-port.ts';

export const RULES: Rule[] = [
  invalidSelector, partialResults, ownerMismatch, spansWorkloads, overlappingSelectors, kubectlForeignPod, targetPort,
  matchesNothing, readinessAndPreStop, multiplePdbs, multipleHpas, localTrafficPolicy, headlessPublishNotReady, adoptedPod,
  endpointDifferences, kubectlCannot, statefulSetClaim, externalNameSelector, ingressBackend, orphanReplicaSet, podSubdomain,
  // Reference checks other linters have (issue 12).
  hpaScaleTarget, pdbDisruptions, networkPolicyPeer, probePort, barePod,
];

export function runRules(ctx: AnalysisContext, rules: Rule[] = RULES): Finding[] {
  const all = rules.flatMap((rule) => rule(ctx));
  return all
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i)
    .map((x) => x.f);
}
