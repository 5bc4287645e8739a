// What the API server would reject. Checked in two passes, as on create: the shape of
// label and selector maps while decoding (before defaults), then selectors and labels
// once defaults and the Job selector are in place (k/k pkg/apis/apps/validation,
// pkg/apis/batch/validation, pkg/apis/core/validation). An invalid document is not loaded.

import { fromLabelSelector, fromSet, isSelectorError, matches, type Selector } from '../../core/labels.ts';
import type { Kind } from '../../core/snapshot.ts';
import { labelMaps, selectorFields, templatePath } from './selectors.ts';

export interface Invalid {
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

function stringMap(path: string, value: unknown): Invalid[] {
  if (value === undefined || value === null) return [];
  if (!isMapping(value)) return [{ message: `${path}: must be a mapping of strings, not a ${typeName(value)}`, hint: null }];
  const out: Invalid[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') continue;
    out.push({
      message: `${path}.${key}: ${JSON.stringify(v)} is a ${typeName(v)}, not a string`,
      // Only a scalar can be meant as a string that YAML read as a number or boolean.
      hint: typeof v === 'number' || typeof v === 'boolean'
        ? `quote it (${key}: "${String(v)}"); YAML reads unquoted numbers and yes/no/on/off/true/false as non-strings`
        : `give ${key} one string value`,
    });
  }
  return out;
}

function labelSelectorShape(path: string, value: unknown): Invalid[] {
  if (value === undefined || value === null) return [];
  if (!isMapping(value)) return [{ message: `${path}: must be a label selector (matchLabels / matchExpressions), not a ${typeName(value)}`, hint: null }];
  const out = stringMap(`${path}.matchLabels`, value.matchLabels);
  const exprs = value.matchExpressions;
  if (exprs === undefined || exprs === null) return out;
  if (!Array.isArray(exprs)) return [...out, { message: `${path}.matchExpressions: must be a sequence`, hint: null }];
  exprs.forEach((e, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    if (!isMapping(e)) out.push({ message: `${at}: must be a mapping with key, operator and values`, hint: null });
    else if (e.values !== undefined && e.values !== null && (!Array.isArray(e.values) || e.values.some((v) => typeof v !== 'string'))) {
      out.push({ message: `${at}.values: must be a sequence of strings`, hint: 'quote values that YAML would read as numbers or booleans' });
    }
  });
  return out;
}

function sequence(path: string, value: unknown): Invalid[] {
  if (value === undefined || value === null || Array.isArray(value)) return [];
  return [{ message: `${path}: must be a sequence, not a ${typeName(value)}`, hint: 'start each entry with "- "' }];
}

/** The lists the analysis walks: Service ports, and containers and their ports in pod specs. */
function listShapes(kind: Kind, obj: unknown): Invalid[] {
  if (kind === 'Service') return sequence('spec.ports', get(obj, ['spec', 'ports']));
  const t = kind === 'Pod' ? [] : templatePath(kind);
  if (t === null) return [];
  const specPath = [...t, 'spec'];
  const out: Invalid[] = [];
  for (const key of ['containers', 'initContainers']) {
    const at = [...specPath, key];
    const containers = get(obj, at);
    out.push(...sequence(at.join('.'), containers));
    if (!Array.isArray(containers)) continue;
    containers.forEach((c, i) => out.push(...sequence(`${at.join('.')}[${i}].ports`, get(c, ['ports']))));
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

function get(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((cur, key) => (isMapping(cur) ? cur[key] : undefined), obj);
}

function requiredSelector(kind: Kind, sel: Selector, raw: unknown): Invalid | null {
  if (kind === 'ReplicationController') {
    return Object.keys(isMapping(raw) ? raw : {}).length === 0 ? { message: 'spec.selector: Required value', hint: 'give the pod template labels; the selector defaults to them' } : null;
  }
  if (raw === undefined || raw === null) return { message: 'spec.selector: Required value', hint: `apps/v1 requires spec.selector; set matchLabels to the template's labels` };
  if (sel.kind === 'everything' && kind !== 'Job') return { message: `spec.selector: Invalid value: empty selector is invalid for ${kind.toLowerCase()}`, hint: null };
  return null;
}

function templateRestartPolicy(kind: Kind, obj: unknown): Invalid | null {
  if (kind !== 'Job' && kind !== 'CronJob') return null;
  const t = templatePath(kind) as string[];
  const policy = get(obj, [...t, 'spec', 'restartPolicy']);
  if (policy === 'Never' || policy === 'OnFailure') return null;
  return {
    message: `${t.join('.')}.spec.restartPolicy: Unsupported value: ${JSON.stringify(policy ?? 'Always')}: supported values: "OnFailure", "Never"`,
    hint: 'a Job pod template must set restartPolicy to Never or OnFailure',
  };
}

/** Validation after defaulting: label syntax, selector syntax, required selectors, selector vs template labels. */
export function checkObject(kind: Kind, obj: unknown): Invalid[] {
  const out: Invalid[] = [];
  for (const m of labelMaps(kind, obj)) {
    if (!m.labels || !isMapping(m.value)) continue;
    const parsed = fromSet(m.value as Record<string, string>);
    if (isSelectorError(parsed)) out.push({ message: `${m.path}: ${parsed.error}`, hint: null });
  }
  for (const f of selectorFields(kind, obj)) {
    const sel = f.form === 'map' ? fromSet(f.value as Record<string, string> | null | undefined) : fromLabelSelector(f.value as Parameters<typeof fromLabelSelector>[0]);
    if (isSelectorError(sel)) {
      out.push({ message: `${f.path}: ${sel.error}`, hint: null });
      continue;
    }
    if (!REQUIRES_SELECTOR.has(kind) || f.path !== 'spec.selector') continue;
    const required = requiredSelector(kind, sel, f.value);
    if (required) {
      out.push(required);
      continue;
    }
    const t = templatePath(kind) as string[];
    const labels = get(obj, [...t, 'metadata', 'labels']);
    if (!matches(sel, isMapping(labels) ? (labels as Record<string, string>) : {})) {
      out.push({
        message: `${t.join('.')}.metadata.labels: Invalid value: \`selector\` does not match template \`labels\``,
        hint: 'every label in spec.selector must also be on the pod template',
      });
    }
  }
  const restart = templateRestartPolicy(kind, obj);
  if (restart) out.push(restart);
  return out;
}
