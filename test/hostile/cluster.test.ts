// Hostile names served by a cluster, through text, wide, colour, check, JSON and YAML, and a
// hostile Status message on a refused list: escaped on the terminal, faithful in JSON and YAML.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { runCli } from '../golden/harness.ts';
import { withSetup, NS } from '../sources/live/scenario.ts';
import { hostileCluster, HOSTILE_DEPLOYMENT } from './cluster.ts';
import { HOSTILE, assertTerminalSafe } from './strings.ts';

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push(k); strings(x, out); }
  return out;
}

test('names from a cluster: text, wide, colour and check show them escaped, one row each', async () => {
  await withSetup(hostileCluster, async (s) => {
    for (const extra of [[], ['-o', 'wide'], ['--color', 'always'], ['check'], ['check', '--color', 'always']]) {
      const args = extra[0] === 'check' ? extra : ['svc/web', ...extra];
      const out = await runCli(args, s.env);
      assert.ok(out.code <= 1, `${args.join(' ')}: exit ${out.code}: ${out.stderr}`);
      const colour = extra.includes('always');
      assertTerminalSafe(out.stdout, `stdout ${args.join(' ')}`, { colour });
      assertTerminalSafe(out.stderr, `stderr ${args.join(' ')}`, { colour });
      assert.ok(out.stdout.includes('n\\nFINDINGS forged') || args[0] === 'check', `${args.join(' ')}: the newline is shown as \\n:\n${out.stdout}`);
      if (args[0] !== 'check') assert.ok(out.stdout.includes('pod-\\x1b]52;c;cHduZWQ=\\x07x'), 'OSC 52 is shown, not run');
      // Container and node names the API server would refuse in a manifest still come from a cluster: shown escaped.
      if (args[0] !== 'check') assert.match(out.stdout, /container (g\\x1b\[31mred|k\\x9b31m)/, 'an ESC or C1 in a container name is shown escaped');
      if (extra.includes('wide')) assert.ok(out.stdout.includes('b\\u202eevil'), 'a bidi override in a node name is shown escaped');
    }
  });
});

test('names from a cluster: JSON and YAML carry them exactly', async () => {
  await withSetup(hostileCluster, async (s) => {
    const json = await runCli(['svc/web', '-o', 'json'], s.env);
    const yaml = await runCli(['svc/web', '-o', 'yaml'], s.env);
    assertTerminalSafe(json.stdout, 'json');
    assertTerminalSafe(yaml.stdout, 'yaml');
    const report = JSON.parse(json.stdout) as unknown;
    assert.deepEqual(parse(yaml.stdout), report, 'YAML parses to the same report as JSON');
    const all = strings(report);
    for (const name of [HOSTILE.newline, HOSTILE.clear, HOSTILE_DEPLOYMENT, HOSTILE.bidi]) assert.ok(all.some((x) => x.includes(name)), `${JSON.stringify(name)} is in the report as it is`);
  });
});

test('a refused list whose Status message is hostile: escaped, and check says what it could not read', async () => {
  await withSetup((api) => {
    hostileCluster(api);
    api.override(`${NS}/pods`, { status: 403, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: `pods is forbidden: ${HOSTILE.osc52} ${HOSTILE.newline}` } });
  }, async (s) => {
    const out = await runCli(['check'], s.env);
    assert.equal(out.code, 3, out.stderr);
    assertTerminalSafe(out.stdout, 'check stdout');
    assertTerminalSafe(out.stderr, 'check stderr');
    assert.match(out.stdout + out.stderr, /Pod/);
  });
});
