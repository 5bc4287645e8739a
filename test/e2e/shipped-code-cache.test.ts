// The linux-amd64 executable carries V8's code cache, trained on a representative run: V8
// accepts it at run time, the executable sets no V8 seed (each run draws a random string
// hash seed, so names crafted to collide cannot be computed in advance), and the cache is
// still reproducible: the executable built again from the same bundle and Node binary has
// the same bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CJS_MAIN } from '../../scripts/build/bundle.ts';
import { extract, nodeTarball } from '../../scripts/build/node-dist.ts';
import { PLATFORMS, platformName, TUI_APART } from '../../scripts/build/platforms.ts';
import { buildSea } from '../../scripts/build/sea.ts';
import { DIST, distSkip, ROOT, shippedLinux } from '../ship/dist.ts';

const skip = distSkip();
const exe = () => join(shippedLinux(), 'kubectl-whoselects');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Where two executables differ, and where the program's text lies in the first (the message of
 * a failed comparison: whether the code cache differs, or another part).
 */
function differences(a: string, b: string, program: string): string {
  const [x, y] = [readFileSync(a), readFileSync(b)];
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    if (first < 0) first = i;
    last = i;
    count++;
  }
  const text = x.indexOf(readFileSync(program).subarray(0, 256));
  return `${x.length} and ${y.length} bytes; ${count} differ, from byte ${first} to byte ${last}; the program's text starts at byte ${text}`;
}

test('V8 accepts the embedded code cache, and the answer is the same as the bundle\'s', { skip }, () => {
  const r = spawnSync(exe(), ['-f', 'examples/pdb-overlap', '--kubectl-version', '1.34', '--color', 'never', 'check', '-A'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WHOSELECTS_DEBUG_CODE_CACHE: '1' } });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, 'whoselects: code cache accepted\n');
  const bundle = spawnSync(process.execPath, [join(DIST, 'whoselects.mjs'), '-f', 'examples/pdb-overlap', '--kubectl-version', '1.34', '--color', 'never', 'check', '-A'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.stdout, bundle.stdout);
});

test('no V8 seed is fixed in the executable (its execArgv would carry it)', { skip }, () => {
  const bytes = readFileSync(exe());
  for (const flag of ['--hash-seed', '--random-seed']) assert.equal(bytes.indexOf(flag), -1, `${flag} in the executable`);
});

test('built twice from the same bundle and Node binary, the executable has the same bytes, code cache included', { skip }, async () => {
  const linux = PLATFORMS.find((p) => platformName(p) === 'linux-amd64');
  assert.ok(linux);
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-sea-twice-'));
  try {
    // A bundle of its own: dist/whoselects.mjs may be rewritten meanwhile (npm pack bundles first).
    const b = spawnSync(process.execPath, ['scripts/build.ts', '--bundle-only', '--out', dir], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    const node = extract(nodeTarball(linux, () => {}), linux.nodePath, () => {});
    const [one, two] = [join(dir, 'one'), join(dir, 'two')];
    const bundle = { file: join(dir, 'whoselects.mjs'), cjsMain: join(dir, CJS_MAIN), tuiMain: join(dir, TUI_APART) };
    assert.deepEqual(await buildSea(linux, node, bundle, one, () => {}), { codeCache: true });
    assert.deepEqual(await buildSea(linux, node, bundle, two, () => {}), { codeCache: true });
    if (sha256(one) !== sha256(two)) assert.fail(`the two executables differ: ${differences(one, two, bundle.cjsMain)}`);
    assert.equal(spawnSync(one, ['--version'], { encoding: 'utf8', env: { ...process.env, WHOSELECTS_DEBUG_CODE_CACHE: '1' } }).stderr, 'whoselects: code cache accepted\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Kubernetes client library comes from the executable\'s assets when an exec credential plugin needs it', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-exec-'));
  try {
    const plugin = join(dir, 'cred.sh');
    writeFileSync(plugin, `#!/bin/sh\necho ran > '${dir}/ran'\necho "error: not logged in" >&2\nexit 1\n`);
    chmodSync(plugin, 0o755);
    const config = join(dir, 'kubeconfig');
    writeFileSync(config, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ${plugin}, interactiveMode: Never}}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n`);
    // From a directory with nothing beside it: the library can only come from the executable.
    const r = spawnSync(exe(), ['svc/x', '--kubeconfig', config], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 3, r.stderr);
    assert.equal(r.stderr, `whoselects: the exec credential plugin "${plugin}" of user "u" failed: error: not logged in — run the plugin by hand to see why (is it installed and logged in?)\n`);
    assert.ok(existsSync(join(dir, 'ran')), 'the plugin ran, through the client library');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
