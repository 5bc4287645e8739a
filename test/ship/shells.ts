// The shells the completion tests drive. zsh and fish are Debian packages that .ci/run
// installs; where one is absent locally its tests skip and say how to install it, and under
// WHOSELECTS_REQUIRE_DIST (set by .ci/run) its absence is a failure.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Terminal } from '../tui/vt.ts';

export function shellSkip(shell: 'zsh' | 'fish'): string | false {
  if (spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0) return false;
  if (process.env.WHOSELECTS_REQUIRE_DIST) throw new Error(`WHOSELECTS_REQUIRE_DIST is set but ${shell} is not installed (apt-get install ${shell})`);
  return `${shell} is not installed: apt-get install ${shell} (or set WHOSELECTS_REQUIRE_DIST=1 to make this a failure)`;
}

/** fish's own completion of a command line (`complete -C`), after sourcing `script`: candidate a line, a tab, its description. */
export function fishComplete(script: string, line: string, env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('fish', ['--no-config', '-c', `${script}\ncomplete -C ${JSON.stringify(line)}`], { env, encoding: 'utf8', timeout: 60_000 });
}

/**
 * An interactive zsh in a pseudo-terminal (compinit, then `script` sourced): types each
 * line followed by TAB and returns the screen after each, as text.
 */
export function zshScreens(script: string, lines: string[], env: NodeJS.ProcessEnv, rcDir: string): string[] {
  writeFileSync(join(rcDir, 'completion.zsh'), script);
  writeFileSync(join(rcDir, '.zshrc'), `autoload -Uz compinit && compinit -u -D\nsource ${join(rcDir, 'completion.zsh')}\nPS1='READY> '\n`);
  const columns = 120;
  const rows = 20;
  // ctrl-u clears the line, the line is typed, then TAB: a step of its own, which waits until
  // zsh writes something (after the program has answered), then for quiet.
  const steps = [...lines.flatMap((l) => [{ keys: `\u0015${l}`, settle: 300 }, { keys: '\t', settle: 1000 }]), { keys: '\u0015exit\r', settle: 200 }];
  const spec = { cmd: ['zsh', '-i'], cwd: rcDir, env: { ...env, ZDOTDIR: rcDir, HOME: rcDir, TERM: 'xterm' }, columns, rows, steps, ready: 'READY>', timeout: 90 };
  const r = spawnSync('python3', [new URL('../tui/pty-run.py', import.meta.url).pathname, JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const out = JSON.parse(r.stdout) as { output: string; marks: number[] };
  const bytes = Buffer.from(out.output, 'base64');
  const term = new Terminal(columns, rows);
  const screens: string[] = [];
  let from = 0;
  for (const mark of out.marks) {
    term.write(bytes.subarray(from, mark).toString('utf8'));
    from = mark;
    screens.push(term.lines().join('\n'));
  }
  // The screen after each TAB (marks: the first screen, then one after each step).
  return lines.map((_, i) => screens[2 + 2 * i] as string);
}
