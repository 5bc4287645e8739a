// The shapes of the fields the analysis reads, per kind, checked on each manifest object
// before anything else touches it: types (a string where Go has a string, an integer where
// it has an int32, a sequence where it has a slice), the ranges the API server enforces on
// ports, replicas and counts, IP strings, and port names. The API server decodes a wrong type
// as an error for the whole object (so does `kubectl apply`), so an object with one is
// reported with the field's path and not loaded; fields the analysis never reads are not
// checked. null is an absent field, as in Go's JSON decoding; a null element of a sequence is
// the element's zero value (an empty mapping, "", 0), written in place so the core never meets it.

import { parseIP } from '../../core/routing/ip.ts';
import type { Kind } from '../../core/snapshot.ts';
import type { FieldPath } from './parse.ts';

export interface ShapeProblem {
  path: FieldPath;
  message: string;
  hint: string | null;
}

type Shape =
  | { t: 'string' }
  | { t: 'bool' }
  | { t: 'int'; min: number; max: number; what?: string }
  /** min 0: 0 and "" are defaulted (a Service's targetPort takes its port). */
  | { t: 'port-or-name'; min: number }
  | { t: 'int-or-percent' }
  | { t: 'ip'; none?: boolean }
  | { t: 'cidr' }
  | { t: 'port-name' }
  | { t: 'any-map' }
  | { t: 'list'; of: Shape }
  | { t: 'map'; of: Shape }
  | { t: 'obj'; fields: Readonly<Record<string, Shape>>; required?: readonly string[] };

const INT32 = 2 ** 31 - 1;
const str: Shape = { t: 'string' };
const bool: Shape = { t: 'bool' };
const int = (min: number, max: number, what?: string): Shape => (what ? { t: 'int', min, max, what } : { t: 'int', min, max });
const count = int(0, INT32);
const seconds = int(0, Number.MAX_SAFE_INTEGER);
const port = int(1, 65535, 'a port number');
const list = (of: Shape): Shape => ({ t: 'list', of });
const map = (of: Shape): Shape => ({ t: 'map', of });
const obj = (fields: Record<string, Shape>, required?: string[]): Shape => (required ? { t: 'obj', fields, required } : { t: 'obj', fields });
const anyMap: Shape = { t: 'any-map' };

const ownerReference = obj({ apiVersion: str, kind: str, name: str, uid: str, controller: bool, blockOwnerDeletion: bool });
const meta = obj({
  name: str, generateName: str, namespace: str, uid: str, resourceVersion: str, generation: int(0, Number.MAX_SAFE_INTEGER),
  creationTimestamp: str, deletionTimestamp: str, deletionGracePeriodSeconds: seconds,
  labels: map(str), annotations: map(str), ownerReferences: list(ownerReference),
});
const selectorRequirement = obj({ key: str, operator: str, values: list(str) }, ['key', 'operator']);
const labelSelector = obj({ matchLabels: map(str), matchExpressions: list(selectorRequirement) });

const containerPort = obj({ name: { t: 'port-name' }, containerPort: port, hostPort: int(0, 65535, 'a port number'), protocol: str, hostIP: { t: 'ip' } }, ['containerPort']);
const probe = obj({ initialDelaySeconds: count, periodSeconds: count, timeoutSeconds: count, successThreshold: count, failureThreshold: count, terminationGracePeriodSeconds: seconds });
const handler = obj({ exec: obj({ command: list(str) }), httpGet: anyMap, tcpSocket: anyMap, sleep: obj({ seconds: seconds }) });
const container = obj({
  name: str, image: str, ports: list(containerPort),
  readinessProbe: probe, livenessProbe: probe, startupProbe: probe, restartPolicy: str,
  lifecycle: obj({ preStop: handler, postStart: handler, stopSignal: str }),
}, ['name']);
const podSpec = obj({
  nodeName: str, hostname: str, subdomain: str, hostNetwork: bool,
  containers: list(container), initContainers: list(container), ephemeralContainers: list(container),
  readinessGates: list(obj({ conditionType: str })), terminationGracePeriodSeconds: seconds, restartPolicy: str,
});
const containerStatus = obj({ name: str, ready: bool, restartCount: count, started: bool, state: anyMap });
const podStatus = obj({
  phase: str, reason: str, podIP: { t: 'ip' }, podIPs: list(obj({ ip: { t: 'ip' } })), hostIP: { t: 'ip' }, hostIPs: list(obj({ ip: { t: 'ip' } })), startTime: str,
  conditions: list(obj({ type: str, status: str, lastTransitionTime: str, reason: str })),
  containerStatuses: list(containerStatus), initContainerStatuses: list(containerStatus),
});
const template = obj({ metadata: meta, spec: podSpec });

