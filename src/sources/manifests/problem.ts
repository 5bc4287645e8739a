// A problem with the input: a file that cannot be read, a document that is not a
// valid object. Problems are values; every other document still loads.

export interface InputProblem {
  /** A file path, "-" for stdin, or "kustomize <dir>". */
  source: string;
  /** 1-based index of the YAML document in that source; 0 when the problem is with the source as a whole. */
  document: number;
  /** 1-based line in the source, when known. */
  line: number | null;
  message: string;
  /** What to do about it, when there is something useful to say. */
  hint: string | null;
}

export function problem(source: string, document: number, line: number | null, message: string, hint: string | null = null): InputProblem {
  return { source, document, line, message, hint };
}

/** What went wrong, in the words of the error thrown. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
