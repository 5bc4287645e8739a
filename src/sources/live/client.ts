// GET requests to the API server: JSON in, parsed JSON out, with a per-request timeout,
// gzip, a cap on requests in flight, Retry-After on 429 and 5xx, and one log line per request
// (`GET /api/v1/... 200 12ms`; never headers, never bodies). Over https the requests share one
// HTTP/2 connection, as client-go's do (one TLS handshake for a run, not one per parallel
// request); a server that does not offer h2 is spoken to in HTTP/1.1 through the agent.

import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import tls from 'node:tls';
import { constants as zlibConstants, gunzip, gunzipSync } from 'node:zlib';
import { escapeTerminal } from '../../core/escape.ts';
import { isProtobuf, protobufListHead } from './protobuf.ts';
import type { Transport } from './transport.ts';

export interface ApiResponse {
  status: number;
  /** Parsed JSON, text, or (Kubernetes protobuf, asked for by its Accept) the bytes, gunzipped. */
  body: unknown;
}

/** The request never got an HTTP answer. `code` is Node's (ECONNREFUSED, CERT_HAS_EXPIRED, …) or TIMEOUT. */
export class TransportError extends Error {
  readonly code: string;
  readonly url: string;
  /** For TIMEOUT: how long it waited. */
  readonly waitedMs: number | null;
  constructor(code: string, url: string, message: string, waitedMs: number | null = null) {
    super(message);
    this.name = 'TransportError';
    this.code = code;
    this.url = url;
    this.waitedMs = waitedMs;
  }
}

export interface ClientOptions {
  /** --request-timeout in ms; 0 = none (then only connecting is bounded, by connectTimeoutMs). */
  timeoutMs: number;
  /** Default 30 s, as client-go's dialer. */
  connectTimeoutMs?: number;
  /** Called with one line per request (for -v). */
  log?: (line: string) => void;
  maxInFlight?: number;
  /** How often a 429 or 5xx with Retry-After is retried. Default 3. */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
  userAgent?: string;
}

export interface RequestRecord {
  path: string;
  status: number | null;
  startMs: number;
  ms: number;
}

/**
 * Called at most once per request, with the beginning of a 200 answer's body (decompressed) as
 * soon as it arrives, before the rest: a list's `continue` token is near its start.
 */
export type Peek = (head: Buffer) => void;

export interface ApiClient {
  readonly server: string;
  get(path: string, query?: Record<string, string>, accept?: string, peek?: Peek): Promise<ApiResponse>;
  /** Every request made, in start order (for -v and for measuring). */
  readonly records: RequestRecord[];
  close(): void;
}

const ACCEPT_JSON = 'application/json';

