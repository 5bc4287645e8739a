// From a parsed invocation to an exit code: pick one source and one renderer, run, map
// errors to exit codes. Effects come in through CliDeps; nothing here exits the process.

import { CommanderError } from 'commander';
import { analyze, KUBECTL_KINDS, type AnalysisQuery, type CommandQuery } from '../core/analyze.ts';
import { check, namespacesOf } from '../core/check.ts';
import { severityRank, type CheckReport, type Finding, type Report, type Severity } from '../core/report.ts';
import { lookupType, parseTargetArgs } from '../core/resources.ts';
import type { Snapshot } from '../core/snapshot.ts';
import { renderCheckText } from '../render/check-text.ts';
import { renderReportText } from '../render/text.ts';
import { toJSON, toYAML } from '../render/serialize.ts';
import { escapeTerminal } from '../render/escape.ts';
import { chooseTheme } from '../render/theme.ts';
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, UserError, errorLine } from './errors.ts';
import { parsePasted } from './kubectl-args.ts';
import { chooseKubectlVersion } from './kubectl-version.ts';
import { buildProgram, type GlobalOptions, type Invocation } from './program.ts';
import { loadSource, type Loaded } from './source.ts';
import type { Clock } from '../sources/event-source.ts';
import type { RawInput } from './step-keys.ts';
import { checkWatchFlags, isWatchRun, recordedTargetArg } from './watch-flags.ts';
import type { TuiWatchStarter } from './watch-tui.ts';
import type { EventLogHeader } from '../sources/replay/log.ts';
import type { RolloutReport } from '../core/timeline/types.ts';
import { renderRolloutText } from '../render/rollout-text.ts';

export interface TuiRunArgs {
  invocation: Invocation;
  loaded: Loaded;
  query: AnalysisQuery;
  /** Drives the TUI's watch mode (absent for manifests, which do not change). */
  startWatch?: TuiWatchStarter;
  /** Start watching at once (--watch, --replay). */
  watch?: boolean;
  /** The rollout report as text, printed after the screen is left. */
  printRollout?: (r: RolloutReport) => string;
}

export interface CliDeps {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown };
  now(): Date;
  /** The interactive view, loaded only when used. `startWatch` drives its watch mode; `watch` starts it at once. */
  runTui?: (args: TuiRunArgs) => Promise<number>;
  /** Watch mode: timers (default: the real clock). */
  clock?: Clock;
  /** Watch mode: calls fn on the first ctrl-c (SIGINT); returns a function that stops listening. */
  onInterrupt?(fn: () => void): () => void;
  /** --replay --step on a terminal reads key presses from it. */
  stdin?: RawInput;
}

function parseInvocation(deps: CliDeps): Invocation | { exit: number } {
  let inv: Invocation | null = null;
  const program = buildProgram({ onInvocation: (i) => { inv = i; } });
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => deps.stdout.write(s),
    writeErr: (s) => {
      // commander prints "error: …" lines; we print our own single line instead.
      if (!s.startsWith('error:')) deps.stderr.write(s);
    },
  });
  try {
    program.parse(deps.argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return { exit: EXIT_OK };
      deps.stderr.write(`${errorLine(e.message.replace(/^error: /, ''), 'see kubectl whoselects --help')}\n`);
      return { exit: EXIT_INPUT };
    }
    throw e;
  }
  return inv ?? { exit: EXIT_OK };
}

