// A plain HTTP server on a free local port for the client and watch tests: the requests it
// saw, a transport to it (a keep-alive agent, no credentials), and a close that ends every
// connection.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Transport } from '../../../src/sources/live/transport.ts';

export interface LocalServer {
  url: string;
  transport: Transport;
  /** Every request's URL, in arrival order. */
  seen: URL[];
  close(): Promise<void>;
}

export async function listen(handler: http.RequestListener): Promise<LocalServer> {
  const seen: URL[] = [];
  const server = http.createServer((req, res) => {
    seen.push(new URL(req.url ?? '/', 'http://x'));
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new http.Agent({ keepAlive: true });
  return {
    url,
    transport: { server: url, headers: {}, agent, close: () => agent.destroy() },
    seen,
    close: () => {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** `listen(handler)`, then `fn` with the server; it is closed however `fn` ends. */
export async function withServer<T>(handler: http.RequestListener, fn: (s: LocalServer) => Promise<T>): Promise<T> {
  const s = await listen(handler);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}
