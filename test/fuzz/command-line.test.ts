// Command lines, property-based, through the real CLI in-process: random sequences of real
// flags, subcommands, pasted kubectl verbs, their values (good, bad and hostile) and junk.
// No cluster is reachable (the kubeconfig names a closed port with a short timeout): whatever
// the line, never an uncaught exception, never exit 4, every stderr line one whole message.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../golden/harness.ts';
import { assertTerminalSafe } from '../hostile/strings.ts';
import { fuzzParams } from './params.ts';

let dir = '';
let env: NodeJS.ProcessEnv = {};
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'whoselects-argv-'));
  writeFileSync(join(dir, 'm.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-1, labels: {app: web}}\nspec: {containers: [{name: c}]}\n');
  writeFileSync(join(dir, 'bad.yaml'), 'kind: [\n');
  writeFileSync(join(dir, 'log.ndjson'), '{"not": "an event log"}\n');
  // Port 9 on loopback (discard) is closed here: every live read fails at once.
  writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n');
  env = { KUBECONFIG: join(dir, 'kubeconfig'), HOME: dir };
});
after(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => join(dir, name);

const FLAGS = ['-f', '--filename', '-R', '--recursive', '-n', '--namespace', '-A', '--all-namespaces', '--context', '--cluster', '--user', '--kubeconfig',
  '--request-timeout', '-o', '--output', '--color', '--no-tui', '--kubectl-version', '--fail-on', '--allow-partial', '-v', '--verbose',
  '-w', '--watch', '--until-rollout-complete', '--record', '--replay', '--speed', '--step', '--dns-ttl', '--help', '-h', '--version', '--bogus', '-', '--', '-x'];
const VERBS = ['check', 'logs', 'exec', 'attach', 'port-forward', 'completion', '__complete', 'help'];
const TARGETS = ['svc/web', 'svc', 'web', 'pod/web-1', 'deploy/x', 'service/web', 'nope/x', 'svc/', '/web', 'svc/a/b', 'deployment.apps/web', 'Svc/Web'];
const VALUES = ['json', 'yaml', 'wide', 'text', 'sarif', 'junit', 'o=json', '=json', 'bogus', 'never', 'warning', 'always', 'auto', '0', '1', '-1', '2s', '600h', '1e9', '0.5', 'NaN', '1.34', '0.1', '1.27', '99.99',
  'default', 'kube-system', 'UPPER', 'bash', 'zsh', 'fish', 'powershell', 'cmd', '8080', '8080:80', ':80', 'a:b', '-c', 'c', '--tail=1', '-p'];
const FILES = ['m.yaml', 'bad.yaml', 'log.ndjson', 'missing.yaml', '.'];
const HOSTILE = ['\u001b[2J', 'a\nb', '\u202e', '', ' ', '\u0000', 'é', 'x'.repeat(5000), '--output=\u001b]52;c;eA==\u0007'];

const token = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 2, arbitrary: fc.constantFrom(...FLAGS.filter((f) => f.startsWith('--'))).chain((f) => fc.constantFrom(...VALUES).map((v) => `${f}=${v}`)) },
  { weight: 2, arbitrary: fc.constantFrom(...VERBS) },
  { weight: 3, arbitrary: fc.constantFrom(...TARGETS) },
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 2, arbitrary: fc.constantFrom(...FILES).map(file) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** Ends that would wait on a person or on time: standard input, real-time replay, watches that never end. */
function waits(argv: string[]): boolean {
  return argv.some((a, i) => (a === '-' && ['-f', '--filename'].includes(argv[i - 1] ?? '')) || a === '-f=-' || a === '--filename=-')
    || argv.some((a) => a === '--replay' || a.startsWith('--replay=') || a === '--record' || a.startsWith('--record='));
}

test('random command lines: exit 0-3, never 4 nor a throw, every error one line', async () => {
  await fc.assert(fc.asyncProperty(fc.array(token, { minLength: 0, maxLength: 7 }).filter((a) => !waits(a)), async (argv) => {
    const r = await runCli(['--request-timeout', '1s', ...argv], env);
    assert.ok([0, 1, 2, 3].includes(r.code), `exit ${r.code} for ${JSON.stringify(argv)}: ${r.stderr.slice(0, 400)}`);
    // -v adds request lines and, for an error, its stack trace: by design.
    const verbose = argv.some((a) => a === '-v' || a.startsWith('--verbose'));
    for (const line of r.stderr.split('\n').filter(Boolean)) {
      assertTerminalSafe(line, `stderr of ${JSON.stringify(argv)}`);
      if (verbose) continue;
      assert.match(line, /^(whoselects: |warning: |Usage: |\s)/, `${JSON.stringify(argv)}: ${JSON.stringify(line.slice(0, 300))}`);
      assert.doesNotMatch(line, /^\s+at .*\.ts:\d+|TypeError|is not a function|Cannot read propert|TimeoutOverflowWarning|\[object Object\]/, `${JSON.stringify(argv)}: ${line.slice(0, 300)}`);
    }
  }), fuzzParams(250));
});

test('replays of a non-log, as fast as possible: one line, exit 2', async () => {
  await fc.assert(fc.asyncProperty(fc.constantFrom('text', 'json', 'yaml', 'wide'), fc.constantFrom(...FILES).map(file), async (o, f) => {
    const r = await runCli(['--replay', f, '--speed', '0', '-o', o], env);
    assert.ok([2, 3].includes(r.code), `exit ${r.code}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }), fuzzParams(20));
});
