// Generates the JSON Schemas of the public report formats from the TypeScript types in
// src/core/report.ts. `node scripts/schema.ts --write` updates schema/; the test
// test/golden/schema.test.ts fails when the committed schemas and the types disagree.

import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

export const SCHEMAS = [
  { type: 'Report', file: 'schema/report.v1.schema.json', id: 'https://whoselects.dev/schema/report.v1.schema.json', title: 'kubectl whoselects report, schemaVersion 1' },
  { type: 'CheckReport', file: 'schema/check.v1.schema.json', id: 'https://whoselects.dev/schema/check.v1.schema.json', title: 'kubectl whoselects check report, schemaVersion 1' },
] as const;

export function generateSchema(type: string, id: string, title: string): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const schema = createGenerator({ path: `${root}src/core/report.ts`, tsconfig: `${root}tsconfig.json`, type, topRef: false, skipTypeCheck: true, additionalProperties: false }).createSchema(type);
  return `${JSON.stringify({ $id: id, title, ...schema }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const s of SCHEMAS) {
    const text = generateSchema(s.type, s.id, s.title);
    if (process.argv.includes('--write')) await writeFile(new URL(`../${s.file}`, import.meta.url), text);
    else process.stdout.write(text);
  }
}
