// client-node's KubeConfig, for what transport.ts does not apply itself: the auth-providers
// (oidc, azure, gcp) and proxy-url (http, https and socks proxies). It is given one cluster,
// one user and one context, already resolved and merged the kubectl way (the user already in
// client-node's shape: transport.ts builds it, so this file imports nothing back from there).

import type https from 'node:https';
import { KubeConfig, type Cluster, type User } from '@kubernetes/client-node';
import type { Connection } from './kubeconfig.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function kubeConfigOf(conn: Connection, user: User): KubeConfig {
  const c = conn.cluster;
  const server = (str(c.server) ?? '').replace(/\/+$/, '');
  const cluster: Cluster = {
    name: 'whoselects-cluster',
    server,
    caData: str(c['certificate-authority-data']),
    caFile: str(c['certificate-authority']),
    // client-node refuses http:// unless TLS verification is off, which means nothing for plain http.
    skipTLSVerify: c['insecure-skip-tls-verify'] === true || server.startsWith('http:'),
    tlsServerName: str(c['tls-server-name']),
    proxyUrl: str(c['proxy-url']),
  };
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [user],
    contexts: [{ name: 'whoselects-context', cluster: cluster.name, user: 'whoselects-user', namespace: conn.namespace }],
    currentContext: 'whoselects-context',
  });
  return kc;
}

export async function applyWithKubeConfig(conn: Connection, user: User): Promise<https.RequestOptions> {
  const opts: https.RequestOptions = {};
  await kubeConfigOf(conn, user).applyToHTTPSOptions(opts);
  return opts;
}
