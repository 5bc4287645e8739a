// The command line, defined once: parsing, --help and the README's flag reference all
// come from here. Actions only record what was asked; run.ts does the work.

import { Command, InvalidArgumentError, Option } from 'commander';
import { kubectlStyleHelp } from './help.ts';
import { COMPLETION_SHELLS } from './completion/scripts.ts';

export const EXIT_CODES = [
  { code: 0, meaning: 'clean: no finding at or above --fail-on' },
  { code: 1, meaning: 'findings at or above --fail-on (default: warning)' },
  { code: 2, meaning: 'usage or input error (bad flag, unknown type, malformed manifest, missing file, a namespace that cannot exist); every valid part is still analysed' },
  { code: 3, meaning: 'cluster unreachable or not authorised (no answer, TLS failure, 401, 403 on the target); check: anything it could not read, unless --allow-partial' },
  { code: 4, meaning: 'internal error (a bug: run again with -v and report it)' },
] as const;

export const PASTED_VERBS = ['logs', 'exec', 'attach', 'port-forward'] as const;
export type PastedVerb = (typeof PASTED_VERBS)[number];

export type Invocation =
  | { command: 'target'; args: string[]; opts: GlobalOptions }
  | { command: 'check'; args: string[]; opts: GlobalOptions }
  | { command: 'pasted'; verb: PastedVerb; args: string[]; opts: GlobalOptions };

