// Which form of the program the bench runs as "ours". By default the form users run: the
// shipped linux-amd64 executable that `npm run build` writes (dist/sea/linux-amd64: Node and
// the bundle in one file, with its code cache). BENCH_PROGRAM=bundle runs dist/whoselects.mjs
// with the project's Node (the npm package's form), BENCH_PROGRAM=sources the TypeScript
// sources (bin/'s development form: Node strips the types of every file on every start).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './measure.ts';

export interface Program {
  /** The executable and the arguments that come before ours. */
  cmd: string;
  prefix: string[];
  /** How the results name it. */
  label: string;
}

const node = join(root, 'node_modules/node/bin/node');

function shipped(): Program | null {
  const exe = join(root, 'dist/sea/linux-amd64');
  if (process.platform !== 'linux' || process.arch !== 'x64' || !existsSync(exe)) return null;
  return { cmd: exe, prefix: [], label: 'the shipped linux-amd64 executable (`dist/sea/linux-amd64`)' };
}

function bundle(): Program | null {
  const file = join(root, 'dist/whoselects.mjs');
  return existsSync(file) ? { cmd: node, prefix: [file], label: 'the bundle run by the project\'s Node (`node dist/whoselects.mjs`, the npm package\'s form)' } : null;
}

const sources = (): Program => ({ cmd: node, prefix: [join(root, 'src/cli/main.ts')], label: 'the TypeScript sources run by the project\'s Node (`node src/cli/main.ts`)' });

export function program(): Program {
  const wanted = process.env.BENCH_PROGRAM ?? 'shipped';
  if (wanted === 'sources') return sources();
  if (wanted === 'bundle') {
    const b = bundle();
    if (b) return b;
    throw new Error('BENCH_PROGRAM=bundle: dist/whoselects.mjs is missing; run npm run build first');
  }
  if (wanted !== 'shipped') throw new Error(`BENCH_PROGRAM=${wanted}: use shipped, bundle or sources`);
  const s = shipped() ?? bundle();
  if (s) return s;
  throw new Error('the bench measures the built program: run npm run build first (or set BENCH_PROGRAM=sources)');
}
