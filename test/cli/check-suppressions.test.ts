// check as a CI gate: a stable + canary pair behind one Service fails the gate until the
// team silences it, by annotation or by the config file; suppressed findings stay in JSON
// and in the count; a stale suppression is reported; a bad config entry is exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../golden/harness.ts';
import { withFiles } from '../kit.ts';

const workload = (name: string, track: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {app: web, track: ${track}}}
  template:
    metadata: {labels: {app: web, track: ${track}}}
    spec:
      containers:
      - name: web
        image: nginx
        ports: [{name: http, containerPort: 8080}]
        readinessProbe: {httpGet: {path: /, port: http}}
        lifecycle: {preStop: {sleep: {seconds: 5}}}
`;
const service = (annotations = '') => `apiVersion: v1
kind: Service
metadata:
  name: web
${annotations}spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
`;
const manifests = (svc: string) => [service(svc), workload('web', 'stable'), workload('web-canary', 'canary')].join('---\n');

const inDir = <T>(files: Record<string, string>, fn: (dir: string) => Promise<T>) => withFiles(files, fn, 'whoselects-gate-');

test('the canary pattern fails the gate; the annotation silences it, and JSON keeps it with the reason', async () => {
  await inDir({ 'plain.yaml': manifests(''), 'ann.yaml': manifests('  annotations:\n    whoselects.io/ignore: selects-several-workloads\n    whoselects.io/ignore-reason: stable and canary by design\n') }, async (dir) => {
    const before = await runCli(['-f', join(dir, 'plain.yaml'), 'check']);
    assert.equal(before.code, 1);
    assert.match(before.stdout, /\[selects-several-workloads\]/);
    const after = await runCli(['-f', join(dir, 'ann.yaml'), 'check']);
    assert.equal(after.code, 0, after.stdout);
    assert.match(after.stdout, /No findings\.\n\n1 suppressed finding not shown \(--show-suppressed lists them\)\./);
    const shown = await runCli(['-f', join(dir, 'ann.yaml'), 'check', '--show-suppressed']);
    assert.match(shown.stdout, /SUPPRESSED \(1\)\n {2}warning service\/web sends traffic to pods of 2 different owners.*\n {6}suppressed by whoselects\.io\/ignore on service\/web \(namespace default\): stable and canary by design/);
    const json = JSON.parse((await runCli(['-f', join(dir, 'ann.yaml'), 'check', '-o', 'json'])).stdout);
    assert.equal(json.summary.suppressed, 1);
    assert.deepEqual(json.suppressed.map((f: { id: string; suppression: unknown }) => [f.id, f.suppression]), [['selects-several-workloads', { by: 'annotation', source: 'whoselects.io/ignore on service/web (namespace default)', reason: 'stable and canary by design' }]]);
  });
});

test('--config silences by object pattern; a stale rule is reported; a bad entry is exit 2 and the rest still applies', async () => {
  const config = 'ignore:\n  - id: selects-several-workloads\n    kind: svc\n    name: web\n    reason: canary\n';
  await inDir({ 'm.yaml': manifests(''), 'ok.yaml': config, 'stale.yaml': `${config}  - id: multiple-pdbs\n`, 'bad.yaml': `${config}  - id: bare-pod\n    kind: Frobnicator\n` }, async (dir) => {
    const ok = await runCli(['-f', join(dir, 'm.yaml'), 'check', '--config', join(dir, 'ok.yaml')]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const stale = await runCli(['-f', join(dir, 'm.yaml'), 'check', '--config', join(dir, 'stale.yaml'), '--fail-on', 'info']);
    assert.equal(stale.code, 1);
    assert.match(stale.stdout, /stale\.yaml ignore\[1\] \(line 6\) ignores multiple-pdbs, but no finding matched it: remove it\. \[suppression-unused\]/);
    const bad = await runCli(['-f', join(dir, 'm.yaml'), 'check', '--config', join(dir, 'bad.yaml')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^whoselects: .*bad\.yaml line 6: ignore\[1\]\.kind: "Frobnicator" is not a kind whoselects reads — use a kind such as Service/);
    assert.doesNotMatch(bad.stdout, /\[selects-several-workloads\]/, 'the good rule still applies');
    const missing = await runCli(['-f', join(dir, 'm.yaml'), 'check', '--config', join(dir, 'none.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /none\.yaml: the check configuration file does not exist/);
  });
});
