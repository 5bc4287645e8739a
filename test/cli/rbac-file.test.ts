// deploy/rbac.yaml grants exactly what the live source reads: every modelled kind's resource,
// get/list/watch only, nothing else (no Secrets, no writes); the Role has no cluster-scoped kinds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { RESOURCE_TYPES } from '../../src/core/resources.ts';
import { isNamespaced } from '../../src/sources/live/resources.ts';

interface Rule { apiGroups: string[]; resources: string[]; verbs: string[] }
const docs = parseAllDocuments(readFileSync(new URL('../../deploy/rbac.yaml', import.meta.url), 'utf8')).map((d) => d.toJS() as { kind: string; rules: Rule[] });

function grants(rules: Rule[]): string[] {
  return rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.map((res) => (g ? `${res}.${g}` : res)))).sort();
}

test('the ClusterRole grants get, list and watch on every resource read, and nothing else', () => {
  const role = docs.find((d) => d.kind === 'ClusterRole');
  assert.ok(role);
  assert.deepEqual(grants(role.rules), RESOURCE_TYPES.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural)).sort());
  for (const r of role.rules) assert.deepEqual([...r.verbs].sort(), ['get', 'list', 'watch']);
});

test('the Role grants the namespaced ones only, read-only', () => {
  const role = docs.find((d) => d.kind === 'Role');
  assert.ok(role);
  assert.deepEqual(grants(role.rules), RESOURCE_TYPES.filter((t) => isNamespaced(t.kind)).map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural)).sort());
  for (const r of role.rules) assert.deepEqual([...r.verbs].sort(), ['get', 'list', 'watch']);
  assert.ok(!JSON.stringify(docs).includes('secrets'));
});
