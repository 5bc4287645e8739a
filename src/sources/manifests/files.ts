// `-f PATH` as kubectl expands it (cli-runtime pkg/resource/builder.go: Builder.Path;
// visitor.go: ExpandPathsToFileVisitors): a file is read whatever its extension; a
// directory contributes its .json/.yaml/.yml files in lexical order, and its
// subdirectories only with -R (filepath.Walk order: entries sorted by name, each
// subdirectory walked where it sorts).

import type { DirEntry, ManifestDeps, PathInfo } from './deps.ts';
import { errorMessage, problem, type InputProblem } from './problem.ts';

export const MANIFEST_EXTENSIONS = ['.json', '.yaml', '.yml'];

export interface ExpandedPath {
  files: string[];
  problems: InputProblem[];
}

function hasManifestExtension(name: string): boolean {
  return MANIFEST_EXTENSIONS.some((ext) => name.endsWith(ext));
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Walk {
  files: string[];
  skippedDirs: number;
  problems: InputProblem[];
}

/**
 * One directory level. Below the top, a directory reached through a symlink is not entered
 * (filepath.Walk reads entries with Lstat, so kubectl never follows them: no symlink loop can
 * recurse), and one that cannot be read is a problem of its own while its siblings are read.
 */
async function walk(dir: string, recursive: boolean, deps: ManifestDeps, out: Walk, top: boolean): Promise<void> {
  let entries: DirEntry[];
  try {
    entries = [...(await deps.readDir(dir))].sort((a, b) => byteOrder(a.name, b.name));
  } catch (e) {
    if (top) throw e;
    out.problems.push(problem(dir, 0, null, `the directory "${dir}" cannot be read: ${errorMessage(e)}`, 'its other files and directories are still read'));
    return;
  }
  for (const { name, info: known } of entries) {
    const path = join(dir, name);
    let info: PathInfo | null;
    try {
      info = known ?? (await deps.stat(path));
    } catch (e) {
      out.problems.push(problem(path, 0, null, `the path "${path}" cannot be read: ${errorMessage(e)}`));
      continue;
    }
    if (info === null) continue; // a dangling symlink: nothing to read
    if (info.kind === 'directory') {
      if (info.symlink) continue;
      if (recursive) await walk(path, recursive, deps, out, false);
      else out.skippedDirs++;
    } else if (hasManifestExtension(name)) {
      out.files.push(path);
    }
  }
}

/** One `-f` argument (not "-") expanded to the files kubectl would read. */
export async function expandPath(path: string, recursive: boolean, deps: ManifestDeps): Promise<ExpandedPath> {
  if (/^https?:\/\//.test(path)) {
    return { files: [], problems: [problem(path, 0, null, 'URLs are not read offline', `download it first, then pass -f FILE (or pipe it to -f -)`)] };
  }
  try {
    const info = await deps.stat(path);
    if (info === null) return { files: [], problems: [problem(path, 0, null, `the path "${path}" does not exist`)] };
    if (info.kind === 'file') return { files: [path], problems: [] };
    const out: Walk = { files: [], skippedDirs: 0, problems: [] };
    await walk(path, recursive, deps, out, true);
    if (out.files.length > 0 || out.problems.length > 0) return { files: out.files, problems: out.problems };
    const hint = out.skippedDirs > 0
      ? `it has ${out.skippedDirs} subdirector${out.skippedDirs === 1 ? 'y' : 'ies'}: add -R to read them`
      : `only ${MANIFEST_EXTENSIONS.join(', ')} files are read from a directory`;
    return { files: [], problems: [problem(path, 0, null, `the directory "${path}" holds no manifests`, hint)] };
  } catch (e) {
    return { files: [], problems: [problem(path, 0, null, `the path "${path}" cannot be read: ${errorMessage(e)}`)] };
  }
}
