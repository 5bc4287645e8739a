// One GET of a named object, and one complete LIST (paginated with limit/continue).
// Kinds served at several versions (autoscaling v2, then v1) fall back when the server
// does not serve the first.

import type { Kind } from '../../core/snapshot.ts';
import type { KubeObject } from '../../core/types.ts';
import type { ApiClient, ApiResponse } from './client.ts';
import type { Read } from './errors.ts';
import { ACCEPT_PROTOBUF, decodeList, isProtobuf, protobufListHead, ProtobufUnsupported } from './protobuf.ts';
import { UNREAD_FIELDS } from './unread-fields.ts';
import { apiVersionOf, normalizeObject, resourceName, resourcePath, typeOf } from './resources.ts';

export const PAGE_SIZE = 500;

/**
 * The lists read as Kubernetes protobuf (apiVersion/kind: the schema's List message): the
 * biggest, whose decoding is proven equal to their JSON (the API server encodes protobuf for
 * a fraction of the CPU, and sends about two thirds of the bytes), and Deployments and Jobs,
 * whose pod templates carry the fields the decoder steps over (every target of a namespace
 * lists its Jobs whole, and a batch namespace keeps thousands of finished ones). Every other
 * list, and these when the server answers in JSON or the decoder meets what it does not know,
 * is read as JSON: small objects with nothing to step over (Services and PodDisruptionBudgets
 * were measured) parse faster with JSON.parse than with the decoder, on the one thread that
 * also asks for the next pages of every list.
 */
const PROTOBUF_LISTS: Readonly<Record<string, string>> = {
  'v1/Pod': 'core/v1.PodList',
  'apps/v1/ReplicaSet': 'apps/v1.ReplicaSetList',
  'discovery.k8s.io/v1/EndpointSlice': 'discovery/v1.EndpointSliceList',
  'apps/v1/Deployment': 'apps/v1.DeploymentList',
  'batch/v1/Job': 'batch/v1.JobList',
};

/** As client-go asks for protobuf: JSON is taken when the server cannot give it. */
const ACCEPT_PROTOBUF_OR_JSON = `${ACCEPT_PROTOBUF}, application/json`;
const ACCEPT_JSON = 'application/json';

/** Metadata only: Nodes are read for their name and labels (zone, hostname), not their large status. */
export const ACCEPT_METADATA = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;q=0.9';

export interface ListSpec {
  kind: Kind;
  /** null: cluster-scoped, or every namespace. */
  namespace: string | null;
  /** Server-side labelSelector; undefined lists everything. Never "" for a selector that matches nothing. */
  labelSelector?: string;
  /** Server-side fieldSelector (`metadata.name=NAME` for one object by name: namedList). */
  fieldSelector?: string;
  /** One object by name (namedList): read as a GET; as the list by fieldSelector only when the GET is refused, so a failure is a gap. */
  name?: string;
  metadataOnly?: boolean;
}

export type Failure = { status: number; body: unknown };

/**
 * Told of each page of a list as it is read, before the list is whole: `page` with the page's
 * objects (`last` on the list's last page), `restart` when the list starts again from nothing
 * (its continue token expired): what earlier pages gave is then not to be trusted.
 */
export interface PageObserver {
  page(items: readonly KubeObject[], last: boolean): void;
  restart(): void;
}
export type ListOutcome = { ok: true; items: KubeObject[] } | { ok: false; failure: Failure; read: Read };
export type GetOutcome = { found: true; object: KubeObject } | { found: false } | { found: null; failure: Failure; read: Read };

