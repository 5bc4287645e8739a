import './no-ci.ts';
// End to end: the real program in a real pseudo-terminal (python3's pty), keys typed as a
// person types them, and the screen read back through a small terminal emulator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Terminal } from './vt.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNNER = fileURLToPath(new URL('./pty-run.py', import.meta.url));
const python = spawnSync('python3', ['-c', 'import pty, termios'], { encoding: 'utf8' }).status === 0;
const skip = python ? false : 'python3 with the pty module is not available';

interface Step { keys: string; settle?: number }
interface Run { screens: string[][]; final: Terminal; status: number; raw: string }

function run(args: string[], columns: number, rows: number, steps: Step[], env: Record<string, string> = {}): Run {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && k !== 'NO_COLOR' && k !== 'FORCE_COLOR' && !k.startsWith('NODE_TEST')) childEnv[k] = v;
  // Ink renders only the last frame when CI is set: a person's terminal has no CI.
  Object.assign(childEnv, { TERM: 'xterm-256color', COLUMNS: String(columns), LINES: String(rows) }, env);
  const spec = { cmd: [process.execPath, 'src/cli/main.ts', ...args], cwd: ROOT, env: childEnv, columns, rows, steps, ready: args.includes('--no-tui') ? '' : ' quit', timeout: 30 };
  const out = JSON.parse(execFileSync('python3', [RUNNER, JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 64 << 20 })) as { output: string; marks: number[]; status: number };
  const bytes = Buffer.from(out.output, 'base64');
  const term = new Terminal(columns, rows);
  const screens: string[][] = [];
  let at = 0;
  for (const mark of out.marks) {
    term.write(bytes.subarray(at, mark).toString('utf8'));
    at = mark;
    screens.push(term.lines());
  }
  term.write(bytes.subarray(at).toString('utf8'));
  return { screens, final: term, status: out.status, raw: bytes.toString('utf8') };
}

const XDMOD = ['-k', 'examples/xdmod', 'svc/mariadb', '--kubectl-version', '1.34'];

