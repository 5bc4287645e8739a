// Flags and files as a hostile or careless user gives them: one line, exit 2, never 1 or 4;
// kubectl's own spellings (-o=json) accepted; -R past loops and unreadable directories; UTF-16.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../golden/harness.ts';
import { splitShortEquals } from '../../src/cli/run.ts';

const SVC = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';
const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: {app: web}}\nspec:\n  containers: [{name: a, image: x}]\n`;

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0] as string, /^whoselects: /);
  return lines[0] as string;
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'whoselects-flags-'));
  try {
    await fn(dir);
  } finally {
    await chmod(dir, 0o755).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

test('check option errors: one line and exit 2, like the top-level ones', async () => {
  for (const [args, pattern] of [
    [['check', '--bogus'], /unknown option '--bogus'/],
    [['check', '--fail-on', 'bogus'], /argument 'bogus' is invalid/],
    [['check', '-n'], /argument missing/],
  ] as const) {
    const out = await runCli(['-f', '/dev/null', ...args]);
    assert.equal(out.code, 2, `${args.join(' ')}: ${out.stderr}`);
    assert.match(oneLine(out.stderr), pattern);
  }
});

test('-o=json, -n=ns and -f=FILE are read as kubectl reads them; a pasted command keeps its own', async () => {
  assert.deepEqual(splitShortEquals(['-o=json', '-n=x', 'svc/a']), ['-o', 'json', '-n', 'x', 'svc/a']);
  assert.deepEqual(splitShortEquals(['logs', '-c=x', 'pod/a']), ['logs', '-c=x', 'pod/a']);
  await withDir(async (dir) => {
    await writeFile(join(dir, 'a.yaml'), `${SVC}---\n${POD('p')}`);
    const out = await runCli([`-f=${join(dir, 'a.yaml')}`, '-o=json', 'svc/web']);
    assert.equal(out.code, 1, out.stderr);
    assert.equal((JSON.parse(out.stdout) as { kind: string }).kind, 'WhoSelectsReport');
  });
});

test('--request-timeout: bounded, and checked offline too', async () => {
  for (const value of ['600h', '2147484s', 'banana', '-1s']) {
    const out = await runCli(['-f', '/dev/null', '--request-timeout', value, 'svc/web']);
    assert.equal(out.code, 2, `${value}: ${out.stderr}`);
    assert.match(oneLine(out.stderr), /--request-timeout/);
  }
});

test('--kubectl-version outside the modelled releases is refused', async () => {
  for (const v of ['0.1', '1.26', '1.37', '2.0']) {
    const out = await runCli(['-f', '/dev/null', '--kubectl-version', v, 'svc/web']);
    assert.equal(out.code, 2, `${v}: ${out.stderr}`);
    assert.match(oneLine(out.stderr), /is not modelled: the rules of kubectl 1\.27 to 1\.36 are/);
  }
});

test('-k --help is a directory that does not exist, never a flag of kubectl kustomize', async () => {
  const out = await runCli(['-k', '--help', 'svc/web']);
  assert.equal(out.code, 2, out.stderr);
  assert.doesNotMatch(out.stdout + out.stderr, /Usage:|Build a set of KRM resources/);
});

test('-R: a symlink loop and an unreadable subdirectory do not lose the rest', { skip: process.getuid?.() === 0 ? 'root reads every directory' : false }, async () => {
  await withDir(async (dir) => {
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'locked'));
    await writeFile(join(dir, 'svc.yaml'), SVC);
    await writeFile(join(dir, 'a', 'pod.yaml'), POD('p1'));
    await writeFile(join(dir, 'locked', 'pod.yaml'), POD('p2'));
    await symlink(dir, join(dir, 'a', 'loop'));
    await chmod(join(dir, 'locked'), 0o000);
    const out = await runCli(['-f', dir, '-R', '-o', 'json', 'svc/web']);
    assert.equal(out.code, 2, out.stderr);
    assert.match(oneLine(out.stderr), /locked" cannot be read/);
    assert.deepEqual((JSON.parse(out.stdout) as { selection: { ref: { name: string } }[] }).selection.map((s) => s.ref.name), ['p1']);
  });
});

test('-R: a symlink loop is not followed (as filepath.Walk does not), and everything else is read', async () => {
  await withDir(async (dir) => {
    await mkdir(join(dir, 'a'));
    await writeFile(join(dir, 'svc.yaml'), SVC);
    await writeFile(join(dir, 'a', 'pod.yaml'), POD('p1'));
    await symlink(dir, join(dir, 'a', 'loop'));
    await symlink('.', join(dir, 'self'));
    const out = await runCli(['-f', dir, '-R', '-o', 'json', 'svc/web']);
    assert.equal(out.stderr, '');
    assert.deepEqual((JSON.parse(out.stdout) as { selection: { ref: { name: string } }[] }).selection.map((s) => s.ref.name), ['p1']);
  });
});

test('-f DIR: a symbolic link to a manifest is read, a dangling one is not, a linked directory is not entered; files only by extension', async () => {
  await withDir(async (dir) => {
    const inside = join(dir, 'in');
    await mkdir(inside);
    await mkdir(join(dir, 'out'));
    await writeFile(join(inside, 'svc.yaml'), SVC);
    await writeFile(join(dir, 'out', 'pod.yaml'), POD('p2'));
    await writeFile(join(dir, 'out', 'other.yaml'), POD('p3'));
    await writeFile(join(inside, 'notes.txt'), POD('p4'));
    await symlink(join(dir, 'out', 'pod.yaml'), join(inside, 'linked.yaml'));
    await symlink(join(dir, 'out', 'gone.yaml'), join(inside, 'dangling.yaml'));
    await symlink(join(dir, 'out'), join(inside, 'linked-dir.yaml'));
    await mkdir(join(inside, 'sub.yaml'));
    await writeFile(join(inside, 'sub.yaml', 'pod.yaml'), POD('p5'));
    const out = await runCli(['-f', inside, '-R', '-o', 'json', 'svc/web']);
    assert.equal(out.stderr, '');
    assert.deepEqual((JSON.parse(out.stdout) as { selection: { ref: { name: string } }[] }).selection.map((s) => s.ref.name).sort(), ['p2', 'p5']);
  });
});

test('UTF-16 files with a byte-order mark are read as kubectl reads them', async () => {
  await withDir(async (dir) => {
    const text = `${SVC}---\n${POD('p1')}`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be[0] = 0xfe;
    be[1] = 0xff;
    for (let i = 2; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] as number, be[i] as number];
    for (const [name, bytes] of [['le.yaml', le], ['be.yaml', be], ['bom8.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]] as const) {
      await writeFile(join(dir, name), bytes);
      const out = await runCli(['-f', join(dir, name), '-o', 'json', 'svc/web']);
      assert.equal(out.stderr, '', name);
      assert.deepEqual((JSON.parse(out.stdout) as { selection: { ref: { name: string } }[] }).selection.map((s) => s.ref.name), ['p1'], name);
    }
  });
});
