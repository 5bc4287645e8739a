// Errors a user can fix: one line naming the problem and the fix, and an exit code.
// Anything else is a bug, shown with its stack only under -v.

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

/** The one line: "whoselects: <problem>; <fix>". */
export function errorLine(message: string, hint: string | null): string {
  const m = message.replace(/\s+/g, ' ').trim().replace(/[.]$/, '');
  return hint ? `whoselects: ${m} — ${hint.replace(/\s+/g, ' ').trim()}` : `whoselects: ${m}`;
}
