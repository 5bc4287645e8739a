// Where the objects a check report names were read: manifest file and line (offline), so
// SARIF and JUnit can point at them; live objects have none and are named as objects.
// A template pod is located at its workload. `kustomize DIR` output points at the
// kustomization that built it, without a line.

import type { CheckReport } from './report.ts';
import { originKey, type ObjectRef, type Snapshot } from './snapshot.ts';

export interface ObjectLocation {
  object: ObjectRef;
  /** A file to point at: the manifest, or DIR/kustomization.yaml for -k output; null for standard input. */
  file: string | null;
  /** 1-based line of the object's document in that file, when the file is the manifest itself. */
  line: number | null;
}

export const KUSTOMIZE_SOURCE = /^kustomize (.+)$/;

function located(s: Snapshot, ref: ObjectRef): ObjectLocation | null {
  let target = ref;
  if (ref.kind === 'Pod' && ref.uid && s.templateOf[ref.uid]) target = s.templateOf[ref.uid] as ObjectRef;
  const origin = s.origins?.get(originKey(target.kind, target.namespace ?? ref.namespace ?? s.defaultNamespace, target.name));
  if (!origin) return null;
  const k = KUSTOMIZE_SOURCE.exec(origin.source);
  if (k) return { object: ref, file: `${(k[1] as string).replace(/\/+$/, '')}/kustomization.yaml`, line: null };
  if (origin.source === '-') return { object: ref, file: null, line: null };
  return { object: ref, file: origin.source, line: origin.line };
}

/** The report with `locations` for every object its findings (and suppressed findings) name. */
export function withLocations(report: CheckReport, s: Snapshot): CheckReport {
  const seen = new Map<string, ObjectLocation>();
  for (const f of [...report.findings, ...(report.suppressed ?? [])]) {
    for (const ref of f.objects) {
      const key = `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
      if (seen.has(key)) continue;
      const l = located(s, ref);
      if (l) seen.set(key, l);
    }
  }
  return { ...report, locations: [...seen.values()] };
}