function isObject(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/**
 * A list's answer: an object whose items are an array, or null in a metadata-only list that
 * holds nothing (the server writes PartialObjectMetadataList's empty items as null).
 */
function isListBody(body: unknown): boolean {
  if (!isObject(body)) return false;
  const { kind, items } = body as { kind?: unknown; items?: unknown };
  return Array.isArray(items) || (items === null && kind === 'PartialObjectMetadataList');
}

/** A 404 that means "this version of the resource is not served", not "no such object". */
function resourceMissing(r: ApiResponse): boolean {
  if (r.status !== 404) return false;
  const details = (r.body as { details?: { name?: unknown } } | null)?.details;
  return !(details && typeof details.name === 'string' && details.name);
}

export function readOf(spec: { kind: Kind; namespace: string | null }, verb: Read['verb'], name?: string): Read {
  const r: Read = { verb, resource: resourceName(spec.kind), kind: spec.kind, namespace: spec.namespace };
  if (name !== undefined) r.name = name;
  return r;
}

export async function getObject(client: ApiClient, kind: Kind, namespace: string, name: string): Promise<GetOutcome> {
  const versions = typeOf(kind).versions;
  let last: ApiResponse | null = null;
  for (const version of versions) {
    const res = await client.get(resourcePath(kind, version, namespace, name));
    if (res.status === 200 && !isObject(res.body)) return { found: null, failure: { status: 200, body: res.body }, read: readOf({ kind, namespace }, 'get', name) };
    if (res.status === 200) return { found: true, object: normalizeObject(res.body, kind, apiVersionOf(kind, version)) };
    last = res;
    if (!resourceMissing(res)) break;
  }
  const res = last as ApiResponse;
  if (res.status === 404 && !resourceMissing(res)) return { found: false };
  return { found: null, failure: { status: res.status, body: res.body }, read: readOf({ kind, namespace }, 'get', name) };
}

/**
 * The start of a list as kube-apiserver writes it: kind, apiVersion, then the ListMeta, then
 * items (a Table's column definitions).
 */
const LIST_HEAD = /^\s*\{"kind":"[^"\\]*","apiVersion":"[^"\\]*","metadata":\{([^{}]*)\},"(?:items|columnDefinitions)":/;

/**
 * A list's `continue` token read from the start of its body; '' when the page is the last,
 * null when the start is not shaped as expected (then nothing is asked ahead of time).
 */
export function continueOfHead(head: string): string | null {
  const meta = LIST_HEAD.exec(head)?.[1];
  if (meta === undefined) return null;
  const token = /(?:^|,)"continue":"([^"\\]*)"/.exec(meta);
  return token ? (token[1] as string) : '';
}

/** The continue token in the first bytes of a list, JSON or protobuf (see continueOfHead). */
function continueOfStart(head: Buffer): string | null {
  return isProtobuf(head) ? protobufListHead(head) : continueOfHead(head.toString('utf8'));
}

/** A page asked for, and the next one when it was asked for ahead of time. */
interface Page {
  query: Record<string, string>;
  answer: Promise<ApiResponse>;
  ahead: { token: string; page: Page } | null;
  dropped: boolean;
}

function drop(p: Page | null | undefined): void {
  for (let at = p; at; at = at.ahead?.page) at.dropped = true;
}

type AskPage = (token: string, paged: boolean) => Page;

/**
 * Asks for a list's pages at `path`: a paged answer asks for the next page as soon as its
 * start gives the next token (JSON, a Table or protobuf: continueOfStart).
 */
function pageAsker(client: ApiClient, path: string, queryOf: (token: string, paged: boolean) => Record<string, string>, acceptOf: (token: string) => string | undefined): AskPage {
  const ask: AskPage = (token, paged) => {
    const query = queryOf(token, paged);
    const page: Page = { query, answer: Promise.resolve({ status: 0, body: null }), ahead: null, dropped: false };
    const peek = paged ? (head: Buffer) => {
      const next = continueOfStart(head);
      if (next && !page.dropped) page.ahead = { token: next, page: ask(next, true) };
    } : undefined;
    page.answer = client.get(path, query, acceptOf(token), peek);
    page.answer.catch(() => {}); // awaited by the caller, or dropped: never an unhandled rejection
    return page;
  };
  return ask;
}

/** The page after `page` for the token its answer gave: the one asked for ahead on it, or asked now (any other dropped). */
function nextPage(page: Page, next: string, ask: AskPage): Page {
  if (page.ahead && page.ahead.token === next) return page.ahead.page;
  drop(page);
  return ask(next, true);
}

/**
 * One list, page by page (limit/continue, as kubectl's 500). The token of the next page is in
 * the first bytes of each answer, so the next page is asked for as soon as they arrive: the
 * server prepares it while this one is still on the wire and being parsed, instead of after.
 * The token the whole page gives is still the one followed: a page asked for ahead on another
 * token is dropped.
 */
