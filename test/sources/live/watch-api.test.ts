// The HTTP side of watch mode against a local server: a paged list keeps the first page's
// resourceVersion, and a watch stream is read line by line however the bytes are split.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createClient } from '../../../src/sources/live/client.ts';
import type { Transport } from '../../../src/sources/live/transport.ts';
import { httpWatchApi, type WatchEvent } from '../../../src/sources/live/watch-api.ts';
import { withServer } from './local-server.ts';

const SPEC = { kind: 'Pod' as const, namespace: 'default', labelSelector: 'app=web' };


test('a paged list: every page, the first page\'s resourceVersion, objects normalised', async () => {
  await withServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    res.setHeader('Content-Type', 'application/json');
    if (!u.searchParams.get('continue')) res.end(JSON.stringify({ metadata: { resourceVersion: '100', continue: 'p2' }, items: [{ metadata: { name: 'a', managedFields: [{}] } }] }));
    else res.end(JSON.stringify({ metadata: { resourceVersion: '101' }, items: [{ metadata: { name: 'b' } }] }));
  }, async (s) => {
    const api = httpWatchApi(s.transport, createClient(s.transport, { timeoutMs: 0 }));
    const r = await api.list(SPEC);
    assert.ok(r.ok);
    assert.equal(r.resourceVersion, '100');
    assert.deepEqual(r.items.map((o) => [o.kind, o.apiVersion, o.metadata?.name, 'managedFields' in (o.metadata ?? {})]), [['Pod', 'v1', 'a', false], ['Pod', 'v1', 'b', false]]);
    assert.equal(s.seen[0]?.pathname, '/api/v1/namespaces/default/pods');
    assert.equal(s.seen[0]?.searchParams.get('labelSelector'), 'app=web');
  });
});

test('a watch: the query client-go sends, events split across chunks, then the end of the stream', async () => {
  await withServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}\n{"type":"BOOKM');
    setTimeout(() => {
      res.write('ARK","object":{"metadata":{"resourceVersion":"6"}}}\n');
      res.end();
    }, 20);
  }, async (s) => {
    const api = httpWatchApi(s.transport, createClient(s.transport, { timeoutMs: 0 }), { timeoutSeconds: 30 });
    const got: WatchEvent[] = [];
    let opened = 0;
    let data = 0;
    const h = api.watch(SPEC, '4', { onOpen: () => { opened++; }, onData: () => { data++; }, onEvent: (e) => got.push(e) });
    assert.deepEqual(await h.done, { reason: 'closed' });
    assert.deepEqual(got.map((e) => e.type), ['ADDED', 'BOOKMARK']);
    assert.equal(opened, 1);
    assert.ok(data >= 2);
    const q = s.seen[0]?.searchParams;
    assert.deepEqual([q?.get('watch'), q?.get('allowWatchBookmarks'), q?.get('resourceVersion'), q?.get('timeoutSeconds'), q?.get('labelSelector')], ['1', 'true', '4', '30', 'app=web']);
  });
});

test('a watch answered with an error status, a watch aborted, and a server that is not there', async () => {
  const closed = await withServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').searchParams.get('resourceVersion') === 'old') {
      res.writeHead(410, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', code: 410, message: 'too old resource version' }));
      return;
    }
    res.writeHead(200);
    res.write('\n');
  }, async (s) => {
    const api = httpWatchApi(s.transport, createClient(s.transport, { timeoutMs: 0 }));
    const noop = { onOpen() {}, onData() {}, onEvent() {} };
    const gone = await api.watch(SPEC, 'old', noop).done;
    assert.equal(gone.reason, 'status');
    assert.equal(gone.reason === 'status' && gone.status, 410);
    const h = api.watch(SPEC, '1', noop);
    await new Promise((r) => setTimeout(r, 30));
    h.abort();
    assert.deepEqual(await h.done, { reason: 'aborted' });
    return s.transport;
  });
  const nowhere: Transport = { ...closed, agent: new http.Agent() };
  const end = await httpWatchApi(nowhere, createClient(nowhere, { timeoutMs: 0 })).watch(SPEC, '1', { onOpen() {}, onData() {}, onEvent() {} }).done;
  assert.deepEqual(end, { reason: 'error', message: 'ECONNREFUSED' });
});
