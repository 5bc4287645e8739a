// The texts to parse, in order: every -f argument (files, directories, "-" for stdin),
// then every -k directory built with kustomize.

import type { ManifestDeps, TextRead } from './deps.ts';
import { expandPath } from './files.ts';
import { buildKustomization } from './kustomize.ts';
import { errorMessage, problem, type InputProblem } from './problem.ts';

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
  /** The text as written, when `text` is without the blanks that start its lines (TextRead), and its length. */
  asWritten?: () => string;
  writtenLength?: number;
}

export const STDIN = '-';

function unreadable(source: string, message: string): InputProblem {
  return problem(source, 0, null, `${source === STDIN ? 'stdin' : source} cannot be read: ${message}`);
}

/** What `load` reads, or why it could not be read. */
async function readOne(load: () => Promise<string | TextRead>): Promise<TextRead> {
  try {
    const read = await load();
    return typeof read === 'string' ? { text: read } : read;
  } catch (e) {
    return { error: errorMessage(e) };
  }
}

/** Files one by one through readFile, when the deps cannot read many at once. */
async function readEach(paths: string[], deps: ManifestDeps, each: (index: number, read: TextRead) => void): Promise<void> {
  for (let i = 0; i < paths.length; i++) each(i, await readOne(() => deps.readFile(paths[i] as string)));
}

/**
 * Every input's text, in order, and the problems met reading them. `visit` sees each text as
 * soon as it is read (files of a directory may arrive in any order), so the caller can parse
 * one while the next are read; the result is in the order of the arguments all the same.
 */
export async function readInputs(input: ManifestInput, deps: ManifestDeps, visit?: (text: InputText) => void): Promise<{ texts: InputText[]; problems: InputProblem[] }> {
  // In argument order: a text, the problems of one read or one path's expansion, or a file not read yet.
  const slots: (InputText | InputProblem[] | undefined)[] = [];
  const take = (slot: number, source: string, read: TextRead): void => {
    if ('error' in read) {
      slots[slot] = [unreadable(source, read.error)];
      return;
    }
    const text: InputText = { source, ...read };
    slots[slot] = text;
    visit?.(text);
  };
  for (const arg of input.files) {
    if (arg === STDIN) {
      take(slots.push(undefined) - 1, STDIN, await readOne(() => deps.readStdinText?.() ?? deps.readStdin()));
      continue;
    }
    const expanded = await expandPath(arg, input.recursive, deps);
    slots.push(expanded.problems);
    const first = slots.length;
    for (let i = 0; i < expanded.files.length; i++) slots.push(undefined);
    const each = (i: number, read: TextRead): void => take(first + i, expanded.files[i] as string, read);
    if (deps.readFiles) await deps.readFiles(expanded.files, each);
    else await readEach(expanded.files, deps, each);
  }
  for (const dir of input.kustomizeDirs) {
    const built = await buildKustomization(dir, deps);
    slots.push(built.problems);
    if (built.text !== null) {
      const text = { source: built.source, text: built.text };
      slots.push(text);
      visit?.(text);
    }
  }
  const texts: InputText[] = [];
  const problems: InputProblem[] = [];
  for (const s of slots) {
    if (Array.isArray(s)) problems.push(...s);
    else if (s !== undefined) texts.push(s);
  }
  return { texts, problems };
}
