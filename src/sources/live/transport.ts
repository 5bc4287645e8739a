// From a resolved Connection to what each request needs: the server URL, auth headers and a
// TLS agent.
//
// Importing client-node's KubeConfig loads its whole generated API (0.4-1 s before the first
// request), so the common credentials are applied here directly, the way KubeConfig applies
// them: CA, client certificate and key (file or data), token or token-file, basic auth,
// impersonation, and exec credential plugins through client-node's own ExecAuth (a light
// module). The legacy auth-providers (oidc, azure, gcp) and proxy-url go through KubeConfig
// itself (kube-config.ts), loaded only then.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { User } from '@kubernetes/client-node';
import { KubeconfigError, type Entry, type KubeconfigFs } from './kubeconfig-files.ts';
import type { Connection } from './kubeconfig.ts';

export interface Transport {
  /** The server URL without a trailing slash (it may carry a path prefix). */
  server: string;
  headers: Record<string, string | string[]>;
  /** user:password for basic auth (never logged). */
  auth?: string;
  agent: http.Agent;
  /**
   * How to open the TLS connection that carries HTTP/2 (client-go's default towards the API
   * server: every request of a run over one connection). Only for https without a proxy;
   * the client falls back to the agent (HTTP/1.1) when the server does not offer h2.
   */
  h2?: tls.ConnectionOptions & { host: string; port: number };
  /**
   * Whether answers may come gzip-compressed (Accept-Encoding: gzip, as client-go asks by
   * default; unset means true). False when the kubeconfig's cluster sets
   * `disable-compression: true`, which kubectl honours the same way (a server on a fast link,
   * where compressing costs more than it saves).
   */
  compression?: boolean;
  close(): void;
}

/** What applying credentials yields: TLS material and headers (the shape of https.RequestOptions). */
export type Applied = Pick<https.RequestOptions, 'ca' | 'cert' | 'key' | 'pfx' | 'passphrase' | 'rejectUnauthorized' | 'servername' | 'auth' | 'agent'> & {
  headers?: Record<string, unknown>;
};

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
export const isEntry = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readOrThrow(fs: KubeconfigFs, path: string, what: string): string {
  let text: string | null;
  try {
    text = fs.readFile(path);
  } catch (e) {
    throw new KubeconfigError(`cannot read the ${what} ${path}: ${(e as Error).message}`, 'check the path in the kubeconfig');
  }
  if (text === null) throw new KubeconfigError(`the ${what} ${path} does not exist`, 'check the path in the kubeconfig');
  return text;
}

/** A file reference or inline base64 data, as kubeconfig gives certificate material. */
function material(fs: KubeconfigFs, entry: Entry, fileKey: string, what: string): string | Buffer | undefined {
  const file = str(entry[fileKey]);
  if (file) return readOrThrow(fs, file, what);
  const data = str(entry[`${fileKey}-data`]);
  return data ? Buffer.from(data, 'base64') : undefined;
}

/** The ExecCredential input client-go passes to every exec plugin in KUBERNETES_EXEC_INFO. */
function execInfo(exec: Entry, c: Entry, fs: KubeconfigFs): string {
  const spec: Record<string, unknown> = { interactive: false };
  if (exec.provideClusterInfo === true) {
    const ca = material(fs, c, 'certificate-authority', 'certificate-authority file');
    spec.cluster = {
      server: str(c.server),
      'tls-server-name': str(c['tls-server-name']),
      'insecure-skip-tls-verify': c['insecure-skip-tls-verify'] === true,
      'certificate-authority-data': ca === undefined ? undefined : Buffer.from(ca).toString('base64'),
      'proxy-url': str(c['proxy-url']),
    };
  }
  return JSON.stringify({ kind: 'ExecCredential', apiVersion: str(exec.apiVersion) ?? 'client.authentication.k8s.io/v1', spec });
}

/**
 * The bearer token: `token`, else the file `tokenFile` names (clientcmd's AuthInfo; `token-file`
 * is this tool's own in-cluster entry). A token that is not a string, or holds a character an
 * HTTP header cannot carry, is refused here, as kubectl refuses it, instead of sending nothing
 * or crashing in the request.
 */
export function tokenOf(u: Entry, fs: KubeconfigFs): string | undefined {
  if (u.token !== undefined && u.token !== null && typeof u.token !== 'string') {
    throw new KubeconfigError(`the token of the user is ${typeof u.token === 'number' ? 'a number' : `a ${typeof u.token}`}, not a string`, 'quote it in the kubeconfig (token: "…")');
  }
  const file = str(u.tokenFile) ?? str(u['token-file']);
  const token = str(u.token) ?? (file ? readOrThrow(fs, file, 'tokenFile').trim() : undefined);
  if (token !== undefined && !/^[\t\x20-\x7e\x80-\xff]*$/.test(token)) {
    throw new KubeconfigError('the token of the user holds a line break or another character an HTTP header cannot carry', 'copy the token again, without line breaks (kubectl refuses it too)');
  }
  return token;
}