describe('the TUI in a real terminal', { skip }, () => {
  test('80×24: the screen, j, enter, escape, tab, /, q', () => {
    const r = run(XDMOD, 80, 24, [
      { keys: 'j' }, { keys: '\r' }, { keys: '\u001b', settle: 600 }, { keys: '\t' }, { keys: '/moc' }, { keys: '\r' }, { keys: 'q', settle: 800 },
    ]);
    const [first, afterJ, details, back, findings, filtering, kept] = r.screens as string[][];
    const text = (s: string[] | undefined) => (s ?? []).join('\n');

    // The first screen, as a person reads it.
    assert.equal(first?.length, 24);
    assert.match(first?.[0] ?? '', /^service\/mariadb +ns default +· +manifests -k examples\/xdmod +· kubectl 1\.34$/);
    assert.match(first?.[1] ?? '', /^spec\.selector app=xdmod +2 pods · 2 owners · 6▲ 2•$/);
    assert.match(first?.[2] ?? '', /^── PODS 2 · 2 owners · ≠ not deploy\/mariadb's ─+$/);
    assert.match(first?.[3] ?? '', /^ {2}OWNER +POD +STATUS +READY +WOULD BE +PORT 3306$/);
    assert.match(first?.[4] ?? '', /^› deploy\/mariadb +\(template\) +template +- +yes +✓ yes$/);
    assert.match(first?.[5] ?? '', /^ {2}≠ deploy\/moc-xdmod +\(template\) +template +- +yes +▲ 3306 undeclared$/);
    assert.match(text(first), /── FINDINGS 8 6▲ 2•/);
    assert.match(text(first), /── ASKED FOR service\/mariadb ─+┬── GOT template of deploy\/mariadb ─+/);
    assert.match(text(first), /── KUBECTL ─+\n {2}kubectl logs\|exec svc\/mariadb → a pod of deploy\/mariadb or deploy\/moc-xdmod/);
    assert.match(first?.[23] ?? '', /^j\/k move +tab panel +enter details +\/ filter +r refresh +o wide +\? help +q quit$/);
    for (const line of first ?? []) assert.ok([...line].length <= 80, line);

    // j: the other pod, and the side by side follows.
    assert.match(afterJ?.[5] ?? '', /^› ≠ deploy\/moc-xdmod/);
    assert.match(text(afterJ), /GOT template of deploy\/moc-xdmod/);
    assert.match(text(afterJ), /│ owner +≠ deploy\/moc-xdmod/);
    assert.match(text(afterJ), /│ ports +▲ 3306 undeclared\n +│ +http:8080\/TCP/);

    // enter: its details; escape: back.
    assert.match(details?.[2] ?? '', /^── POD +esc closes/);
    assert.match(text(details), /template pod of deployment\/moc-xdmod +in default/);
    assert.match(text(details), /port 3306 +▲ 3306 is declared by no container; traffic is still sent\n +there/);
    assert.match(back?.[2] ?? '', /^── PODS/);

    // tab: the findings have the focus (their rule is drawn as focused, the cursor on the first).
    assert.match(text(findings), /── FINDINGS 8 6▲ 2•/);
    // /moc: the filter as it is typed, then kept.
    assert.match(filtering?.[23] ?? '', /^\/moc▏ +enter keeps it · esc clears it$/);
    assert.match(text(filtering), /PODS 2 · 2 owners · ≠ not deploy\/mariadb's · \/moc: 1 shown/);
    assert.match(kept?.[23] ?? '', /^\/moc \(esc clears\)/);

    // q: the screen is left, one line stays, the exit code follows --fail-on (warnings: 1).
    assert.equal(r.final.altActive, false);
    assert.match(r.final.text(), /whoselects: service\/mariadb in default: 2 pods of 2 owners; findings 6▲ 2•/);
    assert.equal(r.status, 1);
    assert.ok(r.raw.includes('\u001b[?1049h') && r.raw.includes('\u001b[?1049l'), 'uses the alternate screen and leaves it');
  });

  test('ctrl-c quits too, and --fail-on never gives 0', () => {
    const r = run([...XDMOD, '--fail-on', 'never'], 80, 24, [{ keys: '\u0003', settle: 800 }]);
    assert.equal(r.status, 0);
    assert.equal(r.final.altActive, false);
  });

  test('200×50: every section, nothing cut', () => {
    const r = run(['-f', 'examples/etp-local', 'svc/edge', '--kubectl-version', '1.34'], 200, 50, [{ keys: 'q', settle: 800 }]);
    const s = r.screens[0] ?? [];
    const text = s.join('\n');
    assert.equal(s.length, 50);
    assert.match(s[3] ?? '', /OWNER +POD +STATUS +READY +WOULD BE +PORT 8443 +NODE +ZONE +RESTARTS +AGE$/);
    assert.match(s[4] ?? '', /^› <none> +edge-proxy-7c9f2 +Running +yes +ready +✓ yes +node-a +eu-west-1a +0 +\d+d$/);
    assert.match(text, /── KUBECTL ─+\n {2}kubectl logs\|exec svc\/edge → a bare pod pod\/edge-proxy-7c9f2 container envoy/);
    assert.match(text, /── TRAFFIC service\/edge +LoadBalancer, externalTrafficPolicy Local/);
    assert.match(text, /node-b +eu-west-1b +0 +0 +n\/a +drops +503/);
    assert.match(text, /; they fail the load balancer's health check \(503\)\.\n/);
    assert.doesNotMatch(text, /…/);
  });

  test('--no-tui prints the static view on a terminal', () => {
    const r = run([...XDMOD, '--no-tui'], 80, 24, []);
    assert.equal(r.raw.includes('\u001b[?1049h'), false);
    assert.match(r.raw, /SELECTS 2 pods of 2 owners/);
    assert.equal(r.status, 1);
  });
});
