// The -v request lines come from the live source: a path or an error it quotes may carry what a
// server or a name put there, and reaches the terminal escaped like every other line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from '../../src/sources/live/client.ts';
import { withServer } from '../sources/live/local-server.ts';
import { HOSTILE, assertTerminalSafe } from './strings.ts';

test('-v: a request line quoting hostile path segments is escaped, one row per request', async () => {
  const lines: string[] = [];
  await withServer((req, res) => {
    if (req.url?.includes('drop')) { req.socket.destroy(); return; }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  }, async (s) => {
    const c = createClient(s.transport, { timeoutMs: 0, log: (l) => lines.push(l) });
    try {
      for (const h of Object.values(HOSTILE)) await c.get(`/apis/${h}/v1/pods`);
      await assert.rejects(c.get(`/apis/drop/${HOSTILE.newline}`));
    } finally {
      c.close();
    }
  });
  assert.equal(lines.length, Object.keys(HOSTILE).length + 1);
  for (const l of lines) assertTerminalSafe(l, '-v line');
  assert.ok(lines.some((l) => l.includes('c\\x1b[2Jd')), 'ESC is shown as \\x1b');
  assert.ok(lines.some((l) => l.includes('n\\nFINDINGS forged')), 'the newline is shown as \\n');
});
