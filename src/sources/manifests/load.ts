// Manifests -> a core Snapshot: read the inputs, parse every document, keep the
// modelled kinds (normalised as the API server would store them on create), count
// the others, and let one template pod stand in for each workload's pods.

import { snapshotBuilder, type SnapshotBuilder } from '../../core/snapshot-builder.ts';
import { KINDS, originKey, type Kind, type Snapshot } from '../../core/snapshot.ts';
import type { KubeObject } from '../../core/types.ts';
import type { ManifestDeps } from './deps.ts';
import { readInputs, type ManifestInput } from './inputs.ts';
import { selectorWriters } from './kustomize-labels.ts';
import { classify, ignoredName, isNamespaced } from './kinds.ts';
import { objectsOf, type ManifestObject } from './list.ts';
import { normalize } from './normalize.ts';
import { parseDocuments } from './parse.ts';
import { problem, type InputProblem } from './problem.ts';
import { TEMPLATE_KINDS, templatePod } from './templates.ts';
import { checkObject, checkShapes } from './validate.ts';
import { checkFieldShapes } from './shapes.ts';
import { checkNames } from './names.ts';
import { checkSpecNames } from './spec-names.ts';

export interface IgnoredKind {
  kind: string;
  count: number;
}

export interface ManifestLoad {
  snapshot: Snapshot;
  problems: InputProblem[];
  /** Objects read (List items counted one by one), loaded, ignored or bad. */
  documents: number;
  /** Kinds the tool does not model (ConfigMap, PersistentVolumeClaim, ...), by count. */
  ignored: IgnoredKind[];
}

/** Kinds that are only known offline when the manifests define them. */
const KNOWN_IF_PRESENT: readonly Kind[] = ['Node', 'EndpointSlice', 'Namespace'];

/** Where an object was last defined, to name both places when it is defined twice. */
interface Seen {
  source: string;
  document: number;
}

interface State {
  builder: SnapshotBuilder;
  problems: InputProblem[];
  ignored: Map<string, number>;
  seen: Map<string, Seen>;
  defaultNamespace: string;
}

type Loose = Record<string, unknown>;

