// -k DIR: the kustomization fields that write labels into selectors, so findings can name
// them as the cause of a collision. kustomize's commonLabels adds its labels to metadata and
// to every selector (and pod template); `labels:` entries do so only with includeSelectors:
// true (sigs.k8s.io/kustomize api/types/kustomization.go, Label). Bases, resources and
// components that are directories are read too: their fields apply to their own resources.

import { join, posix } from 'node:path';
import { parse } from 'yaml';
import type { SelectorWriter } from '../../core/snapshot.ts';
import type { ManifestDeps } from './deps.ts';

/** The file names kustomize reads a directory's kustomization from, in its order. */
export const KUSTOMIZATION_FILES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const stringMap = (v: unknown): Record<string, string> | null =>
  isObject(v) && Object.keys(v).length > 0 ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : null;

async function kustomizationFile(dir: string, deps: ManifestDeps): Promise<string | null> {
  for (const name of KUSTOMIZATION_FILES) {
    const path = join(dir, name);
    if ((await deps.stat(path))?.kind === 'file') return path;
  }
  return null;
}

/** Every selector-writing field in DIR's kustomization and the directory-kustomizations it includes. */
export async function selectorWriters(dir: string, deps: ManifestDeps, seen = new Set<string>()): Promise<SelectorWriter[]> {
  const file = await kustomizationFile(dir, deps).catch(() => null);
  if (!file || seen.has(file)) return [];
  seen.add(file);
  let k: unknown;
  try {
    k = parse(await deps.readFile(file));
  } catch {
    return [];
  }
  if (!isObject(k)) return [];
  const shown = posix.normalize(file.replace(/\\/g, '/'));
  const out: SelectorWriter[] = [];
  const common = stringMap(k.commonLabels);
  if (common) out.push({ file: shown, field: 'commonLabels', labels: common });
  if (Array.isArray(k.labels)) {
    k.labels.forEach((l, i) => {
      if (!isObject(l) || l.includeSelectors !== true) return;
      const pairs = stringMap(l.pairs);
      if (pairs) out.push({ file: shown, field: `labels[${i}]`, labels: pairs });
    });
  }
  for (const key of ['resources', 'bases', 'components']) {
    const list = k[key];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (typeof entry !== 'string' || /^[a-z]+:\/\//i.test(entry) || entry.includes('?ref=')) continue;
      const sub = join(dir, entry);
      if ((await deps.stat(sub).catch(() => null))?.kind === 'directory') out.push(...(await selectorWriters(sub, deps, seen)));
    }
  }
  return out;
}