export interface GlobalOptions {
  filename: string[];
  recursive: boolean;
  kustomize: string[];
  namespace?: string;
  allNamespaces: boolean;
  context?: string;
  cluster?: string;
  user?: string;
  kubeconfig?: string;
  requestTimeout?: string;
  output: 'text' | 'wide' | 'json' | 'yaml' | 'sarif' | 'junit';
  color: 'auto' | 'always' | 'never';
  tui?: boolean;
  watch?: boolean;
  untilRolloutComplete?: boolean;
  record?: string;
  replay?: string;
  speed?: number;
  step?: boolean;
  dnsTtl?: string;
  kubectlVersion?: string;
  /** check: --config FILE. */
  config?: string;
  /** check: --show-suppressed. */
  showSuppressed?: boolean;
  failOn: 'error' | 'warning' | 'info' | 'never';
  allowPartial?: boolean;
  verbose: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function addGlobalOptions(c: Command): Command {
  return c
    .option('-f, --filename <file>', 'manifest file, directory or - for standard input (repeatable); analyses manifests instead of a cluster', collect, [])
    .option('-R, --recursive', 'with -f, read directories recursively', false)
    .option('-k, --kustomize <dir>', 'run `kubectl kustomize DIR` and analyse its output (repeatable)', collect, [])
    .option('-n, --namespace <ns>', 'namespace of the target, a DNS-1123 label (default: the context\'s namespace, else "default")')
    .option('-A, --all-namespaces', 'check: every namespace', false)
    .option('--context <name>', 'kubeconfig context to use')
    .option('--cluster <name>', 'kubeconfig cluster to use')
    .option('--user <name>', 'kubeconfig user to use')
    .option('--kubeconfig <path>', 'kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)')
    .option('--request-timeout <duration>', 'timeout of each API request, e.g. 10s or 1m (0: none)')
    .addOption(new Option('-o, --output <format>', 'output format (sarif and junit: check only)').choices(['text', 'wide', 'json', 'yaml', 'sarif', 'junit']).default('text'))
    .addOption(new Option('--color <when>', 'colour the text output').choices(['auto', 'always', 'never']).default('auto'))
    .option('--no-tui', 'print the static view even when standard output is a terminal')
    .option('--kubectl-version <version>', 'kubectl rules to model, e.g. 1.28 (default: the kubectl on PATH, else the newest modelled)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(['error', 'warning', 'info', 'never']).default('warning'))
    .option('--allow-partial', 'check: accept a scan that could not read everything (403 on a kind, a list that failed): exit by --fail-on instead of 3; what was missed is still reported')
    .option('-v, --verbose', 'print stack traces and request details on errors', false);
}

function parseSpeed(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('give a number ≥ 0 (1 = real time, 0 = as fast as possible)');
  return n;
}

/** Watch mode and its event log: on the target command only. */
function addWatchOptions(c: Command): Command {
  return c
    .option('-w, --watch', 'watch the target: a timeline of its pods, EndpointSlices and workloads with live hazards, and a rollout report when it ends (ctrl-c)')
    .option('--until-rollout-complete', 'with --watch or --replay: stop when the rollout completes (every workload updated and available, no old pod left)')
    .option('--record <file>', 'with --watch: write every event observed to FILE, a versioned NDJSON event log (schema/event-log.v1.schema.json)')
    .option('--replay <file>', 'play back an event log written by --record, through the same timeline, outputs and report')
    .addOption(new Option('--speed <n>', 'with --replay: playback speed, 1 = real time, 0 = as fast as possible').argParser(parseSpeed).default(1))
    .option('--step', 'with --replay: one event per key press (without a terminal: as fast as possible)')
    .option('--dns-ttl <duration>', 'headless Services: how long DNS answers may be cached after a pod leaves the ready set, e.g. 5s (default: 30s, kubeadm\'s CoreDNS ttl)');
}

export interface ProgramHandlers {
  onInvocation(inv: Invocation): void;
  /** `completion SHELL`: print the completion script. */
  onCompletion?(shell: string): void;
  /** The text --version prints (default: none, and --version is not offered). */
  version?: string;
}

export function buildProgram(h: ProgramHandlers): Command {
  const program = new Command('kubectl whoselects')
    .description('Selector forensics: which pods an object selects, which of them traffic and kubectl actually hit, who owns them, and what is wrong.')
    .usage('[TYPE/NAME | TYPE NAME] [flags]')
    .argument('[target...]', 'the object to examine: svc/NAME, deploy/NAME, rs, sts, ds, job, cronjob, rc, netpol, pdb, ing, hpa, or pod/NAME for who selects a pod')
    .enablePositionalOptions()
    .showHelpAfterError(false)
    .configureHelp({ formatHelp: kubectlStyleHelp })
    .addHelpText('after', `
Exit codes:
${EXIT_CODES.map((e) => `  ${e.code}  ${e.meaning}`).join('\n')}`);
  program.version(h.version ?? '', '--version', 'print the version, the commit it was built from and the Node runtime');
  addWatchOptions(addGlobalOptions(program)).action((target: string[]) => {
    h.onInvocation({ command: 'target', args: target, opts: program.opts<GlobalOptions>() });
  });

  const check = program.command('check')
    .description('scan manifests (-f/-k), a namespace (-n) or every namespace (-A) for every finding; exit 1 at or above --fail-on')
    .argument('[namespace...]', 'namespaces to scan (default: -n, else the context\'s namespace)');
  addGlobalOptions(check)
    .option('--config <file>', 'check configuration: suppressions and per-id severities (default: .whoselects.yaml in the current directory or the nearest one above)')
    .option('--show-suppressed', 'list suppressed findings too, with who suppressed them and why (text output; JSON and YAML always carry them)')
    .action((args: string[]) => {
    h.onInvocation({ command: 'check', args, opts: { ...program.opts<GlobalOptions>(), ...explicitOnly(check) } as GlobalOptions });
  });

  for (const verb of PASTED_VERBS) {
    program.command(verb)
      .description(`answer \`kubectl ${verb} ARGS\`: the pod and container kubectl would use, and whose it is (kubectl's flags are read as kubectl reads them)`)
      .argument('[args...]', `what you would pass to kubectl ${verb}`)
      .allowUnknownOption()
      .allowExcessArguments()
      .helpOption(false)
      .action((_args: string[], _opts: unknown, cmd: Command) => {
        h.onInvocation({ command: 'pasted', verb, args: cmd.args, opts: program.opts<GlobalOptions>() });
      });
  }
  program.command('completion')
    .description(`print the shell completion script for ${COMPLETION_SHELLS.join(', ')}; kubectl's own completion of "kubectl whoselects" uses the kubectl_complete-whoselects executable shipped beside the plugin`)
    .argument('<shell>', COMPLETION_SHELLS.join(', '))
    .configureHelp({ formatHelp: kubectlStyleHelp })
    .action((shell: string) => {
      h.onCompletion?.(shell);
    });
  return program;
}

/** Options given explicitly on a subcommand, so they override the program's defaults but not its explicit values. */
function explicitOnly(c: Command): Partial<GlobalOptions> {
  const out: Record<string, unknown> = {};
  const opts = c.opts<Record<string, unknown>>();
  for (const key of Object.keys(opts)) {
    const source = c.getOptionValueSource(key);
    if (source && source !== 'default') out[key] = opts[key];
  }
  return out as Partial<GlobalOptions>;
}
