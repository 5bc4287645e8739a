// The check configuration file: found upward from the current directory, parsed and
// validated entry by entry (a bad entry is one problem with its line; the rest applies).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findConfig, loadCheckConfig, parseCheckConfig, type ConfigDeps } from '../../../src/sources/config/check-config.ts';

function fakeDeps(files: Record<string, string>): ConfigDeps {
  return {
    readFile: async (p) => { if (p in files) return files[p] as string; throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' }); },
    exists: async (p) => p in files,
  };
}

test('found in the current directory or the nearest one above; .yaml before .yml', async () => {
  const deps = fakeDeps({ '/repo/.whoselects.yaml': '', '/repo/app/.whoselects.yml': '', '/repo/app/.whoselects.yaml': '' });
  assert.equal(await findConfig('/repo/app/overlays/prod', deps), '/repo/app/.whoselects.yaml');
  assert.equal(await findConfig('/repo/lib', deps), '/repo/.whoselects.yaml');
  assert.equal(await findConfig('/elsewhere', deps), null);
});

test('ignore rules and severities, kinds by kubectl names', () => {
  const { config, problems } = parseCheckConfig('c.yaml', `ignore:
  - id: selects-several-workloads
    kind: svc
    namespace: shop
    name: "web*"
    reason: stable and canary
  - ids: [no-prestop-delay, bare-pod]
severity:
  no-prestop-delay: warning
`);
  assert.deepEqual(problems, []);
  assert.deepEqual(config?.ignore, [
    { ids: ['selects-several-workloads'], reason: 'stable and canary', origin: 'c.yaml ignore[0] (line 2)', namespace: 'shop', name: 'web*', kind: 'Service' },
    { ids: ['no-prestop-delay', 'bare-pod'], reason: null, origin: 'c.yaml ignore[1] (line 7)' },
  ]);
  assert.deepEqual(config?.severity, { 'no-prestop-delay': 'warning' });
});

test('each bad entry is one problem with its line; the good ones still apply', () => {
  const { config, problems } = parseCheckConfig('c.yaml', `ignore:
  - id: bare-pod
  - kind: Deployment
  - id: x
    kind: Frobnicator
  - id: y
    labels: {a: b}
severity:
  bare-pod: fatal
  nope: info
  multiple-pdbs: error
extra: 1
`);
  assert.deepEqual(problems.map((p) => [p.line, p.message]), [
    [12, 'unknown key "extra"'],
    [3, 'ignore[1]: id (a string) or ids (a list of strings) is required'],
    [4, 'ignore[2].kind: "Frobnicator" is not a kind whoselects reads'],
    [6, 'ignore[3]: unknown key "labels"'],
    [9, 'severity.bare-pod: "fatal" is not error, warning or info'],
    [10, 'severity.nope: no finding has this id'],
  ]);
  assert.deepEqual(config?.ignore.map((r) => r.ids), [['bare-pod']]);
  assert.deepEqual(config?.severity, { 'multiple-pdbs': 'error' });
});

test('YAML errors, a missing --config file, and no file at all', async () => {
  assert.match(parseCheckConfig('c.yaml', 'ignore: [\n').problems[0]?.message ?? '', /^YAML syntax/);
  const missing = await loadCheckConfig('/nope.yaml', '/', fakeDeps({}));
  assert.equal(missing.config, null);
  assert.equal(missing.problems[0]?.message, 'the check configuration file does not exist');
  assert.deepEqual(await loadCheckConfig(undefined, '/x', fakeDeps({})), { config: null, problems: [] });
  const empty = await loadCheckConfig(undefined, '/x', fakeDeps({ '/x/.whoselects.yaml': '' }));
  assert.deepEqual(empty, { config: { file: '/x/.whoselects.yaml', ignore: [], severity: {} }, problems: [] });
});
