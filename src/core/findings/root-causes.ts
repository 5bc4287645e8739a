// Root causes of selector collisions, named with their fix: the sentences that end an
// incident. For findings about several workloads sharing pods (overlapping selectors, a
// Service or PDB selecting several workloads, owner mismatches, kubectl picking another's pod):
//  - kustomize (-k): a selector made only of labels a kustomization field writes into every
//    selector (commonLabels, or labels with includeSelectors: true) selects everything that
//    kustomization labels; the field and file are named.
//  - a Job with spec.manualSelector: true uses the selector as written instead of the
//    generated controller-uid one (k/k pkg/registry/batch/job/strategy.go).
//  - two workloads of one Helm release (same app.kubernetes.io/instance, both with
//    helm.sh/chart): the chart's selector labels do not tell its workloads apart.

import { findByName, type Kind, type ObjectRef, type SelectorWriter, type Snapshot } from '../snapshot.ts';
import type { Finding } from '../report.ts';
import type { KubeObject, LabelSelector, Service, Workload } from '../types.ts';

const COLLISIONS = new Set(['overlapping-selectors', 'selects-several-workloads', 'owner-mismatch', 'kubectl-picks-foreign-pod', 'multiple-pdbs']);
const SELECTING: ReadonlySet<string> = new Set<Kind>(['Service', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'PodDisruptionBudget']);

export interface RootCause {
  summary: string;
  fix: string;
  file?: string;
  field?: string;
}

/** A selector as a plain label map, or null when it has expressions (not written by a label transformer alone). */
function selectorMap(kind: Kind, o: KubeObject): Record<string, string> | null {
  if (kind === 'Service' || kind === 'ReplicationController') return ((o as Service).spec?.selector as Record<string, string> | null | undefined) ?? null;
  const sel = (o as Workload).spec?.selector as LabelSelector | null | undefined;
  if (!sel || (sel.matchExpressions && sel.matchExpressions.length > 0)) return null;
  return sel.matchLabels ?? null;
}

function objectsOf(s: Snapshot, f: Finding): { ref: ObjectRef; kind: Kind; object: KubeObject }[] {
  const out: { ref: ObjectRef; kind: Kind; object: KubeObject }[] = [];
  // The names found, by kind (a finding may name hundreds of workloads).
  const seen = new Map<string, Set<string>>();
  for (const ref of f.objects) {
    if (!SELECTING.has(ref.kind)) continue;
    let names = seen.get(ref.kind);
    if (names?.has(ref.name)) continue;
    const object = findByName(s.objects[ref.kind as Kind] as KubeObject[], ref.namespace ?? s.defaultNamespace, ref.name);
    if (!object) continue;
    if (!names) {
      names = new Set();
      seen.set(ref.kind, names);
    }
    names.add(ref.name);
    out.push({ ref, kind: ref.kind as Kind, object });
  }
  return out;
}

const show = (r: ObjectRef) => `${r.kind.toLowerCase()}/${r.name}`;
const list = (refs: ObjectRef[]) => (refs.length < 3 ? refs.map(show).join(' and ') : `${refs.slice(0, -1).map(show).join(', ')} and ${show(refs[refs.length - 1] as ObjectRef)}`);
const pairs = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(', ');

function kustomizeCause(s: Snapshot, involved: ReturnType<typeof objectsOf>): RootCause | null {
  for (const w of s.selectorWriters ?? []) {
    const written = involved.filter((x) => {
      const m = selectorMap(x.kind, x.object);
      return m !== null && Object.keys(m).length > 0 && Object.entries(m).every(([k, v]) => w.labels[k] === v);
    });
    if (written.length === 0) continue;
    return writerCause(w, written.map((x) => x.ref));
  }
  return null;
}

function writerCause(w: SelectorWriter, refs: ObjectRef[]): RootCause {
  const how = w.field === 'commonLabels' ? 'commonLabels' : `${w.field} (includeSelectors: true)`;
  return {
    summary: `kustomize wrote these selectors: ${how} in ${w.file} adds ${pairs(w.labels)} to every selector it builds, and ${list(refs)} select${refs.length === 1 ? 's' : ''} on nothing else, so ${refs.length === 1 ? 'it matches' : 'they match'} every workload of that kustomization.`,
    fix: `in ${w.file}, move these labels to \`labels:\` without includeSelectors (metadata only), or give each workload its own selector label such as app.kubernetes.io/component.`,
    file: w.file,
    field: w.field,
  };
}

function jobCause(involved: ReturnType<typeof objectsOf>): RootCause | null {
  const manual = involved.filter((x) => x.kind === 'Job' && (x.object as Workload).spec?.manualSelector === true);
  if (manual.length === 0) return null;
  return {
    summary: `${list(manual.map((x) => x.ref))} set${manual.length === 1 ? 's' : ''} spec.manualSelector: true, so the API server keeps the selector as written instead of generating one on the Job's unique controller-uid.`,
    fix: 'drop manualSelector and spec.selector and let the API server generate the selector (batch.kubernetes.io/controller-uid), or make the written selector unique to this Job.',
    field: 'spec.manualSelector',
  };
}

function helmCause(involved: ReturnType<typeof objectsOf>): RootCause | null {
  const byRelease = new Map<string, { refs: ObjectRef[]; charts: Set<string> }>();
  for (const x of involved) {
    const labels = x.object.metadata?.labels ?? {};
    const release = labels['app.kubernetes.io/instance'];
    const chart = labels['helm.sh/chart'];
    if (!release || !chart) continue;
    const g = byRelease.get(release) ?? { refs: [], charts: new Set<string>() };
    g.refs.push(x.ref);
    g.charts.add(chart);
    byRelease.set(release, g);
  }
  for (const [release, g] of byRelease) {
    if (g.refs.length < 2) continue;
    return {
      summary: `${list(g.refs)} belong to one Helm release, ${release} (chart ${[...g.charts].join(', ')}): the chart gives its workloads selectors that do not tell them apart.`,
      fix: 'in the chart, add a per-workload label (app.kubernetes.io/component) to each workload\'s selector and pod template, not only the release-wide selectorLabels.',
      field: 'app.kubernetes.io/instance',
    };
  }
  return null;
}

export function rootCauseOf(s: Snapshot, f: Finding): RootCause | null {
  if (!COLLISIONS.has(f.id)) return null;
  const involved = objectsOf(s, f);
  return kustomizeCause(s, involved) ?? jobCause(involved) ?? helmCause(involved);
}

/** The findings, each collision finding with its root cause (when one is known) and the cause as evidence. */
export function withRootCauses(s: Snapshot, findings: Finding[]): Finding[] {
  return findings.map((f) => {
    if (f.cause) return f;
    const cause = rootCauseOf(s, f);
    return cause ? { ...f, cause, evidence: [...f.evidence, `cause: ${cause.summary}`, `fix: ${cause.fix}`] } : f;
  });
}
