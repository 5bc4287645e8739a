// The HTTP client on its own: gzip, connect timeout, in-flight cap, non-JSON answers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import http2 from 'node:http2';
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

test('a big gzip answer (decompressed off the main thread) decodes to the same body; a corrupt one fails the request', async () => {
  // Names that do not repeat, so the compressed answer is well over the off-thread threshold.
  const items = Array.from({ length: 6000 }, (_, i) => ({ metadata: { name: `pod-${i}-${((i * 2654435761) >>> 0).toString(36)}${((i * 40503) >>> 0).toString(16)}` } }));
  const whole = gzipSync(JSON.stringify({ kind: 'PodList', items }));
  assert.ok(whole.length > 64 << 10, `compressed ${whole.length} bytes`);
  const corrupt = Buffer.from(whole);
  corrupt.fill(0x41, 1000, 2000);
  await withServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    res.end(req.url?.startsWith('/corrupt') ? corrupt : whole);
  }, async (s) => {
    const c = createClient(transport(s.url, new http.Agent({ keepAlive: true })), { timeoutMs: 0 });
    const r = await c.get('/api/v1/pods');
    assert.deepEqual(r, { status: 200, body: { kind: 'PodList', items } });
    await assert.rejects(c.get('/corrupt'));
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

/** An HTTP/2 (TLS) server with the test certificate, and a transport that reaches it over h2. */
async function withH2Server(onStream: (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, session: http2.ServerHttp2Session) => void, fn: (t: Transport, sessions: () => number) => Promise<void>): Promise<void> {
  const server = http2.createSecureServer({ cert: testCert().cert, key: testCert().key });
  let sessions = 0;
  server.on('session', () => sessions++);
  server.on('stream', (stream, headers) => {
    stream.on('error', () => {}); // a stream the test closes with an error code
    onStream(stream as http2.ServerHttp2Stream, headers, stream.session as http2.ServerHttp2Session);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const agent = new https.Agent({ ca: testCert().cert });
  const t: Transport = { ...transport(`https://127.0.0.1:${port}`, agent), h2: { host: '127.0.0.1', port, ca: testCert().cert } };
  try {
    await fn(t, () => sessions);
  } finally {
    server.close();
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('HTTP/2: parallel requests share one session; headers, gzip and status as over HTTP/1.1', async () => {
  const seen: http2.IncomingHttpHeaders[] = [];
  await withH2Server((stream, headers) => {
    seen.push(headers);
    stream.respond({ ':status': headers[':path']?.startsWith('/missing') ? 404 : 200, 'content-type': 'application/json', 'content-encoding': 'gzip' });
    stream.end(gzipSync(JSON.stringify({ path: headers[':path'] })));
  }, async (t, sessions) => {
    const c = createClient(t, { timeoutMs: 0 });
    const got = await Promise.all([c.get('/a', { limit: '500' }), c.get('/b'), c.get('/missing')]);
    assert.deepEqual(got, [{ status: 200, body: { path: '/a?limit=500' } }, { status: 200, body: { path: '/b' } }, { status: 404, body: { path: '/missing' } }]);
    assert.equal(sessions(), 1);
    assert.equal(seen[0]?.authorization, 'Bearer t');
    assert.equal(seen[0]?.['accept-encoding'], 'gzip');
    c.close();
  });
});

test('HTTP/2: a stream the server refuses while going away is sent again on a new session', async () => {
  let n = 0;
  await withH2Server((stream, headers, session) => {
    if (n++ === 0) {
      session.goaway(http2.constants.NGHTTP2_NO_ERROR, 0); // no stream was processed
      stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
      return;
    }
    stream.respond({ ':status': 200, 'content-type': 'application/json' });
    stream.end(JSON.stringify({ path: headers[':path'] }));
  }, async (t, sessions) => {
    const c = createClient(t, { timeoutMs: 0 });
    assert.deepEqual(await c.get('/again'), { status: 200, body: { path: '/again' } });
    assert.equal(sessions(), 2);
    c.close();
  });
});

test('HTTP/2: no answer within --request-timeout is TIMEOUT, and the session serves the next request', async () => {
  await withH2Server((stream, headers) => {
    if (headers[':path']?.startsWith('/slow')) return; // never answers
    stream.respond({ ':status': 200, 'content-type': 'application/json' });
    stream.end('{}');
  }, async (t) => {
    const c = createClient(t, { timeoutMs: 200 });
    await assert.rejects(c.get('/slow'), (e: TransportError) => e instanceof TransportError && e.code === 'TIMEOUT' && e.waitedMs === 200);
    assert.deepEqual(await c.get('/fast'), { status: 200, body: {} });
    c.close();
  });
});

test('HTTP/2: a connection cut mid-answer is ECONNRESET, as over HTTP/1.1', async () => {
  await withH2Server((stream) => {
    stream.respond({ ':status': 200, 'content-type': 'application/json' });
    stream.write('{"kind":"PodList","items":[');
    setTimeout(() => stream.session?.socket.destroy(), 20);
  }, async (t) => {
    const c = createClient(t, { timeoutMs: 0 });
    await assert.rejects(c.get('/api/v1/pods'), (e: TransportError) => e instanceof TransportError && e.code === 'ECONNRESET' && /before the answer ended/.test(e.message));
    c.close();
  });
});
