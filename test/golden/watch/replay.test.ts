// Replaying the crafted logs (a 4-replica rollout with slow termination behind a ClusterIP
// and behind a headless Service) through the real CLI gives the committed timeline and
// rollout report, in text and in NDJSON; the same log always gives the same output.
// WHOSELECTS_UPDATE_GOLDEN=1 rewrites the goldens (then review the diff).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { runCli } from '../harness.ts';
import { LOGS } from './craft.ts';

const update = process.env.WHOSELECTS_UPDATE_GOLDEN === '1';
const log = (file: string) => new URL(`./logs/${file}`, import.meta.url).pathname;

for (const l of LOGS) {
  const base = l.file.replace(/\.ndjson$/, '');
  for (const [format, ext] of [['text', 'txt'], ['json', 'ndjson']] as const) {
    test(`--replay ${l.file} -o ${format} gives the golden timeline and report`, async () => {
      const out = await runCli(['--replay', log(l.file), '--speed', '0', ...(format === 'json' ? ['-o', 'json'] : [])]);
      assert.equal(out.stderr, '');
      assert.equal(out.code, 0);
      const path = new URL(`./expected/${base}.${ext}`, import.meta.url);
      if (update) await writeFile(path, out.stdout);
      else assert.equal(out.stdout, await readFile(path, 'utf8'));
    });
  }
}

test('the same log gives the same output every time', async () => {
  const a = await runCli(['--replay', log('rollout-headless.ndjson'), '--speed', '0', '-o', 'json']);
  const b = await runCli(['--replay', log('rollout-headless.ndjson'), '--speed', '0', '-o', 'json']);
  assert.equal(a.stdout, b.stdout);
});

test('--until-rollout-complete ends the replay at the rollout-complete line and reports it complete', async () => {
  const out = await runCli(['--replay', log('rollout-headless.ndjson'), '--speed', '0', '-o', 'json', '--until-rollout-complete']);
  const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; complete?: boolean; to?: string; at?: string });
  const report = lines.pop();
  assert.equal(lines[lines.length - 1]?.kind, 'rollout-complete');
  assert.equal(report?.kind, 'WhoSelectsRolloutReport');
  assert.equal(report?.complete, true);
  assert.equal(report?.to, lines[lines.length - 1]?.at, 'the report ends where the replay stopped');
  assert.ok(!lines.some((c) => c.kind === 'hazard-ended' && c.at && c.at > (report?.to ?? '')), 'nothing after the stop');
});

test('a replay names the log\'s target; another target is refused', async () => {
  const out = await runCli(['--replay', log('rollout-clusterip.ndjson'), '--speed', '0', 'deploy/web']);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /the event log records service\/web; it cannot be replayed for deploy\/web/);
  const same = await runCli(['--replay', log('rollout-clusterip.ndjson'), '--speed', '0', '-o', 'json', 'svc/web']);
  assert.equal(same.code, 0);
});
