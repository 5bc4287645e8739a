// Huge reports: JSON written in pieces is byte for byte JSON.stringify's; text never
// spreads a huge array into a call; a big check is grouped, counts first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonChunks, toJSON } from '../../src/render/serialize.ts';
import { renderCheckText } from '../../src/render/check-text.ts';
import { byRule, byWorkload, GROUP_FROM } from '../../src/render/check-groups.ts';
import { table } from '../../src/render/table.ts';
import { PLAIN } from '../../src/render/theme.ts';
import { CHECK_KIND, SCHEMA_VERSION, type CheckReport, type Finding, type Severity } from '../../src/core/report.ts';

function checkReport(findings: Finding[]): CheckReport {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    kind: CHECK_KIND, schemaVersion: SCHEMA_VERSION, generatedAt: '2026-03-01T12:00:00.000Z', kubectlVersion: { version: '1.34', from: 'test' },
    source: { origin: 'manifests', namespace: 'a', context: null, cluster: null, inputs: ['big.yaml'], gaps: [], problems: [] },
    namespaces: ['a'], targets: findings.length, findings, summary: { findings: { error: count('error'), warning: count('warning'), info: count('info') } },
  };
}

function manyFindings(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i % 3 === 0 ? 'owner-mismatch' : i % 3 === 1 ? 'no-prestop-delay' : 'selects-several-workloads',
    severity: (i % 3 === 1 ? 'info' : 'warning') as Severity,
    message: `finding ${i}`,
    objects: [{ kind: i % 3 === 2 ? 'Service' : 'Deployment', name: `w-${i % 40}`, namespace: 'a' }, { kind: 'Pod', name: `p-${i}`, namespace: 'a' }],
    evidence: [`evidence ${i}`],
  }));
}

test('jsonChunks writes exactly what JSON.stringify(value, null, 2) writes', () => {
  const values: unknown[] = [
    checkReport(manyFindings(7)),
    { a: [], b: {}, c: [1, 'x', null, true, { d: undefined, e: [[]] }], f: undefined, g: 'line\nbreak "quoted"' },
    [undefined, { x: [1, 2, { y: 'z' }] }],
    'text', 3, null,
    { deep: { deeper: { deepest: [1, { two: [3] }] } }, at: new Date(0) },
    // Text that looks like JSON's structure, escapes, unsafe code points and characters of
    // several UTF-8 lengths, deep enough that each element is laid out from one compact text.
    {
      a: {
        b: [
          { 'key: {with} [brackets], "quotes"': ['{', '}', '[', ']', ',', ':', '"', '\\', 'a\\', '\\"', '\\"}, {'], after: [1, { x: 2 }] },
          { names: ['café', 'ŝ', '日本', '🙂', 'x\u007fy', 'bidi\u202eevil', 'zero\u200bwidth', '\u0085next'], 'k\u202ey': { 'i\u200bj': 1 } },
          { nested: [[[]], [{}], { a: {}, b: [] }, [[[[[1, [2, { c: [[3]] }]]]]]]] },
          { numbers: [-1, 0.5, 1e21, -1e-7, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY] },
        ],
      },
      'top\u202ekey': [{ 'in\u0085ner': 'v' }],
    },
    [[{ x: 'é'.repeat(50) }, { y: '🙂'.repeat(50) }], [{ z: [{}, [], ''] }]],
  ];
  for (const v of values) {
    for (const size of [1, 7, 1 << 20]) assert.equal([...jsonChunks(v, size)].join(''), toJSON(v), JSON.stringify(v));
  }
});

test('jsonChunks hands out a big report in bounded pieces', () => {
  const r = checkReport(manyFindings(30_000));
  const chunks = [...jsonChunks(r, 1 << 16)];
  assert.ok(chunks.length > 10);
  assert.ok(chunks.every((c) => c.length < (1 << 16) + 4096), 'no piece is much bigger than asked');
  assert.equal(chunks.join(''), toJSON(r));
});

