// `check -o junit`: the JUnit XML test dashboards read (the Ant/Surefire shape: testsuites →
// testsuite → testcase with failure or skipped). One testsuite per finding id, so a clean
// rule shows as one passing test; one testcase per finding, named after the object it is
// about and its manifest file and line. A finding at or above --fail-on is a failure, below
// it a passing case that says so; a suppressed finding is skipped, with who and why.

import { FINDING_RULES } from '../core/findings/catalog.ts';
import { severityRank, type CheckReport, type Finding, type Severity } from '../core/report.ts';
import { objectName } from './sarif.ts';

/** XML 1.0 text: the five entities escaped, characters XML cannot carry dropped. */
export function xmlText(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) => {
      const code = c.charCodeAt(0);
      const next = all.charCodeAt(i + 1);
      const prev = all.charCodeAt(i - 1);
      return (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) || (code >= 0xdc00 && prev >= 0xd800 && prev <= 0xdbff) ? c : '';
    })
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

type Suppressed = Finding & { suppression?: { source: string; reason: string | null } };

export function renderJunit(report: CheckReport, failOn: Severity | 'never'): string {
  const where = (f: Finding) => {
    for (const ref of f.objects) {
      const l = (report.locations ?? []).find((x) => x.object.kind === ref.kind && x.object.name === ref.name && (x.object.namespace ?? '') === (ref.namespace ?? ''));
      if (l?.file) return `${l.file}${l.line ? `:${l.line}` : ''}`;
    }
    return null;
  };
  const fails = (f: Finding) => failOn !== 'never' && severityRank(f.severity) >= severityRank(failOn);
  const all: Suppressed[] = [...report.findings, ...(report.suppressed ?? [])];
  const ids = [...FINDING_RULES.map((r) => r.id), ...all.map((f) => f.id).filter((id) => !FINDING_RULES.some((r) => r.id === id))];
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const id of ids) {
    const mine = all.filter((f) => f.id === id);
    const rule = FINDING_RULES.find((r) => r.id === id);
    const cases: string[] = [];
    if (mine.length === 0) cases.push(`    <testcase classname="${xmlText(id)}" name="${xmlText(`no ${id} finding`)}" time="0"/>`);
    for (const f of mine) {
      const subject = f.objects[0] ? objectName(f.objects[0]) : 'check configuration';
      const file = where(f);
      const name = `${subject}${file ? ` (${file})` : ''}`;
      const body = [f.message, ...f.evidence.map((e) => `- ${e}`), ...(file ? [`at ${file}`] : []), `objects: ${f.objects.map(objectName).join(', ') || 'none'}`].join('\n');
      const attrs = `classname="${xmlText(id)}" name="${xmlText(name)}"${file ? ` file="${xmlText(file.replace(/:\d+$/, ''))}"` : ''} time="0"`;
      if (f.suppression) {
        skipped++;
        cases.push(`    <testcase ${attrs}>\n      <skipped message="${xmlText(`suppressed by ${f.suppression.source}${f.suppression.reason ? `: ${f.suppression.reason}` : ''}`)}"/>\n    </testcase>`);
      } else if (fails(f)) {
        failures++;
        cases.push(`    <testcase ${attrs}>\n      <failure message="${xmlText(f.message)}" type="${f.severity}">${xmlText(body)}</failure>\n    </testcase>`);
      } else {
        cases.push(`    <testcase ${attrs}>\n      <system-out>${xmlText(`${f.severity} (below --fail-on ${failOn}): ${body}`)}</system-out>\n    </testcase>`);
      }
    }
    tests += cases.length;
    const suiteFailures = mine.filter((f) => !f.suppression && fails(f)).length;
    const suiteSkipped = mine.filter((f) => f.suppression).length;
    suites.push(`  <testsuite name="${xmlText(`whoselects ${id}`)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}" time="0">\n${rule ? `    <properties>\n      <property name="help" value="${xmlText(rule.help)}"/>\n    </properties>\n` : ''}${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubectl whoselects check" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
