import './no-ci.ts';
// The Escape key reaches the screen's handler in the same turn as the read that brought it,
// not after Ink's wait for the rest of an escape sequence; every other read is untouched.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { render, useInput, type Key } from 'ink';
import { ESCAPE_CSI_U, escapeAtOnce } from '../../src/tui/escape-key.ts';
import { FakeStdin, FakeStdout, tick } from './render.ts';

describe('the Escape key without the wait', () => {
  test('a read holding ESC alone reads as the Escape key; anything else as it came', () => {
    const stdin = new FakeStdin();
    const seen = escapeAtOnce(stdin);
    const reads: unknown[] = [];
    for (const chunk of ['\u001b', '\u001b[A', '\u001bx', '\u001b\u001b', 'q', '\u001b[27u']) {
      stdin.send(chunk);
      reads.push(seen.read());
    }
    assert.deepEqual(reads, [ESCAPE_CSI_U, '\u001b[A', '\u001bx', '\u001b\u001b', 'q', '\u001b[27u']);
    assert.equal(seen.read(), null);
  });

  test('bytes too: one ESC byte is Escape, a longer read is left alone', () => {
    const chunks: Buffer[] = [Buffer.from([0x1b]), Buffer.from('\u001b[B')];
    const seen = escapeAtOnce({ read: () => chunks.shift() ?? null });
    assert.equal(String(seen.read()), ESCAPE_CSI_U);
    assert.equal(String(seen.read()), '\u001b[B');
  });

  test('the stream keeps its own listeners, raw mode and TTY flag', () => {
    const stdin = new FakeStdin();
    const seen = escapeAtOnce(stdin);
    const listener = () => {};
    seen.addListener('readable', listener);
    assert.equal(stdin.listenerCount('readable'), 1);
    seen.removeListener('readable', listener);
    assert.equal(stdin.listenerCount('readable'), 0);
    assert.equal(seen.isTTY, true);
    assert.ok('setRawMode' in seen);
  });

  for (const wrapped of [true, false]) {
    test(`Ink ${wrapped ? 'hands Escape over at once' : 'holds a bare ESC back until its timer fires'}`, async () => {
      const stdin = new FakeStdin();
      const keys: { input: string; key: Key }[] = [];
      function Probe(): null {
        useInput((input, key) => { keys.push({ input, key }); });
        return null;
      }
      const instance = render(React.createElement(Probe), {
        stdout: new FakeStdout(40, 10) as unknown as NodeJS.WriteStream,
        stderr: new FakeStdout(40, 10) as unknown as NodeJS.WriteStream,
        stdin: (wrapped ? escapeAtOnce(stdin) : stdin) as unknown as NodeJS.ReadStream,
        debug: true, exitOnCtrlC: false, patchConsole: false,
      });
      try {
        for (let i = 0; i < 200 && !stdin.listening(); i++) await tick(5);
        assert.ok(stdin.listening(), 'Ink listens for keys');
        stdin.send('\u001b');
        // Answered in the turn of the read, or not yet.
        assert.equal(keys.length, wrapped ? 1 : 0);
        // Either way it is Escape in the end, and nothing else is typed.
        for (let i = 0; i < 200 && keys.length === 0; i++) await tick(5);
        assert.equal(keys.length, 1);
        assert.equal(keys[0]?.key.escape, true);
        assert.equal(keys[0]?.input, '');
        // An arrow key in one read is still the arrow key.
        stdin.send('\u001b[A');
        for (let i = 0; i < 200 && keys.length === 1; i++) await tick(5);
        assert.equal(keys[1]?.key.upArrow, true);
        assert.equal(keys[1]?.key.escape, false);
      } finally {
        instance.unmount();
      }
    });
  }
});
