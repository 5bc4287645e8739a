// Completion: what `__complete` offers for each kind of word, in Cobra's wire format, and the
// scripts for each shell. Cluster names come from a fake lister here; test/e2e drives the
// real thing against the control plane.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complete, completeWords, DIRECTIVE, targetTypeWords, type NameLister } from '../../src/cli/completion/complete.ts';
import { COMPLETION_SHELLS, completionScript } from '../../src/cli/completion/scripts.ts';
import { run } from '../../src/cli/run.ts';
import { runCli } from '../golden/harness.ts';
import { ptyUnavailable } from '../tui/pty-session.ts';
import { fishComplete, shellSkip, zshScreens } from './shells.ts';

const calls: string[] = [];
const lister: NameLister = {
  async objects(kind, flags) {
    calls.push(`${kind}@${flags.namespace ?? '-'}@${flags.context ?? '-'}`);
    if (kind === 'Service') return flags.namespace === 'billing' ? ['invoices'] : ['mariadb', 'moc-xdmod'];
    if (kind === 'Deployment') return ['mariadb'];
    if (kind === 'Pod') return ['mariadb-7d9f-x2x'];
    if (kind === 'Namespace') return ['billing', 'default', 'kube-system'];
    return [];
  },
  async kubeconfig(what) {
    return what === 'contexts' ? ['prod', 'staging'] : what === 'clusters' ? ['c1'] : ['admin'];
  },
};
const values = async (words: string[]) => (await complete(words, lister, {})).candidates.map((c) => c.value);

test('TYPE/ completes object names of that type from the cluster', async () => {
  assert.deepEqual(await values(['svc/']), ['svc/mariadb', 'svc/moc-xdmod']);
  assert.deepEqual(await values(['services/mo']), ['services/moc-xdmod']);
  assert.deepEqual(await values(['deployments.apps/']), ['deployments.apps/mariadb']);
  assert.deepEqual(await values(['nodes/']), [], 'not a target type: no call, no names');
  assert.deepEqual(await values(['frob/']), []);
});

test('names honour -n, --namespace=, and --context on the line', async () => {
  calls.length = 0;
  assert.deepEqual(await values(['-n', 'billing', 'svc/']), ['svc/invoices']);
  assert.deepEqual(await values(['--namespace=billing', '--context', 'prod', 'svc', '']), ['invoices']);
  assert.deepEqual(calls, ['Service@billing@-', 'Service@billing@prod']);
});

test('the first word: subcommands and every type spelling, filtered by what is typed', async () => {
  const all = await values(['']);
  for (const w of ['check', 'logs', 'exec', 'attach', 'port-forward', 'completion', 'svc', 'service', 'services', 'deploy', 'deployments.apps', 'netpol', 'hpa', 'po', 'cronjobs.batch']) {
    assert.ok(all.includes(w), w);
  }
  assert.ok(!all.includes('endpointslices') && !all.includes('nodes'), 'types that are not targets are not offered');
  assert.deepEqual(await values(['st']), ['sts', 'statefulset', 'statefulsets', 'statefulsets.apps']);
  assert.deepEqual(targetTypeWords().filter((w) => w.startsWith('po')), ['po', 'pod', 'pods', 'pdb', 'poddisruptionbudget', 'poddisruptionbudgets', 'poddisruptionbudgets.policy'].filter((w) => w.startsWith('po')));
});

test('TYPE NAME: the second word completes names of the first', async () => {
  assert.deepEqual(await values(['deploy', '']), ['mariadb']);
  assert.deepEqual(await values(['deploy', 'mariadb', '']), [], 'no third word');
});

test('flags and their values: choices, namespaces, contexts, directories, files', async () => {
  assert.deepEqual(await values(['-o', '']), ['text', 'wide', 'json', 'yaml', 'sarif', 'junit']);
  assert.deepEqual(await values(['--color', 'a']), ['auto', 'always']);
  assert.deepEqual(await values(['--fail-on=w']), ['--fail-on=warning']);
  assert.deepEqual(await values(['-n', 'k']), ['kube-system']);
  assert.deepEqual(await values(['--context', '']), ['prod', 'staging']);
  assert.deepEqual(await values(['--cluster', '']), ['c1']);
  assert.equal((await complete(['-k', ''], lister, {})).directive, DIRECTIVE.filterDirs);
  assert.equal((await complete(['-f', ''], lister, {})).directive, DIRECTIVE.default, 'files: the shell completes them');
  const flags = await complete(['--fa'], lister, {});
  assert.deepEqual(flags.candidates, [{ value: '--fail-on', description: 'exit 1 when a finding is at or above this severity' }]);
  assert.ok((await values(['-'])).includes('-w'));
});

test('subcommands: check takes namespaces, pasted verbs take a target (a bare word is a pod), completion takes a shell', async () => {
  assert.deepEqual(await values(['check', '']), ['billing', 'default', 'kube-system']);
  assert.deepEqual(await values(['logs', 'mar']), ['mariadb-7d9f-x2x']);
  assert.deepEqual(await values(['logs', 'deploy/']), ['deploy/mariadb']);
  assert.deepEqual(await values(['completion', '']), [...COMPLETION_SHELLS]);
  assert.deepEqual(await values(['completion', 'bash', '']), []);
});

test('wire format: a candidate a line, descriptions after a tab, control characters escaped, then :directive', async () => {
  const hostile: NameLister = { ...lister, objects: async () => ['ok', 'evil\u001b]0;pwned\u0007'] };
  const out = await completeWords(['svc/'], hostile, {});
  assert.equal(out, `svc/ok\nsvc/evil\\x1b]0;pwned\\x07\n:${DIRECTIVE.noFileComp}\n`);
  assert.match(await completeWords(['--out'], lister, {}), /^--output\toutput format \(sarif and junit: check only\)\n:4\n$/);
});

