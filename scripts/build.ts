// npm run build: the bundle, then one archive per platform and krew's manifest, in dist/.
//
//   node scripts/build.ts                 bundle + archives + dist/krew-manifest.yaml
//   node scripts/build.ts --bundle-only   dist/whoselects.mjs and its source map only
//   node scripts/build.ts --platform linux-amd64   one platform's archive (repeatable)
//   node scripts/build.ts --out DIR       write to DIR instead of dist/ (to compare two builds)
//
// Inputs come only from the npm registry (esbuild, and the official Node binaries through
// npm pack, checked against pinned sha512 sums). The same inputs give the same archives.

import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tarGz, zip, type Entry } from './build/archive.ts';
import { bundle, type BundleInfo } from './build/bundle.ts';
import { BuildError } from './build/errors.ts';
import { krewManifest } from './build/krew-manifest.ts';
import { COMPLETE_CMD, COMPLETE_SH, DARWIN_SH, RUN_MJS } from './build/launchers.ts';
import { extract, nodeTarball } from './build/node-dist.ts';
import { archiveName, KUBE_CLIENT, NODE_LICENSE_PACKAGE, NODE_VERSION, PLATFORMS, platformName, type Platform } from './build/platforms.ts';
import { buildSea } from './build/sea.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

const file = (name: string, data: Buffer | string, executable = false): Entry => ({ name, data: Buffer.isBuffer(data) ? data : Buffer.from(data), executable });

function nodeLicence(log: (s: string) => void): Buffer {
  const p = PLATFORMS.find((x) => x.nodePackage === NODE_LICENSE_PACKAGE) as Platform;
  return readFileSync(extract(nodeTarball(p, log), 'package/LICENSE', log));
}

async function entriesFor(p: Platform, b: BundleInfo, outDir: string, log: (s: string) => void): Promise<Entry[]> {
  const node = extract(nodeTarball(p, log), p.nodePath, log);
  const common = [file('LICENSE', readFileSync(join(root, 'LICENSE'))), file('LICENSE.node', nodeLicence(log))];
  if (p.form === 'launcher') {
    return [
      ...common,
      file('kubectl-whoselects', DARWIN_SH, true),
      file('kubectl_complete-whoselects', COMPLETE_SH, true),
      file('node', readFileSync(node), true),
      file('run.mjs', RUN_MJS),
      file('whoselects.mjs', readFileSync(b.file)),
      file(KUBE_CLIENT, readFileSync(b.kubeClient)),
    ];
  }
  const exe = join(outDir, 'sea', `${platformName(p)}${p.os === 'windows' ? '.exe' : ''}`);
  mkdirSync(join(outDir, 'sea'), { recursive: true });
  const { codeCache } = await buildSea(p, node, b, exe, log);
  log(`${platformName(p)}: single executable${codeCache ? ' with a trained code cache' : ''}`);
  if (p.os === 'windows') return [...common, file('kubectl-whoselects.exe', readFileSync(exe), true), file('kubectl_complete-whoselects.cmd', COMPLETE_CMD)];
  chmodSync(exe, 0o755);
  return [...common, file('kubectl-whoselects', readFileSync(exe), true), file('kubectl_complete-whoselects', COMPLETE_SH, true)];
}

export async function build(argv: string[], log: (s: string) => void): Promise<void> {
  const valueOf = (flag: string) => argv.flatMap((a, i) => (argv[i - 1] === flag ? [a] : []));
  const outDir = resolve(root, valueOf('--out').at(-1) ?? 'dist');
  const bundleOnly = argv.includes('--bundle-only');
  const wanted = valueOf('--platform');
  for (const w of wanted) {
    if (!PLATFORMS.some((p) => platformName(p) === w)) throw new BuildError(`unknown platform ${w}`, `use one of: ${PLATFORMS.map(platformName).join(', ')}`);
  }
  const unknown = argv.filter((a, i) => !['--bundle-only', '--platform', '--out'].includes(a) && !['--platform', '--out'].includes(argv[i - 1] as string));
  if (unknown.length) throw new BuildError(`unknown option ${unknown[0]}`, 'use --bundle-only, --platform OS-ARCH or --out DIR');
  mkdirSync(outDir, { recursive: true });
  const b = await bundle(root, outDir);
  log(`bundle: ${b.file} (${(readFileSync(b.file).length / 1e6).toFixed(1)} MB), v${b.version}, commit ${b.commit}`);
  if (bundleOnly) return;
  const platforms = wanted.length ? PLATFORMS.filter((p) => wanted.includes(platformName(p))) : PLATFORMS;
  const archives: { platform: Platform; sha256: string }[] = [];
  rmSync(join(outDir, 'archives'), { recursive: true, force: true });
  mkdirSync(join(outDir, 'archives'), { recursive: true });
  for (const p of platforms) {
    const entries = await entriesFor(p, b, outDir, log);
    const bytes = p.os === 'windows' ? zip(entries) : tarGz(entries);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(outDir, 'archives', archiveName(p)), bytes);
    archives.push({ platform: p, sha256 });
    log(`${archiveName(p)}: ${(bytes.length / 1e6).toFixed(1)} MB, sha256 ${sha256}`);
  }
  writeFileSync(join(outDir, 'archives', 'SHA256SUMS'), archives.map((a) => `${a.sha256}  ${archiveName(a.platform)}\n`).join(''));
  writeFileSync(join(outDir, 'krew-manifest.yaml'), krewManifest(b.version, archives));
  log(`${relative(root, join(outDir, 'krew-manifest.yaml'))}: ${archives.length} platforms (Node ${NODE_VERSION})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await build(process.argv.slice(2), (s) => process.stderr.write(`build: ${s}\n`));
  } catch (e) {
    if (e instanceof BuildError) {
      process.stderr.write(`build: ${e.message} — ${e.hint}\n`);
      process.exit(1);
    }
    throw e;
  }
}
