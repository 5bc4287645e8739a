#!/bin/sh
':' //; d=$(dirname "$0"); [ -L "$0" ] && d=$(dirname "$(readlink -f "$0")"); f="--min-semi-space-size=2 --max-semi-space-size=8"; for n in "$d/../node_modules/node/bin/node" "$d/../../node/bin/node"; do [ -x "$n" ] && exec "$n" $f "$0" "$@"; done; exec node $f "$0" "$@"
// The command's launcher, run by sh first: it re-executes itself with the Node 26 the
// project pins (node_modules/node), falling back to the node on PATH, with the young
// generation the shipped executable has (scripts/build/sea.ts, EXEC_ARGV). Node then runs the
// rest of this file as a module: in a checkout, the TypeScript sources directly; in the
// installed npm package (which carries no sources), the bundle built by npm run build.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
const major = Number(process.versions.node.split('.')[0]);
const fromSources = existsSync(sources);
if (fromSources && major < 23) {
  process.stderr.write(`whoselects: needs Node 26 (found ${process.version}) — run npm ci in the project, which installs the pinned Node\n`);
  process.exit(2);
}
// Cache compiled (and type-stripped) modules between runs: start-up is most of a run's time.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
// With -v, stack traces name the TypeScript sources through the bundle's source map.
if (!fromSources && process.argv.some((a) => a === '-v' || a === '--verbose')) process.setSourceMapsEnabled?.(true);
await import(fromSources ? sources.href : new URL('../dist/whoselects.mjs', import.meta.url).href);
