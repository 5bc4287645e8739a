// `check -o sarif`: SARIF 2.1.0 (OASIS), as code-scanning services read it. One run; every
// catalogued finding id is a rule with its help text and a link to the README; each finding
// is a result at the manifest file and line when the input was manifests, and named as a
// Kubernetes object (a logical location) always. Suppressed findings are results with a
// suppression (inSource for the annotation, external for the config file).

import { FINDING_RULES } from '../core/findings/catalog.ts';
import type { CheckReport, Finding, Severity } from '../core/report.ts';
import type { ObjectRef } from '../core/snapshot.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const HOMEPAGE = 'https://github.com/whoselects/kubectl-whoselects';
export const FINDINGS_HELP = `${HOMEPAGE}#findings`;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function objectName(r: ObjectRef): string {
  return `${r.namespace ? `${r.namespace}/` : ''}${r.kind.toLowerCase()}/${r.name}`;
}

type Located = NonNullable<CheckReport['locations']>[number];

function locationOf(report: CheckReport, f: Finding): Located | null {
  const all = report.locations ?? [];
  for (const ref of f.objects) {
    const l = all.find((x) => x.object.kind === ref.kind && x.object.name === ref.name && (x.object.namespace ?? '') === (ref.namespace ?? ''));
    if (l?.file) return l;
  }
  return null;
}

/** A relative path stays relative (to the repository root, as code scanning expects); an absolute one becomes a file: URI. */
export function toUri(file: string): string {
  const path = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const encoded = path.split('/').map((part) => encodeURIComponent(part)).join('/');
  return path.startsWith('/') ? `file://${encoded}` : encoded;
}

export function toSarif(report: CheckReport, version: string): object {
  const ruleIndex = new Map(FINDING_RULES.map((r, i) => [r.id, i]));
  const result = (f: Finding & { suppression?: { by: string; source: string; reason: string | null } }) => {
    const where = locationOf(report, f);
    const subject = f.objects[0];
    const location: Record<string, unknown> = {};
    if (where?.file) location.physicalLocation = { artifactLocation: { uri: toUri(where.file) }, ...(where.line ? { region: { startLine: where.line } } : {}) };
    if (f.objects.length) location.logicalLocations = f.objects.map((o) => ({ name: o.name, fullyQualifiedName: objectName(o), kind: 'object' }));
    const out: Record<string, unknown> = {
      ruleId: f.id,
      level: LEVEL[f.severity],
      message: { text: [f.message, ...f.evidence.map((e) => `- ${e}`)].join('\n') },
      locations: Object.keys(location).length ? [location] : [],
      partialFingerprints: { 'whoselects/v1': `${f.id}|${f.objects.map(objectName).sort().join(',')}` },
      properties: { severity: f.severity, objects: f.objects.map(objectName), evidence: f.evidence, ...(subject ? { subject: objectName(subject) } : {}) },
    };
    const index = ruleIndex.get(f.id);
    if (index !== undefined) out.ruleIndex = index;
    if (f.suppression) out.suppressions = [{ kind: f.suppression.by === 'annotation' ? 'inSource' : 'external', status: 'accepted', justification: `${f.suppression.source}${f.suppression.reason ? `: ${f.suppression.reason}` : ''}` }];
    return out;
  };
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'kubectl-whoselects',
          semanticVersion: version,
          informationUri: HOMEPAGE,
          rules: FINDING_RULES.map((r) => ({
            id: r.id,
            name: r.id.split('-').map((w) => (w[0]?.toUpperCase() ?? '') + w.slice(1)).join(''),
            shortDescription: { text: r.title },
            fullDescription: { text: r.help },
            help: { text: `${r.help} See ${FINDINGS_HELP}`, markdown: `${r.help}\n\n[\`${r.id}\` in the findings table](${FINDINGS_HELP})` },
            helpUri: FINDINGS_HELP,
            defaultConfiguration: { level: LEVEL[r.severity] },
            properties: { tags: ['kubernetes', 'selectors'], ...(r.kubeLinter ? { 'kube-linter': r.kubeLinter } : {}), ...(r.kubeScore ? { 'kube-score': r.kubeScore } : {}) },
          })),
        },
      },
      results: [...report.findings.map((f) => result(f)), ...(report.suppressed ?? []).map((f) => result(f))],
      properties: { kind: report.kind, schemaVersion: report.schemaVersion, namespaces: report.namespaces, targets: report.targets, gaps: report.source.gaps },
    }],
  };
}

export function renderSarif(report: CheckReport, version: string): string {
  return `${JSON.stringify(toSarif(report, version), null, 2)}\n`;
}
