// The -v request lines come from the live source: a path or an error it quotes may carry what a
// server or a name put there, and reaches the terminal escaped like every other line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/sources/live/client.ts';
import { HOSTILE, assertTerminalSafe } from './strings.ts';

async function listen(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const srv = http.createServer(handler);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => { srv.closeAllConnections(); srv.close(() => r()); }) };
}

test('-v: a request line quoting hostile path segments is escaped, one row per request', async () => {
  const s = await listen((req, res) => {
    if (req.url?.includes('drop')) { req.socket.destroy(); return; }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  });
  const lines: string[] = [];
  const agent = new http.Agent();
  const c = createClient({ server: s.url, headers: {}, agent, close: () => agent.destroy() }, { timeoutMs: 0, log: (l) => lines.push(l) });
  try {
    for (const h of Object.values(HOSTILE)) await c.get(`/apis/${h}/v1/pods`);
    await assert.rejects(c.get(`/apis/drop/${HOSTILE.newline}`));
  } finally {
    c.close();
    await s.close();
  }
  assert.equal(lines.length, Object.keys(HOSTILE).length + 1);
  for (const l of lines) assertTerminalSafe(l, '-v line');
  assert.ok(lines.some((l) => l.includes('c\\x1b[2Jd')), 'ESC is shown as \\x1b');
  assert.ok(lines.some((l) => l.includes('n\\nFINDINGS forged')), 'the newline is shown as \\n');
});
