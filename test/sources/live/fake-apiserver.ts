// A fake API server on 127.0.0.1 (https with the test cert, or plain http): collections of
// objects by REST path, label selectors and limit/continue served as kube-apiserver does,
// bearer-token checking, per-path status overrides, and a record of every request (path,
// query, whether it was authenticated) with the peak number of requests in flight.

import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { testCert } from './certs.ts';
import { splitTerms } from '../../oracle/label-selector.ts';
import { fromLabelSelector, isSelectorError, toQuery } from '../../../src/core/labels.ts';
import type { LabelSelector } from '../../../src/core/types.ts';

type Obj = Record<string, unknown> & { metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown } };

export interface SeenRequest {
  path: string;
  query: Record<string, string>;
  accept: string;
  authorization: 'none' | 'ok' | 'wrong';
  /** CN of the client certificate presented, if any. */
  clientCert: string | null;
  /** '2.0' or '1.1'. */
  httpVersion: string;
  headers: http.IncomingHttpHeaders;
}

export interface FakeApiOptions {
  tls?: boolean;
  /** Bearer token required (401 otherwise). */
  token?: string;
  /** Delay of every answer. */
  delayMs?: number;
  /**
   * Hold every answer until this many requests are in flight at once, then give them all (and
   * every later one at once): a test asserts how many requests a client keeps in flight without
   * depending on how fast a loaded machine sends them. After holdTimeoutMs (default 30 s) the
   * answers go anyway, so a client that never gets there fails the test's assertion, not its clock.
   */
  holdUntilInFlight?: number;
  holdTimeoutMs?: number;
  /** Ask for a client certificate (recorded, not verified). */
  requestCert?: boolean;
  /** Offer only HTTP/1.1 (no h2 in ALPN). */
  http1Only?: boolean;
  /**
   * Requests for this path are not answered until a request `opensOn` accepts arrives (or
   * after timeoutMs, default 5 s): a test asserts that a client asks for something without
   * waiting for an answer it does not need, independently of the machine's speed. `holds`
   * narrows the requests held to those it accepts (all of the path without it).
   */
  gate?: { path: string; opensOn: (r: SeenRequest) => boolean; holds?: (r: SeenRequest) => boolean; timeoutMs?: number };
}

export interface Override {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer like this only this many times. */
  times?: number;
  /** Only for requests whose query passes. */
  when?: (query: Record<string, string>) => boolean;
}

export interface FakeApi {
  url: string;
  port: number;
  requests: SeenRequest[];
  /** Path and query of each request, in the order the server began answering them. */
  answered: string[];
  maxInFlight: number;
  /** Connections accepted so far (TCP). */
  connections: number;
  /** Adds objects to the collection at path (e.g. /api/v1/namespaces/default/pods). */
  put(path: string, ...objects: Obj[]): void;
  /** Answers requests whose path (without query) equals path, or starts with it when it ends in "*". */
  override(path: string, o: Override): void;
  /** Collection paths the server serves (put() serves its path too); others answer 404 "could not find the requested resource". */
  serve(...paths: string[]): void;
  close(): Promise<void>;
}

function clientCN(req: http.IncomingMessage): string | null {
  const socket = req.socket as unknown as { getPeerCertificate?: () => { subject?: { CN?: string } } };
  return socket.getPeerCertificate?.()?.subject?.CN ?? null;
}

function status(code: number, reason: string, message: string, details: Record<string, unknown> = {}) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code };
}

/** The label selector grammar of apimachinery (what the fake needs of it). */
/** The workloads whose table has a Selector column (the ones a Pod target reads through it). */
const TABLE_SELECTOR = new Set(['replicasets', 'deployments']);

/** A selector as metav1.FormatLabelSelector prints it in a table: `<none>` for nil or empty, `<error>` for an invalid one. */
export function printedSelector(ls: LabelSelector | null | undefined): string {
  const s = fromLabelSelector(ls);
  if (isSelectorError(s)) return '<error>';
  return toQuery(s) || '<none>';
}

export function selectorMatches(selector: string, labels: Record<string, string> = {}): boolean {
  return splitTerms(selector).every((term) => {
    let m = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
    if (m) {
      const values = (m[3] as string).split(',').map((v) => v.trim());
      const has = Object.prototype.hasOwnProperty.call(labels, m[1] as string);
      return m[2] === 'in' ? has && values.includes(labels[m[1] as string] as string) : !has || !values.includes(labels[m[1] as string] as string);
    }
    m = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (m) return m[2] === '!=' ? labels[m[1] as string] !== m[3] : labels[m[1] as string] === m[3];
    if (term.startsWith('!')) return !(term.slice(1) in labels);
    return term in labels;
  });
}

