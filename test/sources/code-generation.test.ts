// Two readers make small functions from text once per shape, for speed (field checks of every
// object read, and the objects a protobuf page decodes into); the text comes from their own
// tables, never from input. Where Node refuses code generation from strings
// (--disallow-code-generation-from-strings, as some locked-down setups run it), both fall back
// to plain walks: their tests pass there too, with the same answers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

for (const file of ['test/sources/manifests/shapes.test.ts', 'test/sources/live/protobuf.test.ts']) {
  test(`${file} passes with code generation from strings refused`, () => {
    // Run as a program of its own (a test runner's child would report in the runner's protocol).
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', file], { cwd: root, encoding: 'utf8', env });
    assert.equal(r.status, 0, `${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`);
    assert.match(r.stdout, /ℹ fail 0/);
    assert.doesNotMatch(r.stdout, /ℹ pass 0\n/);
  });
}
