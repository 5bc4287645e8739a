// Manifests -> a core Snapshot: read the inputs, parse every document, keep the
// modelled kinds (normalised as the API server would store them on create), count
// the others, and let one template pod stand in for each workload's pods.

import { snapshotBuilder, type SnapshotBuilder } from '../../core/snapshot-builder.ts';
import { supersededWorkloads } from '../../core/template-pods.ts';
import { KINDS, findByName, originKey, type Kind, type Snapshot } from '../../core/snapshot.ts';
import { EVERYTHING, matches, type Selector } from '../../core/labels.ts';
import { peerPodScopes } from '../../core/targets/network-policy.ts';
import type { TargetQuery } from '../../core/targets/resolve.ts';
import type { KubeObject } from '../../core/types.ts';
import type { ManifestDeps } from './deps.ts';
import { readInputs, type InputText, type ManifestInput } from './inputs.ts';
import { KUSTOMIZATION_FILES, selectorWriters } from './kustomize-labels.ts';
import { classify, ignoredName, isNamespaced } from './kinds.ts';
import { objectsOf, type ManifestObject } from './list.ts';
import { normalize } from './normalize.ts';
import { parseDocuments } from './parse.ts';
import { LEFT_OUT, Later, type DocumentHead, type Keep, type LaterRead } from './parse-json.ts';
import { errorMessage, problem, type InputProblem } from './problem.ts';
import { unservedKind } from './served-kinds.ts';
import { TEMPLATE_KINDS, templatePod } from './templates.ts';
import { checkObject, checkShapes } from './validate.ts';
import { checkFieldShapes } from './shapes.ts';
import { checkNames } from './names.ts';
import { checkSpecNames } from './spec-names.ts';
import { mayMatch, podsWanted, podsWantedNext, textFilter, type PodWant, type RawPod, type TextPart } from './target-pods.ts';

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

interface State {
  builder: SnapshotBuilder;
  problems: InputProblem[];
  ignored: Map<string, number>;
  defaultNamespace: string;
}

type Loose = Record<string, unknown>;

