// The command line's flags and arguments turned, once, into one plain request: what to read
// (manifests, a cluster connection, a recorded log), the target and the kubectl commands to
// predict (a pasted command already parsed, else the defaults for the kind), what to check,
// the output and the watch settings. Everything after this reads the request, never the flags.

import { commandsFor, type CommandQuery } from '../core/analyze.ts';
import { Failure } from '../core/failure.ts';
import { namespaceProblem } from '../core/namespace-name.ts';
import { parseTargetArgs } from '../core/resources.ts';
import type { Kind } from '../core/snapshot.ts';
import type { Severity } from '../core/report.ts';
import type { ConnectionSpec, LiveRequest } from '../sources/live/request.ts';
import type { ManifestRequest } from '../sources/manifests/source.ts';
import type { EventLogHeader } from '../sources/replay/log.ts';
import { UserError } from './errors.ts';
import { parseGoDuration, parsePasted } from './kubectl-args.ts';
import type { GlobalOptions, Invocation } from './program.ts';
import { checkWatchFlags, dnsTtlSeconds, isWatchRun, recordedTargetArg } from './watch-flags.ts';

export type SourceRequest =
  | { from: 'manifests'; manifests: ManifestRequest }
  | { from: 'live'; live: LiveRequest }
  | { from: 'replay'; path: string };

export interface TargetRequest {
  kind: Kind;
  name: string;
  /** A pasted command's own -n; null: the source's namespace (-n, the context's, "default"). */
  namespace: string | null;
  /** The kubectl commands whose pick to predict: the pasted one, else logs and exec for kinds kubectl takes. */
  commands: CommandQuery[];
}

export interface OutputRequest {
  format: GlobalOptions['output'];
  color: GlobalOptions['color'];
  /** The interactive view is allowed (no --no-tui); it opens only on a terminal with -o text. */
  tui: boolean;
  failOn: Severity | 'never';
  /** --allow-partial: a check that could not read everything exits by its findings instead of 3. */
  allowPartial: boolean;
  verbose: boolean;
}

export interface WatchRequest {
  /** --watch or --replay: the run goes to the watch loop. */
  on: boolean;
  record?: string;
  speed: number;
  step: boolean;
  dnsTtlSeconds?: number;
  untilRolloutComplete: boolean;
}

export interface CheckRequest {
  allNamespaces: boolean;
  namespaces: string[];
  /** --config as given; absent: the nearest .whoselects.yaml upward from the current directory. */
  config?: string;
  showSuppressed: boolean;
}

export interface Request {
  command: Invocation['command'];
  source: SourceRequest;
  /** null for check; a Failure when the target (or the pasted command) is not valid, reported after the source is read. */
  target: TargetRequest | Failure | null;
  /** check: the namespaces named (none: -n, else the source's), or every one (-A). */
  check: CheckRequest | null;
  /** -n as given (manifests: without it, a target that lives in one namespace of them is found there). */
  namespace?: string;
  /** --kubectl-version as given (resolved against the kubectl on PATH later). */
  kubectlVersion?: string;
  output: OutputRequest;
  watch: WatchRequest;
}

/**
 * kubectl's --request-timeout (clientcmd ParseTimeout): a bare non-negative integer is seconds,
 * otherwise a Go duration; 0 means no timeout. Returns milliseconds.
 */
export function parseRequestTimeout(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  const seconds = /^\d+$/.test(text) ? Number(text) : parseGoDuration(text);
  if (seconds === null || seconds < 0 || !Number.isFinite(seconds)) {
    throw new UserError(`invalid --request-timeout ${JSON.stringify(text)}`, 'give a single integer in seconds, or an integer followed by a unit (e.g. 1s | 2m | 3h); 0 means no timeout');
  }
  const ms = Math.round(seconds * 1000);
  if (ms > MAX_REQUEST_TIMEOUT_MS) {
    throw new UserError(`--request-timeout ${text} is longer than the longest timeout this tool can keep (${MAX_REQUEST_TIMEOUT_MS / 3_600_000 | 0}h)`, 'give a shorter duration, or 0 for no timeout');
  }
  return ms;
}

