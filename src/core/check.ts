// check: every finding for every object with a selector in the given namespaces.

import { analyze, type AnalysisQuery } from './analyze.ts';
import { CHECK_KIND, SCHEMA_VERSION, severityRank, type CheckReport, type Finding, type Severity } from './report.ts';
import { barePodFinding } from './findings/bare-pod.ts';
import { withRootCauses } from './findings/root-causes.ts';
import { probePortFindings } from './findings/probe-port.ts';
import { releaseCaches } from './indexes.ts';
import { withoutSupersededTemplates } from './template-pods.ts';
import { inNamespace, isTemplate, type Kind, type ObjectRef, type Snapshot } from './snapshot.ts';
import type { KubeObject } from './types.ts';
import { gapFindings } from './findings/partial-results.ts';

export const CHECKED_KINDS: Kind[] = [
  'Service', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController',
  'NetworkPolicy', 'PodDisruptionBudget', 'Ingress', 'HorizontalPodAutoscaler',
];

function key(f: Finding): string {
  const objects = f.objects.map((o) => `${o.kind}/${o.namespace ?? ''}/${o.name}`).sort();
  // A finding about no object (what could not be read) is told apart by what it says.
  return `${f.id}|${[...new Set(objects)].join(',')}${objects.length === 0 ? `|${f.message}` : ''}`;
}

export function namespacesOf(s: Snapshot): string[] {
  const set = new Set<string>();
  for (const kind of CHECKED_KINDS) for (const o of s.objects[kind] as KubeObject[]) set.add(o.metadata?.namespace ?? s.defaultNamespace);
  for (const p of s.objects.Pod) if (!isTemplate(s, p)) set.add(p.metadata?.namespace ?? s.defaultNamespace);
  return [...set].sort();
}

export function check(s: Snapshot, namespaces: string[], base: Omit<AnalysisQuery, 'target' | 'commands'>, now: Date): CheckReport {
  const seen = new Map<string, Finding>();
  // Every read gap is a finding, also when nothing was read to analyse (a check is never clean for want of data).
  for (const f of gapFindings(s.gaps)) seen.set(key(f), f);
  let targets = 0;
  for (const namespace of namespaces) {
    for (const kind of CHECKED_KINDS) {
      // ReplicaSets owned by a Deployment are checked through it.
      const objects = (inNamespace(s.objects[kind] as KubeObject[], namespace)).filter((o) => !(kind === 'ReplicaSet' && o.metadata?.ownerReferences?.some((r) => r.controller && r.kind === 'Deployment')));
      for (const o of objects) {
        targets++;
        const report = analyze(s, { ...base, target: { kind, name: o.metadata?.name ?? '', namespace }, findingsOnly: true }, now);
        for (const f of report.findings) {
          if (f.id === 'kubectl-refuses') continue; // a property of the kind, not a defect
          const k = key(f);
          const prior = seen.get(k);
          if (!prior || severityRank(f.severity) > severityRank(prior.severity)) seen.set(k, f);
        }
      }
    }
    // Pods are not check targets: the bare ones are reported here, with their probes.
    for (const pod of inNamespace(s.objects.Pod, namespace)) {
      const bare = barePodFinding(s, pod);
      if (!bare) continue;
      for (const f of [bare, ...probePortFindings(bare.objects[0] as ObjectRef, pod.spec, false)]) seen.set(key(f), f);
    }
    // What this namespace's targets derived is not asked for again (analyze reads the snapshot without superseded templates).
    releaseCaches(withoutSupersededTemplates(s));
  }
  const findings = withRootCauses(s, [...seen.values()]).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const count = (sev: Severity) => findings.filter((f) => f.severity === sev).length;
  return {
    kind: CHECK_KIND,
    schemaVersion: SCHEMA_VERSION,
    generatedAt: now.toISOString(),
    kubectlVersion: { version: base.kubectl.version.raw, from: base.kubectl.from },
    source: { origin: s.origin, namespace: namespaces.join(','), gaps: s.gaps, ...base.source },
    namespaces,
    targets,
    findings,
    summary: { findings: { error: count('error'), warning: count('warning'), info: count('info') } },
  };
}
