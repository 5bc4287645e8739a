// From a parsed invocation to an exit code: pick one source and one renderer, run, map
// errors to exit codes. Effects come in through CliDeps; nothing here exits the process.

import { CommanderError } from 'commander';
import { analyze, type AnalysisQuery } from '../core/analyze.ts';
import { namespacesOf } from '../core/check.ts';
import { checkAhead } from './check-ahead.ts';
import { withLocations } from '../core/locations.ts';
import { applySuppressions } from '../core/suppressions.ts';
import { renderJunit } from '../render/junit.ts';
import { renderSarif } from '../render/sarif.ts';
import { loadCheckConfig } from '../sources/config/check-config.ts';
import { realConfigDeps } from '../sources/config/real-deps.ts';
import { Failure } from '../core/failure.ts';
import type { CheckReport, Report } from '../core/report.ts';
import { lookupType } from '../core/resources.ts';
import { KINDS, type ReadGap, type Snapshot } from '../core/snapshot.ts';
import type { RolloutReport } from '../core/timeline/types.ts';
import { renderCheckText } from '../render/check-text.ts';
import { renderRolloutText } from '../render/rollout-text.ts';
import { renderReportText } from '../render/text.ts';
import { jsonBytes, toYAML } from '../render/serialize.ts';
import { escapeTerminal } from '../core/escape.ts';
import { editDistance } from '../core/edit-distance.ts';
import { chooseTheme } from '../render/theme.ts';
import type { CliDeps } from './deps.ts';
import { EXIT_CLUSTER, EXIT_INPUT, EXIT_OK, errorLine, exitCodeOf, runExitCode } from './errors.ts';
import { chooseKubectlVersion, type ChosenVersion } from './kubectl-version.ts';
import { buildProgram, PASTED_VERBS, type Invocation } from './program.ts';
import { buildRequest, recordedRequest, type Request, type TargetRequest } from './request.ts';
import { loadSource, type SourceResult } from './source.ts';
import { buildInfo, versionText } from './version.ts';
import { COMPLETION_SHELLS, completionScript } from './completion/scripts.ts';
import { COMPLETE_COMMAND, completeWords, noNames } from './completion/complete.ts';

export type { CliDeps, TuiRunArgs } from './deps.ts';

/**
 * pflag reads `-o=json` as `-o json`; commander would take "=json" as the value. Split a
 * value-taking short flag written with `=`, up to `--` or a pasted kubectl verb (whose own
 * flags are read as kubectl reads them).
 */
export function splitShortEquals(argv: string[]): string[] {
  const out: string[] = [];
  let rest = false;
  for (const a of argv) {
    if (!rest && (a === '--' || (PASTED_VERBS as readonly string[]).includes(a))) rest = true;
    const m = rest ? null : /^-([fkno])=(.*)$/s.exec(a);
    if (m) out.push(`-${m[1]}`, m[2] as string);
    else out.push(a);
  }
  return out;
}