/** The longest timer Node keeps (2^31 - 1 ms, about 24.8 days): a longer one would fire at once. */
export const MAX_REQUEST_TIMEOUT_MS = 2 ** 31 - 1;

/** The type as the user typed it (svc, deployment.apps, pod for a bare NAME): the default commands name it so. */
function typeTextOf(args: string[]): string {
  if (args.length === 2) return args[0] as string;
  const only = args[0] as string;
  return only.includes('/') ? (only.split('/')[0] as string) : 'pod';
}

function targetOf(args: string[], namespace: string | null, pasted: CommandQuery | null): TargetRequest | Failure {
  const t = parseTargetArgs(args);
  if ('error' in t) return new UserError(t.error, t.hint);
  const target = { kind: t.type.kind, name: t.name, namespace };
  return { ...target, commands: pasted ? [pasted] : commandsFor(target, typeTextOf(args)) };
}

/** A namespace kubectl would refuse, or that no namespace can have: bad input (exit 2), one line. */
function checkNamespace(ns: string | undefined, where: string): void {
  const p = ns === undefined ? null : namespaceProblem(ns, where);
  if (p) throw new UserError(p.message, p.hint);
}

interface Pasted {
  target: TargetRequest | Failure;
  /** The pasted command's own connection flags, which win over whoselects' (as they would for kubectl). */
  connection: Partial<Record<'kubeconfig' | 'context' | 'cluster' | 'user' | 'requestTimeout', string>>;
}

function pastedOf(inv: Extract<Invocation, { command: 'pasted' }>): Pasted {
  const p = parsePasted(inv.verb, inv.args);
  if ('error' in p) return { target: new UserError(p.error, p.hint), connection: {} };
  const connection = { kubeconfig: p.kubeconfig, context: p.context, cluster: p.cluster, user: p.user, requestTimeout: p.requestTimeout };
  if (p.selector) {
    return { connection, target: new UserError('kubectl logs -l does not choose a pod: it streams every pod the selector matches, in every phase, with --tail 10 per container', `to see those pods, run kubectl get pods -l '${p.selector}'`) };
  }
  // kubectl attach POD CONTAINER is not a thing, but `attach TYPE NAME` is: two words without a slash are TYPE NAME.
  // No word left after the flags (`exec --filename svc/a`: the flag took it): no target, said as for any command line.
  const args = inv.verb === 'attach' && p.positional.length === 2 && !p.positional[0]?.includes('/') ? p.positional : p.positional.slice(0, 1);
  const cmd: CommandQuery = { command: inv.verb, commandLine: `kubectl ${inv.verb} ${inv.args.join(' ')}`.trim(), allPods: p.allPods, allContainers: p.allContainers };
  if (p.container !== undefined) cmd.container = p.container;
  if (p.podRunningTimeoutSeconds !== undefined) cmd.podRunningTimeoutSeconds = p.podRunningTimeoutSeconds;
  if (inv.verb === 'port-forward') cmd.ports = p.positional.slice(1);
  const own = p.namespace === undefined || p.namespace === '' ? null : p.namespace;
  // kubectl refuses such a namespace before it connects: so does this, at once.
  checkNamespace(own ?? undefined, `kubectl ${inv.verb} -n`);
  return { connection, target: targetOf(args, own, cmd) };
}

function connectionOf(o: GlobalOptions, pasted: Pasted['connection']): ConnectionSpec {
  const given = (...values: (string | undefined)[]) => values.find((v) => v !== undefined && v !== '');
  const spec: ConnectionSpec = { requestTimeoutMs: parseRequestTimeout(given(pasted.requestTimeout, o.requestTimeout)) };
  const set = (k: 'kubeconfig' | 'context' | 'cluster' | 'user' | 'namespace', v: string | undefined) => {
    if (v !== undefined) spec[k] = v;
  };
  set('kubeconfig', given(pasted.kubeconfig, o.kubeconfig));
  set('context', given(pasted.context, o.context));
  set('cluster', given(pasted.cluster, o.cluster));
  set('user', given(pasted.user, o.user));
  set('namespace', given(o.namespace));
  return spec;
}

