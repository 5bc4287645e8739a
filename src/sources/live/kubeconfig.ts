// The connection kubectl would use: kubeconfig files merged, --context/--cluster/--user
// applied, the namespace defaulted, or the in-cluster service account when no kubeconfig
// configures a cluster (client-go clientcmd: DirectClientConfig, DeferredLoadingClientConfig,
// inClusterClientConfig).

import { join } from 'node:path';
import { KubeconfigError, kubeconfigPaths, readKubeconfigs, type Entry, type KubeconfigFs } from './kubeconfig-files.ts';
import { mergeKubeconfigs, type MergedKubeconfig } from './kubeconfig-merge.ts';
import { namespaceProblem } from '../../core/namespace-name.ts';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface KubeconfigFlags {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  namespace?: string;
}

export interface KubeconfigDeps {
  env: Record<string, string | undefined>;
  home: string | null;
  fs: KubeconfigFs;
  /** Where a pod's service account is mounted. */
  serviceAccountDir: string;
}

export interface Connection {
  source: 'kubeconfig' | 'in-cluster';
  /** The kubeconfig files read, in precedence order. */
  files: string[];
  context: string | null;
  clusterName: string | null;
  userName: string | null;
  namespace: string;
  /** The kubeconfig `cluster` stanza (server, certificate-authority, …) with absolute paths. */
  cluster: Entry;
  /** The kubeconfig `user` stanza ({} for anonymous). */
  user: Entry;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function where(m: MergedKubeconfig): string {
  return m.files.length === 1 ? `kubeconfig ${m.files[0]}` : `kubeconfig files ${m.files.join(', ')}`;
}

function inClusterPossible(deps: KubeconfigDeps): boolean {
  if (!deps.env.KUBERNETES_SERVICE_HOST || !deps.env.KUBERNETES_SERVICE_PORT) return false;
  try {
    return deps.fs.readFile(join(deps.serviceAccountDir, 'token')) !== null;
  } catch {
    return false;
  }
}

/**
 * A namespace from configuration (a context's, POD_NAMESPACE, the service account's file), checked
 * as kubectl would use it: one it refuses, or that no namespace can have, is bad input (exit 2).
 * -n is checked with the command line.
 */
function checked(ns: string, where: string): string {
  const bad = namespaceProblem(ns, where);
  if (bad) throw new KubeconfigError(bad.message, `${bad.hint}; or pass -n`, true);
  return ns;
}

/** POD_NAMESPACE, else the service account's namespace file, else "default". */
function inClusterNamespace(deps: KubeconfigDeps): string {
  if (deps.env.POD_NAMESPACE) return checked(deps.env.POD_NAMESPACE, 'POD_NAMESPACE');
  let ns: string | undefined;
  try {
    ns = deps.fs.readFile(join(deps.serviceAccountDir, 'namespace'))?.trim();
  } catch {
    // unreadable: fall through
  }
  return ns ? checked(ns, 'the service account\'s namespace file') : 'default';
}

function inCluster(flags: KubeconfigFlags, deps: KubeconfigDeps): Connection {
  const host = deps.env.KUBERNETES_SERVICE_HOST as string;
  const port = deps.env.KUBERNETES_SERVICE_PORT as string;
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    source: 'in-cluster', files: [], context: null, clusterName: null, userName: null,
    namespace: flags.namespace || inClusterNamespace(deps),
    cluster: { server, 'certificate-authority': join(deps.serviceAccountDir, 'ca.crt') },
    user: { 'token-file': join(deps.serviceAccountDir, 'token') },
  };
}

export function resolveConnection(flags: KubeconfigFlags, deps: KubeconfigDeps): Connection {
  const { paths, explicit } = kubeconfigPaths(flags.kubeconfig, deps.env, deps.home);
  const merged = mergeKubeconfigs(readKubeconfigs(paths, explicit, deps.fs));
  const listHint = `kubectl config get-contexts lists the contexts of ${where(merged)}`;

  if (flags.context && !merged.contexts.has(flags.context)) {
    throw new KubeconfigError(`context "${flags.context}" does not exist in ${merged.files.length ? where(merged) : 'any kubeconfig'}`, listHint);
  }
  const contextName = flags.context || merged.currentContext;
  if (contextName && !merged.contexts.has(contextName)) {
    throw new KubeconfigError(`current-context "${contextName}" does not exist in ${where(merged)}`, `pass --context NAME, or run kubectl config use-context NAME (${listHint})`);
  }
  const context = merged.contexts.get(contextName) ?? {};
  const clusterName = flags.cluster || str(context.cluster);

  if (!clusterName) {
    if (inClusterPossible(deps)) return inCluster(flags, deps);
    if (merged.files.length === 0) {
      const looked = paths.length ? paths.join(', ') : '$KUBECONFIG and ~/.kube/config';
      throw new KubeconfigError(`no kubeconfig found (looked for ${looked}) and not running inside a cluster`, 'set KUBECONFIG or pass --kubeconfig, or read manifests with -f instead');
    }
    throw new KubeconfigError(contextName ? `context "${contextName}" names no cluster` : `${where(merged)} has no current-context`, `pass --context NAME or run kubectl config use-context NAME (${listHint})`);
  }
  const cluster = merged.clusters.get(clusterName);
  if (!cluster) {
    const whose = flags.cluster ? '' : ` (named by context "${contextName}")`;
    throw new KubeconfigError(`cluster "${clusterName}"${whose} does not exist in ${where(merged)}`, 'kubectl config get-clusters lists the clusters; fix the context or pass --cluster');
  }
  if (!str(cluster.server)) {
    throw new KubeconfigError(`cluster "${clusterName}" in ${where(merged)} has no server`, `set one with kubectl config set-cluster ${clusterName} --server=https://HOST:PORT`);
  }

  const userName = flags.user || str(context.user);
  const user = userName ? merged.users.get(userName) : undefined;
  if (flags.user && !user) {
    throw new KubeconfigError(`user "${flags.user}" does not exist in ${where(merged)}`, 'kubectl config view lists the users; pass another --user');
  }

  let namespace = flags.namespace || (str(context.namespace) ? checked(str(context.namespace), `the namespace of context "${contextName}"`) : '');
  if (!namespace) namespace = inClusterPossible(deps) ? inClusterNamespace(deps) : 'default';
  return {
    source: 'kubeconfig', files: merged.files, context: contextName || null, clusterName, userName: userName || null,
    namespace, cluster, user: user ?? {},
  };
}