const intOrPercent: Shape = { t: 'int-or-percent' };
const rollingUpdate = obj({ maxSurge: intOrPercent, maxUnavailable: intOrPercent, partition: count });
const workloadSpec = obj({
  replicas: count, selector: labelSelector, template, minReadySeconds: count,
  strategy: obj({ type: str, rollingUpdate }), updateStrategy: obj({ type: str, rollingUpdate }),
  serviceName: str, manualSelector: bool, parallelism: count, completions: count, completionMode: str,
});
const workloadStatus = obj({ replicas: count, readyReplicas: count, availableReplicas: count, updatedReplicas: count, selector: str });

const servicePort = obj({ name: str, protocol: str, port, targetPort: { t: 'port-or-name', min: 0 }, nodePort: int(0, 65535, 'a port number'), appProtocol: str }, ['port']);
const service = obj({
  spec: obj({
    type: str, selector: map(str), ports: list(servicePort), clusterIP: { t: 'ip', none: true }, clusterIPs: list({ t: 'ip', none: true }),
    ipFamilies: list(str), externalName: str, externalIPs: list({ t: 'ip' }), publishNotReadyAddresses: bool,
    externalTrafficPolicy: str, internalTrafficPolicy: str, healthCheckNodePort: int(0, 65535, 'a port number'), sessionAffinity: str,
    sessionAffinityConfig: obj({ clientIP: obj({ timeoutSeconds: int(0, 86400) }) }), trafficDistribution: str,
  }),
  status: obj({ loadBalancer: obj({ ingress: list(obj({ ip: { t: 'ip' }, hostname: str, ipMode: str })) }) }),
});

const endpointSlice = obj({
  addressType: str,
  endpoints: list(obj({
    addresses: list(str), conditions: obj({ ready: bool, serving: bool, terminating: bool }), hostname: str, nodeName: str, zone: str,
    targetRef: obj({ kind: str, name: str, namespace: str, uid: str }),
    hints: obj({ forZones: list(obj({ name: str })), forNodes: list(obj({ name: str })) }),
  }, ['addresses'])),
  ports: list(obj({ name: str, port: int(0, 65535, 'a port number'), protocol: str, appProtocol: str })),
});

const peer = obj({ podSelector: labelSelector, namespaceSelector: labelSelector, ipBlock: obj({ cidr: { t: 'cidr' }, except: list({ t: 'cidr' }) }, ['cidr']) });
const policyPort = obj({ protocol: str, port: { t: 'port-or-name', min: 1 }, endPort: port });
const networkPolicy = obj({
  spec: obj({
    podSelector: labelSelector, policyTypes: list(str),
    ingress: list(obj({ from: list(peer), ports: list(policyPort) })), egress: list(obj({ to: list(peer), ports: list(policyPort) })),
  }),
});

const pdb = obj({
  spec: obj({ selector: labelSelector, minAvailable: intOrPercent, maxUnavailable: intOrPercent, unhealthyPodEvictionPolicy: str }),
  status: obj({ disruptionsAllowed: count, currentHealthy: count, desiredHealthy: count, expectedPods: count }),
});

// networking.k8s.io/v1 and the removed extensions/v1beta1 shape (serviceName, servicePort), read before conversion.
const backend = obj({
  service: obj({ name: str, port: obj({ name: str, number: port }) }), resource: obj({ apiGroup: str, kind: str, name: str }),
  serviceName: str, servicePort: { t: 'port-or-name', min: 1 },
});
const ingress = obj({
  spec: obj({
    ingressClassName: str, defaultBackend: backend, backend,
    // The API server rejects a path without a backend (required in every served version).
    rules: list(obj({ host: str, http: obj({ paths: list(obj({ path: str, pathType: str, backend }, ['backend'])) }) })),
  }),
});

