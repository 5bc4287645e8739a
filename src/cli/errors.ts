// Failures become one line naming the problem and the fix, and an exit code: exitCodeOf is
// the one place where a kind of failure (src/core/failure.ts) or a report's findings turn
// into an exit code. Anything that is not a Failure is a bug, shown with its stack only under -v.

import { Failure, type FailureKind } from '../core/failure.ts';
import { severityRank, type Finding, type Severity } from '../core/report.ts';

import { clip } from '../core/escape.ts';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;
export const EXIT_CLUSTER = 3;
export const EXIT_INTERNAL = 4;

const EXIT_OF_KIND: Record<FailureKind, number> = {
  'bad-input': EXIT_INPUT,
  unreachable: EXIT_CLUSTER,
  unauthorised: EXIT_CLUSTER,
  'partial-read': EXIT_CLUSTER,
  internal: EXIT_INTERNAL,
};

const KIND_OF_EXIT: Record<number, FailureKind> = { [EXIT_INPUT]: 'bad-input', [EXIT_CLUSTER]: 'unreachable', [EXIT_INTERNAL]: 'internal' };

/** The exit code of a failure: its kind's, or internal for anything that is not a Failure. */
export function exitCodeOf(e: unknown): number {
  return e instanceof Failure ? EXIT_OF_KIND[e.kind] : EXIT_INTERNAL;
}

/** The exit code of a finished run: the input problems it went past, and findings at or above --fail-on. */
export function runExitCode(findings: Finding[], failOn: Severity | 'never', inputProblems: number): number {
  const input = inputProblems > 0 ? EXIT_INPUT : EXIT_OK;
  if (failOn === 'never') return input;
  const threshold = severityRank(failOn);
  return Math.max(input, findings.some((f) => severityRank(f.severity) >= threshold) ? EXIT_FINDINGS : EXIT_OK);
}

/** A failure the command line itself finds (a flag, a target); the same vocabulary, built from an exit code. */
export class UserError extends Failure {
  constructor(message: string, hint: string | null, exitCode = EXIT_INPUT) {
    super(KIND_OF_EXIT[exitCode] ?? 'internal', message, hint);
    this.name = 'UserError';
  }

  get exitCode(): number {
    return exitCodeOf(this);
  }
}

/** Longest problem (and fix) an error line shows; the rest is counted, not printed. */
export const ERROR_LINE_MAX = 1000;

/**
 * The one line: "whoselects: <problem> — <fix>". Both parts often quote the input (a name, a
 * label value, a file name, a server's message): they are escaped for the terminal, so a
 * newline or an escape sequence in them cannot forge or paint lines, and clipped.
 */
export function errorLine(message: string, hint: string | null): string {
  const m = clip(message.replace(/[ \t\n\r]+/g, ' ').trim().replace(/[.]$/, ''), ERROR_LINE_MAX);
  return hint ? `whoselects: ${m} — ${clip(hint.replace(/[ \t\n\r]+/g, ' ').trim(), ERROR_LINE_MAX)}` : `whoselects: ${m}`;
}
