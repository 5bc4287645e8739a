// The JSON schemas match the report types, and every JSON golden validates against them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { SCHEMAS, generateSchema } from '../../scripts/schema.ts';

const root = new URL('../../', import.meta.url).pathname;

async function jsonGoldens(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await jsonGoldens(p)));
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

test('the committed schemas equal the ones generated from src/core/report.ts', async () => {
  for (const s of SCHEMAS) {
    assert.equal(await readFile(join(root, s.file), 'utf8'), generateSchema(s.type, s.id, s.title), `${s.file} is stale: run node scripts/schema.ts --write`);
  }
});

test('every JSON golden validates against its schema', async () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = {
    WhoSelectsReport: ajv.compile(JSON.parse(await readFile(join(root, 'schema/report.v1.schema.json'), 'utf8'))),
    WhoSelectsCheck: ajv.compile(JSON.parse(await readFile(join(root, 'schema/check.v1.schema.json'), 'utf8'))),
  };
  const files = await jsonGoldens(join(root, 'test/golden/expected'));
  assert.ok(files.length >= 10, `expected JSON goldens, found ${files.length}`);
  for (const f of files) {
    const doc = JSON.parse(await readFile(f, 'utf8')) as { kind: keyof typeof validators; schemaVersion: number };
    assert.equal(doc.schemaVersion, 1, f);
    const validate = validators[doc.kind];
    assert.ok(validate, `${f}: unknown kind ${doc.kind}`);
    assert.ok(validate(doc), `${f}: ${ajv.errorsText(validate.errors)}`);
  }
});

test('the schema rejects a report missing its version', async () => {
  const ajv = new Ajv({ strict: false });
  const validate = ajv.compile(JSON.parse(await readFile(join(root, 'schema/report.v1.schema.json'), 'utf8')));
  const [first] = (await jsonGoldens(join(root, 'test/golden/expected'))).filter((f) => !f.endsWith('check.json'));
  const doc = JSON.parse(await readFile(first as string, 'utf8')) as Record<string, unknown>;
  delete doc.schemaVersion;
  assert.equal(validate(doc), false);
});
