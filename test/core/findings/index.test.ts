// runRules: every rule's findings, errors first, then warnings, then infos, each in rule order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisContext, Rule } from '../../../src/core/findings/context.ts';
import { RULES, runRules } from '../../../src/core/findings/index.ts';
import { finding } from '../../../src/core/findings/context.ts';

test('findings are sorted by severity, stable within one', () => {
  const a: Rule = () => [finding('a1', 'info', '', [], []), finding('a2', 'warning', '', [], [])];
  const b: Rule = () => [finding('b1', 'error', '', [], []), finding('b2', 'info', '', [], []), finding('b3', 'warning', '', [], [])];
  const out = runRules({} as AnalysisContext, [a, b]);
  assert.deepEqual(out.map((f) => f.id), ['b1', 'a2', 'b3', 'a1', 'b2']);
});

test('every rule file is registered once', () => {
  assert.equal(RULES.length, 26);
  assert.equal(new Set(RULES).size, RULES.length);
});
