// The README's flag reference is the one generated from the command definitions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BEGIN, END, flagsMarkdown } from '../../scripts/flags-doc.ts';
import { buildProgram } from '../../src/cli/program.ts';

test('README.md carries the generated flag reference', async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END) + END.length);
  assert.equal(section, flagsMarkdown(), 'run npm run docs:flags');
});

test('every flag of the program appears in the reference', () => {
  const doc = flagsMarkdown();
  const program = buildProgram({ onInvocation: () => undefined });
  for (const o of program.options) assert.ok(doc.includes(String(o.long)), String(o.long));
  for (const c of program.commands) assert.ok(doc.includes(`\`${c.name()} `), c.name());
});