function isMapping(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A kustomize config file (not, say, a Flux `kustomize.toolkit.fluxcd.io` Kustomization object). */
function isKustomization(o: ManifestObject, v: Loose): boolean {
  if (/(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(o.source)) return true;
  return v.kind === 'Kustomization' && (v.apiVersion === undefined || (typeof v.apiVersion === 'string' && v.apiVersion.startsWith('kustomize.config.k8s.io/')));
}

function say(state: State, o: ManifestObject, message: string, hint: string | null = null, line: number | null = o.line): void {
  state.problems.push(problem(o.source, o.document, line, message, hint));
}

function identify(state: State, o: ManifestObject): { value: Loose; apiVersion: string; kind: string } | null {
  const v = o.value;
  if (!isMapping(v)) {
    say(state, o, 'not a Kubernetes object: a list item must be a mapping');
    return null;
  }
  const missing = ['apiVersion', 'kind'].filter((k) => typeof v[k] !== 'string' || v[k] === '');
  if (isKustomization(o, v)) {
    const dir = o.source.includes('/') ? o.source.slice(0, o.source.lastIndexOf('/')) : '.';
    say(state, o, 'a kustomization, not a manifest', `build it with -k ${dir}`);
    return null;
  }
  if (missing.length > 0) {
    say(state, o, `not a Kubernetes object: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set`, null);
    return null;
  }
  return { value: v, apiVersion: v.apiVersion as string, kind: v.kind as string };
}

function hasName(state: State, o: ManifestObject, v: Loose): boolean {
  const meta = v.metadata;
  if (meta !== undefined && !isMapping(meta)) {
    say(state, o, 'metadata: must be a mapping', null, o.lineOf?.(['metadata']) ?? o.line);
    return false;
  }
  const name = meta?.name;
  if (typeof name === 'string' && name !== '') return true;
  if (name !== undefined && name !== null && typeof name !== 'object') {
    say(state, o, `metadata.name: ${JSON.stringify(name)} is a ${typeof name}, not a string`, `quote it (name: "${String(name)}"); YAML reads unquoted numbers and y/n/yes/no/on/off as non-strings`, o.lineOf?.(['metadata', 'name']) ?? o.line);
    return false;
  }
  const hint = typeof meta?.generateName === 'string' ? 'generateName is only honoured by kubectl create; give the object a metadata.name to analyse it' : null;
  say(state, o, 'metadata.name: Required value', hint);
  return false;
}

/** Fields rules need to know were written rather than defaulted. */
function fieldsSet(raw: Loose): string[] {
  const spec = raw.spec;
  return isMapping(spec) && spec.replicas !== undefined && spec.replicas !== null ? ['spec.replicas'] : [];
}

function add(state: State, o: ManifestObject, kind: Kind, obj: KubeObject, set: string[]): void {
  const origins = (state.builder.snapshot.origins ??= {});
  origins[originKey(kind, obj.metadata?.namespace ?? state.defaultNamespace, obj.metadata?.name ?? '')] = { source: o.source, document: o.document, line: o.line, set };
  const key = `${kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
  const before = state.seen.get(key);
  state.builder.put(kind, obj);
  if (before) {
    const where = obj.metadata?.namespace ? ` in namespace ${obj.metadata.namespace}` : '';
    say(state, o, `${kind} ${obj.metadata?.name}${where} is defined twice (first in ${before.source}, document ${before.document}); the later definition is used`,
      'kubectl apply would apply both, and the later one would win');
  }
  state.seen.set(key, { source: o.source, document: o.document });
}

function admit(state: State, o: ManifestObject): void {
  const id = identify(state, o);
  if (!id) return;
  const c = classify(id.apiVersion, id.kind);
  if (!c) {
    const name = ignoredName(id.apiVersion, id.kind);
    state.ignored.set(name, (state.ignored.get(name) ?? 0) + 1);
    return;
  }
  if (!hasName(state, o, id.value)) return;
  const shapes = checkShapes(c.kind, id.value);
  if (shapes.length > 0) {
    for (const s of shapes) say(state, o, `${c.kind} ${String((id.value.metadata as Loose).name)} not loaded: ${s.message}`, s.hint, o.lineOf?.(s.path) ?? o.line);
    return;
  }
  const fields = checkFieldShapes(c.kind, id.value);
  if (fields.length > 0) {
    for (const s of fields) say(state, o, `${c.kind} ${String((id.value.metadata as Loose).name)} not loaded: ${s.message}`, s.hint, o.lineOf?.(s.path) ?? o.line);
    return;
  }
  const names = checkNames(c.kind, id.value.metadata as Loose, isNamespaced(c.kind));
  const rejected = names.filter((n) => !n.loads);
  for (const n of rejected.length > 0 ? rejected : names) {
    const what = n.loads ? `${c.kind} ${String((id.value.metadata as Loose).name)}: ` : `${c.kind} ${String((id.value.metadata as Loose).name)} not loaded, the API server would reject its name: `;
    say(state, o, `${what}${n.message}`, n.hint, o.lineOf?.(n.path) ?? o.line);
  }
  // Names inside the spec (containers, ports, node, hostname) the API server would refuse: the same fate as a refused name.
  const specNames = checkSpecNames(c.kind, id.value);
  for (const n of specNames) {
    say(state, o, `${c.kind} ${String((id.value.metadata as Loose).name)} not loaded, the API server would reject it: ${n.message}`, n.hint, o.lineOf?.(n.path) ?? o.line);
  }
  if (rejected.length > 0 || specNames.length > 0) return;
  const set = fieldsSet(id.value);
  // YAML aliases can share one node between objects: normalising must not reach the others.
  const obj = (o.unshared ? id.value : structuredClone(id.value)) as KubeObject;
  normalize(c.kind, obj, state.defaultNamespace, c.removedIn !== null);
  const invalid = checkObject(c.kind, obj);
  if (invalid.length > 0) {
    for (const s of invalid) say(state, o, `${c.kind} ${obj.metadata?.name} not loaded, the API server would reject it: ${s.message}`, s.hint, o.lineOf?.(s.path) ?? o.line);
    return;
  }
  if (c.removedIn !== null) {
    say(state, o, `${id.apiVersion} ${c.kind} is no longer served (removed in Kubernetes ${c.removedIn}); read as ${c.served}`,
      `kubectl apply would fail with "no matches for kind"; change apiVersion to ${c.served}`, o.lineOf?.(['apiVersion']) ?? o.line);
  }
  add(state, o, c.kind, obj, set);
}

function addTemplatePods(snapshot: Snapshot): void {
  for (const kind of TEMPLATE_KINDS) {
    for (const workload of snapshot.objects[kind] as KubeObject[]) {
      const t = templatePod(kind, workload);
      if (!t) continue;
      snapshot.objects.Pod.push(t.pod);
      snapshot.templateOf[t.pod.metadata?.uid as string] = t.owner;
    }
  }
}

function knownKinds(snapshot: Snapshot): Kind[] {
  return KINDS.filter((k) => k !== 'Pod' && (!KNOWN_IF_PRESENT.includes(k) || snapshot.objects[k].length > 0));
}

export async function loadManifests(input: ManifestInput, deps: ManifestDeps, defaultNamespace: string): Promise<ManifestLoad> {
  const builder = snapshotBuilder('manifests', defaultNamespace);
  const snapshot = builder.snapshot;
  const { texts, problems } = await readInputs(input, deps);
  const state: State = { builder, problems, ignored: new Map(), seen: new Map(), defaultNamespace };
  let documents = 0;
  for (const { source, text } of texts) {
    const parsed = parseDocuments(source, text);
    problems.push(...parsed.problems);
    documents += parsed.problems.length;
    for (const doc of parsed.documents) {
      for (const o of objectsOf(doc)) {
        documents++;
        try {
          admit(state, o);
        } catch (e) {
          say(state, o, `could not be read: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
  }
  addTemplatePods(snapshot);
  const writers = (await Promise.all(input.kustomizeDirs.map((dir) => selectorWriters(dir, deps)))).flat();
  if (writers.length > 0) snapshot.selectorWriters = writers;
  builder.finish(knownKinds(snapshot));
  const ignored = [...state.ignored].map(([kind, count]) => ({ kind, count })).sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return { snapshot, problems, documents, ignored };
}
