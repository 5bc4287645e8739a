// What the API server would reject. Checked in two passes, as on create: the shape of
// label and selector maps while decoding (before defaults), then selectors and labels
// once defaults and the Job selector are in place (k/k pkg/apis/apps/validation,
// pkg/apis/batch/validation, pkg/apis/core/validation). An invalid document is not loaded.
// Each problem carries the path of the field at fault (a label's own key, a selector's own
// requirement), so it can be reported at that field's line.

import { fromLabelSelector, fromSet, isSelectorError, matches, setError, type Selector } from '../../core/labels.ts';
import type { Kind } from '../../core/snapshot.ts';
import type { FieldPath } from './parse.ts';
import { labelMaps, selectorFields, templatePath } from './selectors.ts';
import { pathText } from './shapes.ts';

export interface Invalid {
  /** The field at fault. */
  path: FieldPath;
  message: string;
  hint: string | null;
}

type Loose = Record<string, unknown>;

function isMapping(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'sequence';
  if (typeof v === 'object') return 'mapping';
  return typeof v;
}

const invalid = (path: FieldPath, message: string, hint: string | null = null): Invalid => ({ path, message: `${pathText(path)}: ${message}`, hint });

function stringMap(path: FieldPath, value: unknown): Invalid[] {
  if (value === undefined || value === null) return [];
  if (!isMapping(value)) return [invalid(path, `must be a mapping of strings, not a ${typeName(value)}`)];
  const out: Invalid[] = [];
  for (const key in value) {
    const v = value[key];
    if (!Object.hasOwn(value, key) || typeof v === 'string') continue;
    out.push(invalid([...path, key], `${JSON.stringify(v)} is a ${typeName(v)}, not a string`,
      // Only a scalar can be meant as a string that YAML read as a number or boolean.
      typeof v === 'number' || typeof v === 'boolean'
        ? `quote it (${key}: "${String(v)}"); YAML reads unquoted numbers and yes/no/on/off/true/false as non-strings`
        : `give ${key} one string value`));
  }
  return out;
}

function labelSelectorShape(path: FieldPath, value: unknown): Invalid[] {
  if (value === undefined || value === null) return [];
  if (!isMapping(value)) return [invalid(path, `must be a label selector (matchLabels / matchExpressions), not a ${typeName(value)}`)];
  const out = stringMap([...path, 'matchLabels'], value.matchLabels);
  const exprs = value.matchExpressions;
  if (exprs === undefined || exprs === null) return out;
  if (!Array.isArray(exprs)) return [...out, invalid([...path, 'matchExpressions'], 'must be a sequence')];
  exprs.forEach((e, i) => {
    const at = [...path, 'matchExpressions', i];
    if (!isMapping(e)) out.push(invalid(at, 'must be a mapping with key, operator and values'));
    else if (e.values !== undefined && e.values !== null) {
      if (!Array.isArray(e.values)) out.push(invalid([...at, 'values'], 'must be a sequence of strings', 'quote values that YAML would read as numbers or booleans'));
      else {
        const j = e.values.findIndex((v) => typeof v !== 'string');
        const v: unknown = e.values[j];
        if (j >= 0) out.push(invalid([...at, 'values', j], `${JSON.stringify(v) ?? String(v)} is a ${typeName(v)}, not a string`, 'quote values that YAML would read as numbers or booleans'));
      }
    }
  });
  return out;
}

function sequence(path: FieldPath, value: unknown): Invalid[] {
  if (value === undefined || value === null || Array.isArray(value)) return [];
  return [invalid(path, `must be a sequence, not a ${typeName(value)}`, 'start each entry with "- "')];
}

/** The lists the analysis walks: Service ports, and containers and their ports in pod specs. */
function listShapes(kind: Kind, obj: unknown): Invalid[] {
  if (kind === 'Service') return sequence(['spec', 'ports'], get(obj, ['spec', 'ports']));
  const t = kind === 'Pod' ? [] : templatePath(kind);
  if (t === null) return [];
  const specPath = [...t, 'spec'];
  const out: Invalid[] = [];
  for (const key of ['containers', 'initContainers']) {
    const at = [...specPath, key];
    const containers = get(obj, at);
    out.push(...sequence(at, containers));
    if (!Array.isArray(containers)) continue;
    containers.forEach((c, i) => out.push(...sequence([...at, i, 'ports'], get(c, ['ports']))));
  }
  return out;
}

/** Decoding errors: label and selector maps must hold strings; lists must be lists. */
export function checkShapes(kind: Kind, obj: unknown): Invalid[] {
  const out: Invalid[] = [];
  for (const m of labelMaps(kind, obj)) out.push(...stringMap(m.path, m.value));
  for (const f of selectorFields(kind, obj)) out.push(...(f.form === 'map' ? stringMap(f.path, f.value) : labelSelectorShape(f.path, f.value)));
  out.push(...listShapes(kind, obj));
  return out;
}

