// Merging kubeconfig files as kubectl does: the first file to define a cluster, user or
// context name wins with its whole entry (nothing of a later file's entry of the same name
// is used), and the first non-empty current-context wins. client-node's mergeConfig differs:
// it throws on a duplicate name and lets the last file's current-context win.

import type { Entry, KubeconfigFile } from './kubeconfig-files.ts';

export interface MergedKubeconfig {
  files: string[];
  clusters: Map<string, Entry>;
  users: Map<string, Entry>;
  contexts: Map<string, Entry>;
  currentContext: string;
}

function firstWins(target: Map<string, Entry>, source: Map<string, Entry>): void {
  for (const [name, entry] of source) if (!target.has(name)) target.set(name, entry);
}

export function mergeKubeconfigs(files: KubeconfigFile[]): MergedKubeconfig {
  const merged: MergedKubeconfig = { files: files.map((f) => f.path), clusters: new Map(), users: new Map(), contexts: new Map(), currentContext: '' };
  for (const f of files) {
    firstWins(merged.clusters, f.clusters);
    firstWins(merged.users, f.users);
    firstWins(merged.contexts, f.contexts);
    if (!merged.currentContext && f.currentContext) merged.currentContext = f.currentContext;
  }
  return merged;
}
