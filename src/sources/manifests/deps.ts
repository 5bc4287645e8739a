// The effects the manifest source needs, passed in so tests can use fakes
// (realManifestDeps in real-deps.ts is the node:fs / child_process version).

export interface PathInfo {
  kind: 'file' | 'directory';
  /** The path itself is a symbolic link (to what `kind` says). */
  symlink?: boolean;
}

export interface DirEntry {
  name: string;
  info: PathInfo | null;
}

export interface KustomizeResult {
  stdout: string;
  stderr: string;
  /** The exit code; COMMAND_NOT_FOUND when kubectl itself could not be started. */
  code: number;
}

/** The shell's "command not found" exit code, used when kubectl is not on PATH. */
export const COMMAND_NOT_FOUND = 127;

/**
 * A file's text, or why it could not be read. `asWritten`, when given, reads the file as written:
 * `text` is then that text without the blanks that start its lines (indented-json.ts), for the
 * JSON reader only; `writtenLength` is the length of the text as written.
 */
export type TextRead = { text: string; asWritten?: () => string; writtenLength?: number } | { error: string };

export interface ManifestDeps {
  readFile(path: string): Promise<string>;
  /**
   * Reads many files, calling `each` with a path's index as each one is read, in any order
   * (a failed read is passed on, not thrown). Without it, readFile reads them one by one.
   */
  readFiles?(paths: string[], each: (index: number, read: TextRead) => void): Promise<void>;
  /** null when nothing exists at the path; throws for other failures (e.g. permission). */
  stat(path: string): Promise<PathInfo | null>;
  /**
   * A directory's entries, in any order: each one's name (not path) and what it is when the
   * directory says so without a stat of its own; null for a symbolic link (what it points to
   * is asked of stat) and where the file system does not say.
   */
  readDir(path: string): Promise<DirEntry[]>;
  readStdin(): Promise<string>;
  /** Standard input as readFiles reads a file (a big indented JSON text without its indentation); without it, readStdin. */
  readStdinText?(): Promise<TextRead>;
  /** Runs `kubectl kustomize DIR`. */
  runKustomize(dir: string): Promise<KustomizeResult>;
}