test('the program answers __complete without a cluster, and completion SHELL prints each script', async () => {
  let stdout = '';
  const code = await run({ argv: ['__complete', '-o', 'j'], env: {}, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, now: () => new Date(0) });
  assert.equal(stdout, 'json\njunit\n:4\n');
  assert.equal(code, 0);
  for (const shell of COMPLETION_SHELLS) {
    const s = await runCli(['completion', shell]);
    assert.equal(s.code, 0);
    assert.equal(s.stdout, completionScript(shell));
    assert.match(s.stdout, /__complete/);
  }
});

test('an unsupported shell: one line naming the shells, exit 2', async () => {
  const r = await runCli(['completion', 'tcsh']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'whoselects: unsupported shell "tcsh" for completion — use one of: bash, zsh, fish, powershell\n');
});

test('the bash script asks the program and fills COMPREPLY (a stand-in program answers)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-bash-'));
  try {
    // A stand-in for the program: prints its arguments as the only candidate, then a directive.
    writeFileSync(join(dir, 'whoselects'), '#!/bin/sh\nshift\nlast=""; for a in "$@"; do last=$a; done\nif [ "$last" = "-o=" ]; then printf -- "-o=json\\n:4\\n"; else printf "%s\\n" "svc/mariadb" "svc/moc-xdmod" ":4"; fi\n');
    chmodSync(join(dir, 'whoselects'), 0o755);
    const script = completionScript('bash') as string;
    const drive = (line: string) => spawnSync('bash', ['--norc', '--noprofile', '-c', `${script}
COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}; read -ra COMP_WORDS <<<"$COMP_LINE"; COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
__whoselects_complete; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8', env: { PATH: `${dir}:/usr/bin:/bin` } });
    const r = drive('whoselects svc/');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'svc/mariadb\nsvc/moc-xdmod\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A stand-in for the program: answers __complete with two Services (with descriptions), or the -o values. */
function standIn(dir: string): void {
  writeFileSync(join(dir, 'whoselects'), '#!/bin/sh\nshift\nlast=""; for a in "$@"; do last=$a; done\nif [ "$last" = "-o=" ]; then printf -- "-o=json\\n:4\\n"; else printf "%s\\t%s\\n" "svc/mariadb" "the database" "svc/moc-xdmod" "the web front"; printf ":4\\n"; fi\n');
  chmodSync(join(dir, 'whoselects'), 0o755);
}

test('the fish script: fish\'s own completion (complete -C) offers what the program answers, with descriptions', { skip: shellSkip('fish') }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-fish-'));
  try {
    standIn(dir);
    const env = { PATH: `${dir}:/usr/bin:/bin`, HOME: dir };
    const r = fishComplete(completionScript('fish') as string, 'whoselects svc/', env);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'svc/mariadb\tthe database\nsvc/moc-xdmod\tthe web front\n');
    // fish filters by what is typed; nothing else (no file names: directive 4).
    assert.equal(fishComplete(completionScript('fish') as string, 'whoselects svc/mo', env).stdout, 'svc/moc-xdmod\tthe web front\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the zsh script: TAB in an interactive zsh (compinit) completes from the program\'s answer', { skip: shellSkip('zsh') || (ptyUnavailable() ?? false) }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-zsh-'));
  try {
    standIn(dir);
    const [prefix = '', ambiguous = '', unique = ''] = zshScreens(completionScript('zsh') as string, ['whoselects svc/', 'whoselects svc/m', 'whoselects svc/mar'], { PATH: `${dir}:/usr/bin:/bin` }, dir);
    // Two candidates: their common part is inserted; TAB again lists both with their descriptions.
    assert.match(prefix, /^READY> whoselects svc\/m *$/m, prefix);
    assert.match(ambiguous, /^svc\/mariadb +-- the database *$/m, ambiguous);
    assert.match(ambiguous, /^svc\/moc-xdmod +-- the web front *$/m, ambiguous);
    // One candidate: inserted, followed by a space.
    assert.match(unique, /^READY> whoselects svc\/mariadb *$/m, unique);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the PowerShell script (no pwsh here: checked as text): one completer for both commands that asks __complete and honours the directive', () => {
  const s = completionScript('powershell') as string;
  // Brackets balance outside quoted strings: the script is one well-formed block.
  let depth = 0;
  let quote = '';
  for (const ch of s.replace(/`./g, '')) {
    if (quote) { if (ch === quote) quote = ''; continue; }
    if (ch === '"' || ch === "'") { quote = ch; continue; }
    if ('({['.includes(ch)) depth++;
    if (')}]'.includes(ch)) depth--;
    assert.ok(depth >= 0, 'a closing bracket without its opening one');
  }
  assert.equal(depth, 0, 'every bracket closed');
  assert.equal(quote, '', 'every string closed');
  assert.match(s, /^\$__whoselectsCompleter = \{\n {2}param\(\$wordToComplete, \$commandAst, \$cursorPosition\)$/m);
  assert.match(s, /^Register-ArgumentCompleter -Native -CommandName 'kubectl-whoselects', 'whoselects' -ScriptBlock \$__whoselectsCompleter\n$/m);
  assert.match(s, /& \$program __complete @rest 2>\$null/);
  assert.match(s, /if \(\$directive -band 1\) \{ return \}/, 'directive 1 (error): nothing offered');
  assert.match(s, /\[System\.Management\.Automation\.CompletionResult\]::new\(\$parts\[0\], \$parts\[0\], 'ParameterValue', \$tip\)/);
  assert.match(s, /\$parts = \$c -split "`t", 2/, 'descriptions after a tab');
});
