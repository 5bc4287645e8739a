// A loopback HTTPS proxy in front of the test kube-apiserver that misbehaves on purpose.
// It serves the apiserver's own certificate (so the cluster's CA still verifies it), forwards
// each request with its Authorization header (use the cluster's token context: a client
// certificate ends at the proxy), and lets a test decide per request:
//   pass                    forward untouched
//   answer                  reply itself (429 with Retry-After, 500, 410 Gone ...)
//   stall                   forward, send the status line and AFTER bytes of the body, then
//                           nothing more while keeping the connection open (a hung server)
//   close                   forward, send AFTER bytes of the body, then end the connection
// and can rewrite a list's `limit` (to paginate a handful of objects) and stall or close every
// watch stream open right now.

import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Cluster } from '../cluster/harness.ts';

export interface ProxiedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  userAgent: string;
  watch: boolean;
}

export type Action =
  | { do: 'pass' }
  | { do: 'answer'; status: number; headers?: Record<string, string>; body?: unknown }
  | { do: 'stall'; after?: number }
  | { do: 'close'; after?: number };

export interface Rule {
  when: (r: ProxiedRequest) => boolean;
  action: Action;
  /** Apply this many times, then drop the rule. Default: always. */
  times?: number;
}

export interface FaultProxy {
  /** https://127.0.0.1:PORT */
  server: string;
  /** A kubeconfig through the proxy with the cluster's static token. */
  kubeconfig: string;
  /** Every request seen, with what was done to it. */
  seen: (ProxiedRequest & { action: Action['do']; at: number })[];
  add(rule: Rule): void;
  clear(): void;
  /** Lists asked for with limit=500 get limit=N instead (pagination on a few objects). */
  pageSize: number | null;
  /** Stops forwarding on every watch open now (the connections stay open). */
  stallWatches(): number;
  /** Ends every watch open now. */
  closeWatches(): number;
  close(): Promise<void>;
}

const isWatch = (q: URLSearchParams) => q.get('watch') === '1' || q.get('watch') === 'true';

export function status(code: number, reason: string, message: string): unknown {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export async function startFaultProxy(cluster: Cluster, kubeconfigPath: string): Promise<FaultProxy> {
  const upstream = new URL(cluster.server);
  const ca = readFileSync(cluster.pki.caCert);
  const agent = new https.Agent({ ca, keepAlive: true });
  const rules: Rule[] = [];
  const watches = new Set<{ stall(): void; end(): void }>();
  const sockets = new Set<Socket>();
  let pageSize: number | null = null;
  const seen: FaultProxy['seen'] = [];

  const server = https.createServer({ cert: readFileSync(cluster.pki.servingCert), key: readFileSync(cluster.pki.servingKey) }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://proxy');
    const r: ProxiedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, userAgent: String(req.headers['user-agent'] ?? ''), watch: isWatch(url.searchParams) };
    const i = rules.findIndex((x) => x.when(r));
    const rule = i >= 0 ? rules[i] : undefined;
    if (rule && rule.times !== undefined && --rule.times <= 0) rules.splice(i, 1);
    const action: Action = rule?.action ?? { do: 'pass' };
    seen.push({ ...r, action: action.do, at: Date.now() });
    if (action.do === 'answer') {
      res.writeHead(action.status, { 'Content-Type': 'application/json', ...action.headers });
      res.end(action.body === undefined ? '' : JSON.stringify(action.body));
      return;
    }
    if (pageSize !== null && url.searchParams.get('limit') === '500') url.searchParams.set('limit', String(pageSize));
    const headers = { ...req.headers, host: upstream.host };
    const up = https.request({ host: upstream.hostname, port: upstream.port, path: `${url.pathname}${url.search}`, method: req.method, headers, agent }, (ur) => {
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      let sent = 0;
      let stalled = false;
      const limit = action.do === 'stall' || action.do === 'close' ? action.after ?? 0 : Infinity;
      const cut = () => {
        if (action.do === 'close') {
          ur.destroy();
          res.end();
        } else {
          stalled = true;
          ur.destroy();
        }
      };
      const handle = { stall: () => { stalled = true; ur.destroy(); }, end: () => { ur.destroy(); res.end(); } };
      if (r.watch) watches.add(handle);
      ur.on('data', (chunk: Buffer) => {
        if (stalled) return;
        const room = limit - sent;
        if (room <= 0) return cut();
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        sent += part.length;
        res.write(part);
        if (sent >= limit) cut();
      });
      ur.on('end', () => { if (!stalled) res.end(); });
      ur.on('error', () => { if (!stalled) res.destroy(); });
      ur.on('close', () => watches.delete(handle));
      if (limit === 0) cut();
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
    res.on('close', () => up.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const proxyUrl = `https://127.0.0.1:${port}`;
  writeFileSync(kubeconfigPath, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'proxied',
    clusters: [{ name: 'proxied', cluster: { server: proxyUrl, 'certificate-authority': cluster.pki.caCert } }],
    users: [{ name: 'admin', user: { token: cluster.pki.token } }],
    contexts: [{ name: 'proxied', context: { cluster: 'proxied', user: 'admin', namespace: 'default' } }],
  }), { mode: 0o600 });

  return {
    server: proxyUrl, kubeconfig: kubeconfigPath, seen,
    add: (rule) => { rules.push(rule); },
    clear: () => { rules.length = 0; },
    get pageSize() { return pageSize; },
    set pageSize(n: number | null) { pageSize = n; },
    stallWatches() {
      const n = watches.size;
      for (const w of [...watches]) w.stall();
      return n;
    },
    closeWatches() {
      const n = watches.size;
      for (const w of [...watches]) w.end();
      return n;
    },
    async close() {
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
