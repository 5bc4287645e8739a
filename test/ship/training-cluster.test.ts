// The loopback cluster the code cache's training run queries: the program's live path must
// meet there what it meets on a real cluster (a selected, Ready pod behind its ReplicaSet and
// Deployment, a ready endpoint), or the training compiles only its failure paths.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRAINING_FILES } from '../../scripts/build/sea.ts';
import { selectorMatches, startTrainingCluster } from '../../scripts/build/training-cluster.ts';
import { runProgram } from '../e2e/kit.ts';
import { withFiles } from '../kit.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const files = TRAINING_FILES.map((f) => readFileSync(join(root, f), 'utf8'));

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
  try {
    await withFiles({ kubeconfig: cluster.kubeconfig }, async (dir) => {
      const r = await runProgram({ PATH: process.env.PATH }, ['--kubeconfig', join(dir, 'kubeconfig'), 'svc/mariadb', '--kubectl-version', '1.34', '-o', 'json', '-v']);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.source.gaps.length, 0);
      const pods = JSON.stringify(report);
      assert.match(pods, /"name":"mariadb-[0-9a-f]{10}-[0-9a-f]{5}"/);
      assert.doesNotMatch(pods, /xdmod-[0-9a-f]{10}-[0-9a-f]{5}/, 'the Service selects only app=mariadb');
      // Pods and ReplicaSets read by the Service's selector, on the server's side.
      assert.match(r.stderr, /pods\?labelSelector=app%3Dmariadb&limit=500 200/);
      assert.match(r.stderr, /endpointslices\?labelSelector=kubernetes\.io%2Fservice-name%3Dmariadb&limit=500 200/);
      assert.doesNotMatch(r.stderr, / (4|5)\d\d /, 'every request answered');
    }, 'whoselects-training-');
  } finally {
    await cluster.close();
  }
});
