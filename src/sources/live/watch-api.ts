// The two API calls watch mode makes, over the live source's transport: a LIST that keeps
// the list's resourceVersion, and a streaming WATCH from that resourceVersion with
// bookmarks (`?watch=1&allowWatchBookmarks=true`): one JSON event per line, until the
// server closes it (timeoutSeconds), it fails, or we abort it.

import http from 'node:http';
import https from 'node:https';
import { escapeTerminal } from '../../core/escape.ts';
import type { Kind } from '../../core/snapshot.ts';
import type { KubeObject } from '../../core/types.ts';
import type { ApiClient } from './client.ts';
import { apiVersionOf, normalizeObject, resourcePath, typeOf } from './resources.ts';
import type { Transport } from './transport.ts';

export interface StreamSpec {
  kind: Kind;
  namespace: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export type ListResult =
  | { ok: true; items: KubeObject[]; resourceVersion: string }
  | { ok: false; status: number; body: unknown };

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

export type WatchEnd =
  | { reason: 'closed' }
  | { reason: 'aborted' }
  | { reason: 'status'; status: number; body: unknown }
  | { reason: 'error'; message: string };

export interface WatchCallbacks {
  /** The server answered 200: the watch is established. */
  onOpen(): void;
  /** Any bytes arrived (events, bookmarks): the stream is alive. */
  onData(): void;
  onEvent(e: WatchEvent): void;
}

export interface WatchHandle {
  done: Promise<WatchEnd>;
  abort(): void;
}

export interface WatchApi {
  /** Throws on transport failures (TransportError); an HTTP error answer is a result. */
  list(spec: StreamSpec): Promise<ListResult>;
  watch(spec: StreamSpec, resourceVersion: string, cb: WatchCallbacks): WatchHandle;
}

export const PAGE_SIZE = 500;

function selectorQuery(spec: StreamSpec): Record<string, string> {
  const q: Record<string, string> = {};
  if (spec.labelSelector) q.labelSelector = spec.labelSelector;
  if (spec.fieldSelector) q.fieldSelector = spec.fieldSelector;
  return q;
}

export function versionOf(kind: Kind): string {
  return typeOf(kind).versions[0] as string;
}

/** Normalises an object from a watch event to the wire format the core reads. */
export function watchObject(kind: Kind, raw: unknown): KubeObject {
  return normalizeObject(raw, kind, apiVersionOf(kind, versionOf(kind)));
}

async function list(client: ApiClient, spec: StreamSpec): Promise<ListResult> {
  const path = resourcePath(spec.kind, versionOf(spec.kind), spec.namespace);
  const items: KubeObject[] = [];
  let resourceVersion = '';
  let token = '';
  for (;;) {
    const query = { ...selectorQuery(spec), limit: String(PAGE_SIZE), ...(token ? { continue: token } : {}) };
    const res = await client.get(path, query);
    if (res.status !== 200) return { ok: false, status: res.status, body: res.body };
    const body = res.body as { items?: unknown[]; metadata?: { continue?: string; resourceVersion?: string } };
    if (!token) resourceVersion = body.metadata?.resourceVersion ?? '';
    for (const item of body.items ?? []) items.push(watchObject(spec.kind, item));
    token = body.metadata?.continue ?? '';
    if (!token) return { ok: true, items, resourceVersion };
  }
}

export interface HttpWatchOptions {
  /** Asks the server to end each watch after this long (it is then resumed); default 60 s. */
  timeoutSeconds?: number;
  log?: (line: string) => void;
}

function watch(t: Transport, spec: StreamSpec, resourceVersion: string, cb: WatchCallbacks, o: HttpWatchOptions): WatchHandle {
  const q = new URLSearchParams({ ...selectorQuery(spec), watch: '1', allowWatchBookmarks: 'true', resourceVersion, timeoutSeconds: String(o.timeoutSeconds ?? 60) });
  const url = new URL(`${t.server}${resourcePath(spec.kind, versionOf(spec.kind), spec.namespace)}?${q.toString()}`);
  const mod = url.protocol === 'http:' ? http : https;
  let settle: (e: WatchEnd) => void = () => {};
  const done = new Promise<WatchEnd>((resolve) => {
    let settled = false;
    settle = (e) => {
      if (settled) return;
      settled = true;
      o.log?.(escapeTerminal(`WATCH ${url.pathname}?${q.toString()} ended: ${e.reason}${e.reason === 'status' ? ` ${e.status}` : e.reason === 'error' ? ` ${e.message}` : ''}`));
      resolve(e);
    };
  });
  const req = mod.request(url, { method: 'GET', agent: t.agent, headers: { ...t.headers, Accept: 'application/json', 'User-Agent': 'kubectl-whoselects' }, ...(t.auth ? { auth: t.auth } : {}) });
  req.on('error', (e) => settle({ reason: 'error', message: (e as NodeJS.ErrnoException).code ?? e.message }));
  req.on('response', (res) => {
    res.setEncoding('utf8');
    if (res.statusCode !== 200) {
      let text = '';
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        settle({ reason: 'status', status: res.statusCode ?? 0, body });
      });
      return;
    }
    cb.onOpen();
    let buffer = '';
    res.on('data', (chunk: string) => {
      cb.onData();
      buffer += chunk;
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line) {
          try {
            cb.onEvent(JSON.parse(line) as WatchEvent);
          } catch (e) {
            settle({ reason: 'error', message: `bad watch event: ${(e as Error).message}` });
            req.destroy();
            return;
          }
        }
        nl = buffer.indexOf('\n');
      }
    });
    res.on('end', () => settle({ reason: 'closed' }));
    res.on('error', (e) => settle({ reason: 'error', message: e.message }));
    res.on('close', () => { if (!res.complete) settle({ reason: 'error', message: 'connection lost' }); });
  });
  req.end();
  return {
    done,
    abort() {
      settle({ reason: 'aborted' });
      req.destroy();
    },
  };
}

export function httpWatchApi(t: Transport, client: ApiClient, o: HttpWatchOptions = {}): WatchApi {
  return {
    list: (spec) => list(client, spec),
    watch: (spec, rv, cb) => watch(t, spec, rv, cb, o),
  };
}
