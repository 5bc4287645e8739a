// One source per run: manifests (-f/-k), a recorded log (--replay), or the live cluster.

import type { Snapshot } from '../core/snapshot.ts';
import type { EventLogHeader } from '../sources/replay/log.ts';
import { loadManifests } from '../sources/manifests/index.ts';
import { realManifestDeps } from '../sources/manifests/real-deps.ts';
import { UserError } from './errors.ts';
import type { CliDeps } from './run.ts';
import type { Invocation } from './program.ts';

export interface InputProblemLine {
  source: string;
  document: number | null;
  line: number | null;
  message: string;
  hint?: string | null;
}

export interface Loaded {
  snapshot: Snapshot;
  problems: InputProblemLine[];
  namespace: string;
  context: string | null;
  cluster: string | null;
  inputs: string[];
  allNamespaces: boolean;
  /** --replay: the log's header (its target, namespace and kubectl version). */
  recorded?: EventLogHeader;
}

export async function loadSource(inv: Invocation, deps: CliDeps): Promise<Loaded> {
  const o = inv.opts;
  if (o.replay !== undefined) {
    const { loadReplay } = await import('../sources/replay/load.ts');
    return loadReplay(o.replay);
  }
  if (o.filename.length > 0 || o.kustomize.length > 0) {
    const namespace = o.namespace ?? 'default';
    const result = await loadManifests({ files: o.filename, recursive: o.recursive, kustomizeDirs: o.kustomize }, realManifestDeps(), namespace);
    const inputs = [...o.filename, ...o.kustomize.map((k) => `-k ${k}`)];
    if (result.documents === 0 && result.problems.length > 0 && inv.command !== 'check') {
      const p = result.problems[0];
      throw new UserError(`${p?.source}: ${p?.message}`, p?.hint ?? 'check the -f/-k arguments');
    }
    return { snapshot: result.snapshot, problems: result.problems, namespace, context: null, cluster: null, inputs, allNamespaces: o.allNamespaces };
  }
  const { loadLive } = await import('../sources/live/load.ts');
  return loadLive(inv, deps);
}
