// The krew way in, for real: krew's own validator accepts the generated manifest, and
// `kubectl krew install --manifest --archive` installs the linux-amd64 archive into a
// throwaway KREW_ROOT, after which the plugin runs through krew's shim, with no node on
// PATH: `--version`, and the offline xdmod example (which runs kubectl kustomize).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultBinDir, missingBinaries } from '../cluster/bins.ts';
import { distSkip, krewDir, LINUX_ARCHIVE, MANIFEST, ROOT } from '../ship/dist.ts';

const kubectlMissing = missingBinaries().includes('kubectl')
  ? `kubectl absent from ${defaultBinDir()}: run npm run cluster:build`
  : false;
const skip = distSkip(true) || (kubectlMissing && !process.env.WHOSELECTS_REQUIRE_CLUSTER ? kubectlMissing : false);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

test('validate-krew-manifest accepts the generated manifest (as krew-index names it: plugins/whoselects.yaml)', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-krew-index-'));
  try {
    copyFileSync(MANIFEST, join(dir, 'whoselects.yaml'));
    const r = spawnSync(join(krewDir(), 'validate-krew-manifest'), ['-manifest', join(dir, 'whoselects.yaml'), '-skip-install'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kubectl krew install --manifest --archive, then the plugin runs through the shim without node', { skip }, () => {
  const home = mkdtempSync(join(tmpdir(), 'whoselects-krew-'));
  try {
    // PATH holds only kubectl, krew (as the kubectl-krew plugin) and krew's bin directory.
    const tools = join(home, 'tools');
    mkdirSync(tools);
    symlinkSync(join(defaultBinDir(), 'kubectl'), join(tools, 'kubectl'));
    symlinkSync(join(krewDir(), 'krew'), join(tools, 'kubectl-krew'));
    const krewRoot = join(home, 'krew');
    const PATH = [tools, join(krewRoot, 'bin')].join(':');
    const env = { PATH, HOME: home, KREW_ROOT: krewRoot, KREW_NO_UPGRADE_CHECK: '1', KUBECONFIG: join(home, 'none') };
    const run = (args: string[]) => spawnSync(join(tools, 'kubectl'), args, { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });

    const install = run(['krew', 'install', `--manifest=${MANIFEST}`, `--archive=${LINUX_ARCHIVE}`]);
    assert.equal(install.status, 0, install.stdout + install.stderr);
    assert.match(install.stderr + install.stdout, /Installed plugin: whoselects/);
    const store = join(krewRoot, 'store', 'whoselects', `v${pkg.version}`);
    assert.deepEqual(readdirSync(store).sort(), ['LICENSE', 'LICENSE.node', 'kubectl-whoselects', 'kubectl_complete-whoselects']);
    assert.ok(existsSync(join(krewRoot, 'bin', 'kubectl-whoselects')), "krew's shim");
    for (const dir of PATH.split(':')) assert.ok(!existsSync(join(dir, 'node')), `no node in ${dir}`);

    const version = run(['whoselects', '--version']);
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, new RegExp(`^kubectl-whoselects v${pkg.version.replaceAll('.', '\\.')}\\n {2}commit: [0-9a-f]{40}(-dirty)?\\n {2}node: +v26\\.10\\.0 \\(linux/x64\\)\\n$`));

    const xdmod = run(['whoselects', '-k', 'examples/xdmod', 'svc/mariadb', '--kubectl-version', '1.34', '--color', 'never']);
    assert.equal(xdmod.status, 1, xdmod.stderr);
    assert.equal(xdmod.stdout, readFileSync(join(ROOT, 'test/golden/expected/xdmod/svc-mariadb.txt'), 'utf8'));

    assert.ok(existsSync(join(krewRoot, 'receipts', 'whoselects.yaml')), "krew's receipt of the installation");
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
