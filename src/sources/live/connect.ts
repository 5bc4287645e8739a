// The connection set-up both the one-shot reads (load.ts) and watch mode (watch-connect.ts)
// use: kubeconfig resolution as kubectl does it, credentials, transport, one HTTP client.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { Failure } from '../../core/failure.ts';
import { createClient, type ApiClient } from './client.ts';
import type { Who } from './errors.ts';
import { KubeconfigError, type KubeconfigFs } from './kubeconfig-files.ts';
import { resolveConnection, SERVICE_ACCOUNT_DIR, type Connection } from './kubeconfig.ts';
import type { ConnectionSpec, LiveDeps } from './request.ts';
import { transportOf, type Transport } from './transport.ts';

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

/** A kubeconfig that cannot be used: the cluster cannot be reached with it. */
function asFailure(e: unknown): never {
  if (e instanceof KubeconfigError) throw new Failure(e.badInput ? 'bad-input' : 'unreachable', e.message, e.hint);
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

export interface Resolved {
  conn: Connection;
  /** The API server's URL without credentials. */
  server: string;
  who: Who;
  fs: KubeconfigFs;
}

/** Step one: which cluster, user and namespace (no network yet). */
export function resolve(spec: ConnectionSpec, deps: LiveDeps, options: LiveOptions = {}): Resolved {
  const fs = options.fs ?? realFs;
  const { requestTimeoutMs: _timeout, ...flags } = spec;
  let conn: Connection;
  try {
    conn = resolveConnection(flags, {
      env: deps.env, fs,
      home: options.home !== undefined ? options.home : deps.env.HOME || homedir() || null,
      serviceAccountDir: options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR,
    });
  } catch (e) {
    asFailure(e);
  }
  const server = serverOf(conn);
  return { conn, server, fs, who: { server, context: conn.context, cluster: conn.clusterName, user: conn.userName } };
}

/** Step two: credentials and transport, and the client every request goes through. */
export async function open(r: Resolved, spec: ConnectionSpec, deps: LiveDeps): Promise<{ transport: Transport; client: ApiClient }> {
  let transport: Transport;
  try {
    transport = await transportOf(r.conn, r.fs, spec.requestTimeoutMs ?? 0);
  } catch (e) {
    asFailure(e);
  }
  const client = createClient(transport, { timeoutMs: spec.requestTimeoutMs, log: deps.log, userAgent: 'kubectl-whoselects' });
  return { transport, client };
}
