// Partial is not clean: `check` against a cluster it cannot read exits 3 (as a target run
// does), and a check that could read only part of what it scans exits 3 unless --allow-partial,
// naming what is missing on stderr and in the JSON report's gaps.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir, writeKubeconfig } from '../sources/live/helpers.ts';
import { refusedServer, setup, TOKEN, webScenario } from '../sources/live/scenario.ts';
import { runCli } from '../golden/harness.ts';

const FORBIDDEN = (resource: string) => ({ status: 403, body: { kind: 'Status', code: 403, reason: 'Forbidden', message: `${resource} is forbidden: User "test-user" cannot list resource "${resource}"` } });

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, stderr);
  return lines[0] as string;
}

describe('check: partial is not clean', () => {
  test('rejected credentials (401): exit 3 with one line, for check, check -A and check -o json alike', async () => {
    const s = await setup(webScenario, { token: 'expired-token' });
    try {
      for (const args of [['check'], ['check', '-A'], ['check', '-o', 'json'], ['check', '--fail-on', 'never']]) {
        const out = await runCli(args, s.env);
        assert.equal(out.code, 3, `${args.join(' ')}: ${out.stderr}`);
        assert.match(oneLine(out.stderr), /rejected the credentials of user "test-user".*401 Unauthorized/);
        assert.ok(!out.stderr.includes('expired-token'));
      }
    } finally {
      await s.api.close();
    }
  });

  test('everything forbidden (403 on every list): exit 3', async () => {
    const s = await setup(webScenario);
    s.api.override('*', FORBIDDEN('everything'));
    try {
      const out = await runCli(['check'], s.env);
      assert.equal(out.code, 3, out.stderr);
      assert.match(oneLine(out.stderr), /forbidden: user "test-user" may not list/);
    } finally {
      await s.api.close();
    }
  });

  test('500 on every list: exit 3', async () => {
    const s = await setup(webScenario);
    s.api.override('*', { status: 500 });
    try {
      const out = await runCli(['check'], s.env);
      assert.equal(out.code, 3, out.stderr);
      assert.match(oneLine(out.stderr), /HTTP 500/);
    } finally {
      await s.api.close();
    }
  });

  test('connection refused: exit 3', async () => {
    const env = { KUBECONFIG: writeKubeconfig(tempDir(), { server: await refusedServer(), token: TOKEN }) };
    const out = await runCli(['check', '-A'], env);
    assert.equal(out.code, 3, out.stderr);
    assert.match(oneLine(out.stderr), /cannot reach https:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
  });

  test('a silent server: exit 3 within --request-timeout', async () => {
    const s = await setup(webScenario, {}, 5_000);
    try {
      const out = await runCli(['check', '--request-timeout', '1s'], s.env);
      assert.equal(out.code, 3, out.stderr);
      assert.match(oneLine(out.stderr), /no answer within 1s/);
    } finally {
      await s.api.close();
    }
  });

  test('403 on one kind: exit 3 naming what is missing; the JSON report carries the gap; --allow-partial exits by --fail-on', async () => {
    const s = await setup(webScenario);
    s.api.override('/api/v1/nodes', FORBIDDEN('nodes'));
    s.api.override('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', FORBIDDEN('endpointslices.discovery.k8s.io'));
    try {
      const out = await runCli(['check', '-o', 'json'], s.env);
      assert.equal(out.code, 3, out.stderr);
      const line = oneLine(out.stderr);
      // Every read missed, grouped by namespace and reason, then what the server said about the first.
      assert.match(line, /check is partial: could not read EndpointSlice in default \(forbidden\); Node \(forbidden\); the first: list (nodes \(cluster-wide\)|endpointslices\.discovery\.k8s\.io in namespace default): HTTP 403/);
      assert.match(line, /--allow-partial/);
      const report = JSON.parse(out.stdout) as { source: { gaps: { kind: string; reason: string }[] }; findings: { id: string; message: string }[] };
      assert.deepEqual(report.source.gaps.map((g) => [g.kind, g.reason]).sort(), [['EndpointSlice', 'forbidden'], ['Node', 'forbidden']]);
      assert.equal(report.findings.filter((f) => f.id === 'partial-results').length, 2, 'one partial-results finding per gap');

      const text = await runCli(['check'], s.env);
      assert.equal(text.code, 3);
      assert.match(text.stdout, /Partial: could not read/);
      assert.doesNotMatch(text.stdout, /No findings/);

      const allowed = await runCli(['check', '--allow-partial'], s.env);
      assert.equal(allowed.code, 1, 'the partial-results warnings count for --fail-on warning');
      assert.equal(allowed.stderr, '');
      const lenient = await runCli(['check', '--allow-partial', '--fail-on', 'never'], s.env);
      assert.equal(lenient.code, 0);
    } finally {
      await s.api.close();
    }
  });

  test('a namespace with nothing readable but an answer from the cluster is partial, not clean', async () => {
    const s = await setup(() => {});
    s.api.override('/api/v1/namespaces/default/services', FORBIDDEN('services'));
    try {
      const out = await runCli(['check'], s.env);
      assert.equal(out.code, 3, out.stderr);
      assert.match(out.stdout, /Could not read Service in namespace default \(forbidden\)/);
    } finally {
      await s.api.close();
    }
  });
});