/** The namespaces the command line names: -n (unless check -A, where kubectl ignores it too), check's arguments, a pasted command's -n. */
function checkNamespaces(inv: Invocation): void {
  const o = inv.opts;
  if (!(inv.command === 'check' && o.allNamespaces)) checkNamespace(o.namespace, '-n');
  if (inv.command === 'check') for (const ns of inv.args) checkNamespace(ns === '' ? undefined : ns, 'check\'s namespace argument');
}

/** The request of an invocation; throws (bad input) only for flags that cannot work together or cannot be read. */
export function buildRequest(inv: Invocation): Request {
  checkWatchFlags(inv);
  checkNamespaces(inv);
  const o = inv.opts;
  parseRequestTimeout(o.requestTimeout); // a bad value is an error offline too
  if ((o.output === 'sarif' || o.output === 'junit') && inv.command !== 'check') {
    throw new UserError(`-o ${o.output} is an output of check`, `run kubectl whoselects check -o ${o.output} (with -f/-k, -n or -A), or use -o json for one target`);
  }
  const pasted = inv.command === 'pasted' ? pastedOf(inv) : null;
  const target = inv.command === 'check' ? null : pasted ? pasted.target : targetOf(inv.args, null, null);
  const check: CheckRequest | null = inv.command === 'check' ? { allNamespaces: o.allNamespaces, namespaces: inv.args, showSuppressed: o.showSuppressed === true, ...(o.config !== undefined ? { config: o.config } : {}) } : null;
  let source: SourceRequest;
  if (o.replay !== undefined) source = { from: 'replay', path: o.replay };
  else if (o.filename.length > 0 || o.kustomize.length > 0) {
    source = { from: 'manifests', manifests: { input: { files: o.filename, recursive: o.recursive, kustomizeDirs: o.kustomize }, namespace: o.namespace || 'default' } };
  } else {
    const connection = connectionOf(o, pasted?.connection ?? {});
    // A watch sees pods that come later, on any Node: it reads them all (a screen too: run.ts).
    const reads = check ? { check: { allNamespaces: check.allNamespaces, namespaces: check.namespaces } } : target instanceof Failure || target === null ? { nothing: true as const } : { target: { kind: target.kind, name: target.name, namespace: target.namespace, ...(isWatchRun(inv) ? { everyNode: true } : {}) } };
    source = { from: 'live', live: { connection, reads } };
  }
  const request: Request = {
    command: inv.command, source, target, check,
    output: { format: o.output, color: o.color, tui: o.tui === true, failOn: o.failOn, allowPartial: o.allowPartial === true, verbose: o.verbose },
    watch: {
      on: isWatchRun(inv), speed: o.speed ?? 1, step: o.step === true, untilRolloutComplete: o.untilRolloutComplete === true,
      ...(o.record !== undefined ? { record: o.record } : {}),
      ...(o.dnsTtl !== undefined ? { dnsTtlSeconds: dnsTtlSeconds(o.dnsTtl) } : {}),
    },
  };
  // An empty -n is no -n, as for kubectl (the context's namespace, else "default").
  if (o.namespace !== undefined && o.namespace !== '') request.namespace = o.namespace;
  if (o.kubectlVersion !== undefined) request.kubectlVersion = o.kubectlVersion;
  return request;
}

/** --replay: the target and kubectl version come from the log's header; a target given must be the one recorded. */
export function recordedRequest(request: Request, given: string[], h: EventLogHeader): Request {
  const arg = recordedTargetArg(h.target.kind, h.target.name);
  const kubectlVersion = request.kubectlVersion ?? (h.kubectlVersion || undefined);
  const withVersion = { ...request, ...(kubectlVersion !== undefined ? { kubectlVersion } : {}) };
  if (request.command !== 'target' || given.length === 0) {
    return { ...withVersion, command: 'target', check: null, target: targetOf([arg], null, null) };
  }
  const t = request.target;
  if (t === null || t instanceof Failure || t.kind !== h.target.kind || t.name !== h.target.name) {
    throw new UserError(`the event log records ${arg}; it cannot be replayed for ${given.join(' ')}`, 'drop the target argument: --replay FILE is enough');
  }
  return withVersion;
}
