// The loopback cluster the code cache's training run queries: the program's live path must
// meet there what it meets on a real cluster (a selected, Ready pod behind its ReplicaSet and
// Deployment, a ready endpoint), or the training compiles only its failure paths.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { selectorMatches, startTrainingCluster } from '../../scripts/build/training-cluster.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const files = ['svc-mariadb.yaml', 'deployment-mariadb.yaml', 'deployment-xdmod.yaml'].map((f) => readFileSync(join(root, 'examples/xdmod', f), 'utf8'));

/** The program from its sources, asynchronously (this process serves the cluster meanwhile). */
function whoselects(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(root, 'src/cli/main.ts'), ...args], { env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

test('label selector queries: equality, inequality, set and existence requirements', () => {
  const labels = { app: 'web', tier: 'front' };
  assert.ok(selectorMatches('app=web', labels));
  assert.ok(selectorMatches('app==web,tier!=back', labels));
  assert.ok(!selectorMatches('app=web,tier=back', labels));
  assert.ok(selectorMatches('tier in (front, back),app', labels));
  assert.ok(!selectorMatches('tier notin (front,back)', labels));
  assert.ok(selectorMatches('!missing', labels));
  assert.ok(!selectorMatches('missing', labels));
});

test('the training cluster answers the live query as a cluster running the example would', async () => {
  const cluster = await startTrainingCluster(files);
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-training-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, cluster.kubeconfig);
    const r = await whoselects(['--kubeconfig', kubeconfig, 'svc/mariadb', '--kubectl-version', '1.34', '-o', 'json', '-v']);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.source.gaps.length, 0);
    const pods = JSON.stringify(report);
    assert.match(pods, /"name":"mariadb-[0-9a-f]{10}-[0-9a-f]{5}"/);
    assert.doesNotMatch(pods, /xdmod-[0-9a-f]{10}-[0-9a-f]{5}/, 'the Service selects only app=mariadb');
    // Pods and ReplicaSets read by the Service's selector, on the server's side.
    assert.match(r.stderr, /pods\?labelSelector=app%3Dmariadb&limit=500 200/);
    assert.match(r.stderr, /endpointslices\?labelSelector=kubernetes\.io%2Fservice-name%3Dmariadb&limit=500 200/);
    assert.doesNotMatch(r.stderr, / (4|5)\d\d /, 'every request answered');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await cluster.close();
  }
});
