// One source per run, as the request says: manifests (-f/-k), a recorded log (--replay), or
// the live cluster. Each source takes only its part of the request.

import { Failure } from '../core/failure.ts';
import type { LiveDeps } from '../sources/live/request.ts';
import { manifestSource } from '../sources/manifests/index.ts';
import { realManifestDeps } from '../sources/manifests/real-deps.ts';
import type { SourceResult } from '../sources/result.ts';
import type { CliDeps } from './deps.ts';
import type { Request } from './request.ts';

export type { InputProblemLine, SourceResult } from '../sources/result.ts';

/** What the live source may use of the command line's effects: the environment, and stderr for -v. */
export function liveDeps(deps: Pick<CliDeps, 'env' | 'stderr'>, verbose: boolean): LiveDeps {
  return { env: deps.env, ...(verbose ? { log: (line: string) => { deps.stderr.write(`whoselects: ${line}\n`); } } : {}) };
}

/** ahead: for a live check, told of each namespace as soon as it is read whole. */
export async function loadSource(request: Request, deps: Pick<CliDeps, 'env' | 'stderr'>, ahead?: Pick<LiveDeps, 'onNamespaceWhole'>): Promise<SourceResult> {
  const source = request.source;
  if (source.from === 'replay') {
    const { loadReplay } = await import('../sources/replay/load.ts');
    return loadReplay(source.path);
  }
  if (source.from === 'manifests') {
    // A one-shot target run reads only what the target needs (its namespace and the cluster-scoped kinds), as live does.
    const t = request.target;
    const scope = t && !(t instanceof Failure) && !request.watch.on ? { kind: t.kind, name: t.name, namespace: t.namespace ?? request.namespace ?? null } : null;
    const { documents, ...result } = await manifestSource(scope ? { ...source.manifests, scope } : source.manifests, realManifestDeps());
    if (documents === 0 && result.problems.length > 0 && request.command !== 'check') {
      const p = result.problems[0];
      throw new Failure('bad-input', `${p?.source}: ${p?.message}`, p?.hint ?? 'check the -f/-k arguments');
    }
    return result;
  }
  const { loadLive } = await import('../sources/live/load.ts');
  return loadLive(source.live, { ...liveDeps(deps, request.output.verbose), ...ahead });
}
