import '../tui/no-ci.ts';
// The TUI in a real pseudo-terminal over a cluster serving hostile names (manifests cannot
// carry them: the loader refuses names the API server would, container and node names too): what
// reaches the terminal has no OSC, BEL, C1, DEL, bidi or zero-width character, the names are shown escaped
// (visibly), and a newline in a name never starts a row.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from '../sources/live/scenario.ts';
import { PtySession, ptyUnavailable } from '../tui/pty-session.ts';
import { hostileCluster } from './cluster.ts';

const skip = ptyUnavailable() ?? false;

// What Ink itself writes is CSI (cursor, erase, SGR, modes) and ESC 7/8; none of these.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /\u001b\]|\u001bP|\u001b_|\u001b\^|[\u0007\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u;

test('hostile names in the TUI: escaped on every screen, no raw control sequence reaches the terminal', { skip, timeout: 60_000 }, async () => {
  const cluster = await setup(hostileCluster);
  const s = new PtySession({ args: ['svc/web', '--kubectl-version', '1.34'], env: cluster.env, columns: 160, rows: 50 });
  try {
    await s.waitFor((l) => l.some((x) => x.includes(' quit')), { what: 'the first screen' });
    // Through the pods, the details of each, the findings, the help.
    for (const keys of ['j', '\r', '\u001b', 'j', '\r', '\u001b', 'j', '\r', '\u001b', '\t', '\r', '\u001b', 'o', '?', '\u001b']) {
      await s.type(keys);
      await s.settle(150, 2_000);
    }
    await s.type('q');
    await s.exited;
    const m = FORBIDDEN.exec(s.raw);
    assert.equal(m, null, `raw U+${m?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} reached the terminal: ${JSON.stringify(s.raw.slice(Math.max(0, (m?.index ?? 0) - 60), (m?.index ?? 0) + 60))}`);
    const seen = s.frames.map((f) => f.lines.join('\n')).join('\n');
    assert.match(seen, /n\\nFINDINGS forged/, 'the newline is shown as \\n');
    assert.match(seen, /pod-\\x1b\]52;c;cHduZWQ=\\x07x/, 'OSC 52 is shown, not run');
    for (const f of s.frames) for (const line of f.lines) assert.doesNotMatch(line, /^\s*(│\s*)?FINDINGS forged/, 'a newline in a name started a row');
    assert.match(s.afterScreen(), /whoselects: service\/web in default/);
  } finally {
    s.kill();
    await cluster.api.close();
  }
});
