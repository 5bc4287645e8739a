import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildKustomization, firstErrorLine } from '../../../src/sources/manifests/kustomize.ts';
import { loadManifests } from '../../../src/sources/manifests/load.ts';
import { realManifestDeps } from '../../../src/sources/manifests/real-deps.ts';
import { fakeDeps } from './fake-deps.ts';

const XDMOD = fileURLToPath(new URL('../../../examples/xdmod', import.meta.url));

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('kubectl absent: one problem that says to install it or pipe kustomize build', async () => {
  const out = await buildKustomization('overlays/prod', fakeDeps({}));
  assert.equal(out.text, null);
  assert.equal(out.problems.length, 1);
  const [p] = out.problems;
  assert.equal(p?.source, 'kustomize overlays/prod');
  assert.equal(p?.document, 0);
  assert.match(p?.message ?? '', /kubectl was not found/);
  assert.match(p?.hint ?? '', /install kubectl/);
  assert.match(p?.hint ?? '', /kustomize build overlays\/prod \| kubectl whoselects -f -/);
});

test('kustomize rejects the directory: its first error line, warnings skipped, klog form unwrapped', async () => {
  const stderr = [
    "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead.",
    'E1121 21:48:33.431239   16729 run.go:72] "command failed" err="unable to find one of \'kustomization.yaml\', \'kustomization.yml\' or \'Kustomization\' in directory \'/x\'"',
    'second line',
  ].join('\n');
  const out = await buildKustomization('x', fakeDeps({}, { kustomize: { x: { stdout: '', stderr, code: 1 } } }));
  assert.equal(out.problems[0]?.message, "kustomize rejected x: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/x'");
});

test('firstErrorLine handles the classic "error: " form and escaped quotes', () => {
  assert.equal(firstErrorLine('\nerror: accumulating resources: missing.yaml\nmore'), 'accumulating resources: missing.yaml');
  assert.equal(firstErrorLine('E0101 run.go:72] "command failed" err="bad \\"thing\\""'), 'bad "thing"');
  assert.equal(firstErrorLine('# Warning: only a warning\n'), null);
});

test('kustomize output is loaded with source "kustomize <dir>" and its own document numbers', async () => {
  const stdout = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {}\n';
  const deps = fakeDeps({}, { kustomize: { base: { stdout, stderr: '# Warning: x', code: 0 } } });
  const r = await loadManifests({ files: [], recursive: false, kustomizeDirs: ['base'] }, deps, 'team');
  assert.deepEqual(deps.kustomized, ['base']);
  assert.equal(r.snapshot.objects.Service[0]?.metadata?.namespace, 'team');
  assert.deepEqual(r.problems.map((p) => [p.source, p.document, p.line, p.message]), [['kustomize base', 2, 8, 'metadata.name: Required value']]);
});

test('real kubectl kustomize builds examples/xdmod into colliding selectors', { skip: hasKubectl() ? false : 'kubectl is not on PATH' }, async () => {
  const r = await loadManifests({ files: [], recursive: false, kustomizeDirs: [XDMOD] }, realManifestDeps(), 'default');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.snapshot.objects.Deployment.map((d) => [d.metadata?.name, d.spec?.selector]), [
    ['mariadb', { matchLabels: { app: 'xdmod' } }],
    ['moc-xdmod', { matchLabels: { app: 'xdmod' } }],
  ]);
});

test('real kubectl kustomize reports a broken kustomization', { skip: hasKubectl() ? false : 'kubectl is not on PATH' }, async () => {
  const dir = fileURLToPath(new URL('./no-such-dir', import.meta.url));
  const out = await buildKustomization(dir, realManifestDeps());
  assert.equal(out.text, null);
  assert.ok(out.problems[0]?.message.startsWith(`kustomize rejected ${dir}: `), out.problems[0]?.message ?? 'no problem');
  assert.ok((out.problems[0]?.message.length ?? 0) > `kustomize rejected ${dir}: `.length);
});

test('the real adapter turns a missing kubectl binary into the not-found problem', async () => {
  const out = await buildKustomization('base', realManifestDeps({ kubectl: '/nonexistent/bin/kubectl' }));
  assert.match(out.problems[0]?.message ?? '', /kubectl was not found/);
});
