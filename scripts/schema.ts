// Generates the JSON Schemas of the public formats from their TypeScript types: the report
// (src/core/report.ts), watch mode's NDJSON lines and rollout report (src/core/timeline/types.ts)
// and the event log of --record/--replay (src/sources/replay/log.ts). `node scripts/schema.ts
// --write` updates schema/; test/golden/schema.test.ts and test/golden/watch/schema.test.ts fail when
// the committed schemas and the types disagree.

import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

export const SCHEMAS = [
  { type: 'Report', path: 'src/core/report.ts', file: 'schema/report.v1.schema.json', id: 'https://whoselects.dev/schema/report.v1.schema.json', title: 'kubectl whoselects report, schemaVersion 1' },
  { type: 'CheckReport', path: 'src/core/report.ts', file: 'schema/check.v1.schema.json', id: 'https://whoselects.dev/schema/check.v1.schema.json', title: 'kubectl whoselects check report, schemaVersion 1' },
  { type: 'RolloutReport', path: 'src/core/timeline/types.ts', file: 'schema/rollout-report.v1.schema.json', id: 'https://whoselects.dev/schema/rollout-report.v1.schema.json', title: 'kubectl whoselects rollout report (watch mode), schemaVersion 1' },
  { type: 'Change', path: 'src/core/timeline/types.ts', file: 'schema/change.v1.schema.json', id: 'https://whoselects.dev/schema/change.v1.schema.json', title: 'kubectl whoselects watch mode: one line of -o json (NDJSON), schemaVersion 1' },
  { type: 'EventLogLine', path: 'src/sources/replay/log.ts', file: 'schema/event-log.v1.schema.json', id: 'https://whoselects.dev/schema/event-log.v1.schema.json', title: 'kubectl whoselects event log (--record/--replay): one NDJSON line, the header first; schemaVersion 1' },
] as const;

export function generateSchema(type: string, id: string, title: string, path: string = SCHEMAS.find((s) => s.type === type)?.path ?? 'src/core/report.ts'): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const schema = createGenerator({ path: `${root}${path}`, tsconfig: `${root}tsconfig.json`, type, topRef: false, skipTypeCheck: true, additionalProperties: false }).createSchema(type);
  return `${JSON.stringify({ $id: id, title, ...schema }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const s of SCHEMAS) {
    const text = generateSchema(s.type, s.id, s.title, s.path);
    if (process.argv.includes('--write')) await writeFile(new URL(`../${s.file}`, import.meta.url), text);
    else process.stdout.write(text);
  }
}
