// --version names the version, the commit and the Node runtime; -h reads like kubectl's help.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run } from '../../src/cli/run.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run({
    argv, env: {}, now: () => new Date(0),
    stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) },
    runtime: { version: 'v26.10.0', platform: 'linux', arch: 'arm64' },
  });
  return { code, stdout, stderr };
}

test('--version: version, commit (unknown from the sources) and the Node runtime, exit 0', async () => {
  const r = await cli(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, `kubectl-whoselects v${pkg.version}\n  commit: unknown (run from the sources)\n  node:   v26.10.0 (linux/arm64)\n`);
});

test('-h: description, examples, commands, options as kubectl shows them, usage last', async () => {
  const r = await cli(['-h']);
  assert.equal(r.code, 0);
  const order = ['Selector forensics', 'Examples:', '  kubectl whoselects svc/mariadb', 'Available Commands:', '  completion', 'Options:', "    -o, --output='text':", '\tOutput format (sarif and junit: check only). One of: text, wide, json,', '    --fail-on=\'warning\':', '    -w, --watch=false:', 'Usage:\n  kubectl whoselects [TYPE/NAME | TYPE NAME] [flags]', 'Exit codes:'];
  let at = 0;
  for (const part of order) {
    const i = r.stdout.indexOf(part, at);
    assert.ok(i >= at, `${JSON.stringify(part)} after position ${at}`);
    at = i;
  }
  const sub = await cli(['completion', '--help']);
  assert.match(sub.stdout, /Examples:\n {2}# bash/);
  assert.match(sub.stdout, /Usage:\n {2}kubectl whoselects completion \[options\] <shell>/);
});