const SHAPES: Readonly<Record<Kind, Shape>> = {
  Pod: obj({ metadata: meta, spec: podSpec, status: podStatus }),
  Service: obj({ metadata: meta, ...fieldsOf(service) }),
  EndpointSlice: obj({ metadata: meta, ...fieldsOf(endpointSlice) }),
  Deployment: obj({ metadata: meta, spec: workloadSpec, status: workloadStatus }),
  ReplicaSet: obj({ metadata: meta, spec: workloadSpec, status: workloadStatus }),
  StatefulSet: obj({ metadata: meta, spec: workloadSpec, status: workloadStatus }),
  DaemonSet: obj({ metadata: meta, spec: workloadSpec, status: workloadStatus }),
  Job: obj({ metadata: meta, spec: workloadSpec, status: workloadStatus }),
  CronJob: obj({ metadata: meta, spec: obj({ schedule: str, jobTemplate: obj({ metadata: meta, spec: workloadSpec }) }) }),
  ReplicationController: obj({ metadata: meta, spec: obj({ replicas: count, selector: map(str), template, minReadySeconds: count }), status: workloadStatus }),
  NetworkPolicy: obj({ metadata: meta, ...fieldsOf(networkPolicy) }),
  PodDisruptionBudget: obj({ metadata: meta, ...fieldsOf(pdb) }),
  Ingress: obj({ metadata: meta, ...fieldsOf(ingress) }),
  HorizontalPodAutoscaler: obj({ metadata: meta, spec: obj({ scaleTargetRef: obj({ apiVersion: str, kind: str, name: str }), minReplicas: count, maxReplicas: count }) }),
  Node: obj({
    metadata: meta,
    spec: obj({ unschedulable: bool, taints: list(obj({ key: str, value: str, effect: str })) }),
    status: obj({ conditions: list(obj({ type: str, status: str })), addresses: list(obj({ type: str, address: str })) }),
  }),
  Namespace: obj({ metadata: meta, status: obj({ phase: str }) }),
};

function fieldsOf(s: Shape): Record<string, Shape> {
  return s.t === 'obj' ? { ...s.fields } : {};
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'a sequence';
  if (typeof v === 'object' && v !== null) return 'a mapping';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number with a fraction';
  if (typeof v === 'boolean') return 'a boolean';
  return `a ${typeof v}`;
}

