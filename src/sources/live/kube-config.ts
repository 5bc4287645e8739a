// client-node's KubeConfig, for what transport.ts does not apply itself: the auth-providers
// (oidc, azure, gcp) and proxy-url (http, https and socks proxies). It is given one cluster,
// one user and one context, already resolved and merged the kubectl way.

import type https from 'node:https';
import { KubeConfig, type Cluster } from '@kubernetes/client-node';
import type { KubeconfigFs } from './kubeconfig-files.ts';
import type { Connection } from './kubeconfig.ts';
import { clientNodeUser, str, type Applied } from './transport.ts';

export function kubeConfigOf(conn: Connection, fs: KubeconfigFs): KubeConfig {
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
    users: [clientNodeUser(conn.user, c, fs)],
    contexts: [{ name: 'whoselects-context', cluster: cluster.name, user: 'whoselects-user', namespace: conn.namespace }],
    currentContext: 'whoselects-context',
  });
  return kc;
}

export async function applyWithKubeConfig(conn: Connection, fs: KubeconfigFs): Promise<Applied> {
  const opts: https.RequestOptions = {};
  await kubeConfigOf(conn, fs).applyToHTTPSOptions(opts);
  return opts as Applied;
}
