// The npm package: `npm pack`, then `npm install -g` of the tarball into a clean prefix puts
// kubectl-whoselects and whoselects on PATH, and they run the bundle (the package carries no
// TypeScript sources and no dependencies: everything is in the bundle).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../ship/dist.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };

test('npm pack + npm install -g on a clean prefix: both commands run the bundle', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-npm-'));
  try {
    const npmEnv = { ...process.env, npm_config_cache: join(dir, 'npm-cache'), npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, env: npmEnv, encoding: 'utf8', timeout: 240_000 });
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
    assert.ok(info);
    const paths = info.files.map((f) => f.path).sort();
    assert.ok(paths.includes('dist/whoselects.mjs') && paths.includes('dist/whoselects.mjs.map') && paths.includes('bin/whoselects.mjs'), paths.join(' '));
    assert.ok(!paths.some((p) => p.startsWith('src/') || p.startsWith('test/') || p.startsWith('scripts/')), 'only what runs');
    process.stdout.write(`# npm package: ${(info.size / 1e6).toFixed(2)} MB packed, ${(info.unpackedSize / 1e6).toFixed(2)} MB unpacked, ${paths.length} files\n`);

    const prefix = join(dir, 'prefix');
    const install = spawnSync('npm', ['install', '-g', '--offline', '--prefix', prefix, join(dir, info.filename)], { env: npmEnv, encoding: 'utf8', timeout: 120_000 });
    assert.equal(install.status, 0, install.stderr);
    const installed = join(prefix, 'lib', 'node_modules', 'kubectl-whoselects');
    assert.deepEqual(readdirSync(installed).sort(), ['LICENSE', 'README.md', 'bin', 'dist', 'package.json', 'schema']);
    assert.ok(!existsSync(join(installed, 'node_modules')), 'no dependencies installed');

    // PATH: the prefix's bin, and a node the package's engines accept (the project's pinned one).
    const nodeDir = dirname(realpathSync(process.execPath));
    const env = { PATH: [join(prefix, 'bin'), nodeDir, '/usr/bin', '/bin'].join(':'), HOME: dir };
    for (const cmd of ['kubectl-whoselects', 'whoselects']) {
      const v = spawnSync(cmd, ['--version'], { env, encoding: 'utf8' });
      assert.equal(v.status, 0, v.stderr);
      assert.match(v.stdout, new RegExp(`^kubectl-whoselects v${pkg.version.replaceAll('.', '\\.')}\\n {2}commit: [0-9a-f]{40}`), 'the bundle knows its commit; the sources would not');
    }
    const r = spawnSync('whoselects', ['-f', 'examples/xdmod/deployment-mariadb.yaml', '-f', 'examples/xdmod/deployment-xdmod.yaml', '-f', 'examples/xdmod/svc-mariadb.yaml', 'svc/mariadb', '-o', 'json', '--kubectl-version', '1.34'], { cwd: ROOT, env, encoding: 'utf8' });
    // The files as written, before kustomize's commonLabels: the Service selects MariaDB's pods only.
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { selection: { owners: { ref: { name: string } }[] }[]; findings: { id: string }[] };
    assert.deepEqual(report.selection.map((s) => s.owners.at(-1)?.ref.name), ['mariadb']);
    assert.equal(pkg.engines.node, '>=22.12.0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
