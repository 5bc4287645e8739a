// Watch-mode flags that cannot work together: one line naming the problem and the fix, exit 2,
// before any cluster is contacted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../golden/harness.ts';
import { dnsTtlSeconds } from '../../src/cli/watch-flags.ts';

const LOG = new URL('../golden/watch/logs/rollout-clusterip.ndjson', import.meta.url).pathname;

test('flag combinations that cannot work', async () => {
  const cases: [string[], RegExp][] = [
    [['-f', 'examples/xdmod', 'svc/mariadb', '--watch'], /--watch needs a cluster: manifests \(-f\/-k\) do not change/],
    [['--replay', LOG, '-f', 'examples/xdmod'], /--replay and -f\/-k are two different sources/],
    [['svc/web', '--record', '/tmp/x.ndjson'], /--record needs --watch/],
    [['--replay', LOG, '--record', '/tmp/x.ndjson'], /--record writes a live watch, --replay plays one back/],
    [['svc/web', '--until-rollout-complete'], /--until-rollout-complete needs --watch or --replay/],
    [['--replay', LOG, '-o', 'yaml'], /-o yaml is not a stream/],
    [['--replay', LOG, '--dns-ttl', 'soon'], /invalid --dns-ttl "soon"/],
    [['--replay', LOG, '--speed', '-1'], /--speed/],
    [['--replay', '/nonexistent/log.ndjson'], /cannot read the event log \/nonexistent\/log\.ndjson: no such file/],
  ];
  for (const [args, re] of cases) {
    const out = await runCli(args, { KUBECONFIG: '/nonexistent/kubeconfig' });
    assert.equal(out.code, 2, `${args.join(' ')}: ${out.stderr}`);
    assert.match(out.stderr, re, args.join(' '));
    assert.equal(out.stderr.trim().split('\n').length, 1, 'one line');
  }
});

test('--dns-ttl takes seconds or a duration', () => {
  assert.equal(dnsTtlSeconds('5'), 5);
  assert.equal(dnsTtlSeconds('1m'), 60);
  assert.equal(dnsTtlSeconds('500ms'), 0.5);
  assert.throws(() => dnsTtlSeconds('-3s'), /invalid --dns-ttl/);
});

test('--replay with --dns-ttl changes the DNS windows of a headless Service', async () => {
  const headless = new URL('../golden/watch/logs/rollout-headless.ndjson', import.meta.url).pathname;
  const out = await runCli(['--replay', headless, '--speed', '0', '-o', 'json', '--dns-ttl', '5s']);
  const report = JSON.parse(out.stdout.trim().split('\n').pop() as string) as { dnsTtlSeconds: number; dnsStale: { durationMs: number; afterRemovalMs: number | null }[] };
  assert.equal(report.dnsTtlSeconds, 5);
  assert.ok(report.dnsStale.every((d) => d.durationMs === 5_000 && d.afterRemovalMs === null), 'expired before the pods were gone');
});
