// --replay checks every logged object as manifests are checked (types and ranges of the fields
// the analysis reads, a name): a bad line or object is reported with its line number and left
// out, and the rest of the log is replayed; exit 2, never 4. Recorded logs pass untouched.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../golden/harness.ts';
import { parseLog, parseLogSkippingBad } from '../../../src/sources/replay/log.ts';

const LOGS = new URL('../../golden/watch/logs/', import.meta.url);

test('every recorded log in the golden set replays with no line skipped, and as parseLog reads it', async () => {
  const files = (await readdir(LOGS)).filter((f) => f.endsWith('.ndjson'));
  assert.ok(files.length > 0);
  for (const f of files) {
    const text = await readFile(new URL(f, LOGS), 'utf8');
    const { log, problems } = parseLogSkippingBad(text);
    assert.deepEqual(problems, [], f);
    assert.deepEqual(log, parseLog(text), f);
  }
});

test('bad lines and wrong-typed objects: each named by line, left out; the rest replayed; exit 2', async () => {
  const base = (await readFile(new URL('rollout-clusterip.ndjson', LOGS), 'utf8')).trimEnd().split('\n');
  const at = base.findIndex((l, i) => i > 0 && l.includes('"type":"upsert"') && l.includes('"kind":"Pod"'));
  assert.ok(at > 0);
  const upsert = JSON.parse(base[at] as string) as { object: { spec: { containers: unknown; nodeName?: unknown } } };
  const wrongContainers = structuredClone(upsert);
  wrongContainers.object.spec.containers = [5, 'x', null];
  const wrongNode = structuredClone(upsert);
  wrongNode.object.spec.nodeName = 5;
  const lines = [...base];
  lines.splice(at + 1, 0, '{oops', JSON.stringify(wrongContainers), JSON.stringify({ type: 'patch', at: '2026-01-01T00:00:00Z' }), JSON.stringify(wrongNode));
  const dir = await mkdtemp(join(tmpdir(), 'whoselects-replay-bad-'));
  try {
    const file = join(dir, 'bad.ndjson');
    await writeFile(file, `${lines.join('\n')}\n`);
    const r = await runCli(['--replay', file, '--speed', '0']);
    assert.equal(r.code, 2, r.stderr);
    const err = r.stderr.trim().split('\n');
    assert.equal(err.length, 4, r.stderr);
    const n = at + 2; // 1-based, after the line the bad ones follow
    assert.match(err[0] as string, new RegExp(`^whoselects: .*bad\\.ndjson line ${n}: skipped: not JSON`));
    assert.match(err[1] as string, new RegExp(`line ${n + 1}: Pod \\S+: spec\\.containers\\[0\\]: 5 is an integer, not a mapping; the upsert is skipped`));
    assert.match(err[2] as string, new RegExp(`line ${n + 2}: skipped: unknown event type "patch"`));
    assert.match(err[3] as string, new RegExp(`line ${n + 3}: Pod \\S+: spec\\.nodeName: 5 is an integer, not a string; the upsert is skipped`));
    // The rest is the clean log's replay, line for line.
    const clean = join(dir, 'clean.ndjson');
    await writeFile(clean, `${base.join('\n')}\n`);
    const want = await runCli(['--replay', clean, '--speed', '0']);
    assert.equal(want.code, 0, want.stderr);
    assert.equal(r.stdout, want.stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a sync list with one bad object keeps the others', () => {
  const header = { kind: 'WhoSelectsEventLog', schemaVersion: 1, target: { kind: 'Service', name: 'web' }, namespace: 'default', context: null, startedAt: '2026-03-01T12:00:00.000Z', kubectlVersion: 'v1.34.1' };
  const sync = { type: 'sync', at: '2026-03-01T12:00:00.010Z', kind: 'Pod', namespace: 'default', objects: [
    { kind: 'Pod', metadata: { name: 'good' }, spec: { containers: [{ name: 'c' }] } },
    { kind: 'Pod', metadata: { name: 'bad', ownerReferences: 'me' }, spec: { containers: [{ name: 'c' }] } },
    { kind: 'Pod', metadata: {} },
  ] };
  const { log, problems } = parseLogSkippingBad(`${JSON.stringify(header)}\n${JSON.stringify(sync)}\n`);
  assert.deepEqual(log.events.flatMap((e) => (e.type === 'sync' ? e.objects.map((o) => o.metadata?.name) : [])), ['good']);
  assert.deepEqual(problems.map((p) => p.line), [2, 2]);
  assert.match(problems[0]?.message ?? '', /^Pod bad: metadata\.ownerReferences: "me" is a string, not a sequence; left out of the Pod list$/);
  assert.match(problems[1]?.message ?? '', /^a Pod without a metadata\.name/);
});
