// The report's severities and versions: the order every list of findings follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECK_KIND, REPORT_KIND, SCHEMA_VERSION, SEVERITIES, severityRank } from '../../src/core/report.ts';

test('severities rank error > warning > info, listed in that order', () => {
  assert.deepEqual(SEVERITIES, ['error', 'warning', 'info']);
  assert.ok(severityRank('error') > severityRank('warning'));
  assert.ok(severityRank('warning') > severityRank('info'));
  assert.deepEqual([...SEVERITIES].sort((a, b) => severityRank(b) - severityRank(a)), SEVERITIES);
});

test('report kinds and schema version', () => {
  assert.equal(REPORT_KIND, 'WhoSelectsReport');
  assert.equal(CHECK_KIND, 'WhoSelectsCheck');
  assert.equal(SCHEMA_VERSION, 1);
});
