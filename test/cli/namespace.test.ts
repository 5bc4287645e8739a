// -n, check's namespace arguments, a pasted command's -n and a context's namespace are checked
// as kubectl does: a namespace that cannot be a URL path segment is refused before any request
// (kubectl: "invalid namespace"), and one no namespace can have (not a DNS-1123 label, which
// kubectl would send and find nothing in) is refused too: one line, exit 2, nothing sent. An empty
// -n is no -n; check -A ignores -n, as kubectl get -A does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../golden/harness.ts';
import { WEB_SERVICE, webDeployment, withFiles } from '../kit.ts';
import { withSetup, webScenario } from '../sources/live/scenario.ts';
import { assertTerminalSafe } from '../hostile/strings.ts';

const REFUSED: [string[], RegExp][] = [
  [['-n', 'a/b', 'svc/web'], /^whoselects: invalid namespace "a\/b" \(-n\): may not contain '\/' — /],
  [['--namespace=..', 'svc/web'], /^whoselects: invalid namespace "\.\." \(-n\): may not be "\.\." — /],
  [['-n', 'Team_A', 'svc/web'], /^whoselects: namespace "Team_A" \(-n\) is not a valid namespace name: no namespace can have it — .*e\.g\. "team-a"/],
  [['-n', 'Team_A', '-w', 'svc/web'], /\(-n\) is not a valid namespace name/],
  [['check', '-n', '50%'], /^whoselects: invalid namespace "50%" \(-n\): may not contain '%'/],
  [['check', 'shop', 'Shop'], /^whoselects: namespace "Shop" \(check's namespace argument\) is not a valid/],
  [['logs', '-n', 'a/b', 'deploy/web'], /^whoselects: invalid namespace "a\/b" \(kubectl logs -n\): may not contain '\/'/],
  [['exec', '--namespace', 'Web', 'deploy/web', '--', 'sh'], /\(kubectl exec -n\) is not a valid namespace name/],
  [['-n', 'a\u001b]52;c;eA==\u0007', 'svc/web'], /^whoselects: namespace "a\\u001b\]52;c;eA==\\u0007" \(-n\)/],
];

test('live: a namespace kubectl refuses, or no namespace can have: one line, exit 2, nothing sent to the API server', async () => {
  await withSetup(webScenario, async (s) => {
    for (const [args, line] of REFUSED) {
      const before = s.api.requests.length;
      const out = await runCli(args, s.env);
      assert.equal(out.code, 2, `${args.join(' ')}: ${out.stderr}`);
      assert.equal(out.stderr.trimEnd().split('\n').length, 1, out.stderr);
      assert.match(out.stderr, line, args.join(' '));
      assertTerminalSafe(out.stderr, args.join(' '));
      assert.equal(s.api.requests.length, before, `${args.join(' ')}: no request was sent`);
    }
  });
});

test('live: an empty -n is no -n; check -A ignores -n; a valid namespace that does not exist is read (and empty)', async () => {
  await withSetup(webScenario, async (s) => {
    const empty = await runCli(['-n', '', 'svc/web', '-o', 'json'], s.env);
    assert.ok(empty.code <= 1, empty.stderr);
    assert.equal((JSON.parse(empty.stdout) as { target: { ref: { namespace: string } } }).target.ref.namespace, 'default');
    const all = await runCli(['check', '-A', '-n', 'a/b', '-o', 'json'], s.env);
    assert.doesNotMatch(all.stderr, /namespace/, all.stderr);
    assert.ok(all.code <= 1, all.stderr);
    const absent = await runCli(['check', '-n', 'nowhere'], s.env);
    assert.doesNotMatch(absent.stderr, /not a valid namespace/);
  });
});

test('live: a context whose namespace no namespace can have: one line naming the context, exit 2', async () => {
  await withSetup(webScenario, async (s) => {
    const out = await runCli(['svc/web'], s.env);
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, /^whoselects: namespace "Team_A" \(the namespace of context "test"\) is not a valid namespace name: no namespace can have it — .*or pass -n/);
    assert.equal(s.api.requests.length, 0, 'nothing sent');
    const given = await runCli(['-n', 'default', 'svc/web'], s.env);
    assert.ok(given.code <= 1, `-n wins over the context's namespace: ${given.stderr}`);
  }, { namespace: 'Team_A' });
});

test('offline: -n and check -n are checked the same way; the manifests are not read', async () => {
  await withFiles({ 'a.yaml': `${WEB_SERVICE}---\n${webDeployment({ probe: false })}` }, async (dir) => {
    const file = join(dir, 'a.yaml');
    for (const [args, line] of [[['-n', 'Team_A', 'svc/web'], /\(-n\) is not a valid namespace name/], [['-n', 'a/b', 'check'], /invalid namespace "a\/b" \(-n\)/], [['check', 'a%b'], /invalid namespace "a%b" \(check's namespace argument\)/]] as const) {
      const out = await runCli(['-f', file, ...args]);
      assert.equal(out.code, 2, out.stderr);
      assert.equal(out.stderr.trimEnd().split('\n').length, 1, out.stderr);
      assert.match(out.stderr, line);
      assert.equal(out.stdout, '');
    }
    const empty = await runCli(['-f', file, '-n', '', 'svc/web', '-o', 'json']);
    assert.equal(empty.code, 1, empty.stderr);
    assert.equal((JSON.parse(empty.stdout) as { target: { ref: { namespace: string } } }).target.ref.namespace, 'default');
  });
});