function semaphore(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** An HTTP answer, from either protocol. */
interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function retryAfterSeconds(res: Got): number | null {
  const h = res.headers['retry-after'];
  const n = typeof h === 'string' && /^\d+$/.test(h.trim()) ? Number(h) : null;
  return n;
}

/** How much of an answer's start is looked at for its head (bytes on the wire); a list's metadata comes first. */
const PEEK_BYTES = 8 << 10;

/**
 * Feeds the start of a body to a Peek once: its first bytes, decompressed as far as they go
 * (gzip is a stream: its first bytes decompress on their own), once something past a list's
 * metadata is there or PEEK_BYTES have come. Gives up quietly on anything odd.
 */
function peeker(peek: Peek | undefined, status: number, gzip: boolean): ((chunks: Buffer[], bytes: number) => void) | null {
  if (!peek || status !== 200) return null;
  let done = false;
  return (chunks, bytes) => {
    if (done) return;
    if (bytes >= PEEK_BYTES) done = true;
    let head: Buffer;
    try {
      const start = (chunks.length === 1 ? chunks[0] as Buffer : Buffer.concat(chunks)).subarray(0, PEEK_BYTES);
      head = gzip ? gunzipSync(start, { finishFlush: zlibConstants.Z_SYNC_FLUSH }) : start;
    } catch {
      done = true;
      return;
    }
    // A JSON list's metadata is whole once "items" begins (a Table's, its column definitions); a protobuf list's once its ListMeta has ended.
    if (!done && (isProtobuf(head) ? protobufListHead(head) === null : !/"(?:items|columnDefinitions)":/.test(head.toString('utf8')))) return;
    done = true;
    peek(head);
  };
}

/**
 * An answer this big (compressed) is decompressed on libuv's thread pool: a list's pages come
 * one after another, and the thread that decodes them (and every other kind's pages) goes on
 * meanwhile (a 20k-pod `check -A` spends about half a second in gunzip; its wall time moved
 * within the noise).
 */
const OFF_THREAD_BYTES = 64 << 10;

/**
 * gunzip in one piece: zlib's output chunk sized from the compressed size (JSON lists shrink
 * 10-20 times), so a big page is not gathered from hundreds of 16 KiB chunks and copied again.
 */
function gunzipWhole(raw: Buffer): Promise<Buffer> | Buffer {
  const options = { chunkSize: Math.min(64 << 20, Math.max(64 << 10, raw.length * 32)) };
  if (raw.length < OFF_THREAD_BYTES) return gunzipSync(raw, options);
  return new Promise((resolve, reject) => gunzip(raw, options, (e, out) => (e ? reject(e) : resolve(out))));
}

export function createClient(t: Transport, opts: ClientOptions): ApiClient {
  const records: RequestRecord[] = [];
  const limit = semaphore(opts.maxInFlight ?? 16);
  const connectTimeout = opts.connectTimeoutMs ?? 30_000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  // Accept-Encoding: gzip on every request, as client-go's transport adds it, unless the kubeconfig disables it.
  const gzip = t.compression !== false;

  const wrap = (e: NodeJS.ErrnoException, url: URL, display: string) => (e instanceof TransportError ? e : new TransportError(e.code ?? 'ERROR', url.origin, `${display}: ${e.message}`));
  const noAnswer = (url: URL) => new TransportError('TIMEOUT', url.origin, `no answer within ${opts.timeoutMs}ms`, opts.timeoutMs);
  const noConnection = (url: URL) => new TransportError('TIMEOUT', url.origin, `could not connect within ${connectTimeout}ms`, connectTimeout);

  const onceH1 = (url: URL, display: string, accept: string, peek?: Peek): Promise<Got> => new Promise((resolve, reject) => {
    const mod = url.protocol === 'http:' ? http : https;
    const headers: http.OutgoingHttpHeaders = { ...t.headers, Accept: accept, ...(gzip ? { 'Accept-Encoding': 'gzip' } : {}), 'User-Agent': opts.userAgent ?? 'kubectl-whoselects' };
    const req = mod.request(url, { method: 'GET', agent: t.agent, headers, ...(t.auth ? { auth: t.auth } : {}) });
    let timer: NodeJS.Timeout | undefined;
    const fail = (e: TransportError) => {
      req.destroy(e);
    };
    if (opts.timeoutMs > 0) timer = setTimeout(() => fail(noAnswer(url)), opts.timeoutMs);
    req.on('socket', (socket) => {
      if (!socket.connecting || opts.timeoutMs > 0) return;
      const connectTimer = setTimeout(() => fail(noConnection(url)), connectTimeout);
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      socket.once('close', () => clearTimeout(connectTimer));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(wrap(e, url, display));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      const head = peeker(peek, res.statusCode ?? 0, res.headers['content-encoding'] === 'gzip');
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        bytes += c.length;
        head?.(chunks, bytes);
      });
      res.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(wrap(e, url, display));
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.end();
  });

  // The HTTP/2 session: opened by the first request, shared by the rest; null when the server
  // chose HTTP/1.1. A session that closes or is told to go away is replaced on the next request.
  let session: Promise<http2.ClientHttp2Session | null> | null = null;
  let active = 0;
  const h2 = t.h2;
  const sessionFor = (url: URL): Promise<http2.ClientHttp2Session | null> => {
    if (!h2) return Promise.resolve(null);
    if (session) return session;
    const opening: Promise<http2.ClientHttp2Session | null> = new Promise((resolve, reject) => {
      const socket = tls.connect({ ...h2, ALPNProtocols: ['h2', 'http/1.1'] });
      // The bundle loads node:http2 when it is first used; used here, it loads while the
      // handshake is under way (about 10 ms of a one-target run) instead of after it.
      void http2.constants;
      const timer = setTimeout(() => socket.destroy(opts.timeoutMs > 0 ? noAnswer(url) : noConnection(url)), opts.timeoutMs > 0 ? opts.timeoutMs : connectTimeout);
      socket.once('error', (e) => {
        clearTimeout(timer);
        if (session === opening) session = null;
        reject(e);
      });
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        if (socket.alpnProtocol !== 'h2') {
          socket.destroy();
          resolve(null);
          return;
        }
        // Flow-control windows as Go's HTTP/2 transport opens them (4 MiB a stream, 1 GiB the
        // connection): with HTTP/2's 64 KiB default a big list would wait a round trip per 64 KiB.
        const s = http2.connect(url.origin, { createConnection: () => socket, settings: { initialWindowSize: 4 << 20 } });
        s.once('connect', () => s.setLocalWindowSize(1 << 30));
        s.on('error', () => {}); // each stream reports its own failure
        const forget = () => {
          if (session === opening) session = null;
        };
        s.once('close', forget);
        s.once('goaway', forget);
        s.unref(); // held open only while a request is in flight (see onceH2)
        resolve(s);
      });
    });
    session = opening;
    return opening;
  };

  const requestHeaders = (url: URL, accept: string): http2.OutgoingHttpHeaders => {
    const headers: http2.OutgoingHttpHeaders = { ':method': 'GET', ':path': `${url.pathname}${url.search}` };
    for (const [k, v] of Object.entries(t.headers)) headers[k.toLowerCase()] = v;
    if (t.auth) headers.authorization = `Basic ${Buffer.from(t.auth).toString('base64')}`;
    headers.accept = accept;
    if (gzip) headers['accept-encoding'] = 'gzip';
    headers['user-agent'] = opts.userAgent ?? 'kubectl-whoselects';
    return headers;
  };

  /** One request as a stream of the session; `retry` when the server refused the stream unanswered (it went away). */
  const onceH2 = (s: http2.ClientHttp2Session, url: URL, display: string, accept: string, peek?: Peek): Promise<Got | 'retry'> => new Promise((resolve, reject) => {
    if (active++ === 0) s.ref();
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      if (--active === 0 && !s.destroyed) s.unref();
    };
    let stream: http2.ClientHttp2Stream;
    try {
      stream = s.request(requestHeaders(url, accept), { endStream: true });
    } catch (e) {
      done();
      // The session closed between being handed out and this request.
      if ((e as NodeJS.ErrnoException).code === 'ERR_HTTP2_INVALID_SESSION' || (e as NodeJS.ErrnoException).code === 'ERR_HTTP2_GOAWAY_SESSION') return resolve('retry');
      return reject(wrap(e as NodeJS.ErrnoException, url, display));
    }
    let answered: http2.IncomingHttpHeaders & http2.IncomingHttpStatusHeader | null = null;
    let settled = false;
    if (opts.timeoutMs > 0) {
      timer = setTimeout(() => {
        settled = true;
        done();
        stream.close(http2.constants.NGHTTP2_CANCEL);
        reject(noAnswer(url));
      }, opts.timeoutMs);
    }
    const chunks: Buffer[] = [];
    let head: ReturnType<typeof peeker> = null;
    let bytes = 0;
    stream.on('response', (h) => {
      answered = h;
      head = peeker(peek, Number(h[':status'] ?? 0), h['content-encoding'] === 'gzip');
    });
    stream.on('data', (c: Buffer) => {
      chunks.push(c);
      bytes += c.length;
      head?.(chunks, bytes);
    });
    // 'end' comes also when the connection is cut mid-answer: only a stream that closed with
    // NO_ERROR after its end carried the whole answer.
    let ended = false;
    stream.on('end', () => {
      ended = true;
    });
    stream.on('error', () => {}); // reported at close, with the stream's code
    stream.on('close', () => {
      if (settled) return;
      settled = true;
      done();
      if (answered !== null && ended && stream.rstCode === http2.constants.NGHTTP2_NO_ERROR) {
        const { ':status': status, ...headers } = answered;
        return resolve({ status: Number(status ?? 0), headers: headers as http.IncomingHttpHeaders, body: Buffer.concat(chunks) });
      }
      const connectionLost = s.closed || s.destroyed;
      if (answered === null && (stream.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM || connectionLost)) return resolve('retry');
      // Cut off mid-answer: the connection went (as ECONNRESET over HTTP/1.1), or the server reset the stream.
      reject(connectionLost
        ? new TransportError('ECONNRESET', url.origin, `${display}: the connection was closed before the answer ended`)
        : new TransportError('ERROR', url.origin, `${display}: the server reset the HTTP/2 stream (code ${stream.rstCode})`));
    });
  });

  const once = async (url: URL, display: string, accept: string, peek?: Peek): Promise<Got> => {
    for (let tries = 0; ; tries++) {
      let s: http2.ClientHttp2Session | null;
      try {
        s = await sessionFor(url);
      } catch (e) {
        throw wrap(e as NodeJS.ErrnoException, url, display);
      }
      if (s === null) return onceH1(url, display, accept, peek);
      const got = await onceH2(s, url, display, accept, peek);
      if (got !== 'retry') return got;
      if (session !== null && (await session.catch(() => null)) === s) session = null;
      if (tries >= 2) throw new TransportError('ECONNRESET', url.origin, `${display}: the server closed the connection before answering, three times`);
    }
  };

  const get = (path: string, query: Record<string, string> = {}, accept = ACCEPT_JSON, peek?: Peek) => limit(async (): Promise<ApiResponse> => {
    const q = new URLSearchParams(query);
    if (opts.timeoutMs > 0) q.set('timeout', `${Math.max(1, Math.ceil(opts.timeoutMs / 1000))}s`);
    const qs = q.toString();
    const display = qs ? `${path}?${qs}` : path;
    const url = new URL(`${t.server}${display}`);
    for (let attempt = 0; ; attempt++) {
      const t0 = Date.now();
      const record: RequestRecord = { path: display, status: null, startMs: t0 - started, ms: 0 };
      records.push(record);
      let got: Got;
      try {
        got = await once(url, display, accept, peek);
      } catch (e) {
        record.ms = Date.now() - t0;
        opts.log?.(`GET ${escapeTerminal(display)} (${escapeTerminal((e as TransportError).code ?? 'error')}) ${record.ms}ms`);
        throw e;
      }
      record.status = got.status;
      record.ms = Date.now() - t0;
      opts.log?.(`GET ${escapeTerminal(display)} ${record.status} ${record.ms}ms`);
      const wait = retryAfterSeconds(got);
      // As client-go's checkWait: a 429 or any 5xx that carries Retry-After is retried after that wait.
      if ((record.status === 429 || record.status >= 500) && wait !== null && attempt < (opts.retries ?? 3)) {
        await sleep(Math.min(wait, 10) * 1000);
        continue;
      }
      let raw = got.body;
      if (got.headers['content-encoding'] === 'gzip') raw = await gunzipWhole(raw);
      if (String(got.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf')) return { status: record.status, body: raw };
      const text = raw.toString('utf8');
      let body: unknown = text;
      if (/json/.test(String(got.headers['content-type'] ?? '')) || /^\s*[{[]/.test(text)) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      return { status: record.status, body };
    }
  });

  const close = () => {
    void session?.then((s) => s?.close(), () => {});
    session = null;
    t.close();
  };
  return { server: t.server, get, records, close };
}