test('jsonChunks writes a big container deep in the report element by element, in bounded pieces, as JSON.stringify lays it out', () => {
  const endpoints = Array.from({ length: 20_000 }, (_, i) => ({ pod: `shop-${i}`, ip: `10.0.${i >> 8}.${i & 255}`, ready: i % 7 !== 0, ports: [80, 443], none: undefined }));
  const byName = Object.fromEntries(endpoints.slice(0, 6000).map((e) => [e.pod, { zone: 'a', at: new Date(0) }]));
  const value = { routing: [{ service: { name: 'shop' }, ports: [{ port: 80, endpoints, byName, empty: [] }] }], small: { a: [1, { b: [] }] } };
  const chunks = [...jsonChunks(value, 1 << 16)];
  assert.equal(chunks.join(''), toJSON(value));
  assert.ok(chunks.length > 20);
  assert.ok(chunks.every((c) => c.length < (1 << 16) + 4096), 'no piece is much bigger than asked');
});

test('a table of 300,000 rows renders (no spread into Math.max)', () => {
  const rows = Array.from({ length: 300_000 }, (_, i) => [`pod-${i}`, i % 2 ? 'yes' : 'no']);
  const lines = table(['NAME', 'READY'], rows);
  assert.equal(lines.length, 300_001);
  assert.equal(lines[1], `  pod-0${' '.repeat('pod-299999'.length - 'pod-0'.length)}   no`);
});

test('check text with 150,000 findings: counts first, by rule and by object, then findings grouped by rule', () => {
  const r = checkReport(manyFindings(150_000));
  const text = renderCheckText(r, { theme: PLAIN, wide: false, now: new Date(0) });
  const lines = text.split('\n');
  assert.match(lines[2] ?? '', /^FINDINGS \(100000 warnings, 50000 infos\) from 3 rules on 80 objects$/);
  const byRuleAt = lines.indexOf('BY RULE');
  assert.deepEqual(lines.slice(byRuleAt + 1, byRuleAt + 5).map((l) => l.trim().split(/\s+/)), [
    ['RULE', 'SEVERITY', 'FINDINGS'], ['owner-mismatch', 'warning', '50000'], ['selects-several-workloads', 'warning', '50000'], ['no-prestop-delay', 'info', '50000'],
  ]);
  assert.ok(lines.some((l) => l.startsWith('BY OBJECT')));
  assert.ok(lines.includes('  … and 60 more objects'), 'only the 20 objects with most findings are listed');
  const groupAt = lines.indexOf('owner-mismatch (50000)');
  assert.ok(groupAt > byRuleAt, 'each rule heads its findings, after the counts');
  assert.equal(lines[groupAt + 1], '  ▲ warning finding 0');
  assert.equal(lines.filter((l) => /^ {2}\S+ \S+ +finding \d+$/.test(l)).length, 150_000, 'every finding is still listed');
});

test('small checks keep the plain list', () => {
  const r = checkReport(manyFindings(GROUP_FROM - 1));
  const text = renderCheckText(r, { theme: PLAIN, wide: false, now: new Date(0) });
  assert.ok(!text.includes('BY RULE'));
  assert.match(text, /FINDINGS \(16 warnings, 8 infos\)/);
});

test('grouping: worst rule first, then the biggest; objects by count', () => {
  const f = (id: string, severity: Severity, name: string): Finding => ({ id, severity, message: id, objects: [{ kind: 'Deployment', name, namespace: 'n' }], evidence: [] });
  const findings = [f('b', 'info', 'x'), f('a', 'warning', 'x'), f('c', 'error', 'y'), f('b', 'info', 'y'), f('b', 'warning', 'x')];
  assert.deepEqual(byRule(findings).map((g) => `${g.id}:${g.severity}:${g.findings.length}`), ['c:error:1', 'b:warning:3', 'a:warning:1']);
  assert.deepEqual(byWorkload(findings).map((w) => `${w.ref?.name}:${w.count}`), ['x:3', 'y:2']);
});