async function listVersion(client: ApiClient, spec: ListSpec, version: string, wire: ListWire, observer?: PageObserver): Promise<{ items: KubeObject[] } | ApiResponse> {
  const path = resourcePath(spec.kind, version, spec.namespace);
  const apiVersion = apiVersionOf(spec.kind, version);
  const listMessage = spec.metadataOnly || wire === 'json' ? undefined : PROTOBUF_LISTS[`${apiVersion}/${spec.kind}`];
  // Once a page could not be decoded, the rest of the list is asked for as JSON. 'auto' asks
  // for the first page as JSON: a list of one page is small, and decoding it costs the
  // decoder's first use (its tables compiled, its code not yet optimised) for less than it
  // saves; the pages after it, of a list long enough to have them, come as protobuf.
  let protobuf = listMessage !== undefined;
  const accept = (token: string) => (spec.metadataOnly ? ACCEPT_METADATA : protobuf && (token !== '' || wire === 'protobuf') ? ACCEPT_PROTOBUF_OR_JSON : undefined);
  const items: KubeObject[] = [];
  const ask = pageAsker(client, path, (token, paged) => {
    const query: Record<string, string> = {};
    if (spec.labelSelector) query.labelSelector = spec.labelSelector;
    if (spec.fieldSelector) query.fieldSelector = spec.fieldSelector;
    if (paged) query.limit = String(PAGE_SIZE);
    if (token) query.continue = token;
    return query;
  }, accept);
  let token = '';
  let page = ask('', true);
  for (;;) {
    let res: ApiResponse;
    let decoded: { items: KubeObject[]; continue: string } | null = null;
    try {
      res = await page.answer;
      if (Buffer.isBuffer(res.body)) {
        // Protobuf: decoded when it is a 200 list the decoder knows whole; an error's Status,
        // or a page the decoder cannot make exact, is asked for again as JSON, same token.
        decoded = res.status === 200 && listMessage ? decodedPage(res.body, listMessage, spec.kind, apiVersion) : null;
        if (decoded === null) {
          if (res.status === 200) protobuf = false;
          res = await client.get(path, page.query, ACCEPT_JSON);
        }
      }
    } catch (e) {
      drop(page);
      throw e;
    }
    if (res.status === 410 && token) {
      // The continue token expired (compaction): list again in one piece, as client-go's pager does.
      drop(page);
      items.length = 0;
      observer?.restart();
      token = '';
      page = ask('', false);
      continue;
    }
    let next: string;
    const from = items.length;
    if (decoded) {
      for (const item of decoded.items) items.push(item);
      next = decoded.continue;
    } else {
      if (res.status !== 200 || !isListBody(res.body)) {
        drop(page);
        return res;
      }
      const body = res.body as { items?: unknown[]; metadata?: { continue?: string } };
      for (const item of body.items ?? []) items.push(normalizeObject(item, spec.kind, apiVersion));
      next = body.metadata?.continue ?? '';
    }
    observer?.page(items.slice(from), !next);
    if (!next) {
      drop(page);
      return { items };
    }
    page = nextPage(page, next, ask);
    token = next;
  }
}

/**
 * A protobuf page as the objects its JSON gives after normalizeObject, less the pod fields no
 * part of the program reads (UNREAD_FIELDS); null when it cannot be exact.
 */
function decodedPage(body: Buffer, listMessage: string, kind: Kind, apiVersion: string): { items: KubeObject[]; continue: string } | null {
  try {
    const list = decodeList(body, listMessage, { kind, apiVersion }, UNREAD_FIELDS);
    if (list.kind !== `${kind}List` || list.apiVersion !== apiVersion) return null;
    return { items: list.items as unknown as KubeObject[], continue: list.continue };
  } catch (e) {
    if (e instanceof ProtobufUnsupported) return null;
    throw e;
  }
}

/**
 * How lists of the kinds the decoder is proven for are asked for: 'auto' (the default) the
 * first page as JSON and every later page as protobuf, 'protobuf' every page as protobuf,
 * 'json' every page as JSON (WHOSELECTS_LIST_WIRE=protobuf|json: to compare, or to rule the
 * decoder out).
 */
export type ListWire = 'auto' | 'json' | 'protobuf';

export function listWireOf(value: string | undefined): ListWire {
  return value === 'json' || value === 'protobuf' ? value : 'auto';
}

