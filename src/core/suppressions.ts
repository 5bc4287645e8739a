// Suppressions: findings a team has decided to live with, by an annotation on an object the
// finding names or by a rule of the check configuration (.whoselects.yaml), plus per-id
// severities. Suppressed findings stay in the report, with who suppressed them and why; a
// suppression that suppressed nothing is itself reported, so stale ignores do not rot.
// Pure: the configuration arrives as data (sources/config reads the file).

import { FINDING_RULES } from './findings/catalog.ts';
import { severityRank, type CheckReport, type Finding, type Severity } from './report.ts';
import { inNamespace, KINDS, type Kind, type ObjectRef, type Snapshot } from './snapshot.ts';
import type { KubeObject } from './types.ts';

/** `whoselects.io/ignore: "id,id"` (or `*`) on an object; the optional reason beside it. */
export const IGNORE_ANNOTATION = 'whoselects.io/ignore';
export const IGNORE_REASON_ANNOTATION = 'whoselects.io/ignore-reason';
export const UNUSED_SUPPRESSION = 'suppression-unused';

export interface IgnoreRule {
  /** Finding ids, or `*` for every id. */
  ids: string[];
  /** Object patterns (`*` and `?` globs; kind is the Kubernetes kind); absent: any object, i.e. global. */
  kind?: Kind;
  namespace?: string;
  name?: string;
  reason: string | null;
  /** Where the rule was written, e.g. `.whoselects.yaml ignore[2]`. */
  origin: string;
}

export interface CheckConfig {
  /** The file read, or null when there is none. */
  file: string | null;
  ignore: IgnoreRule[];
  /** Severity per finding id. */
  severity: Record<string, Severity>;
}

export interface Suppression {
  by: 'annotation' | 'config';
  /** The annotated object, or the config rule's origin. */
  source: string;
  reason: string | null;
}

export interface SuppressedFinding extends Finding {
  suppression: Suppression;
}

export const KNOWN_IDS: ReadonlySet<string> = new Set([...FINDING_RULES.map((r) => r.id), UNUSED_SUPPRESSION]);

export function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

function ruleMatchesObject(rule: IgnoreRule, ref: ObjectRef, defaultNamespace: string): boolean {
  if (rule.kind && rule.kind !== ref.kind) return false;
  if (rule.namespace !== undefined && !globMatches(rule.namespace, ref.namespace ?? defaultNamespace)) return false;
  if (rule.name !== undefined && !globMatches(rule.name, ref.name)) return false;
  return true;
}

const isGlobal = (rule: IgnoreRule) => rule.kind === undefined && rule.namespace === undefined && rule.name === undefined;

/** The ids an object's annotation names (trimmed, de-duplicated), or null without one. */
export function annotatedIds(o: KubeObject): string[] | null {
  const raw = o.metadata?.annotations?.[IGNORE_ANNOTATION];
  if (raw === undefined) return null;
  return [...new Set(raw.split(',').map((x) => x.trim()).filter((x) => x !== ''))];
}

interface Annotated { ref: ObjectRef; ids: string[]; reason: string | null; used: Set<string> }

function annotatedObjects(s: Snapshot, namespaces: string[]): Map<string, Annotated> {
  const out = new Map<string, Annotated>();
  for (const kind of KINDS) {
    if (kind === 'Node' || kind === 'Namespace' || kind === 'EndpointSlice') continue;
    for (const namespace of namespaces) {
      for (const o of inNamespace(s.objects[kind] as KubeObject[], namespace)) {
        const ids = annotatedIds(o);
        if (!ids) continue;
        const ref: ObjectRef = { kind, name: o.metadata?.name ?? '', namespace };
        out.set(`${kind}/${namespace}/${ref.name}`, { ref, ids, reason: o.metadata?.annotations?.[IGNORE_REASON_ANNOTATION] ?? null, used: new Set() });
      }
    }
  }
  return out;
}

const showRef = (r: ObjectRef) => `${r.kind.toLowerCase()}/${r.name}${r.namespace ? ` (namespace ${r.namespace})` : ''}`;

function unused(message: string, objects: ObjectRef[], evidence: string[]): Finding {
  return { id: UNUSED_SUPPRESSION, severity: 'info', message, objects, evidence };
}

function countBySeverity(findings: Finding[]): Record<Severity, number> {
  return { error: findings.filter((f) => f.severity === 'error').length, warning: findings.filter((f) => f.severity === 'warning').length, info: findings.filter((f) => f.severity === 'info').length };
}

