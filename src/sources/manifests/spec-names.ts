// The names inside a spec as the API server checks them on create (k/k pkg/apis/core/validation:
// ValidatePodSpec, validateContainers, validateInitContainers, validateEphemeralContainers,
// validateContainerPorts, ValidatePodTemplateSpec; pkg/apis/discovery/validation: validateEndpoints,
// validateHints), for the pod specs of Pods and of every pod template, and EndpointSlice endpoints:
//
// - every container's name (regular, init, ephemeral) is required and a DNS-1123 label; a regular
//   container's name is unique among the regular ones, an init container's among the regular and
//   init ones, an ephemeral container's among all three, and its targetContainerName names a
//   regular or init container;
// - a port name is unique within its container (its form, IANA_SVC_NAME, is checked with the shapes);
// - an ephemeral container has no ports, probes or lifecycle; a pod template has no ephemeral
//   containers at all. A Pod may carry them: they are added to a running Pod through its
//   ephemeralcontainers subresource, so a Pod written out of a cluster (kubectl get -o yaml) has them;
// - spec.nodeName (when set) is a DNS-1123 subdomain (the Node name rule); spec.hostname and
//   spec.subdomain (when set) are DNS-1123 labels;
// - an EndpointSlice endpoint's nodeName and hostname, when present (even ""), are a DNS-1123
//   subdomain and label; its hints' node names are subdomains, each once.
//
// The types were checked before (shapes.ts): a value here is a string, a sequence or a mapping
// where the API has one, or absent.

import type { Kind } from '../../core/snapshot.ts';
import type { FieldPath } from './parse.ts';
import { broken, hintFor, shown, type Rule } from './names.ts';
import { templatePath } from './selectors.ts';
import { pathText } from './shapes.ts';

export interface SpecNameProblem {
  path: FieldPath;
  message: string;
  hint: string | null;
}

type Loose = Record<string, unknown>;

const isMapping = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (v: unknown): Loose[] => (Array.isArray(v) ? v.map((x) => (isMapping(x) ? x : {})) : []);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function problem(path: FieldPath, message: string, hint: string | null): SpecNameProblem {
  return { path, message: `${pathText(path)}: ${message}`, hint };
}

/** A value under a name rule, or null when it meets it. */
function named(path: FieldPath, value: string, rule: Rule, what: string): SpecNameProblem | null {
  const bad = broken(rule, value, false);
  return bad ? problem(path, `${shown(value)} ${bad}`, hintFor(rule, value, what)) : null;
}

const FORBIDDEN_IN_EPHEMERAL = ['ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'] as const;

/**
 * Whether an ephemeral container's field differs from Go's zero value once decoded: any value but
 * null does (an empty sequence decodes to an empty slice, which is not the nil slice).
 */
const isSet = (v: unknown): boolean => v !== undefined && v !== null;

const LISTS = [
  ['containers', 'a container name'],
  ['initContainers', 'an init container name'],
  ['ephemeralContainers', 'an ephemeral container name'],
] as const;

const UNIQUE = 'container names must be unique across containers, initContainers and ephemeralContainers';

