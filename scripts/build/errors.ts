// A build failure a person can act on: one line naming the problem and the fix.

export class BuildError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'BuildError';
    this.hint = hint;
  }
}
