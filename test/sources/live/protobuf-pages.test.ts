// Lists read as protobuf: pages decoded and followed by their continue token (the next page
// asked for from the head of this one), and whatever the decoder cannot make exact (a field
// number it does not know) or an error's Status asked for again as JSON, with the same token.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type http from 'node:http';
import { createClient } from '../../../src/sources/live/client.ts';
import { listObjects } from '../../../src/sources/live/reads.ts';
import { withServer } from './local-server.ts';
import { msg, podList, str } from './protobuf-bytes.ts';

const pod = (name: string, extra: number[][] = []) => [...msg(1, str(1, name), str(3, 'ns')), ...extra.flat()];
const jsonPod = (name: string) => ({ metadata: { name, namespace: 'ns' }, spec: { containers: null }, status: {} });

/** Three pages (tokens '', p1, p2); `unknown` pages carry a field number the schema does not have. */
function server(opts: { unknown?: Set<string>; status?: number } = {}) {
  const asked: { token: string; accept: string }[] = [];
  const handler: http.RequestListener = (req, res) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('continue') ?? '';
    const accept = String(req.headers.accept ?? '');
    asked.push({ token, accept });
    const page = token === '' ? 0 : Number(token.slice(1));
    const next = page < 2 ? `p${page + 1}` : '';
    const names = [`a${page}`, `b${page}`];
    const protobuf = accept.startsWith('application/vnd.kubernetes.protobuf');
    if (opts.status) {
      if (protobuf) {
        res.writeHead(opts.status, { 'Content-Type': 'application/vnd.kubernetes.protobuf' });
        return res.end(Buffer.from('k8s\0\x0a\x00', 'latin1'));
      }
      res.writeHead(opts.status, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'pods is forbidden', reason: 'Forbidden', code: opts.status }));
    }
    if (protobuf) {
      res.writeHead(200, { 'Content-Type': 'application/vnd.kubernetes.protobuf' });
      const extra = opts.unknown?.has(token) ? [str(99, 'from a newer server')] : [];
      return res.end(podList(next, names.map((n) => pod(n, extra))));
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '9', ...(next ? { continue: next } : {}) }, items: names.map(jsonPod) }));
  };
  return { asked, handler };
}

const PROTOBUF = 'application/vnd.kubernetes.protobuf, application/json';

test('a list read as protobuf: every page decoded, in order, each asked for once as protobuf', async () => {
  const srv = server();
  await withServer(srv.handler, async (s) => {
    const c = createClient(s.transport, { timeoutMs: 0 });
    const got = await listObjects(c, { kind: 'Pod', namespace: null }, 'protobuf');
    c.close();
    assert.ok(got.ok);
    assert.deepEqual(got.items.map((p) => p.metadata?.name), ['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
    assert.deepEqual(got.items[0], { kind: 'Pod', apiVersion: 'v1', ...jsonPod('a0') });
    assert.deepEqual(srv.asked, [{ token: '', accept: PROTOBUF }, { token: 'p1', accept: PROTOBUF }, { token: 'p2', accept: PROTOBUF }]);
  });
});

test('by default the first page is asked for as JSON and the pages after it as protobuf', async () => {
  const srv = server();
  await withServer(srv.handler, async (s) => {
    const c = createClient(s.transport, { timeoutMs: 0 });
    const got = await listObjects(c, { kind: 'Pod', namespace: null });
    c.close();
    assert.ok(got.ok);
    assert.deepEqual(got.items.map((p) => p.metadata?.name), ['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
    assert.deepEqual(got.items[0], { kind: 'Pod', apiVersion: 'v1', ...jsonPod('a0') });
    assert.deepEqual(got.items[2], { kind: 'Pod', apiVersion: 'v1', ...jsonPod('a1') });
    assert.deepEqual(srv.asked.slice(0, 3), [{ token: '', accept: 'application/json' }, { token: 'p1', accept: PROTOBUF }, { token: 'p2', accept: PROTOBUF }]);
  });
});

test('a page with a field the decoder does not know is asked for again as JSON with its token, and the rest of the list as JSON', async () => {
  const srv = server({ unknown: new Set(['p1']) });
  await withServer(srv.handler, async (s) => {
    const c = createClient(s.transport, { timeoutMs: 0 });
    const got = await listObjects(c, { kind: 'Pod', namespace: null }, 'protobuf');
    c.close();
    assert.ok(got.ok);
    assert.deepEqual(got.items.map((p) => p.metadata?.name), ['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
    const p1 = srv.asked.filter((a) => a.token === 'p1').map((a) => a.accept);
    assert.deepEqual(p1, [PROTOBUF, 'application/json']);
    // p2 was asked for ahead (from p1's head) as protobuf; a page asked for after is JSON
    assert.ok(srv.asked.filter((a) => a.token === 'p2').length >= 1);
  });
});

test('WHOSELECTS_LIST_WIRE=json, and metadata-only lists, never ask for protobuf; an error in protobuf is read again as JSON', async () => {
  const srv = server();
  await withServer(srv.handler, async (s) => {
    const c = createClient(s.transport, { timeoutMs: 0 });
    const got = await listObjects(c, { kind: 'Pod', namespace: null }, 'json');
    assert.ok(got.ok);
    assert.equal(got.items.length, 6);
    await listObjects(c, { kind: 'Node', namespace: null, metadataOnly: true });
    c.close();
    assert.ok(srv.asked.every((a) => !a.accept.includes('protobuf')));
  });
  const denied = server({ status: 403 });
  await withServer(denied.handler, async (s) => {
    const c = createClient(s.transport, { timeoutMs: 0 });
    const got = await listObjects(c, { kind: 'Pod', namespace: null }, 'protobuf');
    c.close();
    assert.equal(got.ok, false);
    assert.ok(!got.ok && got.failure.status === 403 && (got.failure.body as { message: string }).message === 'pods is forbidden');
    assert.deepEqual(denied.asked.map((a) => a.accept), [PROTOBUF, 'application/json']);
  });
});