/**
 * The check report with suppressions applied: active findings (severities as configured),
 * the suppressed ones with their reason, and a `suppression-unused` finding for every
 * annotation id or config rule that suppressed nothing in the namespaces checked.
 */
export function applySuppressions(report: CheckReport, s: Snapshot, config: CheckConfig | null): CheckReport {
  const severity = config?.severity ?? {};
  const rules = config?.ignore ?? [];
  const annotated = annotatedObjects(s, report.namespaces);
  const ruleUsed = rules.map(() => false);
  const active: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const restyle = (f: Finding): Finding => (severity[f.id] && severity[f.id] !== f.severity ? { ...f, severity: severity[f.id] as Severity } : f);

  for (const original of report.findings) {
    const f = restyle(original);
    let by: Suppression | null = null;
    for (const ref of f.objects) {
      const a = annotated.get(`${ref.kind}/${ref.namespace ?? s.defaultNamespace}/${ref.name}`);
      if (!a) continue;
      const hit = a.ids.includes(f.id) ? f.id : a.ids.includes('*') ? '*' : null;
      if (hit === null) continue;
      a.used.add(hit);
      by ??= { by: 'annotation', source: `${IGNORE_ANNOTATION} on ${showRef(a.ref)}`, reason: a.reason };
    }
    rules.forEach((rule, i) => {
      if (!rule.ids.includes(f.id) && !rule.ids.includes('*')) return;
      if (!isGlobal(rule) && !f.objects.some((ref) => ruleMatchesObject(rule, ref, s.defaultNamespace))) return;
      ruleUsed[i] = true;
      by ??= { by: 'config', source: rule.origin, reason: rule.reason };
    });
    if (by) suppressed.push({ ...f, suppression: by });
    else active.push(f);
  }

  // Stale suppressions: annotation ids and config rules that suppressed nothing here.
  const stale: Finding[] = [];
  for (const a of annotated.values()) {
    for (const id of a.ids) {
      if (a.used.has(id)) continue;
      const known = id === '*' || KNOWN_IDS.has(id);
      stale.push(unused(known
        ? `${IGNORE_ANNOTATION} on ${showRef(a.ref)} ignores ${id === '*' ? 'every finding' : id}, but no such finding names it: remove ${id === '*' ? 'the annotation' : `${id} from it`}.`
        : `${IGNORE_ANNOTATION} on ${showRef(a.ref)} names ${JSON.stringify(id)}, which is no finding id: it suppresses nothing.`,
      [a.ref], [`${IGNORE_ANNOTATION}: ${JSON.stringify(a.ids.join(','))}`, known ? 'a suppression that matches nothing hides the next, different problem' : 'finding ids are listed in the README\'s findings table']));
    }
  }
  rules.forEach((rule, i) => {
    const unknown = rule.ids.filter((id) => id !== '*' && !KNOWN_IDS.has(id));
    for (const id of unknown) {
      stale.push(unused(`${rule.origin} names ${JSON.stringify(id)}, which is no finding id: it suppresses nothing.`, [], [`ids: ${rule.ids.join(', ')}`, 'finding ids are listed in the README\'s findings table']));
    }
    if (ruleUsed[i] || unknown.length === rule.ids.length) return;
    // A rule for namespaces outside this run cannot be judged here.
    if (rule.namespace !== undefined && !report.namespaces.some((ns) => globMatches(rule.namespace as string, ns))) return;
    const what = [rule.kind && `kind ${rule.kind}`, rule.namespace !== undefined && `namespace ${rule.namespace}`, rule.name !== undefined && `name ${rule.name}`].filter(Boolean).join(', ');
    stale.push(unused(`${rule.origin} ignores ${rule.ids.join(', ')}${what ? ` for ${what}` : ''}, but no finding matched it: remove it.`, [],
      [`ids: ${rule.ids.join(', ')}${what ? `; objects: ${what}` : ''}`, 'a suppression that matches nothing hides the next, different problem']));
  });
  for (const f of stale.map(restyle)) {
    // A stale suppression can itself be ignored (by id in the config), but not by itself.
    const rule = rules.find((r) => (r.ids.includes(UNUSED_SUPPRESSION)) && (isGlobal(r) || f.objects.some((ref) => ruleMatchesObject(r, ref, s.defaultNamespace))));
    if (rule) suppressed.push({ ...f, suppression: { by: 'config', source: rule.origin, reason: rule.reason } });
    else active.push(f);
  }

  const findings = active.map((f, i) => ({ f, i })).sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i).map((x) => x.f);
  return { ...report, findings, suppressed, summary: { ...report.summary, findings: countBySeverity(findings), suppressed: suppressed.length } };
}
