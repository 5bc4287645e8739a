// The wire format of a cluster-wide list: every pod of the cluster read page by page
// (limit=500, following `continue`, gzip accepted, as both kubectl and we read), once as JSON
// and once as Kubernetes' protobuf encoding, interleaved. It answers the issue's question
// "protobuf or JSON, whichever measures faster" with figures: the bytes on the wire, the
// time to fetch them (the API server's encoding included), and for JSON the time our side
// spends parsing them: JSON.parse, and for protobuf the live source's own decoder
// (src/sources/live/protobuf.ts), which gives the same objects.

import https from 'node:https';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { median } from './measure.ts';
import { decodeList } from '../src/sources/live/protobuf.ts';

export interface WireSide {
  /** Medians over the runs. */
  fetchSeconds: number;
  wireBytes: number;
  bodyBytes: number;
  /** JSON.parse of every page, or the protobuf decoder's work on it (null in rows measured before it existed). */
  parseSeconds: number | null;
  pages: number;
}

export interface WireRow { pods: number; json: WireSide; protobuf: WireSide }

const ACCEPT = { json: 'application/json', protobuf: 'application/vnd.kubernetes.protobuf' } as const;

function fetchPage(agent: https.Agent, server: string, token: string, path: string, accept: string): Promise<{ wire: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${server}${path}`, { agent, headers: { authorization: `Bearer ${token}`, accept, 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        if ((res.statusCode ?? 0) !== 200) return reject(new Error(`GET ${path}: HTTP ${res.statusCode}`));
        resolve({ wire: raw.length, body: res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads a protobuf varint at `at`: [value, next offset]. Lengths here stay far below 2^53. */
function varint(b: Buffer, at: number): [number, number] {
  let v = 0;
  let mul = 1;
  for (let i = at; i < b.length; i++) {
    const byte = b[i] as number;
    v += (byte & 0x7f) * mul;
    if (byte < 0x80) return [v, i + 1];
    mul *= 128;
  }
  throw new Error('truncated protobuf varint');
}

/** The fields of one protobuf message with wire type 2 (bytes), by field number. */
function lengthDelimited(b: Buffer, field: number): Buffer | null {
  let at = 0;
  while (at < b.length) {
    const [key, afterKey] = varint(b, at);
    const type = key & 7;
    if (type === 0) { at = varint(b, afterKey)[1]; continue; }
    if (type === 1) { at = afterKey + 8; continue; }
    if (type === 5) { at = afterKey + 4; continue; }
    if (type !== 2) throw new Error(`protobuf wire type ${type} not expected here`);
    const [len, start] = varint(b, afterKey);
    if (key >>> 3 === field) return b.subarray(start, start + len);
    at = start + len;
  }
  return null;
}

/**
 * The `continue` token of a protobuf list: the body is the 4-byte magic "k8s\0" and a
 * runtime.Unknown whose field 2 (raw) holds the PodList; its field 1 is the ListMeta, whose
 * field 3 is `continue`.
 */
export function protobufContinue(body: Buffer): string {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw new Error('not a Kubernetes protobuf body');
  const raw = lengthDelimited(body.subarray(4), 2);
  const meta = raw && lengthDelimited(raw, 1);
  const token = meta && lengthDelimited(meta, 3);
  return token ? token.toString('utf8') : '';
}

async function listAll(agent: https.Agent, server: string, token: string, format: keyof typeof ACCEPT): Promise<{ seconds: number; wire: number; body: number; parse: number; pages: number }> {
  let cont = '';
  let wire = 0;
  let body = 0;
  let parse = 0;
  let pages = 0;
  const t0 = process.hrtime.bigint();
  do {
    const q = new URLSearchParams({ limit: '500', ...(cont ? { continue: cont } : {}) });
    const page = await fetchPage(agent, server, token, `/api/v1/pods?${q}`, ACCEPT[format]);
    wire += page.wire;
    body += page.body.length;
    pages++;
    if (format === 'json') {
      const p0 = process.hrtime.bigint();
      const list = JSON.parse(page.body.toString('utf8')) as { metadata?: { continue?: string } };
      parse += Number(process.hrtime.bigint() - p0) / 1e9;
      cont = list.metadata?.continue ?? '';
    } else {
      const p0 = process.hrtime.bigint();
      cont = decodeList(page.body, 'core/v1.PodList', { kind: 'Pod', apiVersion: 'v1' }).continue;
      parse += Number(process.hrtime.bigint() - p0) / 1e9;
    }
  } while (cont);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9 - parse;
  return { seconds, wire, body, parse, pages };
}

/** Both formats, interleaved, `runs` times each, over one keep-alive connection each. */
export async function wireFormats(server: string, caFile: string, token: string, pods: number, runs: number): Promise<WireRow> {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: readFileSync(caFile) });
  try {
    const got = { json: [] as Awaited<ReturnType<typeof listAll>>[], protobuf: [] as Awaited<ReturnType<typeof listAll>>[] };
    await listAll(agent, server, token, 'json'); // warm the connection and the server's caches alike
    for (let i = 0; i < runs; i++) {
      for (const f of ['json', 'protobuf'] as const) got[f].push(await listAll(agent, server, token, f));
    }
    const side = (f: 'json' | 'protobuf'): WireSide => ({
      fetchSeconds: median(got[f].map((r) => r.seconds)),
      wireBytes: median(got[f].map((r) => r.wire)),
      bodyBytes: median(got[f].map((r) => r.body)),
      parseSeconds: median(got[f].map((r) => r.parse)),
      pages: got[f][0]?.pages ?? 0,
    });
    return { pods, json: side('json'), protobuf: side('protobuf') };
  } finally {
    agent.destroy();
  }
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const s = (n: number) => `${n.toFixed(2)} s`;

export function wireTable(rows: WireRow[]): string[] {
  if (rows.length === 0) return [];
  return [
    '## Wire format of a cluster-wide list: JSON beside protobuf',
    '',
    'Every pod of the cluster read page by page (`limit=500` + `continue`, gzip accepted, one keep-alive connection), as JSON and as Kubernetes\' protobuf encoding, interleaved, medians (`bench/wire.ts`). "Fetch" is the time from the first request to the last byte, minus our parsing; the API server\'s encoding and gzip are in it. "Parse" is JSON.parse for JSON, and for protobuf the live source\'s decoder (the same objects).',
    '',
    '| pods | pages | JSON on the wire (gzip) | JSON body | JSON fetch | JSON parse | protobuf on the wire (gzip) | protobuf body | protobuf fetch | protobuf decode | fetch ratio protobuf / JSON |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.pods.toLocaleString('en-US')} | ${r.json.pages} | ${mb(r.json.wireBytes)} | ${mb(r.json.bodyBytes)} | ${s(r.json.fetchSeconds)} | ${s(r.json.parseSeconds ?? 0)} | ${mb(r.protobuf.wireBytes)} | ${mb(r.protobuf.bodyBytes)} | ${s(r.protobuf.fetchSeconds)} | ${r.protobuf.parseSeconds === null ? '–' : s(r.protobuf.parseSeconds)} | ${(r.protobuf.fetchSeconds / r.json.fetchSeconds).toFixed(2)}× |`),
    '',
  ];
}
