// Every example, through the offline source, in every output format, against its golden.
// WHOSELECTS_UPDATE_GOLDEN=1 rewrites the goldens (then review the diff).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CASES, FORMATS } from './cases.ts';
import { runCli } from './harness.ts';

const update = process.env.WHOSELECTS_UPDATE_GOLDEN === '1';
const ext = { text: 'txt', wide: 'wide.txt', json: 'json', yaml: 'yaml' } as const;

for (const c of CASES) {
  for (const format of FORMATS) {
    test(`${c.slug} -o ${format}`, async () => {
      const out = await runCli([...(format === 'text' ? [] : ['-o', format]), ...c.args]);
      assert.equal(out.stderr, '', `stderr: ${out.stderr}`);
      assert.equal(out.code, c.exit, `exit code of ${c.args.join(' ')}`);
      const path = new URL(`./expected/${c.slug}.${ext[format]}`, import.meta.url);
      if (update) {
        await mkdir(dirname(path.pathname), { recursive: true });
        await writeFile(path, out.stdout);
        return;
      }
      assert.equal(out.stdout, await readFile(path, 'utf8'));
    });
  }
}
