import './no-ci.ts';
// runTui through the real CLI: dispatch on a terminal, the exit code, the line left behind,
// the static fallback without a keyboard, and the watch and refresh hooks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RolloutReport } from '../../src/core/timeline/types.ts';
import { run } from '../../src/cli/run.ts';
import { runTui, type TuiArgs, type TuiDeps } from '../../src/tui/run-tui.ts';
import type { TuiController } from '../../src/tui/store.ts';
import { FakeStdin, FakeStdout, tick } from './render.ts';

const NOW = new Date('2026-11-21T12:00:00Z');

interface Session { code: number; out: string; calls: string[] }

/** The fake terminal as the streams runTui takes. */
function streams(stdin: FakeStdin, stdout: FakeStdout): Pick<TuiDeps, 'stdin' | 'stdout' | 'stderr'> {
  return { stdin: stdin as unknown as TuiDeps['stdin'], stdout: stdout as unknown as TuiDeps['stdout'], stderr: new FakeStdout(80, 24) as unknown as TuiDeps['stderr'] };
}

/** Runs `kubectl whoselects ARGS` on a (fake) terminal; `drive` types into the screen once it listens. */
async function session(args: string[], drive: (stdin: FakeStdin, calls: string[]) => Promise<void>, extra: (calls: string[]) => Partial<TuiDeps> = () => ({}), stdinTTY = true): Promise<Session> {
  const stdout = new FakeStdout(80, 24, true);
  const stdin = new FakeStdin();
  (stdin as { isTTY: boolean }).isTTY = stdinTTY;
  const calls: string[] = [];
  let out = '';
  const collect = { write: (s: string) => { out += s; return true; }, isTTY: true, columns: 80 };
  const code = await run({
    argv: ['--kubectl-version', '1.34', ...args], env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdout: collect, stderr: { write: () => true }, now: () => NOW,
    runTui: async (a) => {
      let done = false;
      const driving = (async () => {
        for (let i = 0; i < 200 && !done && !stdin.listening(); i++) await tick(10);
        if (stdin.listening()) await drive(stdin, calls);
      })();
      const deps: TuiDeps = { ...streams(stdin, stdout), env: {}, now: () => NOW, ...extra(calls) };
      const code = await runTui(a as TuiArgs, deps);
      done = true;
      await driving;
      // What is left on the terminal: what was written after leaving the alternate screen.
      const left = stdout.frames.findLastIndex((f) => f.includes('\u001b[?1049l'));
      out += stdout.frames.slice(left + 1).join('').replace('\u001b[?25h', '');
      return code;
    },
  });
  return { code, out, calls };
}

const XDMOD = ['-k', 'examples/xdmod', 'svc/mariadb'];
const press = async (stdin: FakeStdin, ...keys: string[]) => {
  for (const k of keys) {
    stdin.send(k);
    await tick(20);
  }
};

describe('runTui', () => {
  test('on a terminal the CLI opens the screen; q leaves one line and the --fail-on exit code', async () => {
    const s = await session(XDMOD, (stdin) => press(stdin, 'q'));
    assert.equal(s.code, 1);
    assert.match(s.out, /^whoselects: service\/mariadb in default: 2 pods of 2 owners; findings 6▲ 2•\n$/);
    const never = await session([...XDMOD, '--fail-on', 'never'], (stdin) => press(stdin, '\u0003'));
    assert.equal(never.code, 0);
  });

  test('without a keyboard (stdin redirected) it prints the static view', async () => {
    const s = await session([...XDMOD, '--color', 'never'], async () => undefined, () => ({}), false);
    assert.equal(s.code, 1);
    assert.match(s.out, /SELECTS 2 pods of 2 owners/);
  });

  test('a target that is not there is the same error as without the screen, before any screen opens', async () => {
    let err = '';
    let opened = false;
    const code = await run({ argv: ['--kubectl-version', '1.34', '-k', 'examples/xdmod', 'svc/nope'], env: {}, stdout: { write: () => true, isTTY: true }, stderr: { write: (x: string) => { err += x; return true; } }, now: () => NOW,
      runTui: async (a) => { opened = true; return a.report; } });
    assert.equal(code, 2);
    assert.equal(opened, false);
    assert.match(err, /service "nope" not found in namespace default of the given manifests — the input has services: mariadb/);
  });

  test('w starts and stops the watch; q stops it and prints its rollout report', async () => {
    const rollout = { kind: 'WhoSelectsRolloutReport', target: { kind: 'Service', name: 'mariadb' }, complete: true, summary: ['one line'] } as unknown as RolloutReport;
    const s = await session(XDMOD, (stdin) => press(stdin, 'w', 'w', 'w', 'p', 'p', 'q'), (calls) => ({
      startWatch: (screen: TuiController) => {
        calls.push('start');
        const off = [screen.on('pause', () => calls.push('pause')), screen.on('resume', () => calls.push('resume'))];
        return { stop: () => { calls.push('stop'); off.forEach((f) => f()); screen.setRollout(rollout); } };
      },
      printRollout: (r: RolloutReport) => `rollout report: ${r.summary.join(';')}\n`,
    }));
    assert.deepEqual(s.calls, ['start', 'stop', 'start', 'pause', 'resume', 'stop']);
    assert.match(s.out, /rollout report: one line\n$/);
  });

  test('-w starts watching at once', async () => {
    const s = await session(XDMOD, (stdin) => press(stdin, 'q'), (calls) => ({
      watch: true,
      startWatch: () => { calls.push('start'); return { stop: () => { calls.push('stop'); } }; },
    }));
    assert.deepEqual(s.calls, ['start', 'stop']);
  });

  test('a watch that ends by itself (--until-rollout-complete) no longer counts as watching: w starts a new one', async () => {
    let end = () => {};
    const s = await session(XDMOD, async (stdin) => {
      await press(stdin, 'w');
      end();
      await tick(20);
      await press(stdin, 'w', 'q');
    }, (calls) => ({
      startWatch: () => {
        calls.push('start');
        return { stop: () => { calls.push('stop'); }, ended: new Promise<void>((resolve) => { end = resolve; }) };
      },
    }));
    assert.deepEqual(s.calls, ['start', 'start', 'stop']);
  });

  test('r reads the source again (or asks the watch to relist)', async () => {
    const s = await session(XDMOD, (stdin) => press(stdin, 'r', 'q'), (calls) => ({
      reload: async () => {
        calls.push('reload');
        throw new Error('the files are gone');
      },
    }));
    assert.deepEqual(s.calls, ['reload']);
    const w = await session(XDMOD, (stdin) => press(stdin, 'w', 'r', 'q'), (calls) => ({
      startWatch: () => ({ stop: () => undefined, refresh: () => { calls.push('relist'); } }),
      reload: async () => { calls.push('reload'); throw new Error('unexpected'); },
    }));
    assert.deepEqual(w.calls, ['relist']);
  });
});
