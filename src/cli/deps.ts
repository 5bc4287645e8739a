// The effects the command line runs with: argv, the environment, the streams, the clock,
// and the interactive view (loaded only when used). main.ts passes the real ones; tests fake them.

import type { Report } from '../core/report.ts';
import type { RolloutReport } from '../core/timeline/types.ts';
import type { Clock } from '../sources/event-source.ts';
import type { TuiController } from '../tui/store.ts';
import type { TuiArgs, WatchContext, WatchHandle } from '../tui/run-tui.ts';
import type { RawInput } from './step-keys.ts';
import type { NameLister } from './completion/complete.ts';

/** Starts watch mode inside the TUI (cli/watch-tui.ts). */
export type TuiWatchStarter = (screen: TuiController, context: WatchContext) => Promise<WatchHandle>;

export interface TuiRunArgs extends TuiArgs {
  /** Drives the TUI's watch mode (absent for manifests, which do not change). */
  startWatch?: TuiWatchStarter;
  /** Start watching at once (--watch, --replay). */
  watch?: boolean;
  /** The rollout report as text, printed after the screen is left. */
  printRollout?: (r: RolloutReport) => string;
}

export interface CliDeps {
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** JSON output is written as UTF-8 bytes, in pieces that end between characters; the rest as strings. */
  stdout: { write(s: string | Uint8Array): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown };
  now(): Date;
  /** The interactive view, loaded only when used; resolves to the last report it showed. */
  runTui?: (args: TuiRunArgs) => Promise<Report>;
  /** Watch mode: timers (default: the real clock). */
  clock?: Clock;
  /** Watch mode: calls fn on the first ctrl-c (SIGINT); returns a function that stops listening. */
  onInterrupt?(fn: () => void): () => void;
  /** --replay --step on a terminal reads key presses from it. */
  stdin?: RawInput;
  /** The Node runtime, for --version. */
  runtime?: { version: string; platform: string; arch: string };
  /** `__complete`: object and namespace names from the cluster (default: none). */
  completionNames?: NameLister;
  /**
   * Called as soon as a run is known to read a cluster. Loading Node's TLS module starts
   * reading its trusted CA certificates on a thread of its own (the bundled store, and the
   * file NODE_EXTRA_CA_CERTS names); the first TLS context waits for that reading, so begun
   * here it overlaps reading the kubeconfig instead of holding the first connection.
   */
  prepareTls?(): void;
}