function isMapping(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A kustomization's own file, by its name. */
function isKustomizationFile(source: string): boolean {
  return KUSTOMIZATION_FILES.includes(source.slice(source.lastIndexOf('/') + 1));
}

/** A kustomize config file (not, say, a Flux `kustomize.toolkit.fluxcd.io` Kustomization object). */
function isKustomization(o: ManifestObject, v: Loose): boolean {
  if (isKustomizationFile(o.source)) return true;
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
  // Where each object was read; the one read before under the same key is the same object defined twice (normalize has set the namespace).
  const origins = (state.builder.snapshot.origins ??= new Map());
  const key = originKey(kind, obj.metadata?.namespace ?? state.defaultNamespace, obj.metadata?.name ?? '');
  const before = origins.get(key);
  origins.set(key, { source: o.source, document: o.document, line: o.line, set });
  state.builder.put(kind, obj);
  if (before) {
    const where = obj.metadata?.namespace ? ` in namespace ${obj.metadata.namespace}` : '';
    say(state, o, `${kind} ${obj.metadata?.name}${where} is defined twice (first in ${before.source}, document ${before.document}); the later definition is used`,
      'kubectl apply would apply both, and the later one would win');
  }
}

function tally(state: State, apiVersion: string, kind: string): void {
  const name = ignoredName(apiVersion, kind);
  state.ignored.set(name, (state.ignored.get(name) ?? 0) + 1);
}

/**
 * A kind the tool does not model, whose document's head alone says all that is done with it:
 * it is tallied (not a List, whose items are objects; not a kustomization; not a kind its
 * apiVersion does not serve, which is reported). A scoped read leaves such documents unparsed.
 */
function onlyTallied(h: DocumentHead, source: string): boolean {
  return h.apiVersion !== '' && h.kind !== '' && classify(h.apiVersion, h.kind) === null && !h.kind.endsWith('List') && h.kind !== 'Kustomization'
    && !isKustomizationFile(source) && unservedKind(h.apiVersion, h.kind) === null;
}

function admit(state: State, o: ManifestObject): void {
  const id = identify(state, o);
  if (!id) return;
  const c = classify(id.apiVersion, id.kind);
  if (!c) {
    const unserved = unservedKind(id.apiVersion, id.kind);
    if (unserved) {
      say(state, o, unserved.message, unserved.hint);
      return;
    }
    tally(state, id.apiVersion, id.kind);
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
  // A Deployment's (a CronJob's) template stands for no pod when its ReplicaSets (Jobs) are in the input: not made at all.
  const superseded = supersededWorkloads(snapshot);
  for (const kind of TEMPLATE_KINDS) {
    for (const workload of snapshot.objects[kind] as KubeObject[]) {
      if (superseded(kind, workload)) continue;
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

/**
 * What one target needs of large manifests (a target run, not `check`): the objects of its
 * namespace and the cluster-scoped ones, as the live source reads them. `namespace` is the
 * one named (-n, or a pasted command's own -n); null looks the target up in the manifests.
 * Inputs smaller than `from` characters (default SCOPE_FROM) are read whole, every object
 * checked; above it, objects of other namespaces are counted but neither read nor checked.
 */
export interface ManifestScope {
  kind: Kind;
  name: string;
  namespace: string | null;
  from?: number;
}

/** 1 MiB of text: a file of a few thousand objects, where reading everything starts to cost more than the answer. */
export const SCOPE_FROM = 1 << 20;

/** Targets whose analysis reads other namespaces (a NetworkPolicy's peers): not scoped to one namespace. */
const WHOLE_INPUT: ReadonlySet<Kind> = new Set(['NetworkPolicy']);

/**
 * What a NetworkPolicy target reads of namespaces other than its own (its namespace named up
 * front): the pods its peers may select, and the workloads that stand for pods (template pods)
 * or own the workloads that do. Its Services, EndpointSlices, Ingresses, budgets, autoscalers
 * and policies are the other namespaces' own business: counted, not read, as a target's read
 * leaves other namespaces.
 */
const PEER_KINDS: ReadonlySet<Kind> = new Set<Kind>(['Pod', ...TEMPLATE_KINDS]);

function peersOf(scope: ManifestScope | null): string | null {
  return scope !== null && scope.kind === 'NetworkPolicy' && scope.namespace !== null ? scope.namespace : null;
}


/**
 * A policy's read: inScope with the peer kinds kept everywhere, of each object once parsed; and
 * from a document's head, the same answer, with the pods of other namespaces left for later
 * (pickPeers parses only those a peer may select). Most of a cluster's documents are pods:
 * left unparsed, they pay for the heads read of every document.
 */
function peerKeep(namespace: string, defaultNamespace: string): Keep {
  const keep: Keep = (item) => inScope(item, namespace, defaultNamespace, PEER_KINDS);
  keep.head = (h) => {
    const c = classify(h.apiVersion, h.kind);
    if (c === null) return onlyTallied(h, '') ? 'later' : true;
    if (!isNamespaced(c.kind) || (h.namespace ?? defaultNamespace) === namespace) return true;
    return c.kind === 'Pod' ? 'later' : PEER_KINDS.has(c.kind);
  };
  return keep;
}

interface ParsedText {
  problems: InputProblem[];
  objects: ManifestObject[];
}

/** The namespace an object would be created in, or null when metadata.namespace is of the wrong type (validation reports it). */
function namespaceOf(v: Loose, defaultNamespace: string): string | null {
  const meta = v.metadata;
  if (!isMapping(meta)) return defaultNamespace;
  const ns = meta.namespace;
  if (ns === undefined || ns === null || ns === '') return defaultNamespace;
  return typeof ns === 'string' ? ns : null;
}

function modelled(v: unknown): { value: Loose; kind: Kind } | null {
  if (!isMapping(v) || typeof v.apiVersion !== 'string' || typeof v.kind !== 'string') return null;
  const c = classify(v.apiVersion, v.kind);
  return c ? { value: v, kind: c.kind } : null;
}

function scoped(scope: ManifestScope): boolean {
  return !WHOLE_INPUT.has(scope.kind) && isNamespaced(scope.kind);
}

/**
 * The one namespace a scoped load keeps, or null for the whole input. Mirrors how the command
 * line places a target: the namespace named, else the only namespace of the manifests holding
 * an object of that kind and name, else the default namespace.
 */
function scopeNamespace(scope: ManifestScope | null, parsed: ParsedText[], defaultNamespace: string): string | null {
  if (!scope || !scoped(scope)) return null;
  if (scope.namespace !== null) return scope.namespace;
  const homes = new Set<string | null>();
  for (const t of parsed) {
    for (const o of t.objects) {
      let value = o.value;
      if (value instanceof Later) {
        // A pod left unparsed: its head places it, and names it unless it must be read to know.
        const head = value.head;
        if (classify(head.apiVersion, head.kind)?.kind !== scope.kind || (head.name !== null && head.name !== scope.name)) continue;
        const r = value.read();
        if (!('value' in r)) continue;
        value = r.value;
      }
      const m = modelled(value);
      if (!m || m.kind !== scope.kind || !isMapping(m.value.metadata) || m.value.metadata.name !== scope.name) continue;
      homes.add(namespaceOf(m.value, defaultNamespace));
    }
  }
  if (homes.has(null)) return null;
  return homes.size === 1 ? ([...homes][0] as string) : defaultNamespace;
}

const NO_KINDS: ReadonlySet<Kind> = new Set();

/** Whether an object belongs to the namespace (kinds not modelled, cluster-scoped ones and `everywhere` belong to all). */
function inScope(value: unknown, namespace: string, defaultNamespace: string, everywhere = NO_KINDS): boolean {
  const m = modelled(value);
  if (!m || !isNamespaced(m.kind) || everywhere.has(m.kind)) return true;
  const ns = namespaceOf(m.value, defaultNamespace);
  return ns === null || ns === namespace;
}

/**
 * A scoped read's keep: inScope (when the namespace is named up front), with the same answer
 * from a document's head (parse-json.ts) so a refused one need not be parsed; and, when the
 * target picks its pods (pickPods), a pod's document left for later (parsed only if picked).
 */
function scopedKeep(namespace: string | null, defaultNamespace: string, later: boolean): Keep {
  const keep: Keep = (item) => namespace === null || inScope(item, namespace, defaultNamespace);
  // inScope from the head alone (kinds not modelled and cluster-scoped ones are in scope), asked of every document.
  keep.head = (h) => {
    const c = classify(h.apiVersion, h.kind);
    if (c === null) return onlyTallied(h, '') ? 'later' : true;
    if (namespace !== null && isNamespaced(c.kind) && (h.namespace ?? defaultNamespace) !== namespace) return false;
    return later && c?.kind === 'Pod' ? 'later' : true;
  };
  return keep;
}

/** Targets whose pods are picked (target-pods.ts) rather than all read: those scoped to a namespace. */
function picksPods(scope: ManifestScope | null): boolean {
  return scope !== null && scoped(scope);
}

/** The namespace a scope names up front, when its target is read in one namespace. */
function namedIn(scope: ManifestScope | null): string | null {
  return scope && scope.namespace !== null && scoped(scope) ? scope.namespace : null;
}

/**
 * What a scope's parse keeps: a namespace named up front lets the reader skip other namespaces'
 * items as it goes; a target that picks its pods has them left unparsed until it knows which it
 * needs; a policy reads its peers' namespaces too. Nothing left out without a scope.
 */
function keepOf(scope: ManifestScope | null, defaultNamespace: string): Keep | undefined {
  const peers = peersOf(scope);
  if (peers !== null) return peerKeep(peers, defaultNamespace);
  const named = namedIn(scope);
  const picking = picksPods(scope);
  return named === null && !picking ? undefined : scopedKeep(named, defaultNamespace, picking);
}

function hasTarget(snapshot: Snapshot, scope: ManifestScope, namespace: string): boolean {
  return (snapshot.objects[scope.kind] as KubeObject[]).some((o) => o.metadata?.name === scope.name && (o.metadata?.namespace ?? '') === namespace);
}

/** A pod of the target's namespace held back until the target says which pods it needs. */
interface Held {
  o: ManifestObject;
  /** Where its problems go among the others (the length of the problems when it was reached). */
  at: number;
  /** Read as written (a Later is read only when it may be picked). */
  read: LaterRead | null;
}

function readHeld(h: Held): LaterRead {
  h.read ??= h.o.value instanceof Later ? h.o.value.read() : { value: h.o.value as Record<string, unknown>, unshared: h.o.unshared === true };
  return h.read;
}

function rawPod(h: Held): RawPod | null {
  const r = readHeld(h);
  if (!('value' in r)) return null;
  const meta = r.value.metadata;
  return isMapping(meta)
    ? { name: typeof meta.name === 'string' ? meta.name : null, labels: meta.labels, owners: meta.ownerReferences }
    : { name: null, labels: undefined, owners: undefined };
}

/** The object with its value read (its lines still asked of it: a document's lineOf may be a method of its own). */
function withValue(o: ManifestObject, value: unknown, unshared: boolean): ManifestObject {
  return { source: o.source, document: o.document, line: o.line, value, unshared, lineOf: (path) => o.lineOf?.(path) ?? null };
}

function admitOne(state: State, o: ManifestObject): void {
  if (o.value instanceof Later) {
    const r = o.value.read();
    if (!('value' in r)) {
      state.problems.push(...r.problems);
      return;
    }
    o = withValue(o, r.value, r.unshared);
  }
  try {
    admit(state, o);
  } catch (e) {
    say(state, o, `could not be read: ${errorMessage(e)}`);
  }
}

/**
 * Admits the objects of every text (in the given namespace only, when not null); returns the
 * objects read, and the pods of the namespace held back when `hold` (see pickPods).
 */
function admitAll(state: State, parsed: ParsedText[], namespace: string | null, hold: boolean, peers: string | null = null): { documents: number; held: Held[] } {
  let documents = 0;
  const held: Held[] = [];
  for (const t of parsed) {
    state.problems.push(...t.problems);
    documents += t.problems.length;
    for (const o of t.objects) {
      documents++;
      // Objects of other namespaces are counted, not read (kinds the tool does not model are in scope: they are tallied).
      if (o.value === LEFT_OUT) continue;
      if (o.value instanceof Later) {
        // A kind the tool does not model, left unparsed (scopedKeep, peerKeep): tallied by its
        // head (read after all from a kustomization's file, which is reported).
        const h = o.value.head;
        if (classify(h.apiVersion, h.kind) === null) {
          if (onlyTallied(h, o.source)) tally(state, h.apiVersion, h.kind);
          else admitOne(state, o);
          continue;
        }
        // A pod's document left unparsed (scopedKeep): placed by its head.
        if (namespace !== null && (o.value.head.namespace ?? state.defaultNamespace) !== namespace) continue;
        // A pod of another namespace a policy's peers may select (peerKeep): pickPeers decides.
        if (hold || peers !== null) held.push({ o, at: state.problems.length, read: null });
        else admitOne(state, o);
        continue;
      }
      if (namespace !== null && !inScope(o.value, namespace, state.defaultNamespace)) continue;
      if (peers !== null && !inScope(o.value, peers, state.defaultNamespace, PEER_KINDS)) continue;
      if (hold && modelled(o.value)?.kind === 'Pod') {
        held.push({ o, at: state.problems.length, read: null });
        continue;
      }
      admitOne(state, o);
    }
  }
  return { documents, held };
}

/** A held pod's name: from its head while it is unread and the head says it, else read. */
function nameOf(h: Held): string | null {
  const v = h.o.value;
  if (v instanceof Later && h.read === null && v.head.name !== null) return v.head.name;
  return rawPod(h)?.name ?? null;
}

/** A held pod's namespace: from its head while it is unread, else read (null when of the wrong type). */
function namespaceOfHeld(h: Held, defaultNamespace: string): string | null {
  const v = h.o.value;
  if (v instanceof Later && h.read === null) return v.head.namespace ?? defaultNamespace;
  const r = readHeld(h);
  return 'value' in r ? namespaceOf(r.value, defaultNamespace) : null;
}

/** Whether a held pod may be one a selector matches: from its text while it is unread (filters, by selector: JSON's, YAML's), exactly once read. */
function mayBePicked(h: Held, selectors: readonly Selector[], filters: readonly [((part: TextPart) => boolean)[], ((part: TextPart) => boolean)[]]): boolean {
  if (selectors.length === 0) return false;
  const v = h.o.value;
  if (v instanceof Later && h.read === null && !v.escapes && !filters[v.json ? 0 : 1].some((f) => f(v))) return false;
  const pod = rawPod(h);
  return pod === null || selectors.some((sel) => mayMatch(sel, pod.labels));
}

/** Whether a selector matches a pod loaded in the namespace. */
function selectsAny(pods: readonly KubeObject[], selectors: readonly Selector[], namespace: string): boolean {
  return pods.some((p) => p.metadata?.namespace === namespace && selectors.some((sel) => matches(sel, p.metadata?.labels)));
}

/** Text filters of selectors for mayBePicked: JSON's and YAML's. */
function filtersOf(selectors: readonly Selector[]): readonly [((part: TextPart) => boolean)[], ((part: TextPart) => boolean)[]] {
  return [selectors.map((sel) => textFilter(sel, true)), selectors.map((sel) => textFilter(sel, false))] as const;
}

/**
 * The held pods chosen, with every other definition of a chosen pod's name (in its namespace, when
 * the held pods are of several), in order: a pod defined twice is its later definition, read
 * beside the first.
 */
function withNamesakes(state: State, held: readonly Held[], chosen: Set<Held>, namespaces: boolean): Held[] {
  const place = (h: Held) => (namespaces ? `${namespaceOfHeld(h, state.defaultNamespace) ?? ''}\u0000${nameOf(h) ?? ''}` : (nameOf(h) ?? ''));
  const places = new Set([...chosen].filter((h) => nameOf(h) !== null).map(place));
  if (places.size > 0) for (const h of held) if (!chosen.has(h) && nameOf(h) !== null && places.has(place(h))) chosen.add(h);
  return held.filter((h) => chosen.has(h));
}

/** Admits the held pods picked, in their order, each one's problems where it stood among the others'. */
function admitPicked(state: State, picked: readonly Held[]): void {
  const before = state.problems;
  const merged: InputProblem[] = [];
  let next = 0;
  for (const h of picked) {
    while (next < h.at) merged.push(before[next++] as InputProblem);
    state.problems = merged;
    const r = readHeld(h);
    if ('value' in r) admitOne(state, withValue(h.o, r.value, r.unshared));
    else merged.push(...r.problems);
  }
  while (next < before.length) merged.push(before[next++] as InputProblem);
  state.problems = merged;
}

/**
 * The held pods the target needs (target-pods.ts), admitted in their order with their problems
 * where they would have been; the others are counted and left unread, as the live source never
 * lists them. A pod picked also brings any other definition of its name (the later one wins).
 */
function pickPods(state: State, held: Held[], want: PodWant | null, q: TargetQuery): void {
  if (want === null) {
    admitPicked(state, held);
    return;
  }
  const chosen = new Set<Held>();
  const pick = (selectors: readonly Selector[]) => {
    const filters = filtersOf(selectors);
    for (const h of held) if (!chosen.has(h) && mayBePicked(h, selectors, filters)) chosen.add(h);
  };
  for (const h of held) if (want.names.has(nameOf(h) ?? '')) chosen.add(h);
  pick(want.selectors);
  if (chosen.size === 0 && want.allIfNone) for (const h of held) chosen.add(h);
  else pick(podsWantedNext(state.builder.snapshot, q, held.filter((h) => chosen.has(h)).flatMap((h) => rawPod(h) ?? [])));
  admitPicked(state, withNamesakes(state, held, chosen, false));
}

/**
 * The pods of other namespaces a policy's peers may select (peerPodScopes: each peer's
 * selector, in the namespaces it looks in, known from the Namespaces read), admitted as
 * pickPods admits them; the others are counted, not read, and not checked. Without the
 * policy (it is not in the namespace named: the whole input is read then) every one.
 */
function pickPeers(state: State, held: Held[], namespace: string, name: string): void {
  const snapshot = state.builder.snapshot;
  const np = findByName(snapshot.objects.NetworkPolicy, namespace, name);
  if (!np) {
    admitPicked(state, held);
    return;
  }
  const scopes = peerPodScopes({ ...snapshot, known: knownKinds(snapshot) }, np);
  const wants = new Map<string | null, { selectors: Selector[]; filters: ReturnType<typeof filtersOf> }>();
  const chosen = new Set<Held>();
  for (const h of held) {
    const ns = namespaceOfHeld(h, state.defaultNamespace);
    let want = wants.get(ns);
    if (!want) {
      // A namespace of the wrong type: read, so its checks say so.
      const selectors = ns === null ? [EVERYTHING] : scopes.filter((sc) => sc.namespaces === null || sc.namespaces.has(ns)).map((sc) => sc.selector);
      want = { selectors, filters: filtersOf(selectors) };
      wants.set(ns, want);
    }
    if (mayBePicked(h, want.selectors, want.filters)) chosen.add(h);
  }
  admitPicked(state, withNamesakes(state, held, chosen, true));
}

/**
 * Reads the manifests into a snapshot. With a scope (and a large input), only what the target
 * needs is checked and loaded (objects of other namespaces are counted, not read); when the
 * target is not among them, the whole input is loaded instead, so a "not found" names every
 * place it could be and every problem.
 */
export async function loadManifests(input: ManifestInput, deps: ManifestDeps, defaultNamespace: string, scope: ManifestScope | null = null): Promise<ManifestLoad> {
  const parseText = ({ source, text, asWritten }: InputText, keep?: Keep): ParsedText => {
    const p = parseDocuments(source, text, keep, asWritten);
    const objects: ManifestObject[] = [];
    for (const doc of p.documents) objectsOf(doc, objects);
    return { problems: p.problems, objects };
  };
  // Each text is parsed as it arrives, while the files after it are read; an input found too
  // small to scope is parsed again whole (it is small).
  const first = keepOf(scope, defaultNamespace);
  const early = new Map<InputText, ParsedText>();
  const { texts, problems: readProblems } = await readInputs(input, deps, (t) => early.set(t, parseText(t, first)));
  // The size of the input as written (a text read without its indentation is as big as the file).
  if (scope && texts.reduce((n, t) => n + (t.writtenLength ?? t.text.length), 0) < (scope.from ?? SCOPE_FROM)) scope = null;
  const parse = (keep?: Keep): ParsedText[] => texts.map((t) => parseText(t, keep));
  const named = namedIn(scope);
  const picking = picksPods(scope);
  let peers = peersOf(scope);
  const keep = scope === null ? undefined : first;
  let parsed = keep === first ? texts.map((t) => early.get(t) ?? parseText(t, keep)) : parse(keep);
  early.clear();
  const load = (namespace: string | null, everyPod = false): { state: State; documents: number } => {
    const state: State = { builder: snapshotBuilder('manifests', defaultNamespace), problems: [...readProblems], ignored: new Map(), defaultNamespace };
    const hold = namespace !== null && picking;
    const { documents, held } = admitAll(state, parsed, namespace, hold, peers);
    if (hold && scope) {
      const q = { kind: scope.kind, name: scope.name, namespace };
      const want = everyPod ? null : podsWanted(state.builder.snapshot, q);
      pickPods(state, held, want, q);
      // A selection left empty (the pods picked were refused by their checks) looks for near misses among every pod of the namespace.
      if (want?.allIfNone && !selectsAny(state.builder.snapshot.objects.Pod, want.selectors, namespace)) return load(namespace, true);
    }
    if (peers !== null && scope) pickPeers(state, held, peers, scope.name);
    return { state, documents };
  };
  const namespace = scopeNamespace(scope, parsed, defaultNamespace);
  let run = load(namespace);
  if (namespace !== null && scope && !hasTarget(run.state.builder.snapshot, scope, namespace)) {
    if (named !== null || picking) parsed = parse();
    run = load(null);
  }
  // A policy that is not in the namespace named: the whole input, so a "not found" names every place.
  if (peers !== null && scope && !hasTarget(run.state.builder.snapshot, scope, peers)) {
    peers = null;
    parsed = parse();
    run = load(null);
  }
  const { state, documents } = run;
  const snapshot = state.builder.snapshot;
  addTemplatePods(snapshot);
  const writers = (await Promise.all(input.kustomizeDirs.map((dir) => selectorWriters(dir, deps)))).flat();
  if (writers.length > 0) snapshot.selectorWriters = writers;
  state.builder.finish(knownKinds(snapshot));
  const ignored = [...state.ignored].map(([kind, count]) => ({ kind, count })).sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return { snapshot, problems: state.problems, documents, ignored };
}