function failOnExit(findings: Finding[], failOn: GlobalOptions['failOn']): number {
  if (failOn === 'never') return EXIT_OK;
  const threshold = severityRank(failOn as Severity);
  return findings.some((f) => severityRank(f.severity) >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}

function emit(deps: CliDeps, opts: GlobalOptions, value: Report | CheckReport, text: () => string): void {
  if (opts.output === 'json') deps.stdout.write(toJSON(value));
  else if (opts.output === 'yaml') deps.stdout.write(toYAML(value));
  else deps.stdout.write(text());
}

interface TargetSpec { query: AnalysisQuery; }

async function targetQuery(inv: Invocation, loaded: Loaded, deps: CliDeps): Promise<TargetSpec> {
  const opts = inv.opts;
  const kubectl = await chooseKubectlVersion(opts.kubectlVersion, deps.env);
  let args = inv.args;
  let commands: CommandQuery[] | undefined;
  let namespace = loaded.namespace;
  if (inv.command === 'pasted') {
    const p = parsePasted(inv.verb, inv.args);
    if ('error' in p) throw new UserError(p.error, p.hint);
    if (p.selector) throw new UserError('kubectl logs -l does not choose a pod: it streams every pod the selector matches, in every phase, with --tail 10 per container', `to see those pods, run kubectl get pods -l '${p.selector}'`);
    if (p.namespace) namespace = p.namespace;
    args = inv.verb === 'attach' && p.positional.length === 2 && !p.positional[0]?.includes('/') ? p.positional : [p.positional[0] as string];
    const cmd: CommandQuery = { command: inv.verb, commandLine: `kubectl ${inv.verb} ${inv.args.join(' ')}`.trim(), allPods: p.allPods, allContainers: p.allContainers };
    if (p.container !== undefined) cmd.container = p.container;
    if (p.podRunningTimeoutSeconds !== undefined) cmd.podRunningTimeoutSeconds = p.podRunningTimeoutSeconds;
    if (inv.verb === 'port-forward') cmd.ports = p.positional.slice(1);
    commands = [cmd];
  }
  const t = parseTargetArgs(args);
  if ('error' in t) throw new UserError(t.error, t.hint);
  const typeText = args.length === 2 ? (args[0] as string) : (args[0] as string).includes('/') ? (args[0] as string).split('/')[0] as string : 'pod';
  // Manifests are their own scope: without -n, a target that lives in exactly one namespace of them is found there.
  if (loaded.snapshot.origin !== 'live' && !opts.namespace) {
    const homes = [...new Set((loaded.snapshot.objects[t.type.kind] as { metadata?: { name?: string; namespace?: string } }[]).filter((o) => o.metadata?.name === t.name).map((o) => o.metadata?.namespace ?? 'default'))];
    if (homes.length === 1 && !homes.includes(namespace)) namespace = homes[0] as string;
  }
  const query: AnalysisQuery = {
    target: { kind: t.type.kind, name: t.name, namespace },
    kubectl,
    source: { context: loaded.context, cluster: loaded.cluster, inputs: loaded.inputs, problems: loaded.problems },
  };
  query.commands = commands ?? (KUBECTL_KINDS.has(t.type.kind) ? (['logs', 'exec'] as const).map((command) => ({ command, commandLine: `kubectl ${command} ${typeText}/${t.name}` })) : []);
  return { query };
}

/** --replay: the target and kubectl version come from the log's header. */
function recordedInvocation(inv: Invocation, h: EventLogHeader): Invocation {
  const arg = recordedTargetArg(h.target.kind, h.target.name);
  const opts = { ...inv.opts, kubectlVersion: inv.opts.kubectlVersion ?? (h.kubectlVersion || undefined) };
  if (inv.command !== 'target' || inv.args.length === 0) return { ...inv, command: 'target', args: [arg], opts } as Invocation;
  const t = parseTargetArgs(inv.args);
  if ('error' in t || t.type.kind !== h.target.kind || t.name !== h.target.name) {
    throw new UserError(`the event log records ${arg}; it cannot be replayed for ${inv.args.join(' ')}`, 'drop the target argument: --replay FILE is enough');
  }
  return { ...inv, opts };
}

function notFoundHint(s: Snapshot, kind: string, name: string, namespace: string): string {
  const others: string[] = [];
  for (const [k, list] of Object.entries(s.objects)) {
    for (const o of list as { metadata?: { name?: string; namespace?: string } }[]) {
      if (o.metadata?.name !== name) continue;
      if (k === kind && (o.metadata?.namespace ?? 'default') !== namespace) others.push(`-n ${o.metadata?.namespace}`);
      else if (k !== kind && k !== 'EndpointSlice' && (o.metadata?.namespace ?? 'default') === namespace) {
        const t = lookupType(k);
        others.push(`${'type' in t ? (t.type.shortNames[0] ?? t.type.singular) : k.toLowerCase()}/${name}`);
      }
    }
  }
  if (others.length) return `did you mean ${[...new Set(others)].join(' or ')}?`;
  const known = lookupType(kind);
  const plural = 'type' in known ? known.type.plural : `${kind.toLowerCase()}s`;
  if (s.origin !== 'live') {
    const names = (s.objects[kind as keyof typeof s.objects] as { metadata?: { name?: string; namespace?: string } }[]).map((o) => `${o.metadata?.name}${(o.metadata?.namespace ?? 'default') === namespace ? '' : ` (-n ${o.metadata?.namespace})`}`);
    return names.length ? `the input has ${plural}: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}` : `the input has no ${plural}`;
  }
  return `list them with kubectl get ${plural} -n ${namespace}`;
}

export async function run(deps: CliDeps): Promise<number> {
  const parsed = parseInvocation(deps);
  if ('exit' in parsed) return parsed.exit;
  let inv = parsed;
  const verbose = inv.opts.verbose;
  try {
    checkWatchFlags(inv);
    const loaded = await loadSource(inv, deps);
    if (loaded.recorded) inv = recordedInvocation(inv, loaded.recorded);
    for (const p of loaded.problems) deps.stderr.write(`${errorLine(`${p.source}${p.document ? ` document ${p.document}` : ''}${p.line ? ` line ${p.line}` : ''}: ${p.message}`, p.hint ?? null)}\n`);
    const inputExit = loaded.problems.length > 0 ? EXIT_INPUT : EXIT_OK;
    const theme = chooseTheme(inv.opts.color, deps.env, deps.stdout.isTTY === true);
    const now = deps.now();

    if (inv.command === 'check') {
      const kubectl = await chooseKubectlVersion(inv.opts.kubectlVersion, deps.env);
      const wholeInput = loaded.snapshot.origin !== 'live' && !inv.opts.namespace && inv.args.length === 0;
      const namespaces = inv.opts.allNamespaces || loaded.allNamespaces || wholeInput ? namespacesOf(loaded.snapshot) : inv.args.length ? inv.args : [loaded.namespace];
      const report = check(loaded.snapshot, namespaces, { kubectl, source: { context: loaded.context, cluster: loaded.cluster, inputs: loaded.inputs, problems: loaded.problems } }, now);
      emit(deps, inv.opts, report, () => renderCheckText(report, { theme, wide: inv.opts.output === 'wide', now }));
      return Math.max(inputExit, failOnExit(report.findings, inv.opts.failOn));
    }

    const { query } = await targetQuery(inv, loaded, deps);
    const report = analyze(loaded.snapshot, query, now);
    if (!report.target.found) {
      emit(deps, inv.opts, report, () => '');
      const t = query.target;
      throw new UserError(`${t.kind.toLowerCase()} "${t.name}" not found in namespace ${t.namespace}${loaded.snapshot.origin === 'manifests' ? ' of the given manifests' : ''}`, notFoundHint(loaded.snapshot, t.kind, t.name, t.namespace));
    }
    if (deps.runTui && inv.opts.tui === true && inv.opts.output === 'text' && deps.stdout.isTTY) {
      const watchable = loaded.snapshot.origin !== 'manifests';
      const startWatch = watchable ? (await import('./watch-tui.ts')).tuiWatchStarter(inv, loaded, query, deps) : undefined;
      const printRollout = (r: RolloutReport) => renderRolloutText(r, theme);
      const code = await deps.runTui({ invocation: inv, loaded, query, startWatch, watch: isWatchRun(inv), printRollout });
      return Math.max(inputExit, code);
    }
    if (isWatchRun(inv)) {
      const { runWatch } = await import('./watch.ts');
      return Math.max(inputExit, await runWatch(inv, loaded, query, deps));
    }
    emit(deps, inv.opts, report, () => renderReportText(report, { theme, wide: inv.opts.output === 'wide', now }));
    return Math.max(inputExit, failOnExit(report.findings, inv.opts.failOn));
  } catch (e) {
    if (e instanceof UserError) {
      deps.stderr.write(`${errorLine(e.message, e.hint)}\n`);
      if (verbose && e.stack) deps.stderr.write(`${e.stack.split('\n').map(escapeTerminal).join('\n')}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    deps.stderr.write(`${errorLine(`internal error: ${err.message}`, verbose ? null : 'this is a bug; run again with -v for the stack trace and report it')}\n`);
    if (verbose && err.stack) deps.stderr.write(`${err.stack.split('\n').map(escapeTerminal).join('\n')}\n`);
    return EXIT_INTERNAL;
  }
}
