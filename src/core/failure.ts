// The kinds of failure every layer may report, as plain data: the layer that meets the
// problem says what went wrong and what to do; only the command line turns a kind into an
// exit code (src/cli/errors.ts, exitCodeOf). A problem that leaves part of the answer
// standing is a value (an input problem, a read gap), not a Failure.

export type FailureKind =
  /** The input cannot be used as given: a flag, a target, a file, a pasted command. */
  | 'bad-input'
  /** The cluster could not be reached or spoken to: no answer, TLS, a kubeconfig that names no server. */
  | 'unreachable'
  /** The cluster answered but refused: 401, or 403 on what the answer depends on. */
  | 'unauthorised'
  /** Part of what the answer needs could not be read, and the run cannot go on without it. */
  | 'partial-read'
  /** A bug. */
  | 'internal';

export class Failure extends Error {
  readonly kind: FailureKind;
  /** What to do about it, when there is something useful to say. */
  readonly hint: string | null;
  constructor(kind: FailureKind, message: string, hint: string | null = null) {
    super(message);
    this.name = 'Failure';
    this.kind = kind;
    this.hint = hint;
  }
}

export function isFailure(e: unknown): e is Failure {
  return e instanceof Failure;
}
