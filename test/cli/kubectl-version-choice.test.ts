// Which kubectl's rules a target's report models is found while the source is read, not after:
// on a machine whose kubectl answers `version` slowly (its first run, a wrapper script), the
// query does not wait for the reads and then for kubectl.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/run.ts';
import { deploy, svc } from '../core/builders.ts';
import { startFakeApi, standardCollections } from '../sources/live/fake-apiserver.ts';
import { listItem, pod, tempDir, writeKubeconfig } from '../sources/live/helpers.ts';

const APPS = '/apis/apps/v1/namespaces/default';

test('a target\'s kubectl version is asked of the kubectl on PATH while the cluster is still being read', async () => {
  // The Deployments are not answered until the kubectl on PATH has been asked its version (or 10 s have passed).
  const api = await startFakeApi({ tls: false, gate: { path: `${APPS}/deployments`, opensOn: (r) => r.path === '/kubectl-was-asked', timeoutMs: 10_000 } });
  try {
    api.serve(...standardCollections('default'), '/api/v1/nodes');
    api.put('/api/v1/namespaces/default/services', listItem(svc('web', { selector: { app: 'web' } })));
    api.put(`${APPS}/deployments`, listItem(deploy('web', { podLabels: { app: 'web' } })));
    api.put('/api/v1/namespaces/default/pods', pod('web-1', { app: 'web' }));
    const dir = tempDir();
    // A kubectl that tells the fake API server it was asked, then answers as kubectl 1.30 does.
    const kubectl = join(dir, 'kubectl');
    const answer = JSON.stringify({ clientVersion: { major: '1', minor: '30', gitVersion: 'v1.30.1' } });
    writeFileSync(kubectl, `#!/bin/sh\n"${process.execPath}" -e "fetch('${api.url}/kubectl-was-asked').catch(() => {})" >/dev/null 2>&1\necho '${answer}'\n`);
    chmodSync(kubectl, 0o755);
    let stdout = '';
    let stderr = '';
    const code = await run({
      argv: ['svc/web', '-o', 'json', '--fail-on', 'never'],
      env: { PATH: `${dir}:/usr/bin:/bin`, HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), KUBECONFIG: writeKubeconfig(dir, { server: api.url, ca: false }) },
      stdout: { write: (s: string) => { stdout += s; return true; }, isTTY: false },
      stderr: { write: (s: string) => { stderr += s; return true; } },
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as { kubectlVersion: { version: string; from: string } };
    assert.match(JSON.stringify(report.kubectlVersion), /1\.30/, 'the rules of the kubectl on PATH');
    const at = (prefix: string) => api.answered.findIndex((p) => p.startsWith(prefix));
    assert.ok(at('/kubectl-was-asked') >= 0, api.answered.join('\n'));
    assert.ok(at('/kubectl-was-asked') < at(`${APPS}/deployments`), `kubectl was asked only after the cluster was read:\n${api.answered.join('\n')}`);
  } finally {
    await api.close();
  }
});

test('a replay whose log names its kubectl version does not ask the kubectl on PATH', async () => {
  const dir = tempDir();
  // A kubectl that leaves a mark when asked anything.
  const kubectl = join(dir, 'kubectl');
  const mark = join(dir, 'asked');
  writeFileSync(kubectl, `#!/bin/sh\ntouch '${mark}'\necho '{"clientVersion":{"major":"1","minor":"30","gitVersion":"v1.30.1"}}'\n`);
  chmodSync(kubectl, 0o755);
  let stdout = '';
  let stderr = '';
  const code = await run({
    argv: ['--replay', 'test/golden/watch/logs/rollout-clusterip.ndjson', '--speed', '0', '-o', 'json'],
    env: { PATH: `${dir}:/usr/bin:/bin`, HOME: dir, XDG_CACHE_HOME: join(dir, 'cache') },
    stdout: { write: (s: string) => { stdout += s; return true; }, isTTY: false },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  assert.equal(code, 0, stderr);
  assert.ok(stdout.length > 0, 'the replay printed its timeline');
  // A kubectl asked in the background may still be starting when the run returns: give it time to leave its mark.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(existsSync(mark), false, 'the kubectl on PATH was asked its version');
});
