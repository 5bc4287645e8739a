// Bad input: one clear line naming the problem and the fix, exit 2, and every valid part
// still analysed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../golden/harness.ts';
import { WEB_SERVICE, webDeployment, withFiles } from '../kit.ts';

const SVC = WEB_SERVICE;
const DEPLOY = webDeployment();

const withDir = <T>(files: Record<string, string>, fn: (dir: string) => Promise<T>) => withFiles(files, fn, 'whoselects-bad-');

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${stderr}`);
  assert.match(lines[0] as string, /^whoselects: /);
  return lines[0] as string;
}

test('malformed YAML: named with file, document and line; the other documents are still analysed', async () => {
  await withDir({ 'app.yaml': `${SVC}---\nkind: [unclosed\n---\n${DEPLOY}` }, async (dir) => {
    const out = await runCli(['-f', join(dir, 'app.yaml'), '-o', 'json', 'svc/web']);
    assert.equal(out.code, 2);
    const line = oneLine(out.stderr);
    assert.match(line, /app\.yaml document 2 line \d+/);
    const report = JSON.parse(out.stdout) as { selection: { template: boolean }[] };
    assert.equal(report.selection.length, 1, 'the Deployment after the bad document is still analysed');
  });
});

test('an invalid selector operator is reported and the rest still analysed', async () => {
  const bad = DEPLOY.replace('name: web}', 'name: bad}').replace('selector: {matchLabels: {app: web}}', 'selector: {matchExpressions: [{key: app, operator: Equals, values: [web]}]}');
  await withDir({ 'a.yaml': `${SVC}---\n${bad}---\n${DEPLOY}` }, async (dir) => {
    const out = await runCli(['-f', dir, 'svc/web']);
    assert.equal(out.code, 2);
    assert.match(oneLine(out.stderr), /not a valid label selector operator/);
    assert.match(out.stdout, /deployment\/web/);
  });
});

test('an unknown resource type: exit 2 and the types it knows', async () => {
  await withDir({ 'a.yaml': SVC }, async (dir) => {
    const out = await runCli(['-f', dir, 'frobnicator/web']);
    assert.equal(out.code, 2);
    const line = oneLine(out.stderr);
    assert.match(line, /doesn't have a resource type "frobnicator"/);
    assert.match(line, /services \(svc\)/);
  });
});

test('a missing file', async () => {
  const out = await runCli(['-f', '/nonexistent/whoselects.yaml', 'svc/web']);
  assert.equal(out.code, 2);
  assert.match(oneLine(out.stderr), /nonexistent\/whoselects\.yaml/);
});

test('a directory with no manifests', async () => {
  await withDir({ 'notes.txt': 'hello' }, async (dir) => {
    const out = await runCli(['-f', dir, 'svc/web']);
    assert.equal(out.code, 2);
    assert.match(oneLine(out.stderr), /no manifests|no \.yaml|no objects|nothing/i);
  });
});

test('a missing file next to a valid one: the valid one is analysed, exit 2', async () => {
  await withDir({ 'a.yaml': `${SVC}---\n${DEPLOY}` }, async (dir) => {
    const out = await runCli(['-f', join(dir, 'a.yaml'), '-f', join(dir, 'missing.yaml'), 'svc/web']);
    assert.equal(out.code, 2);
    assert.match(oneLine(out.stderr), /missing\.yaml/);
    assert.match(out.stdout, /SELECTS 1 pod/);
  });
});

test('a kustomization that kustomize rejects', async () => {
  await withDir({ 'kustomization.yaml': 'resources:\n  - does-not-exist.yaml\n' }, async (dir) => {
    const out = await runCli(['-k', dir, 'svc/web']);
    assert.equal(out.code, 2);
    assert.match(oneLine(out.stderr), /kustomize|does-not-exist/);
  });
});

test('a bad flag and a bad flag value', async () => {
  const a = await runCli(['--frobnicate', 'svc/web']);
  assert.equal(a.code, 2);
  assert.match(oneLine(a.stderr), /unknown option '--frobnicate'.*--help/);
  const b = await runCli(['-o', 'xml', 'svc/web']);
  assert.equal(b.code, 2);
  assert.match(oneLine(b.stderr), /xml/);
  const c = await runCli(['--kubectl-version', 'banana', '-k', 'examples/xdmod-fixed', 'svc/mariadb']);
  assert.equal(c.code, 2);
  assert.match(oneLine(c.stderr), /invalid --kubectl-version "banana"/);
});

test('a target that does not exist names the near alternatives', async () => {
  await withDir({ 'a.yaml': `${SVC}---\n${DEPLOY}` }, async (dir) => {
    const out = await runCli(['-f', dir, 'sts/web']);
    assert.equal(out.code, 2);
    assert.match(oneLine(out.stderr), /statefulset "web" not found.*did you mean (svc|deploy)\/web/);
  });
});

test('a target found in many other namespaces names the closest three and counts the rest', async () => {
  const namespaces = ['prod-eu', 'prod-us', 'prodx', 'staging', 'dev', 'test'];
  const svc = (ns: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: ${ns}}\nspec: {selector: {app: api}, ports: [{port: 80}]}\n`;
  await withDir({ 'a.yaml': namespaces.map(svc).join('---\n') }, async (dir) => {
    const out = await runCli(['-f', dir, '-n', 'prod', 'svc/api']);
    assert.equal(out.code, 2);
    const line = oneLine(out.stderr);
    assert.match(line, /did you mean -n prodx or -n prod-eu or -n prod-us or 3 other namespaces\?/);
    for (const far of ['staging', 'dev', 'test']) assert.doesNotMatch(line, new RegExp(`-n ${far}\\b`));
  });
  await withDir({ 'a.yaml': namespaces.slice(0, 4).map(svc).join('---\n') }, async (dir) => {
    const out = await runCli(['-f', dir, '-n', 'prod', 'svc/api']);
    assert.match(oneLine(out.stderr), /did you mean -n prodx or -n prod-eu or -n prod-us or 1 other namespace\?/);
  });
});

test('a missing target of a kind with an irregular plural names it as kubectl does', async () => {
  await withDir({ 'a.yaml': `${SVC}---\n${DEPLOY}` }, async (dir) => {
    const pol = await runCli(['-f', dir, 'netpol/web-x']);
    assert.equal(pol.code, 2);
    assert.match(oneLine(pol.stderr), /the input has no networkpolicies/);
    assert.doesNotMatch(pol.stderr, /networkpolicys/);
    const ing = await runCli(['-f', dir, 'ing/web-x']);
    assert.match(oneLine(ing.stderr), /the input has no ingresses/);
  });
});

test('a pasted kubectl command with an unknown flag', async () => {
  const out = await runCli(['-k', 'examples/xdmod', 'logs', 'deploy/moc-xdmod', '--bogus']);
  assert.equal(out.code, 2);
  assert.match(oneLine(out.stderr), /unknown flag for kubectl logs: --bogus/);
});

test('--fail-on decides exit 1', async () => {
  const warn = await runCli(['-k', 'examples/xdmod', 'check']);
  assert.equal(warn.code, 1);
  const never = await runCli(['-k', 'examples/xdmod', 'check', '--fail-on', 'never']);
  assert.equal(never.code, 0);
  const errorOnly = await runCli(['-k', 'examples/xdmod', 'check', '--fail-on', 'error']);
  assert.equal(errorOnly.code, 0);
});
