// What every source returns: the snapshot it read, the input problems it went past (every
// valid part is still in the snapshot), and where it read from. The command line turns
// this and its request into an analysis query; sources know nothing of the command line.

import type { Snapshot } from '../core/snapshot.ts';
import type { RecordedLog } from './replay/log.ts';

export interface InputProblemLine {
  source: string;
  document: number | null;
  line: number | null;
  message: string;
  hint?: string | null;
}

export interface SourceResult {
  snapshot: Snapshot;
  problems: InputProblemLine[];
  /** The namespace a target without its own namespace is looked up in: -n, else the context's, else "default". */
  namespace: string;
  context: string | null;
  cluster: string | null;
  /** Where it read from, for the report: files, `-k DIR`, the API server's URL, the log's path. */
  inputs: string[];
  /**
   * --replay: the log (its header names the target, namespace and kubectl version), streamed
   * when played; lines it skips on the way are added to `problems` when reached.
   */
  recorded?: RecordedLog;
  /**
   * Live check: every namespace told ahead (LiveDeps.onNamespaceWhole) was told as this
   * snapshot holds it (no list failed, broke the key order or started again).
   */
  toldAhead?: boolean;
}
