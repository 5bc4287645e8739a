// What the live source is asked: which cluster to talk to (kubectl's connection flags,
// already merged with a pasted command's own), and what to read. Built by the command line.

import type { Kind } from '../../core/snapshot.ts';
import type { KubeconfigFlags } from './kubeconfig.ts';
import type { NamespaceWhole } from './whole-namespaces.ts';

export interface ConnectionSpec extends KubeconfigFlags {
  /** Timeout of each API request in milliseconds (0: none). */
  requestTimeoutMs: number;
}

/** The target to read around; namespace null: the connection's namespace. */
export interface LiveTarget {
  kind: Kind;
  name: string;
  namespace: string | null;
  /**
   * Read every Node, not only those the pods read run on (a watch, or a screen that can start
   * one: the pods that come later may run on any of them).
   */
  everyNode?: boolean;
}

export type LiveReads =
  | { target: LiveTarget }
  /** check: every namespace, the ones named, or (none named) the connection's namespace. */
  | { check: { allNamespaces: boolean; namespaces: string[] } }
  /** Connect and resolve the namespace only (the target given is not valid: the command line says why). */
  | { nothing: true };

export interface LiveRequest {
  connection: ConnectionSpec;
  reads: LiveReads;
}

/** The effects the live source uses: the environment (KUBECONFIG, HOME) and, with -v, a log line sink. */
export interface LiveDeps {
  env: Record<string, string | undefined>;
  log?: (line: string) => void;
  /**
   * check: told of each namespace as soon as every list has read it (a snapshot of it alone),
   * while the rest is still being read; what it was told holds only if the result says `toldAhead`.
   */
  onNamespaceWhole?: NamespaceWhole;
}
