// The walk of `whoselects svc/x`, from bin/ through every module it can load (static,
// type-only and dynamic imports): the command line, then the source that reads the world,
// the core that analyses it and the renderer that shows it. Along every path of that walk a
// layer once left is never entered again, so each layer can be read knowing only the ones
// below it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importGraph, layerOf, ROOT } from './graph.ts';

/** The module bin/whoselects.mjs runs from a checkout. */
function entryOfBin(): string {
  const bin = readFileSync(join(ROOT, 'bin/whoselects.mjs'), 'utf8');
  const m = /new URL\('\.\.\/(src\/[^']+\.ts)'/.exec(bin);
  assert.ok(m, 'bin/whoselects.mjs names its source entry');
  return m[1] as string;
}

/** Every file reachable from `start`. */
function reachable(graph: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set([start]);
  const todo = [start];
  while (todo.length) for (const to of graph.get(todo.pop() as string) ?? []) if (graph.has(to) && !seen.has(to)) { seen.add(to); todo.push(to); }
  return seen;
}

/** The layers each layer's files import, over the reachable files. */
function layerEdges(graph: Map<string, string[]>, files: Set<string>): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const f of files) {
    for (const to of graph.get(f) ?? []) {
      const a = layerOf(f);
      const b = layerOf(to);
      if (a === b || !files.has(to)) continue;
      edges.set(a, (edges.get(a) ?? new Set()).add(b));
    }
  }
  return edges;
}

/** A path of layers from `from` that comes back to `from`, or null. */
function returnTo(edges: Map<string, Set<string>>, from: string): string[] | null {
  const walk = (at: string, path: string[]): string[] | null => {
    for (const next of edges.get(at) ?? []) {
      if (next === from) return [...path, next];
      if (path.includes(next)) continue;
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };
  return walk(from, [from]);
}

/** One file path from `start` to `goal`, as its layers. */
function layersOnPath(graph: Map<string, string[]>, start: string, goal: string): string[] | null {
  const parent = new Map<string, string>([[start, start]]);
  const queue = [start];
  while (queue.length) {
    const f = queue.shift() as string;
    if (f === goal) {
      const path = [f];
      while (path[0] !== start) path.unshift(parent.get(path[0] as string) as string);
      return path.map(layerOf).filter((l, i, all) => i === 0 || all[i - 1] !== l);
    }
    for (const to of graph.get(f) ?? []) if (graph.has(to) && !parent.has(to)) { parent.set(to, f); queue.push(to); }
  }
  return null;
}

const graph = importGraph();
const entry = entryOfBin();
const walk = reachable(graph, entry);

test('the walk starts in the command line and reaches every layer', () => {
  assert.equal(layerOf(entry), 'cli');
  assert.deepEqual([...new Set([...walk].map(layerOf))].sort(), ['cli', 'core', 'render', 'sources', 'tui']);
});

test('svc/x: cli reads through a source, which analyses nothing itself, and the core is reached from both', () => {
  // The files a run of `whoselects svc/x` goes through, in the order they act.
  const steps = ['src/cli/request.ts', 'src/sources/manifests/source.ts', 'src/sources/live/load.ts', 'src/core/analyze.ts', 'src/render/text.ts'];
  for (const s of steps) assert.ok(walk.has(s), `${s} is reached from ${entry}`);
  assert.deepEqual(layersOnPath(graph, entry, 'src/sources/live/load.ts'), ['cli', 'sources']);
  assert.deepEqual(layersOnPath(graph, 'src/sources/live/load.ts', 'src/core/snapshot.ts'), ['sources', 'core']);
  assert.deepEqual(layersOnPath(graph, entry, 'src/render/text.ts'), ['cli', 'render']);
  assert.deepEqual(layersOnPath(graph, 'src/render/text.ts', 'src/core/refs.ts'), ['render', 'core']);
});

test('no path of the walk returns to a layer it left', () => {
  const edges = layerEdges(graph, walk);
  for (const l of edges.keys()) assert.equal(returnTo(edges, l), null, `a path leaves ${l} and comes back`);
  assert.equal(edges.get('core'), undefined, 'the core imports no other layer');
});

test('the check finds a return when one is there', () => {
  const g = new Map([['src/cli/a.ts', ['src/render/b.ts']], ['src/render/b.ts', ['src/cli/c.ts']], ['src/cli/c.ts', []]]);
  const edges = layerEdges(g, reachable(g, 'src/cli/a.ts'));
  assert.deepEqual(returnTo(edges, 'cli'), ['cli', 'render', 'cli']);
});