/** The user as client-node's authenticators read it. */
export function clientNodeUser(u: Entry, c: Entry, fs: KubeconfigFs): User {
  let exec: Entry | undefined;
  if (isEntry(u.exec)) {
    const env = Array.isArray(u.exec.env) ? u.exec.env.filter(isEntry) : [];
    exec = { ...u.exec, env: [...env, { name: 'KUBERNETES_EXEC_INFO', value: execInfo(u.exec, c, fs) }] };
  }
  return {
    name: 'whoselects-user',
    certData: str(u['client-certificate-data']),
    certFile: str(u['client-certificate']),
    keyData: str(u['client-key-data']),
    keyFile: str(u['client-key']),
    token: tokenOf(u, fs),
    username: str(u.username),
    password: str(u.password),
    exec,
    authProvider: isEntry(u['auth-provider']) ? u['auth-provider'] : undefined,
    impersonateUser: str(u.as),
  };
}

/** OpenSSL's words for TLS material that cannot be used, without its error codes. */
function tlsDetail(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { reason?: string; library?: string };
  if (err.code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH') return 'the client certificate and the client key do not belong together';
  if (/PEM|ASN1|DECODER|BAD_BASE64|NO_START_LINE/i.test(`${err.code ?? ''} ${err.library ?? ''}`)) return 'a certificate or key is not valid PEM';
  return (err.reason ?? err.message ?? String(e)).replace(/^error:[0-9A-Fa-f]+:[^:]*:[^:]*:/, '').trim().split('\n')[0] ?? '';
}

/**
 * The one TLS context every connection of the run shares, made once: building it parses the
 * CA, the certificate and the key, which the agent would otherwise repeat for each socket.
 * Bad material is one line now rather than an OpenSSL error in the middle of a request.
 */
function secureContextOf(opts: Applied, conn: Connection): tls.SecureContext {
  try {
    return tls.createSecureContext({ ca: opts.ca, cert: opts.cert, key: opts.key, pfx: opts.pfx, passphrase: opts.passphrase } as tls.SecureContextOptions);
  } catch (e) {
    const user = conn.userName ? `user "${conn.userName}"` : 'the user';
    throw new KubeconfigError(`the TLS material of ${user} or its cluster cannot be used: ${tlsDetail(e)}`,
      'check certificate-authority(-data), client-certificate(-data) and client-key(-data) in the kubeconfig');
  }
}

function credentialFailure(conn: Connection, e: unknown): KubeconfigError {
  if (e instanceof KubeconfigError) return e;
  const user = conn.userName ? `user "${conn.userName}"` : 'the user';
  const exec = isEntry(conn.user.exec) ? str(conn.user.exec.command) : undefined;
  const provider = isEntry(conn.user['auth-provider']) ? str(conn.user['auth-provider'].name) : undefined;
  const detail = ((e as Error)?.message ?? String(e)).trim().split('\n')[0] ?? '';
  if (exec) return new KubeconfigError(`the exec credential plugin "${exec}" of ${user} failed: ${detail}`, 'run the plugin by hand to see why (is it installed and logged in?)');
  if (provider) return new KubeconfigError(`the ${provider} auth provider of ${user} failed: ${detail}`, 'log in again (kubectl would fail the same way)');
  return new KubeconfigError(`cannot load the TLS files or credentials of ${user}: ${detail}`, 'check the certificate-authority, client-certificate and client-key paths in the kubeconfig');
}

function stop(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  child.stdout?.destroy();
  child.stderr?.destroy();
  child.unref();
}

/**
 * The exec credential plugin, through client-node's ExecAuth, bounded by --request-timeout: a
 * plugin that never answers is killed and reported instead of holding the run for ever.
 */
async function runExecPlugin(u: Entry, c: Entry, fs: KubeconfigFs, opts: Applied, timeoutMs: number): Promise<void> {
  const { ExecAuth } = await import('@kubernetes/client-node/dist/exec_auth.js');
  const auth = new ExecAuth();
  const children: ChildProcess[] = [];
  (auth as unknown as { execFn: typeof spawn }).execFn = ((cmd: string, args: string[], o: SpawnOptions) => {
    // Its own process group, so a timeout stops the plugin and whatever it started.
    const child = spawn(cmd, args ?? [], { ...o, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.push(child);
    return child;
  }) as typeof spawn;
  const work = auth.applyAuthentication(clientNodeUser(u, c, fs), opts as https.RequestOptions);
  if (timeoutMs <= 0) {
    await work;
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      for (const child of children) stop(child);
      reject(new Error(`no answer within ${timeoutMs / 1000}s (--request-timeout)`));
    }, timeoutMs);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** CA, client certificate, token, basic auth, impersonation and exec plugins, as KubeConfig.applyToHTTPSOptions applies them. */
async function applyDirect(conn: Connection, fs: KubeconfigFs, timeoutMs: number): Promise<Applied> {
  const c = conn.cluster;
  const u = conn.user;
  const opts: Applied = { headers: {} };
  if (c['insecure-skip-tls-verify'] === true) opts.rejectUnauthorized = false;
  if (str(c['tls-server-name'])) opts.servername = str(c['tls-server-name']);
  opts.ca = material(fs, c, 'certificate-authority', 'certificate-authority file');
  opts.cert = material(fs, u, 'client-certificate', 'client-certificate file');
  opts.key = material(fs, u, 'client-key', 'client-key file');
  if (str(u.as)) (opts.headers as Record<string, unknown>)['Impersonate-User'] = str(u.as);
  if (isEntry(u.exec)) await runExecPlugin(u, c, fs, opts, timeoutMs);
  const token = tokenOf(u, fs);
  if (token) (opts.headers as Record<string, unknown>).Authorization = `Bearer ${token}`;
  if (str(u.username)) opts.auth = `${str(u.username)}:${str(u.password) ?? ''}`;
  return opts;
}

/** Runs the credential machinery once and builds a keep-alive agent with the resulting TLS material. */
export async function transportOf(conn: Connection, fs: KubeconfigFs, timeoutMs = 0): Promise<Transport> {
  const server = (str(conn.cluster.server) ?? '').replace(/\/+$/, '');
  const viaKubeConfig = isEntry(conn.user['auth-provider']) || str(conn.cluster['proxy-url']) !== undefined;
  let opts: Applied;
  let context: tls.SecureContext | undefined;
  try {
    if (viaKubeConfig) {
      const { applyWithKubeConfig } = await import('./kube-config.ts');
      opts = (await applyWithKubeConfig(conn, clientNodeUser(conn.user, conn.cluster, fs))) as Applied;
      const provider = isEntry(conn.user['auth-provider']) ? str(conn.user['auth-provider'].name) ?? 'unnamed' : null;
      const sent = opts.headers !== undefined && Object.keys(opts.headers).some((k) => k.toLowerCase() === 'authorization');
      if (provider !== null && !sent && opts.cert === undefined) {
        const user = conn.userName ? `user "${conn.userName}"` : 'the user';
        throw new KubeconfigError(`the ${provider} auth provider of ${user} gave no credentials: this tool cannot log in or refresh through legacy auth providers`,
          provider === 'gcp' || provider === 'azure' ? `kubectl removed the ${provider} provider in 1.26; use its exec credential plugin (kubelogin, gke-gcloud-auth-plugin)` : 'use an exec credential plugin (e.g. kubelogin for OIDC), or a token that is still valid');
      }
    } else {
      opts = await applyDirect(conn, fs, timeoutMs);
    }
    const material = opts.ca !== undefined || opts.cert !== undefined || opts.key !== undefined || opts.pfx !== undefined;
    if (material || server.startsWith('https:')) context = secureContextOf(opts, conn);
  } catch (e) {
    throw credentialFailure(conn, e);
  }
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) headers[k] = Array.isArray(v) ? v.map(String) : String(v);
  const groups = Array.isArray(conn.user['as-groups']) ? conn.user['as-groups'].filter((g): g is string => typeof g === 'string') : [];
  if (groups.length) headers['Impersonate-Group'] = groups;
  const uid = str(conn.user['as-uid']);
  if (uid) headers['Impersonate-Uid'] = uid;

  let agent: http.Agent;
  let h2: Transport['h2'];
  if (str(conn.cluster['proxy-url'])) {
    agent = opts.agent as http.Agent; // client-node's proxy agent (http, https or socks)
  } else if (server.startsWith('http:')) {
    agent = new http.Agent({ keepAlive: true });
  } else {
    const options: https.AgentOptions = { keepAlive: true, ...(context ? { secureContext: context } : {}) };
    if (opts.rejectUnauthorized !== undefined) options.rejectUnauthorized = opts.rejectUnauthorized;
    if (opts.servername) options.servername = opts.servername;
    agent = new https.Agent(options);
    const url = new URL(server);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    h2 = { host, port: Number(url.port || 443), ...(context ? { secureContext: context } : {}) };
    // As the agent does: SNI names the host unless it is an IP address (or the kubeconfig names one).
    const servername = opts.servername ?? (isIP(host) ? undefined : host);
    if (servername) h2.servername = servername;
    if (opts.rejectUnauthorized !== undefined) h2.rejectUnauthorized = opts.rejectUnauthorized;
  }
  const t: Transport = { server, headers, agent, compression: conn.cluster['disable-compression'] !== true, close: () => agent.destroy(), ...(h2 ? { h2 } : {}) };
  if (typeof opts.auth === 'string') t.auth = opts.auth;
  return t;
}