function shown(v: unknown): string {
  if (typeof v === 'object' && v !== null) return 'it';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export function pathText(path: FieldPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** IANA_SVC_NAME (k8s.io/apimachinery validation.IsValidPortName): at most 15 of a-z, 0-9 and '-', a letter among them, no '-' at either end or twice in a row. */
function isPortName(s: string): boolean {
  return s.length >= 1 && s.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(s) && !s.includes('--') && /[a-z]/.test(s);
}

function isCIDR(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const ip = parseIP(s.slice(0, slash));
  const bits = s.slice(slash + 1);
  // (ParseCIDRSloppy: the prefix length in decimal digits, leading zeros allowed.)
  if (!ip || !/^[0-9]+$/.test(bits)) return false;
  return Number(bits) <= (ip.family === 'IPv4' && !s.slice(0, slash).includes(':') ? 32 : 128);
}

/**
 * Whether a string is an IP address, and of which family, remembered for the addresses seen
 * last: a replayed watch sees the same endpoint addresses in every update of a slice.
 */
const ipFamilies = new Map<string, 'IPv4' | 'IPv6' | null>();

function ipFamily(a: string): 'IPv4' | 'IPv6' | null {
  let family = ipFamilies.get(a);
  if (family === undefined) {
    family = parseIP(a) ? (a.includes(':') ? 'IPv6' : 'IPv4') : null;
    if (ipFamilies.size >= 65_536) ipFamilies.clear();
    ipFamilies.set(a, family);
  }
  return family;
}

const QUOTE_HINT = 'quote it if YAML read it as a number or boolean (yes/no/on/off)';

/** Where a field sits: its key and its parent's place; spelled out as a path only when the field has a problem (most fields have none). */
interface Place { parent: Place | null; key: string | number | null }

function pathAt(parent: Place | null, key: string | number | null): (string | number)[] {
  const out: (string | number)[] = [];
  if (key !== null) out.push(key);
  for (let x: Place | null = parent; x && x.key !== null; x = x.parent) out.push(x.key);
  return out.reverse();
}

const fieldLists = new WeakMap<Record<string, Shape>, [string, Shape][]>();

function fieldList(fields: Record<string, Shape>): [string, Shape][] {
  let list = fieldLists.get(fields);
  if (!list) {
    list = Object.entries(fields);
    fieldLists.set(fields, list);
  }
  return list;
}

/** The zero value of a field of this shape, as Go's JSON decoding leaves it for a null. */
function zeroOf(s: Shape): unknown {
  switch (s.t) {
    case 'bool': return false;
    case 'int': case 'port-or-name': case 'int-or-percent': return 0;
    case 'list': return [];
    case 'map': case 'any-map': case 'obj': return {};
    default: return '';
  }
}

/**
 * Every field of `value` the shape names, depth first in the order the shape names them; at
 * most `limit` problems (a field is not looked at once the limit is reached). The recursion is
 * as deep as the shapes, which are finite; places are made only for mappings and sequences.
 */
function check(root: unknown, shape: Shape, limit = 20): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  const bad = (path: (string | number)[], message: string, hint: string | null = null) => out.push({ path, message: `${pathText(path)}: ${message}`, hint });
  const at = (parent: Place, key: string | number): Place => ({ parent, key });
  const visit = (v: unknown, s: Shape, parent: Place | null, key: string | number | null): void => {
    if (out.length >= limit || v === null || v === undefined) return;
    switch (s.t) {
      case 'string':
        if (typeof v !== 'string') bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not a string`, typeof v === 'number' || typeof v === 'boolean' ? QUOTE_HINT : null);
        break;
      case 'bool':
        if (typeof v !== 'boolean') bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not a boolean`, 'write true or false, unquoted');
        break;
      case 'int':
        if (typeof v !== 'number' || !Number.isInteger(v)) bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not an integer`, typeof v === 'string' && /^-?\d+$/.test(v) ? 'write the number unquoted' : null);
        else if (v < s.min || v > s.max) bad(pathAt(parent, key), `${v} is out of range: ${s.what ?? 'it'} must be ${s.max === Number.MAX_SAFE_INTEGER || s.max === INT32 ? `at least ${s.min}` : `between ${s.min} and ${s.max}`}`);
        break;
      case 'port-or-name':
        if (typeof v === 'number') {
          if (!Number.isInteger(v)) bad(pathAt(parent, key), `${v} is a number with a fraction, not a port number or name`);
          else if (v < s.min || v > 65535) bad(pathAt(parent, key), `${v} is out of range: a port number must be between ${s.min} and 65535`);
        } else if (typeof v === 'string') {
          if (!(s.min === 0 && v === '') && !isPortName(v)) bad(pathAt(parent, key), `${shown(v)} is not a valid port name (at most 15 lowercase letters, digits and '-', with a letter, no '-' at either end or twice in a row)`);
        } else bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not a port number or name`);
        break;
      case 'int-or-percent':
        if (typeof v === 'number') {
          if (!Number.isInteger(v) || v < 0) bad(pathAt(parent, key), `${v} must be a non-negative integer or a percentage such as "25%"`);
        } else if (typeof v === 'string') {
          if (!/^[0-9]+%$/.test(v)) bad(pathAt(parent, key), `${shown(v)} must be a non-negative integer or a percentage such as "25%"`);
        } else bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not an integer or a percentage`);
        break;
      case 'ip':
        if (typeof v !== 'string') bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not an IP address`);
        else if (!(v === '' || (s.none && v === 'None') || ipFamily(v))) bad(pathAt(parent, key), `${shown(v)} is not a valid IP address`);
        break;
      case 'cidr':
        if (typeof v !== 'string') bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not a CIDR`);
        else if (!isCIDR(v)) bad(pathAt(parent, key), `${shown(v)} is not a valid CIDR such as 10.0.0.0/16`);
        break;
      case 'port-name':
        if (typeof v !== 'string') bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not a port name`, QUOTE_HINT);
        else if (!isPortName(v)) bad(pathAt(parent, key), `${shown(v)} is not a valid port name (at most 15 lowercase letters, digits and '-', with a letter, no '-' at either end or twice in a row)`);
        break;
      case 'any-map':
        if (!isMapping(v)) bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not a mapping`);
        break;
      case 'list': {
        if (!Array.isArray(v)) {
          bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not a sequence`, 'start each entry with "- "');
          break;
        }
        // Go decodes a null element of a slice as the element type's zero value; so do we, in place (all of them, before any is looked at).
        for (let i = v.length - 1; i >= 0; i--) if (v[i] === null || v[i] === undefined) v[i] = zeroOf(s.of);
        const self = key === null ? ROOT : at(parent ?? ROOT, key);
        for (let i = 0; i < v.length; i++) visit(v[i], s.of, self, i);
        break;
      }
      case 'map': {
        if (!isMapping(v)) {
          bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not a mapping`);
          break;
        }
        const self = key === null ? ROOT : at(parent ?? ROOT, key);
        for (const k in v) if (Object.hasOwn(v, k)) visit(v[k], s.of, self, k);
        break;
      }
      case 'obj': {
        if (!isMapping(v)) {
          bad(pathAt(parent, key), `${shown(v)} is ${typeName(v)}, not a mapping`);
          break;
        }
        for (const r of s.required ?? []) if (v[r] === undefined || v[r] === null) bad([...pathAt(parent, key), r], 'Required value');
        const self = key === null ? ROOT : at(parent ?? ROOT, key);
        for (const [k, f] of fieldList(s.fields)) if (k in v) visit(v[k], f, self, k);
        break;
      }
    }
  };
  visit(root, shape, null, null);
  return out;
}

/**
 * Whether `v` has no problem check() would report: the same tests in the same order (nulls in
 * sequences zeroed as check() zeroes them, up to the first problem), with nothing made on the
 * way. Most objects have no problem; only those that have one are walked again by check(), for
 * paths and messages.
 */
function fits(v: unknown, s: Shape): boolean {
  if (v === null || v === undefined) return true;
  switch (s.t) {
    case 'string': return typeof v === 'string';
    case 'bool': return typeof v === 'boolean';
    case 'int': return typeof v === 'number' && Number.isInteger(v) && v >= s.min && v <= s.max;
    case 'port-or-name':
      if (typeof v === 'number') return Number.isInteger(v) && v >= s.min && v <= 65535;
      return typeof v === 'string' && ((s.min === 0 && v === '') || isPortName(v));
    case 'int-or-percent':
      if (typeof v === 'number') return Number.isInteger(v) && v >= 0;
      return typeof v === 'string' && /^[0-9]+%$/.test(v);
    case 'ip': return typeof v === 'string' && (v === '' || (s.none === true && v === 'None') || ipFamily(v) !== null);
    case 'cidr': return typeof v === 'string' && isCIDR(v);
    case 'port-name': return typeof v === 'string' && isPortName(v);
    case 'any-map': return isMapping(v);
    case 'list': case 'map': case 'obj': return fitsOf(s)(v);
  }
}

type Fits = (v: unknown) => boolean;

const compiled = new WeakMap<Shape, Fits>();

/**
 * fits() for a sequence, mapping or object shape, made once per shape. An object's fields are
 * read by their literal names in a function made for that shape, so each read is a property
 * load the engine caches for the objects' common layout, where a walk over the shape's fields
 * looked each up by a name held in a variable, in every object (about 3× the time over a
 * replayed watch's EndpointSlices). The function's text comes only from the shape tables in
 * this file (their field names, JSON-quoted), never from what is being checked.
 */
function fitsOf(s: Shape): Fits {
  const known = compiled.get(s);
  if (known) return known;
  let f: Fits;
  switch (s.t) {
    case 'list': {
      const of = s.of;
      const each = fitsOf(of);
      f = (v) => {
        if (v === null || v === undefined) return true;
        if (!Array.isArray(v)) return false;
        for (let i = v.length - 1; i >= 0; i--) if (v[i] === null || v[i] === undefined) v[i] = zeroOf(of);
        for (let i = 0; i < v.length; i++) if (!each(v[i])) return false;
        return true;
      };
      break;
    }
    case 'map': {
      const each = fitsOf(s.of);
      f = (v) => {
        if (v === null || v === undefined) return true;
        if (!isMapping(v)) return false;
        for (const k in v) if (Object.hasOwn(v, k) && !each(v[k])) return false;
        return true;
      };
      break;
    }
    case 'obj': {
      // Made on first use (a shape's fields are compiled only when an object of it is met; a
      // sequence's or mapping's element function is this wrapper, so theirs are made at once).
      let made: Fits | null = null;
      f = (v) => (made ??= objectFits(s))(v);
      break;
    }
    default:
      f = (v) => fits(v, s);
      break;
  }
  compiled.set(s, f);
  return f;
}

/** The function that checks a mapping of this shape (see fitsOf). */
function objectFits(s: Extract<Shape, { t: 'obj' }>): Fits {
  const names = Object.keys(s.fields);
  const nested: Fits[] = [];
  const lines: string[] = [
    'if (v === null || v === undefined) return true;',
    "if (typeof v !== 'object' || Array.isArray(v)) return false;",
  ];
  for (const r of s.required ?? []) lines.push(`if (v[${JSON.stringify(r)}] === undefined || v[${JSON.stringify(r)}] === null) return false;`);
  for (const name of names) {
    // A name Object.prototype also has would be found on every mapping by a plain read.
    if (name in Object.prototype) throw new Error(`shape field ${name} is a property of every object`);
    const key = JSON.stringify(name);
    const shape = s.fields[name] as Shape;
    if (shape.t === 'string') lines.push(`{ const x = v[${key}]; if (x !== undefined && x !== null && typeof x !== 'string') return false; }`);
    else if (shape.t === 'bool') lines.push(`{ const x = v[${key}]; if (x !== undefined && x !== null && typeof x !== 'boolean') return false; }`);
    else {
      nested.push(fitsOf(shape));
      lines.push(`if (!f[${nested.length - 1}](v[${key}])) return false;`);
    }
  }
  lines.push('return true;');
  try {
    return new Function('f', `return function fitsShape(v) {\n${lines.join('\n')}\n};`)(nested) as Fits;
  } catch {
    return objectWalk(s);
  }
}

/**
 * The same check as a walk over the shape's fields, for a Node run with
 * --disallow-code-generation-from-strings (objectFits' function cannot be made there).
 */
function objectWalk(s: Extract<Shape, { t: 'obj' }>): Fits {
  const required = s.required ?? [];
  const fields = Object.keys(s.fields).map((k) => [k, fitsOf(s.fields[k] as Shape)] as const);
  return (v) => {
    if (v === null || v === undefined) return true;
    if (!isMapping(v)) return false;
    for (const r of required) if (v[r] === undefined || v[r] === null) return false;
    for (const [k, f] of fields) if (!f(v[k])) return false;
    return true;
  };
}

/** The place of the value checked: its fields' paths start here. */
const ROOT: Place = { parent: null, key: null };

/** EndpointSlice addresses follow their addressType (k/k pkg/apis/discovery/validation). */
function sliceAddresses(v: unknown): ShapeProblem[] {
  if (!isMapping(v) || !Array.isArray(v.endpoints)) return [];
  const type = v.addressType;
  if (type !== 'IPv4' && type !== 'IPv6') return [];
  const out: ShapeProblem[] = [];
  v.endpoints.forEach((e, i) => {
    if (!isMapping(e) || !Array.isArray(e.addresses)) return;
    e.addresses.forEach((a, j) => {
      if (typeof a !== 'string') return;
      const family = ipFamily(a);
      if (family !== type) {
        const path = ['endpoints', i, 'addresses', j];
        out.push({ path, message: `${pathText(path)}: ${shown(a)} is not a valid ${type} address`, hint: null });
      }
    });
  });
  return out;
}

/** The wrong types, out-of-range numbers and malformed IPs in the fields the analysis reads. */
export function checkFieldShapes(kind: Kind, value: unknown): ShapeProblem[] {
  const shape = SHAPES[kind];
  const out = fitsOf(shape)(value) ? [] : check(value, shape);
  if (kind === 'EndpointSlice' && out.length === 0) out.push(...sliceAddresses(value));
  return out;
}
