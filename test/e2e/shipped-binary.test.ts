import '../tui/no-ci.ts';
// The shipped linux-amd64 executable (unpacked from its archive, not the sources) against
// the real control plane: a live query, the TUI in a pseudo-terminal, and bash completion of
// `svc/<TAB>` (the program's own bash script, and kubectl's plugin completion through
// kubectl_complete-whoselects), which must come back with the Service's name from the cluster.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import { clusterSkip, webApp } from './kit.ts';
import { ptyUnavailable } from '../tui/pty-session.ts';
import { Terminal } from '../tui/vt.ts';
import { distSkip, ROOT, shippedLinux } from '../ship/dist.ts';
import { fishComplete, shellSkip, zshScreens } from '../ship/shells.ts';

const skip = distSkip() || clusterSkip();

/** Deployment shipped (two pods) behind Service shipped. */
const APP = webApp({ name: 'shipped' });

interface List { items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[] }

describe('the shipped linux-amd64 executable', { skip }, () => {
  let cluster: Cluster;
  let bin: string;
  before(async () => {
    bin = shippedLinux();
    cluster = await startCluster();
    await cluster.apply(APP);
    await cluster.waitFor(async () => {
      const pods = await cluster.get<List>('pods', '-l', 'app=shipped');
      return pods.items.length === 2 && pods.items.every((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    }, { what: 'two ready pods of deployment/shipped', timeoutMs: 60_000 });
  });
  after(async () => {
    await cluster?.stop();
  });

  test('a live query: the pods it reports are the ones the cluster has', async () => {
    const r = spawnSync(join(bin, 'kubectl-whoselects'), ['svc/shipped', '-o', 'json', '--fail-on', 'never'], { env: cluster.env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { source: { origin: string }; target: { found: boolean }; selection: { ref: { name: string } }[] };
    assert.equal(report.source.origin, 'live');
    assert.equal(report.target.found, true);
    const pods = await cluster.get<List>('pods', '-l', 'app=shipped');
    assert.deepEqual(report.selection.map((s) => s.ref.name).sort(), pods.items.map((p) => p.metadata.name).sort());
  });

  test('bash completion of `kubectl-whoselects svc/<TAB>` offers the cluster\'s Service; kubectl\'s plugin completion gets the same', () => {
    const env = { ...cluster.env, PATH: [bin, cluster.binDir, '/usr/bin', '/bin'].join(':') };
    const drive = (line: string) => spawnSync('bash', ['--norc', '--noprofile', '-c', `source <(kubectl-whoselects completion bash)
complete -p kubectl-whoselects
COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}; read -ra COMP_WORDS <<<"$COMP_LINE"; COMP_CWORD=\${#COMP_WORDS[@]}
[[ "$COMP_LINE" == *' ' ]] || COMP_CWORD=$((COMP_CWORD - 1))
__whoselects_complete
printf '%s\\n' "\${COMPREPLY[@]}"`], { env, encoding: 'utf8', timeout: 60_000 });
    const r = drive('kubectl-whoselects svc/');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^complete -o default -F __whoselects_complete kubectl-whoselects$/m);
    assert.ok(r.stdout.split('\n').includes('svc/shipped'), `COMPREPLY: ${JSON.stringify(r.stdout)} ${r.stderr}`);
    assert.match(drive('kubectl-whoselects -n kube-').stdout, /^kube-system$/m, 'namespaces from the cluster');
    assert.match(drive('kubectl-whoselects shipped --context ').stdout, /^whoselects$/m, 'contexts from the kubeconfig');
    // kubectl's own completion (its bash script needs the bash-completion package) asks
    // `kubectl __complete whoselects …`, which runs kubectl_complete-whoselects from PATH.
    const k = spawnSync('kubectl', ['__complete', 'whoselects', 'svc/'], { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(k.status, 0, k.stderr);
    assert.deepEqual(k.stdout.trim().split('\n').filter((l) => !l.startsWith(':') ), ['svc/kubernetes', 'svc/shipped']);
    assert.match(k.stdout, /^:4$/m);
  });

  test('fish completion of `kubectl-whoselects svc/` (fish\'s own complete -C) offers the cluster\'s Service, and namespaces after -n', { skip: shellSkip('fish') }, () => {
    const env = { ...cluster.env, PATH: [bin, cluster.binDir, '/usr/bin', '/bin'].join(':') };
    const script = execFileSync(join(bin, 'kubectl-whoselects'), ['completion', 'fish'], { env, encoding: 'utf8' });
    const r = fishComplete(script, 'kubectl-whoselects svc/', env);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.split('\n').some((l) => l.split('\t')[0] === 'svc/shipped'), `fish offered: ${JSON.stringify(r.stdout)} ${r.stderr}`);
    assert.match(fishComplete(script, 'kubectl-whoselects -n kube-', env).stdout, /^kube-system(\t|$)/m, 'namespaces from the cluster');
  });

  test('zsh completion: `kubectl-whoselects svc/shi<TAB>` in an interactive zsh becomes the cluster\'s Service', { skip: shellSkip('zsh') || (ptyUnavailable() ?? false) }, () => {
    const env = { ...cluster.env, PATH: [bin, cluster.binDir, '/usr/bin', '/bin'].join(':') };
    const script = execFileSync(join(bin, 'kubectl-whoselects'), ['completion', 'zsh'], { env, encoding: 'utf8' });
    const dir = mkdtempSync(join(tmpdir(), 'whoselects-zsh-'));
    try {
      const [screen = ''] = zshScreens(script, ['kubectl-whoselects svc/shi'], env, dir);
      assert.match(screen, /^READY> kubectl-whoselects svc\/shipped *$/m, screen);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the TUI in a pseudo-terminal: the first screen, q leaves it, the exit code follows --fail-on', { skip: ptyUnavailable() ?? false }, () => {
    const columns = 100;
    const rows = 30;
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(cluster.env)) if (k !== 'CI' && k !== 'NO_COLOR' && k !== 'FORCE_COLOR' && !k.startsWith('NODE_TEST')) env[k] = v;
    Object.assign(env, { TERM: 'xterm-256color', COLUMNS: String(columns), LINES: String(rows) });
    const spec = { cmd: [join(bin, 'kubectl-whoselects'), '-k', 'examples/xdmod', 'svc/mariadb', '--kubectl-version', '1.34'], cwd: ROOT, env, columns, rows, steps: [{ keys: 'q', settle: 800 }], ready: ' quit', timeout: 60 };
    const out = JSON.parse(execFileSync('python3', [join(ROOT, 'test/tui/pty-run.py'), JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 64 << 20 })) as { output: string; marks: number[]; status: number };
    const bytes = Buffer.from(out.output, 'base64');
    const term = new Terminal(columns, rows);
    term.write(bytes.subarray(0, out.marks[0]).toString('utf8'));
    const first = term.lines();
    assert.match(first[0] ?? '', /^service\/mariadb +ns default +· +manifests -k examples\/xdmod +· kubectl 1\.34$/);
    assert.match(first.join('\n'), /── FINDINGS 8 6▲ 2•/);
    term.write(bytes.subarray(out.marks[0]).toString('utf8'));
    assert.equal(term.altActive, false);
    assert.match(term.text(), /whoselects: service\/mariadb in default: 2 pods of 2 owners; findings 6▲ 2•/);
    assert.equal(out.status, 1);
  });
});
