// Names for shell completion: object names of one kind from the cluster (one list call,
// metadata only, bounded by a short timeout) and context, cluster and user names from the
// kubeconfig. Completion must never print an error into the user's prompt: any failure
// yields no names.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { RESOURCE_TYPES } from '../../core/resources.ts';
import type { Kind } from '../../core/snapshot.ts';
import { createClient } from './client.ts';
import { kubeconfigPaths, readKubeconfigs, type KubeconfigFs } from './kubeconfig-files.ts';
import { mergeKubeconfigs } from './kubeconfig-merge.ts';
import { resolveConnection, SERVICE_ACCOUNT_DIR, type KubeconfigFlags } from './kubeconfig.ts';
import { resourcePath } from './resources.ts';
import { transportOf } from './transport.ts';

/** How long completion may wait for the API server, connecting included. */
export const COMPLETION_TIMEOUT_MS = 2000;
/** At most this many names from one list call. */
export const COMPLETION_LIMIT = 500;
const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';

const fs: KubeconfigFs = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
};

const homeOf = (env: NodeJS.ProcessEnv) => env.HOME || homedir() || null;

export async function objectNames(kind: Kind, flags: KubeconfigFlags, env: NodeJS.ProcessEnv): Promise<string[]> {
  try {
    const conn = resolveConnection(flags, { env, fs, home: homeOf(env), serviceAccountDir: SERVICE_ACCOUNT_DIR });
    const type = RESOURCE_TYPES.find((t) => t.kind === kind);
    if (!type) return [];
    const transport = await transportOf(conn, fs);
    const client = createClient(transport, { timeoutMs: COMPLETION_TIMEOUT_MS, connectTimeoutMs: COMPLETION_TIMEOUT_MS, retries: 0 });
    try {
      const path = resourcePath(kind, type.versions[0] as string, kind === 'Namespace' ? null : conn.namespace);
      const res = await client.get(path, { limit: String(COMPLETION_LIMIT) }, METADATA_ONLY);
      if (res.status !== 200) return [];
      const items = (res.body as { items?: { metadata?: { name?: unknown } }[] }).items ?? [];
      return items.map((i) => i.metadata?.name).filter((n): n is string => typeof n === 'string').sort();
    } finally {
      client.close();
    }
  } catch {
    return [];
  }
}

export async function kubeconfigNames(what: 'contexts' | 'clusters' | 'users', flags: KubeconfigFlags, env: NodeJS.ProcessEnv): Promise<string[]> {
  try {
    const { paths, explicit } = kubeconfigPaths(flags.kubeconfig, env, homeOf(env));
    const merged = mergeKubeconfigs(readKubeconfigs(paths, explicit, fs));
    return [...merged[what].keys()].sort();
  } catch {
    return [];
  }
}
