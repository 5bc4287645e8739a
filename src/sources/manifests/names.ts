// Object names as the API server checks them on create: metadata.name and metadata.generateName
// by each kind's name rule, metadata.namespace as a DNS-1123 label (k8s.io/apimachinery
// pkg/api/validation: ValidateObjectMetaAccessor, with the name function each kind's
// validation passes it: k/k pkg/apis/{core,apps,batch,discovery,networking,autoscaling}/validation).
// Kinds whose validation names no rule (PodDisruptionBudget) get only the generic rule every
// stored object meets (pkg/api/validation/path: not "." or "..", no "/" or "%").
// A generateName is checked as a prefix: a trailing '-' is allowed (the server masks it).

import type { Kind } from '../../core/snapshot.ts';
import type { FieldPath } from './parse.ts';

export interface NameProblem {
  path: FieldPath;
  message: string;
  hint: string | null;
  /** The object is still loaded: whether the API server accepts it depends on its version or feature gates. */
  loads?: boolean;
}

export type Rule = 'subdomain' | 'label' | 'label-1035' | 'path-segment';

/** The rule each kind's create validation applies to metadata.name. */
const RULES: Readonly<Record<Kind, Rule>> = {
  Pod: 'subdomain',
  ReplicationController: 'subdomain',
  Node: 'subdomain',
  Deployment: 'subdomain',
  ReplicaSet: 'subdomain',
  DaemonSet: 'subdomain',
  Job: 'subdomain',
  CronJob: 'subdomain',
  EndpointSlice: 'subdomain',
  NetworkPolicy: 'subdomain',
  Ingress: 'subdomain',
  HorizontalPodAutoscaler: 'subdomain',
  // The pods' hostnames are the StatefulSet's name and an ordinal: a label.
  StatefulSet: 'label',
  Namespace: 'label',
  Service: 'label-1035',
  PodDisruptionBudget: 'path-segment',
};

/** A CronJob's Jobs are named after it with an 11-character suffix ("-" and a timestamp), within 63 (k/k pkg/apis/batch/validation: ValidateCronJobCreate). */
const CRONJOB_NAME_MAX = 52;

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const WORDS: Readonly<Record<Rule, string>> = {
  subdomain: 'a name must be at most 253 characters of lowercase letters, digits, \'-\' and \'.\', each part between dots starting and ending with a letter or digit',
  label: 'a name must be at most 63 characters of lowercase letters, digits and \'-\', starting and ending with a letter or digit (no \'.\')',
  'label-1035': 'a Service name must be at most 63 characters of lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit',
  'path-segment': 'a name may not be "." or ".." and may not contain \'/\' or \'%\'',
};

/** What is wrong with `name` under `rule`, or null. `prefix`: a generateName. */
export function broken(rule: Rule, name: string, prefix: boolean): string | null {
  if (rule === 'path-segment') {
    if (!prefix && (name === '.' || name === '..')) return `may not be ${JSON.stringify(name)}`;
    return name.includes('/') || name.includes('%') ? `may not contain '/' or '%'` : null;
  }
  // The server's own masking of a generateName's trailing '-': the last two characters become one letter.
  const n = prefix && name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
  const max = rule === 'subdomain' ? 253 : 63;
  const re = rule === 'subdomain' ? SUBDOMAIN : rule === 'label' ? LABEL : LABEL_1035;
  if (n.length > max) return `is ${n.length} characters long (at most ${max})`;
  return re.test(n) ? null : 'is not valid';
}

/** A name close to `name` that the rule accepts, to suggest; null when there is none worth showing. */
function suggestion(rule: Rule, name: string): string | null {
  if (rule === 'path-segment') return null;
  const dots = rule === 'subdomain';
  let s = name.toLowerCase().replace(dots ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-');
  if (dots) s = s.replace(/\.{2,}/g, '.').replace(/-*\.-*/g, '.');
  s = s.slice(0, rule === 'subdomain' ? 253 : 63).replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  if (rule === 'label-1035') s = s.replace(/^[^a-z]+/, '');
  return s === '' || s === name ? null : s;
}

export function shown(s: string): string {
  const text = JSON.stringify(s);
  return text.length > 80 ? `${text.slice(0, 80)}…" (${s.length} characters)` : text;
}

/** The rule in words and a close name it accepts; `what` names the value ("a container name") in place of "a name". */
export function hintFor(rule: Rule, name: string, what = 'a name'): string {
  const better = suggestion(rule, name);
  return `${WORDS[rule].replace(/^a name/, what)}${better ? `; e.g. ${JSON.stringify(better)}` : ''}`;
}

/**
 * The problems the API server would find with the object's name, generateName and namespace on create.
 * `meta` is the object's metadata mapping; name is a non-empty string (checked before).
 */
export function checkNames(kind: Kind, meta: Record<string, unknown>, namespaced: boolean): NameProblem[] {
  const out: NameProblem[] = [];
  const rule = RULES[kind];
  const name = meta.name as string;
  const bad = broken(rule, name, false);
  if (bad) {
    // KEP-5311: with the RelaxedServiceNameValidation gate (alpha, off by default in 1.34) a Service name may be any DNS-1123 label.
    const relaxed = rule === 'label-1035' && broken('label', name, false) === null;
    out.push({
      path: ['metadata', 'name'],
      message: relaxed
        ? `metadata.name: ${shown(name)} starts with a digit: the API server rejects it unless its RelaxedServiceNameValidation feature gate is on (alpha and off by default in Kubernetes 1.34); analysed as written`
        : `metadata.name: ${shown(name)} ${bad}`,
      hint: relaxed ? 'start the Service name with a letter' : hintFor(rule, name),
      ...(relaxed ? { loads: true } : {}),
    });
  } else if (kind === 'CronJob' && name.length > CRONJOB_NAME_MAX) {
    out.push({ path: ['metadata', 'name'], message: `metadata.name: ${shown(name)} is ${name.length} characters long (a CronJob's at most ${CRONJOB_NAME_MAX})`, hint: `its Jobs are named after it with an 11-character suffix, within 63; shorten it to ${CRONJOB_NAME_MAX} characters or fewer` });
  }
  const generate = meta.generateName;
  if (typeof generate === 'string' && generate !== '') {
    const g = broken(rule, generate, true);
    if (g) out.push({ path: ['metadata', 'generateName'], message: `metadata.generateName: ${shown(generate)} ${g}`, hint: `${WORDS[rule]} (a trailing '-' is allowed)` });
  }
  const ns = meta.namespace;
  // kubectl drops a namespace from cluster-scoped objects before sending them; an empty one takes -n or the context's.
  if (namespaced && typeof ns === 'string' && ns !== '') {
    const n = broken('label', ns, false);
    if (n) out.push({ path: ['metadata', 'namespace'], message: `metadata.namespace: ${shown(ns)} ${n}`, hint: hintFor('label', ns, 'a namespace') });
  }
  return out;
}
