// GET requests to the API server: JSON in, parsed JSON out, with a per-request timeout,
// gzip, a cap on requests in flight, Retry-After on 429 and 5xx, and one log line per request
// (`GET /api/v1/... 200 12ms`; never headers, never bodies).

import http from 'node:http';
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { escapeTerminal } from '../../core/escape.ts';
import type { Transport } from './transport.ts';

export interface ApiResponse {
  status: number;
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

export interface ApiClient {
  readonly server: string;
  get(path: string, query?: Record<string, string>, accept?: string): Promise<ApiResponse>;
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

function retryAfterSeconds(res: http.IncomingMessage): number | null {
  const h = res.headers['retry-after'];
  const n = typeof h === 'string' && /^\d+$/.test(h.trim()) ? Number(h) : null;
  return n;
}

export function createClient(t: Transport, opts: ClientOptions): ApiClient {
  const records: RequestRecord[] = [];
  const limit = semaphore(opts.maxInFlight ?? 16);
  const connectTimeout = opts.connectTimeoutMs ?? 30_000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();

  const once = (url: URL, display: string, accept: string): Promise<{ res: http.IncomingMessage; body: Buffer }> => new Promise((resolve, reject) => {
    const mod = url.protocol === 'http:' ? http : https;
    const headers: http.OutgoingHttpHeaders = { ...t.headers, Accept: accept, 'Accept-Encoding': 'gzip', 'User-Agent': opts.userAgent ?? 'kubectl-whoselects' };
    const req = mod.request(url, { method: 'GET', agent: t.agent, headers, ...(t.auth ? { auth: t.auth } : {}) });
    let timer: NodeJS.Timeout | undefined;
    const fail = (e: TransportError) => {
      req.destroy(e);
    };
    if (opts.timeoutMs > 0) {
      timer = setTimeout(() => fail(new TransportError('TIMEOUT', url.origin, `no answer within ${opts.timeoutMs}ms`, opts.timeoutMs)), opts.timeoutMs);
    }
    req.on('socket', (socket) => {
      if (!socket.connecting || opts.timeoutMs > 0) return;
      const connectTimer = setTimeout(() => fail(new TransportError('TIMEOUT', url.origin, `could not connect within ${connectTimeout}ms`, connectTimeout)), connectTimeout);
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      socket.once('close', () => clearTimeout(connectTimer));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e instanceof TransportError ? e : new TransportError(e.code ?? 'ERROR', url.origin, `${display}: ${e.message}`));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new TransportError(e.code ?? 'ERROR', url.origin, `${display}: ${e.message}`));
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ res, body: Buffer.concat(chunks) });
      });
    });
    req.end();
  });

  const get = (path: string, query: Record<string, string> = {}, accept = ACCEPT_JSON) => limit(async (): Promise<ApiResponse> => {
    const q = new URLSearchParams(query);
    if (opts.timeoutMs > 0) q.set('timeout', `${Math.max(1, Math.ceil(opts.timeoutMs / 1000))}s`);
    const qs = q.toString();
    const display = qs ? `${path}?${qs}` : path;
    const url = new URL(`${t.server}${display}`);
    for (let attempt = 0; ; attempt++) {
      const t0 = Date.now();
      const record: RequestRecord = { path: display, status: null, startMs: t0 - started, ms: 0 };
      records.push(record);
      let got: { res: http.IncomingMessage; body: Buffer };
      try {
        got = await once(url, display, accept);
      } catch (e) {
        record.ms = Date.now() - t0;
        opts.log?.(`GET ${escapeTerminal(display)} (${escapeTerminal((e as TransportError).code ?? 'error')}) ${record.ms}ms`);
        throw e;
      }
      record.status = got.res.statusCode ?? 0;
      record.ms = Date.now() - t0;
      opts.log?.(`GET ${escapeTerminal(display)} ${record.status} ${record.ms}ms`);
      const wait = retryAfterSeconds(got.res);
      // As client-go's checkWait: a 429 or any 5xx that carries Retry-After is retried after that wait.
      if ((record.status === 429 || record.status >= 500) && wait !== null && attempt < (opts.retries ?? 3)) {
        await sleep(Math.min(wait, 10) * 1000);
        continue;
      }
      let raw = got.body;
      if (got.res.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      const text = raw.toString('utf8');
      let body: unknown = text;
      if (/json/.test(String(got.res.headers['content-type'] ?? '')) || /^\s*[{[]/.test(text)) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      return { status: record.status, body };
    }
  });

  return { server: t.server, get, records, close: () => t.close() };
}
