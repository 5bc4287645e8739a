// The connection watch mode talks over: the same kubeconfig resolution, credentials and
// transport as the one-shot reads (load.ts), kept open for the length of the watch.

import { homedir } from 'node:os';
import { EXIT_CLUSTER, UserError } from '../../cli/errors.ts';
import type { Invocation } from '../../cli/program.ts';
import type { CliDeps } from '../../cli/run.ts';
import { createClient } from './client.ts';
import { flagsOf, parseRequestTimeout } from './invocation.ts';
import { KubeconfigError } from './kubeconfig-files.ts';
import { resolveConnection, SERVICE_ACCOUNT_DIR } from './kubeconfig.ts';
import { realFs, type LiveOptions } from './load.ts';
import { transportOf } from './transport.ts';
import { httpWatchApi, type WatchApi } from './watch-api.ts';

export interface WatchConnection {
  api: WatchApi;
  close(): void;
}

export async function connectWatch(inv: Invocation, deps: CliDeps, options: LiveOptions = {}): Promise<WatchConnection> {
  const fs = options.fs ?? realFs;
  const flags = flagsOf(inv);
  try {
    const conn = resolveConnection(flags, {
      env: deps.env, fs, home: options.home !== undefined ? options.home : deps.env.HOME || homedir() || null,
      serviceAccountDir: options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR,
    });
    const transport = await transportOf(conn, fs);
    const log = inv.opts.verbose ? (line: string) => { deps.stderr.write(`whoselects: ${line}\n`); } : undefined;
    const client = createClient(transport, { timeoutMs: parseRequestTimeout(flags.requestTimeout), log, userAgent: 'kubectl-whoselects' });
    return { api: httpWatchApi(transport, client, { log }), close: () => client.close() };
  } catch (e) {
    if (e instanceof KubeconfigError) throw new UserError(e.message, e.hint, EXIT_CLUSTER);
    throw e;
  }
}