const KIND_OF: Record<string, [string, string]> = {
  pods: ['Pod', 'v1'], services: ['Service', 'v1'], nodes: ['Node', 'v1'], endpointslices: ['EndpointSlice', 'discovery.k8s.io/v1'],
  deployments: ['Deployment', 'apps/v1'], replicasets: ['ReplicaSet', 'apps/v1'], statefulsets: ['StatefulSet', 'apps/v1'],
  daemonsets: ['DaemonSet', 'apps/v1'], jobs: ['Job', 'batch/v1'], cronjobs: ['CronJob', 'batch/v1'],
  replicationcontrollers: ['ReplicationController', 'v1'], networkpolicies: ['NetworkPolicy', 'networking.k8s.io/v1'],
  poddisruptionbudgets: ['PodDisruptionBudget', 'policy/v1'], ingresses: ['Ingress', 'networking.k8s.io/v1'],
  horizontalpodautoscalers: ['HorizontalPodAutoscaler', 'autoscaling/v2'], namespaces: ['Namespace', 'v1'],
};

/** Every collection path a real server serves for one namespace (and cluster-wide). */
export function standardCollections(namespace: string | null): string[] {
  const ns = namespace === null ? '' : `/namespaces/${namespace}`;
  return [
    `/api/v1${ns}/pods`, `/api/v1${ns}/services`, `/api/v1${ns}/replicationcontrollers`, `/apis/discovery.k8s.io/v1${ns}/endpointslices`,
    `/apis/apps/v1${ns}/deployments`, `/apis/apps/v1${ns}/replicasets`, `/apis/apps/v1${ns}/statefulsets`, `/apis/apps/v1${ns}/daemonsets`,
    `/apis/batch/v1${ns}/jobs`, `/apis/batch/v1${ns}/cronjobs`, `/apis/networking.k8s.io/v1${ns}/networkpolicies`,
    `/apis/networking.k8s.io/v1${ns}/ingresses`, `/apis/policy/v1${ns}/poddisruptionbudgets`, `/apis/autoscaling/v2${ns}/horizontalpodautoscalers`,
  ];
}