function containerNames(spec: Loose, at: FieldPath, template: boolean): SpecNameProblem[] {
  const out: SpecNameProblem[] = [];
  const names = (key: string) => entries(spec[key]).map((c) => text(c.name) ?? '');
  // What each list's names are checked against: the regular list itself; regular and earlier init
  // names; every regular and init name (an empty init name is not counted among the init ones).
  const regular = new Set<string>();
  const initial = new Set<string>(names('containers'));
  const others = new Set<string>([...names('containers'), ...names('initContainers')]);
  const all = new Set<string>(others);
  for (const [key, what] of LISTS) {
    if (key === 'ephemeralContainers' && template) {
      if (entries(spec[key]).length > 0) out.push(problem([...at, key], 'Forbidden: a pod template may not have ephemeral containers', 'remove ephemeralContainers from the template; they are added to a running Pod (kubectl debug)'));
      continue;
    }
    const seen = key === 'containers' ? regular : key === 'initContainers' ? initial : all;
    entries(spec[key]).forEach((c, i) => {
      const path = [...at, key, i, 'name'];
      const name = text(c.name) ?? '';
      if (name === '') out.push(problem(path, 'Required value', `give every container a name: ${hintFor('label', '', what)}`));
      else {
        const bad = named(path, name, 'label', what);
        if (bad) out.push(bad);
      }
      if (seen.has(name)) out.push(problem(path, `Duplicate value: ${shown(name)}`, UNIQUE));
      else if (name !== '' || key !== 'initContainers') seen.add(name);
      if (key !== 'ephemeralContainers') {
        out.push(...portNames(c, [...at, key, i]));
        return;
      }
      const target = text(c.targetContainerName) ?? '';
      if (target !== '' && !others.has(target)) {
        out.push(problem([...at, key, i, 'targetContainerName'], `Not found: ${shown(target)}`, 'name a container or an init container of this Pod'));
      }
      for (const f of FORBIDDEN_IN_EPHEMERAL) {
        if (isSet(c[f])) out.push(problem([...at, key, i, f], 'Forbidden: cannot be set for an ephemeral container', `remove ${f} from the ephemeral container`));
      }
    });
  }
  return out;
}

/** Port names are unique within a container; an invalid one (reported with the shapes) is not counted. */
function portNames(container: Loose, at: FieldPath): SpecNameProblem[] {
  const out: SpecNameProblem[] = [];
  const seen = new Set<string>();
  entries(container.ports).forEach((p, j) => {
    const name = text(p.name) ?? '';
    if (name === '') return;
    if (seen.has(name)) out.push(problem([...at, 'ports', j, 'name'], `Duplicate value: ${shown(name)}`, 'give each port of a container its own name'));
    else seen.add(name);
  });
  return out;
}

function podSpecNames(spec: unknown, at: FieldPath, template: boolean): SpecNameProblem[] {
  if (!isMapping(spec)) return [];
  const out = containerNames(spec, at, template);
  for (const [key, rule, what] of [['nodeName', 'subdomain', 'a node name'], ['hostname', 'label', 'a hostname'], ['subdomain', 'label', 'a subdomain']] as const) {
    const v = text(spec[key]);
    if (v === null || v === '') continue;
    const bad = named([...at, key], v, rule, what);
    if (bad) out.push(bad);
  }
  return out;
}

function endpointNames(slice: Loose): SpecNameProblem[] {
  const out: SpecNameProblem[] = [];
  entries(slice.endpoints).forEach((e, i) => {
    const at = ['endpoints', i];
    for (const [key, rule, what] of [['nodeName', 'subdomain', 'a node name'], ['hostname', 'label', 'a hostname']] as const) {
      const v = text(e[key]);
      if (v === null) continue;
      const bad = named([...at, key], v, rule, what);
      if (bad) out.push(bad);
    }
    const hints = e.hints;
    if (!isMapping(hints)) return;
    const seen = new Set<string>();
    entries(hints.forNodes).forEach((n, k) => {
      const path = [...at, 'hints', 'forNodes', k, 'name'];
      const name = text(n.name) ?? '';
      if (seen.has(name)) out.push(problem(path, `Duplicate value: ${shown(name)}`, 'name each node once'));
      else seen.add(name);
      const bad = named(path, name, 'subdomain', 'a node name');
      if (bad) out.push(bad);
    });
  });
  return out;
}

/** At most this many problems a document (a pod of 10,000 unnamed containers is one problem told often enough). */
const LIMIT = 20;

/** The problems the API server would find with the names inside the object's spec on create. */
export function checkSpecNames(kind: Kind, obj: unknown): SpecNameProblem[] {
  if (!isMapping(obj)) return [];
  if (kind === 'EndpointSlice') return endpointNames(obj).slice(0, LIMIT);
  if (kind === 'Pod') return podSpecNames(obj.spec, ['spec'], false).slice(0, LIMIT);
  const t = templatePath(kind);
  if (t === null) return [];
  let template: unknown = obj;
  for (const key of t) template = isMapping(template) ? template[key] : undefined;
  return isMapping(template) ? podSpecNames(template.spec, [...t, 'spec'], true).slice(0, LIMIT) : [];
}
