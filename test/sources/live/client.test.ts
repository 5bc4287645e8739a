// The HTTP client on its own: gzip, connect timeout, in-flight cap, non-JSON answers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import https from 'node:https';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { createClient, TransportError } from '../../../src/sources/live/client.ts';
import type { Transport } from '../../../src/sources/live/transport.ts';
import { testCert } from './certs.ts';
import { withServer } from './local-server.ts';

function transport(server: string, agent: http.Agent): Transport {
  return { server, headers: { Authorization: 'Bearer t' }, agent, close: () => agent.destroy() };
}


test('gzip answers are decoded; the request asks for gzip and carries the headers', async () => {
  let seen: http.IncomingHttpHeaders = {};
  await withServer((req, res) => {
    seen = req.headers;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    res.end(gzipSync(JSON.stringify({ kind: 'PodList', items: [] })));
  }, async (s) => {
    const c = createClient(transport(s.url, new http.Agent({ keepAlive: true })), { timeoutMs: 0 });
    const r = await c.get('/api/v1/pods', { limit: '500' });
    assert.deepEqual(r, { status: 200, body: { kind: 'PodList', items: [] } });
    assert.equal(seen['accept-encoding'], 'gzip');
    assert.equal(seen.authorization, 'Bearer t');
    assert.equal(c.records[0]?.path, '/api/v1/pods?limit=500');
    c.close();
  });
});

test('a server that accepts the connection but never completes TLS: TIMEOUT after the connect timeout', async () => {
  const sockets: net.Socket[] = [];
  const srv = net.createServer((sock) => sockets.push(sock));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  try {
    const c = createClient(transport(url, new https.Agent({ ca: testCert().cert })), { timeoutMs: 0, connectTimeoutMs: 150 });
    const t0 = Date.now();
    await assert.rejects(c.get('/version'), (e: TransportError) => e instanceof TransportError && e.code === 'TIMEOUT' && e.waitedMs === 150);
    assert.ok(Date.now() - t0 < 2000);
    c.close();
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((r) => srv.close(r));
  }
});

test('at most maxInFlight requests at once', async () => {
  let active = 0;
  let peak = 0;
  await withServer((_req, res) => {
    active++;
    peak = Math.max(peak, active);
    setTimeout(() => {
      active--;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    }, 30);
  }, async (s) => {
    const c = createClient(transport(s.url, new http.Agent({ keepAlive: true })), { timeoutMs: 0, maxInFlight: 3 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.get(`/x/${i}`)));
    assert.equal(peak, 3);
    assert.equal(c.records.length, 10);
    c.close();
  });
});

test('a non-JSON answer is returned as text', async () => {
  await withServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<html>login</html>');
  }, async (s) => {
    const c = createClient(transport(s.url, new http.Agent()), { timeoutMs: 0 });
    assert.deepEqual(await c.get('/api/v1/pods'), { status: 200, body: '<html>login</html>' });
    c.close();
  });
});
