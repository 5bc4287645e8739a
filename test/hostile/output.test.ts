// Hostile strings from manifests, event logs and file names through every output of the CLI:
// text, wide, check, colour, error lines, watch lines and the rollout report show them escaped
// (visibly, one row each); JSON and YAML carry them faithfully and still parse.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../golden/harness.ts';
import { withFiles } from '../kit.ts';
import { HOSTILE, HOSTILE_MANIFESTS, assertTerminalSafe } from './strings.ts';

const q = (s: string) => JSON.stringify(s);

function withFile(name: string, text: string, fn: (file: string, dir: string) => Promise<void>): Promise<void> {
  return withFiles({ [name]: text }, (dir) => fn(join(dir, name), dir), 'whoselects-hostile-');
}

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push(k); strings(x, out); }
  return out;
}

test('text, wide and colour: every hostile name shown escaped, one row each', async () => {
  await withFile('h.yaml', HOSTILE_MANIFESTS, async (file) => {
    for (const extra of [[], ['-o', 'wide'], ['--color', 'always'], ['-o', 'wide', '--color', 'always']]) {
      const out = await runCli(['-f', file, 'svc/web', ...extra]);
      assert.ok(out.code <= 2, out.stderr);
      const colour = extra.includes('always');
      assertTerminalSafe(out.stdout, `stdout ${extra.join(' ')}`, { colour });
      assertTerminalSafe(out.stderr, `stderr ${extra.join(' ')}`, { colour });
      // The API server refuses these container and node names: their documents are reported, escaped, one line each.
      assert.match(out.stderr, /document 3 line \d+: Pod solo not loaded, .*spec\.containers\[0\]\.name: "g\\u001b\[31mred" is not valid/);
      assert.match(out.stderr, /document 3 line \d+: Pod solo not loaded, .*spec\.nodeName: "r\\rR" is not valid/);
      assert.match(out.stderr, /document 4 line \d+: Pod other not loaded, .*spec\.containers\[0\]\.name: "k\\x9b31m" is not valid/);
      assert.match(out.stdout, /deployment\/web/, 'the valid documents are still analysed');
    }
  });
});

test('check: text, and colour, escaped', async () => {
  await withFile('h.yaml', HOSTILE_MANIFESTS, async (file) => {
    for (const extra of [[], ['--color', 'always'], ['-o', 'wide']]) {
      const out = await runCli(['-f', file, 'check', ...extra]);
      assert.ok(out.code <= 2, out.stderr);
      assertTerminalSafe(out.stdout, 'check stdout', { colour: extra.includes('always') });
      assertTerminalSafe(out.stderr, 'check stderr');
      assert.match(out.stdout, /n\\nFINDINGS forged/);
    }
  });
});

test('JSON and YAML are faithful: the hostile strings come back exactly, and nothing is raw', async () => {
  await withFile('h.yaml', HOSTILE_MANIFESTS, async (file) => {
    const expected: Record<string, string[]> = { 'svc/web': [JSON.stringify(HOSTILE.cr)], check: [HOSTILE.newline, HOSTILE.clear] };
    for (const args of [['svc/web'], ['check']]) {
      const json = await runCli(['-f', file, '-o', 'json', ...args]);
      const yaml = await runCli(['-f', file, '-o', 'yaml', ...args]);
      assertTerminalSafe(json.stdout, `json ${args[0]}`);
      assertTerminalSafe(yaml.stdout, `yaml ${args[0]}`);
      const fromJSON = JSON.parse(json.stdout) as unknown;
      assert.deepEqual(parse(yaml.stdout), fromJSON, 'YAML parses to the same report as JSON');
      const all = strings(fromJSON);
      for (const name of expected[args[0] as string] ?? []) assert.ok(all.some((s) => s.includes(name)), `${q(name)} is in the report as it is`);
    }
  });
});

test('error lines: a hostile file name, document and value are escaped and long values clipped', async () => {
  // A name the API server would refuse (reported, escaped), then a valid one with a huge hostile label value (clipped).
  const bad = `apiVersion: v1\nkind: Service\nmetadata: {name: ${q(HOSTILE.osc52)}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: ok}\nspec:\n  selector: {app: ${q(`x${'v'.repeat(100_000)}\u001b[2J`)}}\n`;
  await withFile(`bad\u001b]52;c;eA==\u0007\nforged.yaml`, bad, async (file) => {
    const out = await runCli(['-f', file, 'svc/web']);
    assert.equal(out.code, 2);
    assertTerminalSafe(out.stderr, 'stderr');
    const lines = out.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 3, out.stderr);
    assert.match(lines[0] ?? '', /bad\\x1b\]52;c;eA==\\x07 forged\.yaml document 1 line 3: Service pod-\\x1b\]52;c;cHduZWQ=\\x07x not loaded, the API server would reject its name/);
    assert.ok((lines[1] ?? '').length < 1200, `the line is clipped (${lines[1]?.length} characters)`);
    assert.match(lines[1] ?? '', /forged\.yaml document 2 line 9: .*more characters.*for key "app"/);
    assert.match(lines[2] ?? '', /not found/);
  });
  const missing = await runCli(['-f', `/nonexistent/\u001b[2J\u202e.yaml`, 'svc/web']);
  assert.equal(missing.code, 2);
  assertTerminalSafe(missing.stderr, 'a missing hostile file name');
  const target = await runCli(['-f', '/dev/null', `svc/${HOSTILE.osc52}`]);
  assertTerminalSafe(target.stderr, 'a hostile target name');
  const flag = await runCli([`--bogus\u001b[2J`]);
  assertTerminalSafe(flag.stderr, 'a hostile unknown flag');
});

async function hostileLog(): Promise<string> {
  const base = await readFile(new URL('../golden/watch/logs/rollout-clusterip.ndjson', import.meta.url), 'utf8');
  // Two old pods and one new pod renamed (names, uids, EndpointSlice targetRefs alike), and a message.
  return base
    .replaceAll('web-5d8f7c-x2k9p', q(HOSTILE.osc52).slice(1, -1))
    .replaceAll('web-5d8f7c-b7q4m', q(HOSTILE.newline).slice(1, -1))
    .replaceAll('"context":"crafted"', `"context":${q(HOSTILE.clear)}`)
    .replaceAll('kwok-node-a', q(HOSTILE.bidi).slice(1, -1));
}

test('watch lines, the rollout report and NDJSON of a replayed hostile log', async () => {
  await withFile('h.ndjson', await hostileLog(), async (file) => {
    const text = await runCli(['--replay', file, '--speed', '0']);
    assert.equal(text.code, 0, text.stderr);
    assertTerminalSafe(text.stdout, 'watch lines and rollout report');
    assert.match(text.stdout, /pod\/n\\nFINDINGS forged/);
    assert.match(text.stdout, /Rollout report/);
    const colour = await runCli(['--replay', file, '--speed', '0', '--color', 'always']);
    assertTerminalSafe(colour.stdout, 'coloured watch lines', { colour: true });
    const json = await runCli(['--replay', file, '--speed', '0', '-o', 'json']);
    assertTerminalSafe(json.stdout, 'NDJSON');
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    assert.ok(strings(lines).some((s) => s.includes(HOSTILE.newline)), 'NDJSON keeps the names as they are');
  });
});
