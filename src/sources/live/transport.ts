// From a resolved Connection to what each request needs: the server URL, the auth headers
// and a TLS agent. client-node's KubeConfig does the credential work (client certificates,
// tokens, exec credential plugins, OIDC and the other auth providers it supports); this
// file only hands it one cluster, one user and one context, and fills in what it lacks:
// token-file relative to the kubeconfig, KUBERNETES_EXEC_INFO for exec plugins, impersonated
// groups and uid, plain http servers, and keep-alive connections.

import http from 'node:http';
import https from 'node:https';
import { KubeConfig, type Cluster, type User } from '@kubernetes/client-node';
import type { Connection } from './kubeconfig.ts';
import { KubeconfigError, type Entry, type KubeconfigFs } from './kubeconfig-files.ts';

export interface Transport {
  /** The server URL without a trailing slash (it may carry a path prefix). */
  server: string;
  headers: Record<string, string | string[]>;
  /** user:password for basic auth (never logged). */
  auth?: string;
  agent: http.Agent;
  close(): void;
}

const CLUSTER = 'whoselects-cluster';
const USER = 'whoselects-user';
const CONTEXT = 'whoselects-context';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const isEntry = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);

function readOrThrow(fs: KubeconfigFs, path: string, what: string): string {
  let text: string | null;
  try {
    text = fs.readFile(path);
  } catch (e) {
    throw new KubeconfigError(`cannot read the ${what} ${path}: ${(e as Error).message}`, 'check the path in the kubeconfig');
  }
  if (text === null) throw new KubeconfigError(`the ${what} ${path} does not exist`, 'check the path in the kubeconfig');
  return text;
}

function clusterOf(c: Entry): Cluster {
  const server = (str(c.server) ?? '').replace(/\/+$/, '');
  return {
    name: CLUSTER,
    server,
    caData: str(c['certificate-authority-data']),
    caFile: str(c['certificate-authority']),
    // client-node refuses http:// unless TLS verification is off, which means nothing for plain http.
    skipTLSVerify: c['insecure-skip-tls-verify'] === true || server.startsWith('http:'),
    tlsServerName: str(c['tls-server-name']),
    proxyUrl: str(c['proxy-url']),
  };
}

/** The ExecCredential input client-go passes to every exec plugin in KUBERNETES_EXEC_INFO. */
function execInfo(exec: Entry, c: Entry, fs: KubeconfigFs): string {
  const spec: Record<string, unknown> = { interactive: false };
  if (exec.provideClusterInfo === true) {
    const caFile = str(c['certificate-authority']);
    const caData = str(c['certificate-authority-data']) ?? (caFile ? Buffer.from(readOrThrow(fs, caFile, 'certificate-authority file')).toString('base64') : undefined);
    spec.cluster = {
      server: str(c.server),
      'tls-server-name': str(c['tls-server-name']),
      'insecure-skip-tls-verify': c['insecure-skip-tls-verify'] === true,
      'certificate-authority-data': caData,
      'proxy-url': str(c['proxy-url']),
    };
  }
  return JSON.stringify({ kind: 'ExecCredential', apiVersion: str(exec.apiVersion) ?? 'client.authentication.k8s.io/v1', spec });
}

function userOf(u: Entry, c: Entry, fs: KubeconfigFs): User {
  const tokenFile = str(u['token-file']);
  const token = str(u.token) ?? (tokenFile ? readOrThrow(fs, tokenFile, 'token-file').trim() : undefined);
  let exec: Entry | undefined;
  if (isEntry(u.exec)) {
    const env = Array.isArray(u.exec.env) ? u.exec.env.filter(isEntry) : [];
    exec = { ...u.exec, env: [...env, { name: 'KUBERNETES_EXEC_INFO', value: execInfo(u.exec, c, fs) }] };
  }
  return {
    name: USER,
    certData: str(u['client-certificate-data']),
    certFile: str(u['client-certificate']),
    keyData: str(u['client-key-data']),
    keyFile: str(u['client-key']),
    token,
    username: str(u.username),
    password: str(u.password),
    exec,
    authProvider: isEntry(u['auth-provider']) ? u['auth-provider'] : undefined,
    impersonateUser: str(u.as),
  };
}

export function kubeConfigOf(conn: Connection, fs: KubeconfigFs): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [clusterOf(conn.cluster)],
    users: [userOf(conn.user, conn.cluster, fs)],
    contexts: [{ name: CONTEXT, cluster: CLUSTER, user: USER, namespace: conn.namespace }],
    currentContext: CONTEXT,
  });
  return kc;
}

function credentialFailure(conn: Connection, e: unknown): KubeconfigError {
  const user = conn.userName ? `user "${conn.userName}"` : 'the user';
  const exec = isEntry(conn.user.exec) ? str(conn.user.exec.command) : undefined;
  const provider = isEntry(conn.user['auth-provider']) ? str(conn.user['auth-provider'].name) : undefined;
  const detail = ((e as Error)?.message ?? String(e)).trim().split('\n')[0] ?? '';
  if (exec) return new KubeconfigError(`the exec credential plugin "${exec}" of ${user} failed: ${detail}`, 'run the plugin by hand to see why (is it installed and logged in?)');
  if (provider) return new KubeconfigError(`the ${provider} auth provider of ${user} failed: ${detail}`, 'log in again (kubectl would fail the same way)');
  return new KubeconfigError(`cannot load the TLS files or credentials of ${user}: ${detail}`, 'check the certificate-authority, client-certificate and client-key paths in the kubeconfig');
}

/** Runs the credential machinery once and builds a keep-alive agent with the resulting TLS material. */
export async function transportOf(conn: Connection, fs: KubeconfigFs): Promise<Transport> {
  const kc = kubeConfigOf(conn, fs);
  const cluster = kc.getCurrentCluster() as Cluster;
  const opts: https.RequestOptions = {};
  try {
    await kc.applyToHTTPSOptions(opts);
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
  if (cluster.proxyUrl) {
    agent = opts.agent as http.Agent; // client-node's proxy agent (http, https or socks)
  } else if (cluster.server.startsWith('http:')) {
    agent = new http.Agent({ keepAlive: true });
  } else {
    const tls: https.AgentOptions = { keepAlive: true, ca: opts.ca, cert: opts.cert, key: opts.key, pfx: opts.pfx, passphrase: opts.passphrase };
    if (opts.rejectUnauthorized !== undefined) tls.rejectUnauthorized = opts.rejectUnauthorized;
    if (opts.servername) tls.servername = opts.servername;
    agent = new https.Agent(tls);
  }
  const t: Transport = { server: cluster.server, headers, agent, close: () => agent.destroy() };
  if (typeof opts.auth === 'string') t.auth = opts.auth;
  return t;
}
