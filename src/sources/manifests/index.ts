// The offline source: manifests (-f FILE|DIR|-, -R, -k DIR) -> a core Snapshot.

export { loadManifests, type IgnoredKind, type ManifestLoad } from './load.ts';
export { realManifestDeps } from './real-deps.ts';
export { COMMAND_NOT_FOUND, type KustomizeResult, type ManifestDeps, type PathInfo } from './deps.ts';
export type { InputProblem } from './problem.ts';
export type { ManifestInput } from './inputs.ts';
export { templatePodName } from './templates.ts';
export { manifestSource, type ManifestRequest, type ManifestSourceResult } from './source.ts';
