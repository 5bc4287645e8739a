// The layers point one way and nothing goes round in a circle: read from the import
// statements of src/, and the lint rules shown to reject a back-import in every layer.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { circles, importGraph, layerOf, ROOT } from './graph.ts';

/** Which layers each layer may import (itself always). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  sources: ['core'],
  render: ['core'],
  tui: ['core', 'render'],
  cli: ['core', 'sources', 'render', 'tui'],
};

describe('the import graph of src/', () => {
  const graph = importGraph();

  test('is read: every layer has files and imports', () => {
    for (const l of Object.keys(ALLOWED)) assert.ok([...graph.keys()].some((f) => layerOf(f) === l), l);
    assert.ok([...graph.values()].flat().length > 300);
  });

  test('has no circle', () => {
    assert.deepEqual(circles(graph), []);
  });

  test('the circle finder finds a circle', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    assert.deepEqual(circles(g), [['a', 'b', 'c']]);
  });

  test('every import points to the layer itself or one it may use', () => {
    const back: string[] = [];
    for (const [from, tos] of graph) {
      for (const to of tos) {
        const a = layerOf(from);
        const b = layerOf(to);
        if (a !== b && !(ALLOWED[a] ?? []).includes(b)) back.push(`${from} -> ${to}`);
      }
    }
    assert.deepEqual(back, []);
  });
});

describe('lint rejects a back-import', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const cases: [string, string][] = [
    ['src/core/x.ts', "import { run } from '../cli/run.ts';"],
    ['src/core/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/sources/live/x.ts', "import type { Request } from '../../cli/request.ts';"],
    ['src/sources/x.ts', "import { renderReportText } from '../render/text.ts';"],
    ['src/render/x.ts', "import type { SourceResult } from '../sources/result.ts';"],
    ['src/render/x.ts', "import type { TuiArgs } from '../tui/run-tui.ts';"],
    ['src/tui/x.ts', "import { loadSource } from '../cli/source.ts';"],
    ['src/render/model/x.ts', "import type { SourceResult } from '../../sources/result.ts';"],
  ];
  for (const [filePath, code] of cases) {
    test(`${filePath}: ${code}`, async () => {
      const [result] = await eslint.lintText(`${code}\nexport const used = 1;\n`, { filePath: `${ROOT}/${filePath}` });
      const messages = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
      assert.equal(messages.length, 1, JSON.stringify(result?.messages));
    });
  }

  test('and accepts the arrows that point the right way', async () => {
    const ok: [string, string][] = [
      ['src/sources/x.ts', "import type { Snapshot } from '../core/snapshot.ts';"],
      ['src/tui/x.ts', "import { chooseTheme } from '../render/theme.ts';"],
      ['src/cli/x.ts', "import type { SourceResult } from '../sources/result.ts';"],
    ];
    for (const [filePath, code] of ok) {
      const [result] = await eslint.lintText(`${code}\nexport const used = 1;\n`, { filePath: `${ROOT}/${filePath}` });
      assert.deepEqual((result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports'), [], `${filePath}: ${code}`);
    }
  });
});
