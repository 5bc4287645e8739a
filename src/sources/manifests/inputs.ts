// The texts to parse, in order: every -f argument (files, directories, "-" for stdin),
// then every -k directory built with kustomize.

import type { ManifestDeps } from './deps.ts';
import { expandPath } from './files.ts';
import { buildKustomization } from './kustomize.ts';
import { problem, type InputProblem } from './problem.ts';

export interface ManifestInput {
  /** -f arguments: files, directories, or "-" for stdin. */
  files: string[];
  /** -R: read subdirectories of -f directories. */
  recursive: boolean;
  /** -k arguments. */
  kustomizeDirs: string[];
}

export interface InputText {
  source: string;
  text: string;
}

export const STDIN = '-';

async function read(source: string, load: () => Promise<string>, problems: InputProblem[], texts: InputText[]): Promise<void> {
  try {
    texts.push({ source, text: await load() });
  } catch (e) {
    problems.push(problem(source, 0, null, `${source === STDIN ? 'stdin' : source} cannot be read: ${e instanceof Error ? e.message : String(e)}`));
  }
}

export async function readInputs(input: ManifestInput, deps: ManifestDeps): Promise<{ texts: InputText[]; problems: InputProblem[] }> {
  const texts: InputText[] = [];
  const problems: InputProblem[] = [];
  for (const arg of input.files) {
    if (arg === STDIN) {
      await read(STDIN, () => deps.readStdin(), problems, texts);
      continue;
    }
    const expanded = await expandPath(arg, input.recursive, deps);
    problems.push(...expanded.problems);
    for (const file of expanded.files) await read(file, () => deps.readFile(file), problems, texts);
  }
  for (const dir of input.kustomizeDirs) {
    const built = await buildKustomization(dir, deps);
    problems.push(...built.problems);
    if (built.text !== null) texts.push({ source: built.source, text: built.text });
  }
  return { texts, problems };
}
