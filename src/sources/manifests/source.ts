// Manifests as the run's source: the snapshot of every valid document, the problems with
// the others, and the inputs named as the report shows them.

import type { SourceResult } from '../result.ts';
import type { ManifestDeps } from './deps.ts';
import type { ManifestInput } from './inputs.ts';
import { loadManifests, type ManifestScope } from './load.ts';

export interface ManifestRequest {
  input: ManifestInput;
  /** -n, else "default": where objects without a namespace live. */
  namespace: string;
  /** A target run: read only what that target needs (see ManifestScope); absent reads everything (check). */
  scope?: ManifestScope;
}

export interface ManifestSourceResult extends SourceResult {
  /** Objects read, loaded, ignored or bad: 0 with problems means nothing could be read at all. */
  documents: number;
}

export async function manifestSource(request: ManifestRequest, deps: ManifestDeps): Promise<ManifestSourceResult> {
  const { input, namespace } = request;
  const result = await loadManifests(input, deps, namespace, request.scope ?? null);
  const inputs = [...input.files, ...input.kustomizeDirs.map((k) => `-k ${k}`)];
  return { snapshot: result.snapshot, problems: result.problems, namespace, context: null, cluster: null, inputs, documents: result.documents };
}
