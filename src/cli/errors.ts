// Errors a user can fix: one line naming the problem and the fix, and an exit code.
// Anything else is a bug, shown with its stack only under -v.

import { clip } from '../render/escape.ts';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;
export const EXIT_CLUSTER = 3;
export const EXIT_INTERNAL = 4;

export class UserError extends Error {
  readonly exitCode: number;
  readonly hint: string | null;
  constructor(message: string, hint: string | null, exitCode = EXIT_INPUT) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
    this.hint = hint;
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
