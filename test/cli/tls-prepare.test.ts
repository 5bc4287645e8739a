// A run that reads a cluster has Node's TLS module loaded before anything else of the read
// (its CA certificates are then read on a thread while the kubeconfig is); a run that reads
// manifests or a recording never loads it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { run } from '../../src/cli/run.ts';
import type { CliDeps } from '../../src/cli/deps.ts';
import { deploy, svc } from '../core/builders.ts';
import { startFakeApi, standardCollections } from '../sources/live/fake-apiserver.ts';
import { listItem, pod, tempDir, writeKubeconfig } from '../sources/live/helpers.ts';

function deps(argv: string[], env: NodeJS.ProcessEnv, onPrepare: () => void): CliDeps & { out: () => string } {
  let stdout = '';
  return {
    argv, env,
    stdout: { write: (s: string | Uint8Array) => { stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8'); return true; }, isTTY: false },
    stderr: { write: () => true },
    now: () => new Date('2026-01-01T00:00:00Z'),
    prepareTls: onPrepare,
    out: () => stdout,
  };
}

test('a cluster read: the TLS module is asked for once, before the first request', async () => {
  const api = await startFakeApi({ tls: false });
  try {
    api.serve(...standardCollections('default'), '/api/v1/nodes');
    api.put('/api/v1/namespaces/default/services', listItem(svc('web', { selector: { app: 'web' } })));
    api.put('/apis/apps/v1/namespaces/default/deployments', listItem(deploy('web', { podLabels: { app: 'web' } })));
    api.put('/api/v1/namespaces/default/pods', pod('web-1', { app: 'web' }));
    const dir = tempDir();
    const calls: number[] = [];
    const d = deps(['--kubectl-version', '1.34', 'svc/web', '-o', 'json', '--fail-on', 'never'], { HOME: dir, KUBECONFIG: writeKubeconfig(dir, { server: api.url, ca: false }) }, () => calls.push(api.answered.length));
    assert.equal(await run(d), 0);
    assert.equal((JSON.parse(d.out()) as { target: { found: boolean } }).target.found, true);
    assert.deepEqual(calls, [0], 'called once, with no request answered yet');
  } finally {
    await api.close();
  }
});

test('manifests and a recording: the TLS module is never asked for', async () => {
  let calls = 0;
  for (const argv of [
    ['--kubectl-version', '1.34', '-k', 'examples/xdmod', 'svc/mariadb', '-o', 'json'],
    ['--kubectl-version', '1.34', '-f', 'examples/xdmod', 'check', '-o', 'json', '--fail-on', 'never'],
    ['--replay', 'test/golden/watch/logs/rollout-clusterip.ndjson', '--speed', '0', '-o', 'json', '--fail-on', 'never'],
  ]) {
    const d = deps(argv, { HOME: tempDir(), KUBECONFIG: join(tempDir(), 'none') }, () => calls++);
    await run(d);
    assert.ok(d.out().length > 0, argv.join(' '));
  }
  assert.equal(calls, 0);
});