function parseInvocation(deps: CliDeps): Invocation | { exit: number } {
  let inv: Invocation | null = null;
  let shell: string | null = null;
  const version = versionText(buildInfo(), deps.runtime ?? { version: 'unknown', platform: 'unknown', arch: 'unknown' });
  const program = buildProgram({ onInvocation: (i) => { inv = i; }, onCompletion: (s) => { shell = s; }, version });
  // Every command (check and the pasted verbs too) reports through our one line and exit 2.
  for (const c of [program, ...program.commands]) {
    c.exitOverride();
    c.configureOutput({
      writeOut: (s) => deps.stdout.write(s),
      writeErr: (s) => {
        // commander prints "error: …" lines; we print our own single line instead.
        if (!s.startsWith('error:')) deps.stderr.write(s);
      },
    });
  }
  try {
    program.parse(splitShortEquals(deps.argv), { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return { exit: EXIT_OK };
      deps.stderr.write(`${errorLine(e.message.replace(/^error: /, ''), 'see kubectl whoselects --help')}\n`);
      return { exit: EXIT_INPUT };
    }
    throw e;
  }
  if (shell !== null) return { exit: printCompletionScript(shell, deps) };
  return inv ?? { exit: EXIT_OK };
}

function printCompletionScript(shell: string, deps: CliDeps): number {
  const script = completionScript(shell);
  if (script === null) {
    deps.stderr.write(`${errorLine(`unsupported shell "${shell}" for completion`, `use one of: ${COMPLETION_SHELLS.join(', ')}`)}\n`);
    return EXIT_INPUT;
  }
  deps.stdout.write(script);
  return EXIT_OK;
}

function emit(deps: CliDeps, request: Request, value: Report | CheckReport, text: () => string): void {
  if (request.output.format === 'json') for (const chunk of jsonBytes(value)) deps.stdout.write(chunk);
  else if (request.output.format === 'yaml') deps.stdout.write(toYAML(value));
  else deps.stdout.write(text());
}

/** The analysis query of a target request, against what the source read. */
async function targetQuery(request: Request, loaded: SourceResult, deps: CliDeps, chosen: Promise<ChosenVersion> | null): Promise<AnalysisQuery> {
  const kubectl = await (chosen ?? chooseKubectlVersion(request.kubectlVersion, deps.env));
  if (request.target === null) throw new Failure('internal', 'no target in a target request');
  if (request.target instanceof Failure) throw request.target;
  const t: TargetRequest = request.target;
  let namespace = t.namespace ?? loaded.namespace;
  // Manifests are their own scope: without -n, a target that lives in exactly one namespace of them is found there.
  if (loaded.snapshot.origin !== 'live' && !request.namespace) {
    const homes = [...new Set((loaded.snapshot.objects[t.kind] as { metadata?: { name?: string; namespace?: string } }[]).filter((o) => o.metadata?.name === t.name).map((o) => o.metadata?.namespace ?? 'default'))];
    if (homes.length === 1 && !homes.includes(namespace)) namespace = homes[0] as string;
  }
  return {
    target: { kind: t.kind, name: t.name, namespace },
    kubectl,
    source: { context: loaded.context, cluster: loaded.cluster, inputs: loaded.inputs, problems: loaded.problems },
    commands: t.commands,
  };
}

/** Namespaces named in a "did you mean": the closest few, then a count of the rest. */
const NAMESPACE_SUGGESTIONS = 3;

function notFoundHint(s: Snapshot, kind: string, name: string, namespace: string): string {
  const homes = new Set<string>();
  const kinds = new Set<string>();
  for (const [k, list] of Object.entries(s.objects)) {
    for (const o of list as { metadata?: { name?: string; namespace?: string } }[]) {
      if (o.metadata?.name !== name) continue;
      const ns = o.metadata?.namespace ?? 'default';
      if (k === kind && ns !== namespace) homes.add(ns);
      else if (k !== kind && k !== 'EndpointSlice' && ns === namespace) {
        const t = lookupType(k);
        kinds.add(`${'type' in t ? (t.type.shortNames[0] ?? t.type.singular) : k.toLowerCase()}/${name}`);
      }
    }
  }
  const ranked = [...homes].map((ns) => ({ ns, d: editDistance(ns, namespace) })).sort((a, b) => a.d - b.d || a.ns.localeCompare(b.ns));
  const others = [...ranked.slice(0, NAMESPACE_SUGGESTIONS).map((r) => `-n ${r.ns}`), ...kinds];
  const rest = ranked.length - NAMESPACE_SUGGESTIONS;
  if (rest > 0) others.push(`${rest} other namespace${rest === 1 ? '' : 's'}`);
  if (others.length) return `did you mean ${others.join(' or ')}?`;
  const known = lookupType(kind);
  const plural = 'type' in known ? known.type.plural : `${kind.toLowerCase()}s`;
  if (s.origin !== 'live') {
    const names = (s.objects[kind as keyof typeof s.objects] as { metadata?: { name?: string; namespace?: string } }[]).map((o) => `${o.metadata?.name}${(o.metadata?.namespace ?? 'default') === namespace ? '' : ` (-n ${o.metadata?.namespace})`}`);
    return names.length ? `the input has ${plural}: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}` : `the input has no ${plural}`;
  }
  return `list them with kubectl get ${plural} -n ${namespace}`;
}

/** A screen can start a watch (`w`), whose later pods may run on any Node: every Node is read. */
function readingEveryNode(request: Request): Request {
  const source = request.source;
  if (source.from !== 'live' || !('target' in source.live.reads)) return request;
  const reads = { target: { ...source.live.reads.target, everyNode: true } };
  return { ...request, source: { ...source, live: { ...source.live, reads } } };
}

export async function run(deps: CliDeps): Promise<number> {
  if (deps.argv[0] === COMPLETE_COMMAND) {
    const answer = await completeWords(deps.argv.slice(1), deps.completionNames ?? noNames, deps.env);
    deps.stdout.write(answer);
    return EXIT_OK;
  }
  const parsed = parseInvocation(deps);
  if ('exit' in parsed) return parsed.exit;
  const inv: Invocation = parsed;
  const verbose = inv.opts.verbose;
  try {
    let request = buildRequest(inv);
    const screen = deps.runTui !== undefined && request.output.tui && request.output.format === 'text' && deps.stdout.isTTY === true;
    if (screen) request = readingEveryNode(request);
    if (request.source.from === 'live') deps.prepareTls?.();
    // The kubectl version to model is found while the source is read (its failure is said
    // where it is awaited: after the source's), unless a recording's header will name it.
    // check: namespaces are checked while the rest is read (a live cluster's lists), as of the
    // moment the reading starts.
    const flag = request.kubectlVersion;
    const kubectlChoice = request.source.from === 'replay' && flag === undefined ? null : chooseKubectlVersion(flag, deps.env);
    kubectlChoice?.catch(() => {});
    const checkNow = request.check ? deps.now() : null;
    const checkKubectl = request.check ? kubectlChoice : null;
    const ahead = checkKubectl && checkNow ? checkAhead(checkKubectl.then((kubectl) => ({ kubectl })), checkNow) : null;
    const loaded = await loadSource(request, deps, ahead ?? undefined);
    if (loaded.recorded) request = recordedRequest(request, inv.args, loaded.recorded.header);
    for (const p of loaded.problems) deps.stderr.write(`${errorLine(`${p.source}${p.document ? ` document ${p.document}` : ''}${p.line ? ` line ${p.line}` : ''}: ${p.message}`, p.hint ?? null)}\n`);
    const out = request.output;
    const theme = chooseTheme(out.color, deps.env, deps.stdout.isTTY === true);
    const now = checkNow ?? deps.now();

    if (request.check && checkKubectl && ahead) {
      await checkKubectl; // an invalid --kubectl-version is said before the check's config is read
      const c = request.check;
      const wholeInput = loaded.snapshot.origin !== 'live' && !request.namespace && c.namespaces.length === 0;
      const namespaces = c.allNamespaces || wholeInput ? namespacesOf(loaded.snapshot) : c.namespaces.length ? c.namespaces : [loaded.namespace];
      const settings = await loadCheckConfig(c.config, process.cwd(), realConfigDeps);
      for (const p of settings.problems) deps.stderr.write(`${errorLine(`${p.source}${p.line ? ` line ${p.line}` : ''}: ${p.message}`, p.hint ?? null)}\n`);
      const run = await ahead.finish(loaded);
      if (verbose && run.ahead > 0) deps.stderr.write(`whoselects: ${run.ahead} of ${namespaces.length} namespaces checked from their own snapshots, each as soon as the lists had read it\n`);
      const raw = run.report(loaded.snapshot, namespaces, { context: loaded.context, cluster: loaded.cluster, inputs: loaded.inputs, problems: loaded.problems });
      const report = withLocations(applySuppressions(raw, loaded.snapshot, settings.config), loaded.snapshot);
      if (out.format === 'sarif') deps.stdout.write(renderSarif(report, buildInfo().version));
      else if (out.format === 'junit') deps.stdout.write(renderJunit(report, out.failOn));
      else emit(deps, request, report, () => renderCheckText(report, { theme, wide: out.format === 'wide', now, showSuppressed: c.showSuppressed }));
      const code = runExitCode(report.findings, out.failOn, loaded.problems.length + settings.problems.length);
      // A scan that could not read everything is not clean: it exits 3 unless that is accepted.
      if (report.source.gaps.length === 0 || out.allowPartial) return code;
      const gaps = report.source.gaps;
      deps.stderr.write(`${errorLine(partialLine(gaps), 'grant get, list and watch on what is missing (deploy/rbac.yaml), or pass --allow-partial to accept a partial scan')}\n`);
      return Math.max(code, EXIT_CLUSTER);
    }

    // A recording names the kubectl version it was made with: that one is chosen instead.
    const query = await targetQuery(request, loaded, deps, request.kubectlVersion === flag ? kubectlChoice : null);
    const report = analyze(loaded.snapshot, query, now);
    if (!report.target.found) {
      emit(deps, request, report, () => '');
      const t = query.target;
      throw new Failure('bad-input', `${t.kind.toLowerCase()} "${t.name}" not found in namespace ${t.namespace}${loaded.snapshot.origin === 'manifests' ? ' of the given manifests' : ''}`, notFoundHint(loaded.snapshot, t.kind, t.name, t.namespace));
    }
    if (deps.runTui && screen) {
      const watchable = loaded.snapshot.origin !== 'manifests';
      const startWatch = watchable ? (await import('./watch-tui.ts')).tuiWatchStarter(request, loaded, query, deps) : undefined;
      const printRollout = (r: RolloutReport) => renderRolloutText(r, theme);
      const reload = () => loadSource(request, deps);
      const last = await deps.runTui({ report, query, color: out.color, reload, startWatch, watch: request.watch.on, printRollout });
      return runExitCode(last.findings, out.failOn, loaded.problems.length);
    }
    if (request.watch.on) {
      const { runWatch } = await import('./watch.ts');
      // A replayed log's bad lines are counted as the replay reaches them.
      const code = await runWatch(request, loaded, query, deps);
      return Math.max(runExitCode([], 'never', loaded.problems.length), code);
    }
    emit(deps, request, report, () => renderReportText(report, { theme, wide: out.format === 'wide', now }));
    return runExitCode(report.findings, out.failOn, loaded.problems.length);
  } catch (e) {
    if (e instanceof Failure) {
      deps.stderr.write(`${errorLine(e.message, e.hint)}\n`);
      if (verbose && e.stack) deps.stderr.write(`${e.stack.split('\n').map(escapeTerminal).join('\n')}\n`);
      return exitCodeOf(e);
    }
    const err = e as Error;
    deps.stderr.write(`${errorLine(`internal error: ${err.message}`, verbose ? null : 'this is a bug; run again with -v for the stack trace and report it')}\n`);
    if (verbose && err.stack) deps.stderr.write(`${err.stack.split('\n').map(escapeTerminal).join('\n')}\n`);
    return exitCodeOf(err);
  }
}

/**
 * One line naming every read a check missed, grouped by why and where (so a long line that is
 * clipped still names them all), then what the server said about the first.
 */
function partialLine(gaps: readonly ReadGap[]): string {
  if (gaps.length === 1) return `check is partial: could not ${gaps[0]?.message ?? ''}`;
  const groups = new Map<string, string[]>();
  for (const g of gaps) {
    const key = `${g.reason}\u0000${g.namespace ?? ''}`;
    const kinds = groups.get(key) ?? [];
    if (!kinds.includes(g.kind)) kinds.push(g.kind);
    groups.set(key, kinds);
  }
  // Namespaces first (in order), then what has none (Nodes, cluster-wide lists).
  const order = (k: string) => { const [reason, ns] = k.split('\u0000'); return `${ns ? `0${ns}` : '1'}\u0000${reason}`; };
  const parts = [...groups].sort(([a], [b]) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)).map(([key, kinds]) => {
    const [reason, namespace] = key.split('\u0000');
    const sorted = [...kinds].sort((a, b) => (KINDS as readonly string[]).indexOf(a) - (KINDS as readonly string[]).indexOf(b));
    return `${sorted.join(', ')}${namespace ? ` in ${namespace}` : ''} (${reason})`;
  });
  return `check is partial: could not read ${parts.join('; ')}; the first: ${gaps[0]?.message ?? ''}`;
}
