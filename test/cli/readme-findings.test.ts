// The README's findings table lists every finding id in the catalogue (and so every rule
// SARIF and suppressions know), with the peer linters' equivalent ids the catalogue names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FINDING_RULES } from '../../src/core/findings/catalog.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const table = readme.slice(readme.indexOf('## Findings'), readme.indexOf('## Development'));

test('every catalogued finding id is in the README table, with its peers', () => {
  for (const r of FINDING_RULES) {
    const row = table.split('\n').find((l) => l.startsWith('|') && (l.includes(`\`${r.id}\``) || (r.id.startsWith('endpoints-') && l.includes('`endpoints-*`'))));
    assert.ok(row, `${r.id} is missing from the README findings table`);
    for (const peer of [...(r.kubeLinter ?? []), ...(r.kubeScore ?? [])]) assert.ok(row.includes(`\`${peer}\``), `${r.id}: peer ${peer} not named`);
  }
});
