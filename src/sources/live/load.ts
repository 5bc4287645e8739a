// The live cluster as a Snapshot: resolve the connection as kubectl would, read what the
// query needs (target-reads.ts, or check-reads.ts for `check`), and map failures to exit 3.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { EXIT_CLUSTER, UserError } from '../../cli/errors.ts';
import type { Invocation } from '../../cli/program.ts';
import type { CliDeps } from '../../cli/run.ts';
import type { Loaded } from '../../cli/source.ts';
import { readCheck } from './check-reads.ts';
import { createClient, TransportError } from './client.ts';
import { finish, newCollector } from './collect.ts';
import { transportFailure, type Who } from './errors.ts';
import { flagsOf, parseRequestTimeout, targetOf } from './invocation.ts';
import { KubeconfigError, type KubeconfigFs } from './kubeconfig-files.ts';
import { resolveConnection, SERVICE_ACCOUNT_DIR, type Connection, type KubeconfigDeps } from './kubeconfig.ts';
import { newReader } from './reader.ts';
import { readTarget } from './target-reads.ts';
import { transportOf } from './transport.ts';

export const realFs: KubeconfigFs = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  },
};

export interface LiveOptions {
  /** Defaults: the real file system, $HOME, the pod service-account mount. */
  fs?: KubeconfigFs;
  home?: string | null;
  serviceAccountDir?: string;
}

function asUserError(e: unknown): never {
  if (e instanceof KubeconfigError) throw new UserError(e.message, e.hint, EXIT_CLUSTER);
  throw e;
}

function serverOf(c: Connection): string {
  const s = typeof c.cluster.server === 'string' ? c.cluster.server : '';
  try {
    const u = new URL(s);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return s;
  }
}

export async function loadLive(inv: Invocation, deps: CliDeps, options: LiveOptions = {}): Promise<Loaded> {
  const fs = options.fs ?? realFs;
  const kdeps: KubeconfigDeps = {
    env: deps.env, fs,
    home: options.home !== undefined ? options.home : deps.env.HOME || homedir() || null,
    serviceAccountDir: options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR,
  };
  const flags = flagsOf(inv);
  const timeoutMs = parseRequestTimeout(flags.requestTimeout);
  let conn: Connection;
  try {
    conn = resolveConnection(flags, kdeps);
  } catch (e) {
    asUserError(e);
  }
  const server = serverOf(conn);
  const collector = newCollector(conn.namespace);
  const loaded: Loaded = {
    snapshot: collector.snapshot, problems: [], namespace: conn.namespace,
    context: conn.context, cluster: conn.clusterName ?? (conn.source === 'in-cluster' ? 'in-cluster' : null),
    inputs: [server], allNamespaces: inv.command === 'check' && inv.opts.allNamespaces,
  };
  const target = targetOf(inv, conn.namespace);
  if (inv.command !== 'check' && target === null) return loaded; // no valid target: run.ts says why

  const who: Who = { server, context: conn.context, cluster: conn.clusterName, user: conn.userName };
  const verbose = inv.opts.verbose;
  const log = verbose ? (line: string) => { deps.stderr.write(`whoselects: ${line}\n`); } : undefined;
  let transport;
  try {
    transport = await transportOf(conn, fs);
  } catch (e) {
    asUserError(e);
  }
  const client = createClient(transport, { timeoutMs, log, userAgent: 'kubectl-whoselects' });
  const reader = newReader(client, collector);
  const t0 = Date.now();
  try {
    if (target) await readTarget(reader, target, who);
    else await readCheck(reader, loaded.allNamespaces ? null : inv.args.length ? inv.args : [conn.namespace]);
  } catch (e) {
    if (e instanceof TransportError) throw transportFailure(e, who);
    throw e;
  } finally {
    client.close();
  }
  log?.(`${client.records.length} requests in ${reader.rounds} round${reader.rounds === 1 ? '' : 's'}, ${Date.now() - t0}ms`);
  loaded.snapshot = finish(collector);
  return loaded;
}