const REQUIRES_SELECTOR = new Set<Kind>(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);

function get(obj: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((cur, key) => (isMapping(cur) ? cur[key] : Array.isArray(cur) && typeof key === 'number' ? cur[key] : undefined), obj);
}

function requiredSelector(kind: Kind, sel: Selector, raw: unknown): Invalid | null {
  const at = ['spec', 'selector'];
  if (kind === 'ReplicationController') {
    return Object.keys(isMapping(raw) ? raw : {}).length === 0 ? invalid(at, 'Required value', 'give the pod template labels; the selector defaults to them') : null;
  }
  if (raw === undefined || raw === null) return invalid(at, 'Required value', `apps/v1 requires spec.selector; set matchLabels to the template's labels`);
  if (sel.kind === 'everything' && kind !== 'Job') return invalid(at, `Invalid value: empty selector is invalid for ${kind.toLowerCase()}`);
  return null;
}

function templateRestartPolicy(kind: Kind, obj: unknown): Invalid | null {
  if (kind !== 'Job' && kind !== 'CronJob') return null;
  const at = [...(templatePath(kind) as string[]), 'spec', 'restartPolicy'];
  const policy = get(obj, at);
  if (policy === 'Never' || policy === 'OnFailure') return null;
  return invalid(at, `Unsupported value: ${JSON.stringify(policy ?? 'Always')}: supported values: "OnFailure", "Never"`,
    'a Job pod template must set restartPolicy to Never or OnFailure');
}

/** The key of a label map at fault: the first whose label alone is refused. */
function badLabel(path: FieldPath, labels: Loose): FieldPath {
  const key = Object.keys(labels).find((k) => isSelectorError(fromSet({ [k]: labels[k] as string })));
  return key === undefined ? path : [...path, key];
}

/** The part of a selector at fault: the first matchLabels entry or matchExpressions requirement refused alone. */
function badSelectorPart(path: FieldPath, form: 'labelSelector' | 'map', value: unknown): FieldPath {
  if (!isMapping(value)) return path;
  if (form === 'map') return badLabel(path, value);
  if (isMapping(value.matchLabels)) {
    const at = badLabel([...path, 'matchLabels'], value.matchLabels);
    if (at.length > path.length + 1) return at;
  }
  if (Array.isArray(value.matchExpressions)) {
    const i = value.matchExpressions.findIndex((e) => isSelectorError(fromLabelSelector({ matchExpressions: [e] } as Parameters<typeof fromLabelSelector>[0])));
    if (i >= 0) {
      const e = value.matchExpressions[i] as Loose;
      const at = [...path, 'matchExpressions', i];
      // The operator when it is the one refused, else the requirement (key or values).
      const known = ['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator as string);
      return known ? at : [...at, 'operator'];
    }
  }
  return path;
}

/** Validation after defaulting: label syntax, selector syntax, required selectors, selector vs template labels. */
export function checkObject(kind: Kind, obj: unknown): Invalid[] {
  const out: Invalid[] = [];
  for (const m of labelMaps(kind, obj)) {
    if (!m.labels || !isMapping(m.value)) continue;
    const error = setError(m.value as Record<string, string>);
    if (error !== null) out.push({ path: badLabel(m.path, m.value), message: `${pathText(m.path)}: ${error}`, hint: null });
  }
  for (const f of selectorFields(kind, obj)) {
    const sel = f.form === 'map' ? fromSet(f.value as Record<string, string> | null | undefined) : fromLabelSelector(f.value as Parameters<typeof fromLabelSelector>[0]);
    if (isSelectorError(sel)) {
      out.push({ path: badSelectorPart(f.path, f.form, f.value), message: `${pathText(f.path)}: ${sel.error}`, hint: null });
      continue;
    }
    if (!REQUIRES_SELECTOR.has(kind) || pathText(f.path) !== 'spec.selector') continue;
    const required = requiredSelector(kind, sel, f.value);
    if (required) {
      out.push(required);
      continue;
    }
    const t = templatePath(kind) as string[];
    const labels = get(obj, [...t, 'metadata', 'labels']);
    if (!matches(sel, isMapping(labels) ? (labels as Record<string, string>) : {})) {
      out.push(invalid([...t, 'metadata', 'labels'], 'Invalid value: `selector` does not match template `labels`', 'every label in spec.selector must also be on the pod template'));
    }
  }
  const restart = templateRestartPolicy(kind, obj);
  if (restart) out.push(restart);
  return out;
}
