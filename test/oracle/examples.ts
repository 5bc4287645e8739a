// The repository's examples/ as the oracle applies them: the same objects, moved into a
// fresh namespace (some examples name theirs), optionally edited (kwok annotations).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../src/core/types.ts';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Every object of examples/<name>/*.yaml (kustomization.yaml excluded), in file order. */
export function exampleObjects(name: string): KubeObject[] {
  const dir = join(EXAMPLES_DIR, name);
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('kustomization')).sort()
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as KubeObject).filter((o) => o && o.kind));
}

/** The objects as one JSON List for `kubectl apply -f -`, in the given namespace. */
export function asList(objects: KubeObject[], namespace: string, edit: (o: KubeObject) => void = () => {}): string {
  const items = objects.map((o) => {
    const copy = structuredClone(o);
    copy.metadata = { ...copy.metadata, namespace };
    edit(copy);
    return copy;
  });
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}
