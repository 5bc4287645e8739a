// A namespace named on the command line or by configuration: what kubectl refuses before sending
// (not a URL path segment) and what no namespace can be named (not a DNS-1123 label).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namespaceProblem } from '../../src/core/namespace-name.ts';

test('valid namespaces, and the empty one (no value: the context\'s, else "default")', () => {
  for (const ns of ['', 'default', 'kube-system', 'a', '0', '1-a', 'a'.repeat(63)]) assert.equal(namespaceProblem(ns, '-n'), null, ns);
});

test('what kubectl refuses before sending: ".", "..", a "/" or a "%"', () => {
  for (const [ns, why] of [['.', /may not be "\."/], ['..', /may not be "\.\."/], ['a/b', /may not contain '\/'$/], ['50%', /may not contain '%'$/], ['a/%', /may not contain '\/' or '%'$/]] as const) {
    const p = namespaceProblem(ns, '-n');
    assert.match(p?.message ?? '', new RegExp(`^invalid namespace ${JSON.stringify(ns).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(-n\\): `), ns);
    assert.match(p?.message ?? '', why, ns);
    assert.match(p?.hint ?? '', /kubectl refuses this one too/);
  }
});

test('what no namespace can be named: not a DNS-1123 label; a close name suggested', () => {
  for (const ns of ['Team_A', 'team.a', '-a', 'a-', 'a b', 'é', 'a\u001b[2J', 'a'.repeat(64)]) {
    const p = namespaceProblem(ns, 'check\'s namespace argument');
    assert.match(p?.message ?? '', /^namespace .* \(check's namespace argument\) (is not a valid namespace name|is 64 characters long \(at most 63\)): no namespace can have it$/, ns);
  }
  assert.match(namespaceProblem('Team_A', '-n')?.hint ?? '', /e\.g\. "team-a" \(kubectl would send it and find nothing\)$/);
  assert.match(namespaceProblem('x'.repeat(100_000), '-n')?.message ?? '', /…" \(100000 characters\) \(-n\) is 100000 characters long/, 'a long value is clipped');
});
