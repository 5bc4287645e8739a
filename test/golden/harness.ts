// Runs the real CLI in-process with a fixed clock and kubectl version, capturing output.

import { run } from '../../src/cli/run.ts';

export const FIXED_NOW = new Date('2026-11-21T12:00:00Z');

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await run({
    argv: ['--kubectl-version', '1.34', '--color', 'never', ...args],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdout: { write: (s: string) => { stdout += s; return true; }, isTTY: false },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    now: () => FIXED_NOW,
  });
  return { code, stdout, stderr };
}