export async function listObjects(client: ApiClient, spec: ListSpec, wire: ListWire = 'auto', observer?: PageObserver): Promise<ListOutcome> {
  const named = observer === undefined ? nameOfList(spec) : null;
  if (named !== null) {
    const got = await getObject(client, spec.kind, spec.namespace as string, named);
    if (got.found === true) return { ok: true, items: [got.object] };
    if (got.found === false) return { ok: true, items: [] };
    // Refused (a role may grant list and not get) or failed: the list says what it says.
  }
  const versions = typeOf(spec.kind).versions;
  let last: ApiResponse | null = null;
  for (const version of versions) {
    const r = await listVersion(client, spec, version, wire, observer);
    if (!('status' in r)) return { ok: true, items: r.items };
    last = r;
    if (!resourceMissing(r)) break;
  }
  const res = last as ApiResponse;
  return { ok: false, failure: { status: res.status, body: res.body }, read: readOf(spec, 'list') };
}

/**
 * The name of the one namespaced object a list asks for (namedList), or null. Such a list is read
 * as a GET first. The API server answers a GET from etcd; a list (without a
 * resourceVersion) from its watch cache, once the cache has caught up with etcd (consistent reads
 * from the cache, the default since Kubernetes 1.34), which it learns by asking etcd for progress
 * at most once every 100 ms per resource: a list of a kind asked soon after another list of it
 * waits for the next of those whenever etcd has moved on meanwhile (any write in the cluster: a
 * lease renewed, an event). On the bench's control plane while it was busy, a list of
 * PodDisruptionBudgets by name asked 30 ms after another took 65 ms, the GET of the same object
 * 7 ms (medians of 8).
 */
function nameOfList(spec: ListSpec): string | null {
  return spec.name !== undefined && spec.namespace !== null && spec.metadataOnly !== true ? spec.name : null;
}

/** A workload's name and its selector as the API server prints it (the Selector column of `kubectl get -o wide`). */
export interface SelectorRow {
  name: string;
  selector: string;
}

/** The server-side table form, rows without their objects: a name and a few printed columns each. */
const ACCEPT_TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/**
 * The column's cells of one Table page by the names of its column definitions; null when the
 * page is not a Table holding both as strings.
 */
function tableRows(body: unknown): SelectorRow[] | null {
  if (!isObject(body)) return null;
  const { kind, columnDefinitions, rows } = body as { kind?: unknown; columnDefinitions?: unknown; rows?: unknown };
  if (kind !== 'Table' || !Array.isArray(columnDefinitions) || !(Array.isArray(rows) || rows === null || rows === undefined)) return null;
  const at = (name: string) => columnDefinitions.findIndex((c) => isObject(c) && (c as { name?: unknown }).name === name);
  const nameAt = at('Name');
  const selectorAt = at('Selector');
  if (nameAt < 0 || selectorAt < 0) return null;
  const out: SelectorRow[] = [];
  for (const row of rows ?? []) {
    const cells = isObject(row) ? (row as { cells?: unknown }).cells : undefined;
    const name = Array.isArray(cells) ? cells[nameAt] : undefined;
    const selector = Array.isArray(cells) ? cells[selectorAt] : undefined;
    if (typeof name !== 'string' || typeof selector !== 'string') return null;
    out.push({ name, selector });
  }
  return out;
}

/**
 * The names and printed selectors of a namespace's objects of one kind: the list as a
 * server-side table without its objects (includeObject=None), page by page as listVersion
 * reads (the next page asked for as soon as a page's start gives its token). A small
 * fraction of the whole objects' bytes, and of the API server's work to write them. null
 * when that is not to be had as asked (a server without the table, no Selector column, a
 * refusal, an expired token): the caller reads the kind whole instead, which says what failed.
 */
export async function listSelectors(client: ApiClient, kind: Kind, namespace: string): Promise<SelectorRow[] | null> {
  const path = resourcePath(kind, typeOf(kind).versions[0] as string, namespace);
  const out: SelectorRow[] = [];
  const ask = pageAsker(client, path, (token) => {
    const query: Record<string, string> = { includeObject: 'None', limit: String(PAGE_SIZE) };
    if (token) query.continue = token;
    return query;
  }, () => ACCEPT_TABLE);
  let page = ask('', true);
  try {
    for (;;) {
      const res = await page.answer;
      const rows = res.status === 200 ? tableRows(res.body) : null;
      if (rows === null) return null;
      for (const row of rows) out.push(row);
      const next = (res.body as { metadata?: { continue?: unknown } }).metadata?.continue;
      if (typeof next !== 'string' || next === '') return out;
      page = nextPage(page, next, ask);
    }
  } finally {
    drop(page);
  }
}
