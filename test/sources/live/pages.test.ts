// Pages of a list: the next page is asked for as soon as the start of this one names it
// (the server prepares it while this one is on the wire), the token of the whole page is the
// one followed, and a head that is not shaped as kube-apiserver writes it asks nothing ahead.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type http from 'node:http';
import { createGzip } from 'node:zlib';
import { createClient } from '../../../src/sources/live/client.ts';
import { continueOfHead, listObjects } from '../../../src/sources/live/reads.ts';
import { withServer } from './local-server.ts';

test('the continue token is read from the head of a list, and only from its ListMeta', () => {
  assert.equal(continueOfHead('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7","continue":"eyJ2Ijo","remainingItemCount":3},"items":['), 'eyJ2Ijo');
  assert.equal(continueOfHead('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7"},"items":[{"metadata":{"continue":"x"}}'), '');
  // Not (yet) the whole ListMeta, another field order, another shape: unknown.
  assert.equal(continueOfHead('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7","contin'), null);
  assert.equal(continueOfHead('{"apiVersion":"v1","kind":"PodList","metadata":{"continue":"a"},"items":['), null);
  assert.equal(continueOfHead('{"kind":"PodList","apiVersion":"v1","metadata":{"continue":"a","x":{"y":1}},"items":['), null);
  // A key is a quote after `{` or `,`: inside a string a quote is escaped.
  assert.equal(continueOfHead('{"kind":"PodList","apiVersion":"v1","metadata":{"selfLink":"\\",\\"continue\\":\\"b","continue":"a"},"items":['), 'a');
});

const pod = (i: number) => ({ metadata: { name: `p${i}`, namespace: 'ns', uid: `u${i}` } });
const head = (token: string) => `{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"9"${token ? `,"continue":"${token}"` : ''}},"items":[`;

/**
 * Three pages; the first two send their head and one item, then hold the rest of the body
 * until the next page is asked for (or 2 s pass): a client that waits for a whole page before
 * asking for the next still gets every item, only later.
 */
function pagedServer(opts: { gzip: boolean; lie?: boolean }) {
  const asked: string[] = [];
  /** Per held page, what released it: the next page's request, or the 2 s fallback. */
  const released: ('request' | 'timer')[] = [];
  const waiting = new Map<string, () => void>();
  /** Ends the page when the next one is asked for, or after 2 s. */
  const hold = (next: string, finish: () => void) => {
    if (!next) return finish();
    const timer = setTimeout(() => { released.push('timer'); finish(); }, 2000);
    waiting.set(next, () => { clearTimeout(timer); released.push('request'); finish(); });
  };
  const handler: http.RequestListener = (req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const token = q.get('continue') ?? '';
    asked.push(token);
    waiting.get(token)?.();
    const page = token === '' ? 0 : token === 'p1' ? 1 : token === 'p2' ? 2 : -1;
    const next = page < 2 ? `p${page + 1}` : '';
    // lie: the head of the first page names a token the finished page does not give.
    const shown = opts.lie && page === 0 ? 'bogus' : next;
    res.writeHead(200, { 'Content-Type': 'application/json', ...(opts.gzip ? { 'Content-Encoding': 'gzip' } : {}) });
    const first = `${head(shown)}${JSON.stringify(pod(page * 2))}`;
    const rest = `,${JSON.stringify(pod(page * 2 + 1))}]}`;
    const whole = opts.lie && page === 0 ? `{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"9","continue":"p1"},"items":[${JSON.stringify(pod(0))}${rest}` : `${first}${rest}`;
    if (opts.gzip) {
      // One gzip stream, flushed after the head: what a streaming encoder behind gzip sends.
      const gz = createGzip();
      gz.on('data', (c: Buffer) => res.write(c));
      gz.on('end', () => res.end());
      gz.write(first);
      gz.flush();
      return hold(next, () => gz.end(rest));
    }
    res.write(opts.lie && page === 0 ? whole.slice(0, whole.indexOf('"items":[') + 9) : first);
    hold(next, () => res.end(opts.lie && page === 0 ? whole.slice(whole.indexOf('"items":[') + 9) : rest));
  };
  return { asked, released, handler };
}

/** Every pod through the paged server: each arrives once, in order. */
async function listAll(srv: ReturnType<typeof pagedServer>): Promise<void> {
  await withServer(srv.handler, async (s) => {
    const c = createClient(s.transport, { timeoutMs: 0 });
    const got = await listObjects(c, { kind: 'Pod', namespace: null });
    assert.ok(got.ok);
    assert.deepEqual(got.items.map((p) => p.metadata?.name), ['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
    c.close();
  });
}

test('the next page is asked for before this one has ended; every item arrives once, in order', async () => {
  const srv = pagedServer({ gzip: false });
  await listAll(srv);
  assert.deepEqual(srv.asked, ['', 'p1', 'p2']);
  // Each held page was released by the next page's request, not by the 2 s fallback.
  assert.deepEqual(srv.released, ['request', 'request']);
});

test('gzip: the head is decompressed from the first bytes of the stream', async () => {
  const srv = pagedServer({ gzip: true });
  await listAll(srv);
  assert.deepEqual(srv.released, ['request', 'request']);
});

test('a head naming another token than its page gives: the page\'s own token is followed', async () => {
  const srv = pagedServer({ gzip: false, lie: true });
  await listAll(srv);
  assert.deepEqual(srv.asked.filter((t) => t !== 'bogus'), ['', 'p1', 'p2']);
});
