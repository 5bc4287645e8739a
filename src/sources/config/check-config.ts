// The check configuration: `.whoselects.yaml` (or .yml) in the current directory or the
// nearest one above it, or the file given with --config. Read and validated here; the core
// applies it (core/suppressions.ts). A bad entry is a problem (one line, exit 2) and is left
// out; every good entry still applies.
//
//   ignore:
//     - id: selects-several-workloads        # or ids: [a, b]; "*" for every id
//       kind: Service                        # optional: kind or kubectl type (svc, deploy)
//       namespace: shop                      # optional, * and ? globs
//       name: "web*"                         # optional, * and ? globs; none of the three: global
//       reason: stable and canary share one Service
//   severity:
//     no-prestop-delay: warning              # error | warning | info

import { dirname, join, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { lookupType } from '../../core/resources.ts';
import { SEVERITIES, type Severity } from '../../core/report.ts';
import { KNOWN_IDS, type CheckConfig, type IgnoreRule } from '../../core/suppressions.ts';
import { problem, type InputProblem } from '../manifests/problem.ts';

export const CONFIG_NAMES = ['.whoselects.yaml', '.whoselects.yml'];

export interface ConfigDeps {
  readFile(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
}

export interface ConfigLoad {
  config: CheckConfig | null;
  problems: InputProblem[];
}

/** The nearest config file from `cwd` upward, or null. */
export async function findConfig(cwd: string, deps: ConfigDeps): Promise<string | null> {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const path = join(dir, name);
      if (await deps.exists(path)) return path;
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseCheckConfig(file: string, text: string): ConfigLoad {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const problems: InputProblem[] = [];
  const at = (n: Node | null | undefined) => (n?.range ? lines.linePos(n.range[0]).line : null);
  const say = (line: number | null, message: string, hint: string | null = null) => problems.push(problem(file, 1, line, message, hint));
  const [error] = doc.errors;
  if (error) {
    say(error.linePos?.[0]?.line ?? null, `YAML syntax: ${error.message.split('\n')[0]}`, 'fix the check configuration file');
    return { config: null, problems };
  }
  const value: unknown = doc.toJS() ?? {};
  const config: CheckConfig = { file, ignore: [], severity: {} };
  if (!isObject(value)) {
    say(1, 'the check configuration must be a mapping with ignore: and severity:', 'see the README section "Suppressions"');
    return { config, problems };
  }
  for (const key of Object.keys(value)) if (key !== 'ignore' && key !== 'severity') say(at(doc.get(key, true) as Node), `unknown key ${JSON.stringify(key)}`, 'the check configuration has ignore: and severity:');
  const ignoreNode = doc.get('ignore', true);
  const ignore = value.ignore ?? [];
  if (!Array.isArray(ignore)) say(at(ignoreNode as Node), 'ignore: must be a list of rules', 'each rule has id (or ids) and optional kind, namespace, name, reason');
  else {
    ignore.forEach((entry, i) => {
      const node = isSeq(ignoreNode) ? (ignoreNode.items[i] as Node) : null;
      const line = at(node);
      const origin = `${file} ignore[${i}]${line ? ` (line ${line})` : ''}`;
      if (!isObject(entry)) return say(line, `ignore[${i}]: must be a mapping`, 'e.g. - id: selects-several-workloads');
      const unknownKeys = Object.keys(entry).filter((k) => !['id', 'ids', 'kind', 'namespace', 'name', 'reason'].includes(k));
      if (unknownKeys.length) return say(line, `ignore[${i}]: unknown key ${unknownKeys.map((k) => JSON.stringify(k)).join(', ')}`, 'a rule has id (or ids), kind, namespace, name and reason');
      const ids = entry.ids !== undefined ? entry.ids : entry.id !== undefined ? [entry.id] : [];
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === 'string' && x !== '')) return say(line, `ignore[${i}]: id (a string) or ids (a list of strings) is required`, 'name the finding ids to ignore, or "*" for all');
      const rule: IgnoreRule = { ids: ids as string[], reason: typeof entry.reason === 'string' ? entry.reason : null, origin };
      for (const k of ['namespace', 'name'] as const) {
        const v = entry[k];
        if (v === undefined) continue;
        if (typeof v !== 'string' || v === '') return say(line, `ignore[${i}].${k}: must be a non-empty string (globs * and ? allowed)`, null);
        rule[k] = v;
      }
      if (entry.kind !== undefined) {
        const t = typeof entry.kind === 'string' ? lookupType(entry.kind) : { error: 'not a string' };
        if ('error' in t) return say(line, `ignore[${i}].kind: ${JSON.stringify(entry.kind)} is not a kind whoselects reads`, 'use a kind such as Service, Deployment, Pod, PodDisruptionBudget (or svc, deploy, po, pdb)');
        rule.kind = t.type.kind;
      }
      config.ignore.push(rule);
    });
  }
  const sevNode = doc.get('severity', true);
  const severity = value.severity ?? {};
  if (!isObject(severity)) say(at(sevNode as Node), 'severity: must map finding ids to error, warning or info', null);
  else {
    for (const [id, sev] of Object.entries(severity)) {
      const line = isMap(sevNode) ? at(sevNode.items.find((p) => String((p.key as { value?: unknown } | null)?.value) === id)?.key as Node) : null;
      if (!SEVERITIES.includes(sev as Severity)) { say(line, `severity.${id}: ${JSON.stringify(sev)} is not error, warning or info`, null); continue; }
      if (!KNOWN_IDS.has(id)) { say(line, `severity.${id}: no finding has this id`, 'finding ids are listed in the README\'s findings table'); continue; }
      config.severity[id] = sev as Severity;
    }
  }
  return { config, problems };
}

/** --config FILE, else the nearest .whoselects.yaml upward from cwd, else none. */
export async function loadCheckConfig(explicit: string | undefined, cwd: string, deps: ConfigDeps): Promise<ConfigLoad> {
  const file = explicit ?? (await findConfig(cwd, deps));
  if (file === null) return { config: null, problems: [] };
  let text: string;
  try {
    text = await deps.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { config: null, problems: [problem(file, 0, null, code === 'ENOENT' ? 'the check configuration file does not exist' : `the check configuration could not be read: ${(e as Error).message}`, 'check the --config path')] };
  }
  return parseCheckConfig(file, text);
}
