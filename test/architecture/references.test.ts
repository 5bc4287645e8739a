// Every "trap N" and "§N.M" a comment in src/ or test/ cites resolves in docs/semantics.md,
// the project's own statement of the rules it implements.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './graph.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'expected' || e.name === 'kube-bins' ? [] : sources(p);
    return /\.(ts|mjs|js)$/.test(e.name) ? [p] : [];
  });
}

const doc = readFileSync(join(ROOT, 'docs/semantics.md'), 'utf8');
const traps = new Set([...doc.slice(doc.indexOf('## 7. Traps')).matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1])));
const sections = new Set([...doc.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1] as string));

/** The numbers a citation names: "trap 4", "traps 23–30", "traps 19, 21". */
function cited(text: string, word: RegExp): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(word)) {
    const list = m[1] as string;
    for (const part of list.split(/,\s*/)) {
      const range = part.split(/[–-]/).map(Number);
      if (range.length === 2) for (let n = range[0] as number; n <= (range[1] as number); n++) out.push(n);
      else out.push(range[0] as number);
    }
  }
  return out;
}

describe('citations of docs/semantics.md', () => {
  const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'test'))];

  test('the document has its 40 traps and numbered sections', () => {
    assert.deepEqual([...traps].sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i + 1));
    for (const s of ['1.4', '2.3', '4.9', '5.6', '6.9', '8']) assert.ok(sections.has(s), s);
  });

  test('every trap N cited in the code exists', () => {
    const missing: string[] = [];
    let count = 0;
    for (const f of files) {
      for (const n of cited(readFileSync(f, 'utf8'), /\btraps? (\d+(?:\s*[–-]\s*\d+)?(?:,\s*\d+(?:\s*[–-]\s*\d+)?)*)/gi)) {
        count++;
        if (!traps.has(n)) missing.push(`${relative(ROOT, f)}: trap ${n}`);
      }
    }
    assert.ok(count > 100, `${count} citations found`);
    assert.deepEqual(missing, []);
  });

  test('every § cited in the code is a section', () => {
    const missing: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/§\s?(\d+(?:\.\d+)?)(?:\s*[–-]\s*(\d+(?:\.\d+)?))?/g)) {
        for (const s of [m[1], m[2]]) if (s && !sections.has(s)) missing.push(`${relative(ROOT, f)}: §${s}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