export async function startFakeApi(opts: FakeApiOptions = {}): Promise<FakeApi> {
  const collections = new Map<string, Obj[]>();
  const overrides = new Map<string, Override>();
  const requests: SeenRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const held: (() => void)[] = [];
  let holding = opts.holdUntilInFlight !== undefined;
  let holdTimer: NodeJS.Timeout | undefined;
  const release = () => {
    holding = false;
    clearTimeout(holdTimer);
    for (const send of held.splice(0)) send();
  };

  const answer = (res: http.ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}) => {
    const delay = opts.delayMs ?? 0;
    const send = () => setTimeout(() => {
      res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
      inFlight--;
    }, delay);
    if (!holding) return void send();
    held.push(send);
    holdTimer ??= setTimeout(release, opts.holdTimeoutMs ?? 30_000);
    if (inFlight >= (opts.holdUntilInFlight as number)) release();
  };

  /** A cluster-wide list of a namespaced resource holds every namespace's objects of it. */
  const itemsOf = (path: string): Obj[] => {
    const own = collections.get(path) ?? [];
    if (path.includes('/namespaces/') || path.endsWith('/nodes')) return own;
    const cut = path.lastIndexOf('/');
    const base = path.slice(0, cut);
    const resource = path.slice(cut + 1);
    const out = [...own];
    for (const [p, items] of collections) {
      if (p.startsWith(`${base}/namespaces/`) && p.endsWith(`/${resource}`) && p.split('/').length === path.split('/').length + 2) out.push(...items);
    }
    return out;
  };

  const answered: string[] = [];
  const gated: (() => void)[] = [];
  let gateOpen = opts.gate === undefined;
  let gateTimer: NodeJS.Timeout | undefined;
  const openGate = () => {
    gateOpen = true;
    clearTimeout(gateTimer);
    for (const go of gated.splice(0)) go();
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const url = new URL(req.url ?? '/', 'http://x');
    const query = Object.fromEntries(url.searchParams);
    const auth = req.headers.authorization;
    const seen: SeenRequest = {
      path: url.pathname, query, accept: String(req.headers.accept ?? ''), headers: req.headers,
      authorization: !auth ? 'none' : auth === `Bearer ${opts.token}` ? 'ok' : 'wrong',
      clientCert: clientCN(req), httpVersion: req.httpVersion,
    };
    requests.push(seen);
    if (!gateOpen && opts.gate) {
      if (opts.gate.opensOn(seen)) {
        respond(res, url, query, seen);
        return openGate();
      }
      if (url.pathname === opts.gate.path && (opts.gate.holds?.(seen) ?? true)) {
        gated.push(() => respond(res, url, query, seen));
        gateTimer ??= setTimeout(openGate, opts.gate.timeoutMs ?? 5_000);
        return;
      }
    }
    respond(res, url, query, seen);
  };

  const respond = (res: http.ServerResponse, url: URL, query: Record<string, string>, seen: SeenRequest) => {
    answered.push(`${url.pathname}${url.search}`);
    if (opts.token !== undefined && seen.authorization !== 'ok') return answer(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
    for (const [path, o] of overrides) {
      const hit = path.endsWith('*') ? url.pathname.startsWith(path.slice(0, -1)) : url.pathname === path;
      if (!hit || (o.when && !o.when(query))) continue;
      if (o.times !== undefined) {
        if (o.times <= 0) continue;
        o.times--;
      }
      return answer(res, o.status, o.body ?? status(o.status, 'Failure', `override ${o.status}`), o.headers);
    }
    const segments = url.pathname.split('/');
    const resource = segments.at(-1) as string;
    if (collections.has(url.pathname)) {
      const all = itemsOf(url.pathname);
      const byLabels = query.labelSelector ? all.filter((o) => selectorMatches(query.labelSelector as string, o.metadata?.labels)) : all;
      // The one field selector the program sends: metadata.name=NAME.
      const named = query.fieldSelector ? /^metadata\.name=(.*)$/.exec(query.fieldSelector)?.[1] : undefined;
      if (query.fieldSelector && named === undefined) return answer(res, 400, status(400, 'BadRequest', `field label not supported: ${query.fieldSelector}`));
      const selected = named === undefined ? byLabels : byLabels.filter((o) => o.metadata?.name === named);
      // In the order of the storage keys (namespace/name, compared as bytes), as kube-apiserver lists.
      const keyOf = (o: Obj) => Buffer.from(`${o.metadata?.namespace ? `${String(o.metadata.namespace)}/` : ''}${String(o.metadata?.name)}`);
      const sorted = [...selected].sort((a, b) => Buffer.compare(keyOf(a), keyOf(b)));
      const start = query.continue ? Number(Buffer.from(query.continue, 'base64').toString()) : 0;
      const limit = query.limit ? Number(query.limit) : sorted.length;
      const page = sorted.slice(start, start + limit);
      const next = start + limit < sorted.length ? Buffer.from(String(start + limit)).toString('base64') : undefined;
      const [kind, apiVersion] = KIND_OF[resource] ?? ['Unknown', 'v1'];
      if (seen.accept.includes('as=Table') && TABLE_SELECTOR.has(resource)) {
        // As kube-apiserver's table of a workload (includeObject=None): the printed columns, no objects.
        return answer(res, 200, {
          kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '100', ...(next ? { continue: next } : {}) },
          columnDefinitions: ['Name', 'Ready', 'Selector'].map((name) => ({ name, type: 'string', format: name === 'Name' ? 'name' : '', description: '', priority: 0 })),
          rows: page.map((o) => ({ cells: [o.metadata?.name, '1/1', printedSelector((o as { spec?: { selector?: LabelSelector } }).spec?.selector)], object: null })),
        });
      }
      const metadataOnly = seen.accept.includes('as=PartialObjectMetadataList');
      // As kube-apiserver: a metadata-only list that holds nothing has items null, and a
      // page of a list without selectors says how many objects are left after it.
      const items = metadataOnly ? (page.length === 0 ? null : page.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata }))) : page;
      const remaining = next && !query.labelSelector && !query.fieldSelector ? { remainingItemCount: sorted.length - start - limit } : {};
      return answer(res, 200, {
        kind: metadataOnly ? 'PartialObjectMetadataList' : `${kind}List`, apiVersion: metadataOnly ? 'meta.k8s.io/v1' : apiVersion,
        metadata: { resourceVersion: '100', ...(next ? { continue: next, ...remaining } : {}) }, items,
      });
    }
    const parent = segments.slice(0, -1).join('/');
    if (collections.has(parent)) {
      const found = collections.get(parent)?.find((o) => o.metadata?.name === resource);
      const [kind, apiVersion] = KIND_OF[segments.at(-2) as string] ?? ['Unknown', 'v1'];
      if (found) return answer(res, 200, { kind, apiVersion, ...found });
      return answer(res, 404, status(404, 'NotFound', `${segments.at(-2)} "${resource}" not found`, { name: resource, kind: segments.at(-2) }));
    }
    return answer(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  };

  // Over TLS it offers HTTP/2 and HTTP/1.1 as kube-apiserver does (watches stay HTTP/1.1 here);
  // http1Only makes it an HTTP/1.1-only server, to prove the client falls back.
  const tlsOptions = { cert: testCert().cert, key: testCert().key, requestCert: !!opts.requestCert, rejectUnauthorized: false };
  const server = opts.tls === false ? http.createServer(handler)
    : opts.http1Only ? https.createServer(tlsOptions, handler)
      : http2.createSecureServer({ ...tlsOptions, allowHTTP1: true }, handler as unknown as (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void);
  const sockets = new Set<Socket>();
  let connections = 0;
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const api: FakeApi = {
    url: `${opts.tls === false ? 'http' : 'https'}://127.0.0.1:${port}`,
    port,
    requests,
    answered,
    get maxInFlight() { return maxInFlight; },
    get connections() { return connections; },
    put(path, ...objects) {
      const list = collections.get(path) ?? [];
      list.push(...objects);
      collections.set(path, list);
    },
    serve(...paths) {
      for (const path of paths) if (!collections.has(path)) collections.set(path, []);
    },
    override(path, o) {
      overrides.set(path, o);
    },
    close: () => new Promise<void>((r) => {
      openGate();
      for (const socket of sockets) socket.destroy();
      server.close(() => r());
    }),
  };
  return api;
}
