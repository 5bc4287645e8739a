// What went wrong talking to the cluster, in one line naming the cause and the fix.
// Failures on the target itself end the run (a Failure: unreachable or unauthorised); failures on secondary reads become
// ReadGaps, so the answer is partial and says where.

import { Failure } from '../../core/failure.ts';
import { KINDS, type ReadGap } from '../../core/snapshot.ts';
import { TransportError } from './client.ts';

/** Who is asking, for hints: never credentials. */
export interface Who {
  server: string;
  context: string | null;
  cluster: string | null;
  user: string | null;
}

/** A read, described the way RBAC names it. */
export interface Read {
  verb: 'get' | 'list';
  /** plural[.group], e.g. endpointslices.discovery.k8s.io */
  resource: string;
  kind: string;
  /** null: cluster-scoped, or every namespace. */
  namespace: string | null;
  name?: string;
}

const UNKNOWN_AUTHORITY = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED',
]);
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  EADDRNOTAVAIL: 'address not available',
};

function clusterWord(who: Who): string {
  return who.cluster ? `cluster "${who.cluster}"` : 'the cluster';
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** The message of a metav1.Status body, if the body is one. */
export function statusMessage(body: unknown): string | null {
  if (typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status') {
    const m = (body as { message?: unknown }).message;
    return typeof m === 'string' && m ? m : null;
  }
  return null;
}

export function describeRead(r: Read): string {
  const what = r.name ? `${r.resource} "${r.name}"` : r.resource;
  return `${r.verb} ${what}${r.namespace ? ` in namespace ${r.namespace}` : r.verb === 'list' ? ' (cluster-wide)' : ''}`;
}

export function transportFailure(e: TransportError, who: Who): Failure {
  const server = who.server;
  const code = e.code;
  const check = 'check --context/--kubeconfig/KUBECONFIG';
  if (code === 'TIMEOUT') {
    return new Failure('unreachable', `cannot reach ${server} (no answer within ${(e.waitedMs ?? 0) / 1000}s)`, `is the cluster up and reachable from here? ${check}, or raise --request-timeout`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new Failure('unreachable', `cannot reach ${server} (host ${hostOf(server)} not found)`, `check the server of ${clusterWord(who)} in the kubeconfig, and DNS or VPN; ${check}`);
  }
  if (UNREACHABLE[code]) {
    return new Failure('unreachable', `cannot reach ${server} (${UNREACHABLE[code]})`, `is the cluster up? ${check}`);
  }
  if (UNKNOWN_AUTHORITY.has(code)) {
    return new Failure('unreachable', `TLS: the certificate of ${server} is signed by an unknown authority`,
      `set certificate-authority or certificate-authority-data of ${clusterWord(who)} in the kubeconfig to the cluster's CA; ${check}`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new Failure('unreachable', `TLS: the certificate of ${server} is not valid for the name used (${e.message.replace(/^.*?: /, '').replace(/\.$/, '')})`,
      `use a server name the certificate lists, or set tls-server-name of ${clusterWord(who)} in the kubeconfig`);
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new Failure('unreachable', `TLS: the certificate of ${server} ${code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet'}`, 'renew the API server\'s certificate, or check this machine\'s clock');
  }
  if (code.startsWith('ERR_SSL') || code === 'EPROTO') {
    return new Failure('unreachable', `TLS handshake with ${server} failed (${e.message.replace(/^.*?: /, '')})`,
      `is it an https API server? does it accept the client certificate of ${who.user ? `user "${who.user}"` : 'the user'}? ${check}`);
  }
  return new Failure('unreachable', `cannot reach ${server} (${code}: ${e.message})`, `is the cluster up? ${check}`);
}

/** An HTTP error answer on the target itself. */
export function statusFailure(status: number, body: unknown, r: Read, who: Who): Failure {
  const said = statusMessage(body);
  const as = who.user ? `user "${who.user}"` : 'the user';
  const ctx = who.context ? ` of context "${who.context}"` : '';
  if (status === 200) {
    return new Failure('unreachable', `${describeRead(r)}: the answer is not a Kubernetes object`, `is ${who.server} a Kubernetes API server? check the server of ${clusterWord(who)} in the kubeconfig`);
  }
  if (status === 401) {
    return new Failure('unauthorised', `${who.server} rejected the credentials of ${as}${ctx} (401 Unauthorized)`,
      'log in again or refresh the token/certificate (kubectl would fail the same way), or pick another --context/--user');
  }
  if (status === 403) {
    return new Failure('unauthorised', `forbidden: ${as} may not ${describeRead(r)} (403${said ? `: ${said}` : ''})`,
      `ask for get and list on ${r.resource}${r.namespace ? ` in namespace ${r.namespace}` : ''}, or use another --context/--user`);
  }
  return new Failure('unreachable', `${describeRead(r)} failed: HTTP ${status}${said ? ` (${said})` : ''}`, 'the API server is unhealthy or overloaded; try again, or check it with kubectl get --raw /readyz');
}

/** Every read refused (403): one line naming each resource, by scope. */
export function forbiddenFailure(reads: readonly Read[], first: { status: number; body: unknown }, who: Who): Failure {
  const said = statusMessage(first.body);
  const as = who.user ? `user "${who.user}"` : 'the user';
  const byScope = new Map<string, string[]>();
  const order = (r: Read) => (KINDS as readonly string[]).indexOf(r.kind);
  // Answers come back in any order: named by scope (namespaces, then cluster-scoped kinds), kinds in their usual order.
  const sorted = [...reads].sort((a, b) => (scopeKey(a) < scopeKey(b) ? -1 : scopeKey(a) > scopeKey(b) ? 1 : order(a) - order(b)));
  for (const r of sorted) {
    const scope = r.namespace ? `in namespace ${r.namespace}` : isClusterScoped(r) ? '' : 'in any namespace (cluster-wide)';
    const list = byScope.get(scope) ?? [];
    const what = `${r.verb === 'list' ? '' : `${r.verb} `}${r.name ? `${r.resource} "${r.name}"` : r.resource}`;
    if (!list.includes(what)) list.push(what);
    byScope.set(scope, list);
  }
  const parts = [...byScope].map(([scope, what]) => `${what.join(', ')}${scope ? ` ${scope}` : ''}`);
  return new Failure('unauthorised', `forbidden: ${as} may not list ${parts.join('; nor ')} (403${said ? `: ${said}` : ''})`,
    'ask for get, list and watch on them (deploy/rbac.yaml), check only the namespaces you may read with -n, or use another --context/--user');
}

function scopeKey(r: Read): string {
  return r.namespace ? `0 ${r.namespace}` : isClusterScoped(r) ? '2' : '1';
}

/** Nodes and Namespaces: a list of them has no namespace to name. */
function isClusterScoped(r: Read): boolean {
  return r.kind === 'Node' || r.kind === 'Namespace';
}

/** A failed secondary read, as the report's "could not read" line. */
export function gapOf(r: Read, failure: { status: number; body: unknown } | TransportError): ReadGap {
  const gap = (reason: ReadGap['reason'], detail: string): ReadGap => {
    const g: ReadGap = { kind: r.kind, reason, message: `${describeRead(r)}: ${detail}` };
    if (r.namespace) g.namespace = r.namespace;
    return g;
  };
  if (failure instanceof TransportError) return gap('unavailable', failure.code === 'TIMEOUT' ? `no answer within ${(failure.waitedMs ?? 0) / 1000}s` : `${failure.code}: ${failure.message}`);
  if (failure.status === 200) return gap('error', 'the answer is not a Kubernetes list');
  const said = statusMessage(failure.body);
  const detail = `HTTP ${failure.status}${said ? `: ${said}` : ''}`;
  switch (failure.status) {
    case 401: return gap('unauthorized', detail);
    case 403: return gap('forbidden', detail);
    case 404: return gap('not-found', `${detail} (the server does not serve this resource)`);
    case 429: case 500: case 502: case 503: case 504: return gap('unavailable', detail);
    default: return gap('error', detail);
  }
}
