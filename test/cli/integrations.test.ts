// The CI integrations in the repository: the pre-commit hooks run the command on the staged
// manifests (each as -f) and gate on findings; the k9s plugin's arguments, with k9s's
// variables filled in for every scope, are an invocation whoselects accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildProgram, type Invocation } from '../../src/cli/program.ts';
import { buildRequest } from '../../src/cli/request.ts';
import { lookupType } from '../../src/core/resources.ts';

const root = new URL('../../', import.meta.url).pathname;

function sh(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(args[0] as string, args.slice(1), { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const MANIFEST = (name: string, app: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}}}
    spec: {containers: [{name: c, image: x}]}
`;

test('pre-commit: whoselects-check passes each staged file as -f and gates on findings', async () => {
  const hooks = parse(await readFile(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files?: string }[];
  const hook = hooks.find((h) => h.id === 'whoselects-check');
  assert.ok(hook);
  assert.ok(new RegExp(hook.files ?? '').test('deploy/web.yaml'));
  const dir = await mkdtemp(join(tmpdir(), 'whoselects-hook-'));
  try {
    await symlink(join(root, 'bin/whoselects.mjs'), join(dir, 'kubectl-whoselects'));
    await writeFile(join(dir, 'a b.yaml'), MANIFEST('a', 'shared'));
    await writeFile(join(dir, 'c.yaml'), MANIFEST('c', 'shared'));
    await writeFile(join(dir, 'd.yaml'), MANIFEST('d', 'own'));
    const env = { PATH: `${dir}:${process.env.PATH}`, HOME: process.env.HOME };
    // pre-commit runs `entry` split as a shell would, with the file names appended.
    const entry = hook.entry.match(/'[^']*'|\S+/g)?.map((w) => w.replace(/^'|'$/g, '')) ?? [];
    const overlap = await sh([...entry, join(dir, 'a b.yaml'), join(dir, 'c.yaml')], env);
    assert.equal(overlap.code, 1, overlap.stderr);
    assert.match(overlap.stdout, /\[overlapping-selectors\]/);
    const clean = await sh([...entry, join(dir, 'd.yaml')], env);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('k9s: for every scope, the plugin\'s arguments are a target whoselects accepts, in k9s\'s namespace and context', async () => {
  const file = parse(await readFile(join(root, 'integrations/k9s/plugins.yaml'), 'utf8')) as { plugins: Record<string, { command: string; args: string[]; scopes: string[]; shortCut: string }> };
  const plugin = file.plugins.whoselects;
  assert.ok(plugin);
  assert.equal(plugin.command, 'kubectl');
  for (const scope of plugin.scopes) {
    const type = lookupType(scope);
    assert.ok('type' in type, scope);
    const vars: Record<string, string> = { RESOURCE_NAME: scope, NAME: 'web', NAMESPACE: 'shop', CONTEXT: 'prod' };
    const args: string[] = plugin.args.map((a) => a.replace(/\$([A-Z_]+)/g, (m, v: string) => vars[v] ?? m));
    assert.equal(args[0], 'whoselects');
    let inv: Invocation | null = null;
    buildProgram({ onInvocation: (i) => { inv = i; } }).exitOverride().parse(args.slice(1), { from: 'user' });
    assert.ok(inv, scope);
    const request = buildRequest(inv);
    const target = request.target as { kind: string; name: string };
    assert.equal(target.kind, type.type.kind);
    assert.equal(target.name, 'web');
    assert.equal(request.namespace, 'shop');
    assert.equal(request.source.from === 'live' && request.source.live.connection.context, 'prod');
  }
});
