// check -o sarif and -o junit, as CI systems read them: SARIF validated by the SARIF SDK's
// own validator (@microsoft/sarif-multitool, from the npm registry: the 2.1.0 schema and its
// rules), JUnit well-formed XML with counts that add up; results at manifest file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FINDING_RULES } from '../../src/core/findings/catalog.ts';
import { toUri } from '../../src/render/sarif.ts';
import { xmlText } from '../../src/render/junit.ts';
import { runCli } from '../golden/harness.ts';

const MULTITOOL = new URL('../../node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool', import.meta.url).pathname;

function validate(file: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(MULTITOOL, ['validate', file], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout + stderr });
    });
  });
}

interface SarifResult { ruleId: string; ruleIndex?: number; level: string; message: { text: string }; locations: { physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } }; logicalLocations?: { fullyQualifiedName: string }[] }[]; suppressions?: { kind: string; justification: string }[] }
interface Sarif { version: string; runs: { tool: { driver: { rules: { id: string; helpUri: string; help: { text: string } }[] } }; results: SarifResult[] }[] }

async function withTmp(fn: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'whoselects-sarif-'));
  try { await fn(dir); } finally { await rm(dir, { recursive: true, force: true }); }
}

test('SARIF: valid 2.1.0 by the SARIF validator; every finding id a rule with help and a README link; results at file and line', async () => {
  const r = await runCli(['-f', 'examples/pdb-overlap', 'check', '-o', 'sarif']);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.stdout) as Sarif;
  await withTmp(async (dir) => {
    const file = join(dir, 'out.sarif');
    await writeFile(file, r.stdout);
    const v = await validate(file);
    assert.doesNotMatch(v.out, /: error /, v.out);
    assert.match(v.out, /Analysis completed successfully/);
  });
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.ok(run);
  assert.deepEqual(run.tool.driver.rules.map((x) => x.id), FINDING_RULES.map((x) => x.id));
  for (const rule of run.tool.driver.rules) assert.match(rule.helpUri, /#findings$/);
  const json = JSON.parse((await runCli(['-f', 'examples/pdb-overlap', 'check', '-o', 'json'])).stdout) as { findings: { id: string }[] };
  assert.deepEqual(run.results.map((x) => x.ruleId), json.findings.map((f) => f.id));
  const multiple = run.results.find((x) => x.ruleId === 'multiple-pdbs');
  assert.equal(multiple?.level, 'warning');
  assert.equal(run.tool.driver.rules[multiple?.ruleIndex ?? -1]?.id, 'multiple-pdbs');
  assert.match(multiple?.locations[0]?.physicalLocation?.artifactLocation.uri ?? '', /^examples\/pdb-overlap\/pdb-(backend-tier|checkout)\.yaml$/);
  assert.equal(multiple?.locations[0]?.physicalLocation?.region?.startLine, 2, 'the document starts after a comment line');
  assert.ok(multiple?.locations[0]?.logicalLocations?.some((l) => l.fullyQualifiedName === 'payments/poddisruptionbudget/checkout'));
});

test('SARIF: a suppressed finding is a result with a suppression; -k points at the kustomization; a live-style run names objects only', async () => {
  await withTmp(async (dir) => {
    await writeFile(join(dir, 'c.yaml'), 'ignore:\n  - id: multiple-pdbs\n    reason: two budgets by design\n');
    const r = await runCli(['-f', 'examples/pdb-overlap', 'check', '-o', 'sarif', '--config', join(dir, 'c.yaml')]);
    assert.equal(r.code, 0);
    const results = (JSON.parse(r.stdout) as Sarif).runs[0]?.results ?? [];
    const s = results.find((x) => x.ruleId === 'multiple-pdbs');
    assert.equal(s?.suppressions?.[0]?.kind, 'external');
    assert.match(s?.suppressions?.[0]?.justification ?? '', /c\.yaml ignore\[0\] \(line 2\): two budgets by design$/);
  });
  const k = JSON.parse((await runCli(['-k', 'examples/xdmod', 'check', '-o', 'sarif'])).stdout) as Sarif;
  const uris = new Set(k.runs[0]?.results.map((x) => x.locations[0]?.physicalLocation?.artifactLocation.uri));
  assert.deepEqual([...uris], ['examples/xdmod/kustomization.yaml']);
  assert.equal(toUri('/abs/dir x/m.yaml'), 'file:///abs/dir%20x/m.yaml');
  assert.equal(toUri('./a/b.yaml'), 'a/b.yaml');
});

test('JUnit: well-formed XML; one suite per finding id; failures at or above --fail-on, the rest passing; suppressed skipped', async () => {
  await withTmp(async (dir) => {
    await writeFile(join(dir, 'c.yaml'), 'ignore:\n  - id: overlapping-selectors\n    reason: known\n');
    const r = await runCli(['-k', 'examples/xdmod', 'check', '-o', 'junit', '--config', join(dir, 'c.yaml'), '--fail-on', 'warning']);
    assert.equal(r.code, 1);
    assert.equal(XMLValidator.validate(r.stdout), true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(r.stdout) as
      { testsuites: { tests: string; failures: string; skipped: string; testsuite: { name: string; tests: string; failures: string; skipped: string; testcase: { name: string; file?: string; failure?: { type: string }; skipped?: unknown }[] }[] } };
    const suites = doc.testsuites.testsuite;
    assert.deepEqual(suites.map((s) => s.name).slice(0, FINDING_RULES.length), FINDING_RULES.map((x) => `whoselects ${x.id}`));
    const cases = suites.flatMap((s) => s.testcase);
    assert.equal(Number(doc.testsuites.tests), cases.length);
    assert.equal(Number(doc.testsuites.failures), cases.filter((c) => c.failure).length);
    assert.equal(Number(doc.testsuites.skipped), cases.filter((c) => c.skipped !== undefined).length);
    for (const s of suites) assert.equal(Number(s.tests), s.testcase.length);
    const json = JSON.parse((await runCli(['-k', 'examples/xdmod', 'check', '-o', 'json', '--config', join(dir, 'c.yaml')])).stdout) as { findings: { severity: string }[]; suppressed: unknown[] };
    assert.equal(cases.filter((c) => c.failure).length, json.findings.filter((f) => f.severity !== 'info').length);
    assert.equal(cases.filter((c) => c.skipped !== undefined).length, json.suppressed.length);
    const overlap = suites.find((s) => s.name === 'whoselects overlapping-selectors')?.testcase[0];
    assert.equal(overlap?.file, 'examples/xdmod/kustomization.yaml');
    assert.match(overlap?.name ?? '', /^default\/deployment\/mariadb \(examples\/xdmod\/kustomization\.yaml\)$/);
  });
});

test('JUnit text: XML entities escaped, characters XML 1.0 cannot carry dropped', () => {
  assert.equal(xmlText('a<b>&"c\'\u0007\u001b[31m'), 'a&lt;b&gt;&amp;&quot;c&apos;[31m');
  assert.equal(xmlText('ok \uD83D\uDE00 lone \uD800'), 'ok \uD83D\uDE00 lone ');
});
