// check: every finding for every object with a selector in the given namespaces.

import { analyze, type AnalysisQuery } from './analyze.ts';
import { CHECK_KIND, SCHEMA_VERSION, severityRank, type CheckReport, type Finding, type Severity } from './report.ts';
import { barePodFinding } from './findings/bare-pod.ts';
import { probePortFindings } from './findings/probe-port.ts';
import { releaseCaches } from './indexes.ts';
import { withoutSupersededTemplates } from './template-pods.ts';
import { inNamespace, isKnown, isTemplate, type Kind, type ObjectRef, type Snapshot } from './snapshot.ts';
import type { KubeObject } from './types.ts';
import { gapFindings } from './findings/partial-results.ts';
import { hasNamespacePeers } from './targets/network-policy.ts';

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

/** A finding as check meets it: `always` replaces an equal one whatever its severity (a bare pod's), else only a more severe one does. */
interface Met { finding: Finding; always: boolean }

/** One namespace checked: its targets and its findings in the order they were met. */
interface NamespaceChecked { targets: number; met: Met[] }

/** What check asks of every target (the report's source is the check's own: no finding reads it). */
export type CheckQuery = Omit<AnalysisQuery, 'target' | 'commands' | 'source'>;

const NO_SOURCE: AnalysisQuery['source'] = { context: null, cluster: null, inputs: [], problems: [] };

function checkNamespace(s: Snapshot, namespace: string, base: CheckQuery, now: Date): NamespaceChecked {
  const met: Met[] = [];
  let targets = 0;
  for (const kind of CHECKED_KINDS) {
    // ReplicaSets owned by a Deployment are checked through it.
    const objects = (inNamespace(s.objects[kind] as KubeObject[], namespace)).filter((o) => !(kind === 'ReplicaSet' && o.metadata?.ownerReferences?.some((r) => r.controller && r.kind === 'Deployment')));
    for (const o of objects) {
      targets++;
      const report = analyze(s, { ...base, source: NO_SOURCE, target: { kind, name: o.metadata?.name ?? '', namespace }, findingsOnly: true }, now);
      for (const f of report.findings) {
        if (f.id === 'kubectl-refuses') continue; // a property of the kind, not a defect
        met.push({ finding: f, always: false });
      }
    }
  }
  // Pods are not check targets: the bare ones are reported here, with their probes.
  for (const pod of inNamespace(s.objects.Pod, namespace)) {
    const bare = barePodFinding(s, pod);
    if (!bare) continue;
    for (const f of [bare, ...probePortFindings(bare.objects[0] as ObjectRef, pod.spec, false)]) met.push({ finding: f, always: true });
  }
  // What this namespace's targets derived is not asked for again (analyze reads the snapshot without superseded templates).
  releaseCaches(withoutSupersededTemplates(s));
  return { targets, met };
}

/**
 * Whether checking a namespace reads objects of other namespaces: a NetworkPolicy peer with a
 * namespaceSelector is matched against the pods of the namespaces it selects, and a claim about
 * them is made when those are all known (offline, where the input is the whole world, or once
 * Namespaces were read; network-policy-peer.ts). Such a namespace is checked only against the
 * whole snapshot. Otherwise everything a namespace's targets read is in the namespace, but the
 * Nodes (cluster-scoped, read whole).
 */
export function readsOtherNamespaces(s: Snapshot, namespace: string): boolean {
  if (s.origin !== 'manifests' && !isKnown(s, 'Namespace')) return false;
  return inNamespace(s.objects.NetworkPolicy, namespace).some(hasNamespacePeers);
}

/**
 * A check made in parts: namespaces checked as soon as a source has all of them (`add`, with a
 * snapshot holding those namespaces whole as the finished one will, every kind read and nothing
 * failed), the rest and the report at the end against the whole snapshot (`report`). The report
 * is the one `check` gives for the whole snapshot: parts are put together in the order of
 * `namespaces`, each finding kept as check keeps it.
 */
export interface CheckRun {
  /** Checks these namespaces of s now; one that reads other namespaces waits for report. */
  add(s: Snapshot, namespaces: Iterable<string>): void;
  /** How many namespaces add has checked. */
  readonly ahead: number;
  report(s: Snapshot, namespaces: string[], source: AnalysisQuery['source']): CheckReport;
}

export function checkRun(base: CheckQuery, now: Date): CheckRun {
  const parts = new Map<string, NamespaceChecked>();
  return {
    get ahead() {
      return parts.size;
    },
    add(s, namespaces) {
      for (const namespace of namespaces) {
        if (parts.has(namespace) || readsOtherNamespaces(s, namespace)) continue;
        parts.set(namespace, checkNamespace(s, namespace, base, now));
      }
    },
    report(s, namespaces, source) {
      const seen = new Map<string, Finding>();
      // Every read gap is a finding, also when nothing was read to analyse (a check is never clean for want of data).
      for (const f of gapFindings(s.gaps)) seen.set(key(f), f);
      let targets = 0;
      for (const namespace of namespaces) {
        const part = parts.get(namespace) ?? checkNamespace(s, namespace, base, now);
        targets += part.targets;
        for (const { finding: f, always } of part.met) {
          const k = key(f);
          const prior = always ? undefined : seen.get(k);
          if (!prior || severityRank(f.severity) > severityRank(prior.severity)) seen.set(k, f);
        }
      }
      // Root causes are analyze's: every collision finding comes from a target's analysis, which
      // gave it its cause (bare pods, probes and read gaps are no collisions).
      const findings = [...seen.values()].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
      const count = (sev: Severity) => findings.filter((f) => f.severity === sev).length;
      return {
        kind: CHECK_KIND,
        schemaVersion: SCHEMA_VERSION,
        generatedAt: now.toISOString(),
        kubectlVersion: { version: base.kubectl.version.raw, from: base.kubectl.from },
        source: { origin: s.origin, namespace: namespaces.join(','), gaps: s.gaps, ...source },
        namespaces,
        targets,
        findings,
        summary: { findings: { error: count('error'), warning: count('warning'), info: count('info') } },
      };
    },
  };
}

export function check(s: Snapshot, namespaces: string[], base: CheckQuery & Pick<AnalysisQuery, 'source'>, now: Date): CheckReport {
  const { source, ...query } = base;
  return checkRun(query, now).report(s, namespaces, source);
}
