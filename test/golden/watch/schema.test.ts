// The event log's schema (generated from src/sources/replay/log.ts) accepts the golden logs
// line by line and rejects broken ones; the NDJSON goldens validate against the Change and
// RolloutReport schemas; the committed logs are exactly what craft.ts makes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { LOGS, logText } from './craft.ts';

const root = new URL('../../../', import.meta.url);
const schema = async (file: string) => JSON.parse(await readFile(new URL(`schema/${file}`, root), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
const validator = async (file: string) => compiled.get(file) ?? compiled.set(file, ajv.compile(await schema(file))).get(file) as ReturnType<typeof ajv.compile>;
const lines = async (url: URL) => (await readFile(url, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

test('every line of the golden event logs validates against schema/event-log.v1.schema.json', async () => {
  const validate = await validator('event-log.v1.schema.json');
  for (const l of LOGS) {
    const all = await lines(new URL(`./logs/${l.file}`, import.meta.url));
    assert.equal(all[0]?.kind, 'WhoSelectsEventLog', `${l.file}: the header comes first`);
    assert.ok(all.length > 40, `${l.file}: a whole rollout`);
    for (const [i, line] of all.entries()) assert.ok(validate(line), `${l.file} line ${i + 1}: ${ajv.errorsText(validate.errors)}`);
  }
});

test('the schema rejects a header without its version, an unknown event type and an event without a time', async () => {
  const validate = await validator('event-log.v1.schema.json');
  const [header, event] = await lines(new URL(`./logs/${LOGS[0].file}`, import.meta.url));
  const noVersion = { ...header };
  delete noVersion.schemaVersion;
  assert.equal(validate(noVersion), false);
  assert.equal(validate({ ...event, type: 'replace' }), false);
  const noTime = { ...event };
  delete noTime.at;
  assert.equal(validate(noTime), false);
  assert.equal(validate(event), true);
});

test('the NDJSON goldens are Change lines and end with one RolloutReport', async () => {
  const change = await validator('change.v1.schema.json');
  const report = await validator('rollout-report.v1.schema.json');
  for (const l of LOGS) {
    const all = await lines(new URL(`./expected/${l.file}`, import.meta.url));
    const last = all.pop();
    assert.ok(report(last), `${l.file} report: ${ajv.errorsText(report.errors)}`);
    for (const [i, c] of all.entries()) assert.ok(change(c), `${l.file} line ${i + 1}: ${ajv.errorsText(change.errors)}`);
  }
});

test('the committed logs are what craft.ts makes (node test/golden/watch/craft.ts --write)', async () => {
  for (const l of LOGS) assert.equal(await readFile(new URL(`./logs/${l.file}`, import.meta.url), 'utf8'), logText(l.options), l.file);
});
