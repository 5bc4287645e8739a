// A pasted kubectl command line (`logs|exec|attach|port-forward …`), read the way kubectl
// reads it: its own flags per verb, kubectl's global flags, `--` ending the flags.

import parse from 'yargs-parser';
import type { PastedVerb } from './program.ts';

export interface PastedCommand {
  verb: PastedVerb;
  /** Positional arguments before `--`: TYPE/NAME or POD, then CONTAINER (logs) or ports (port-forward). */
  positional: string[];
  container?: string;
  selector?: string;
  allPods: boolean;
  allContainers: boolean;
  podRunningTimeoutSeconds?: number;
  namespace?: string;
  context?: string;
  cluster?: string;
  user?: string;
  kubeconfig?: string;
  requestTimeout?: string;
  filename?: string;
  /** After `--` (exec's command). */
  command: string[];
  /** Flags kubectl would accept that do not change which pod is chosen (follow, tail …). */
  ignored: string[];
  unknown: string[];
}

const GLOBAL_STRINGS = ['namespace', 'context', 'cluster', 'user', 'kubeconfig', 'request-timeout', 'server', 'token', 'as', 'as-group', 'certificate-authority', 'client-certificate', 'client-key', 'tls-server-name', 'v', 'vmodule', 'log-flush-frequency', 'cache-dir'];
const GLOBAL_BOOLEANS = ['insecure-skip-tls-verify', 'match-server-version', 'warnings-as-errors', 'disable-compression'];
const GLOBAL_ALIASES: Record<string, string[]> = { namespace: ['n'], server: ['s'] };

interface VerbFlags { strings: string[]; booleans: string[]; aliases: Record<string, string[]>; selection: string[] }

const VERBS: Record<PastedVerb, VerbFlags> = {
  logs: {
    strings: ['container', 'selector', 'since', 'since-time', 'tail', 'limit-bytes', 'max-log-requests', 'pod-running-timeout'],
    booleans: ['all-pods', 'all-containers', 'follow', 'previous', 'timestamps', 'prefix', 'ignore-errors', 'insecure-skip-tls-verify-backend'],
    aliases: { container: ['c'], selector: ['l'], follow: ['f'], previous: ['p'] },
    selection: ['container', 'selector', 'all-pods', 'all-containers', 'pod-running-timeout'],
  },
  exec: {
    strings: ['container', 'filename', 'pod-running-timeout'],
    booleans: ['stdin', 'tty', 'quiet'],
    aliases: { container: ['c'], filename: ['f'], stdin: ['i'], tty: ['t'], quiet: ['q'] },
    selection: ['container', 'filename', 'pod-running-timeout'],
  },
  attach: {
    strings: ['container', 'pod-running-timeout'],
    booleans: ['stdin', 'tty', 'quiet'],
    aliases: { container: ['c'], stdin: ['i'], tty: ['t'], quiet: ['q'] },
    selection: ['container', 'pod-running-timeout'],
  },
  'port-forward': {
    strings: ['address', 'pod-running-timeout'],
    booleans: [],
    aliases: {},
    selection: ['pod-running-timeout'],
  },
};

/** Go's duration units in nanoseconds (time.ParseDuration): both micro spellings, U+00B5 and U+03BC, written escaped so the bundle stays ASCII (sea.ts). */
const DURATION_UNITS: ReadonlyMap<string, bigint> = new Map([['ns', 1n], ['us', 1_000n], ['\u00b5s', 1_000n], ['\u03bcs', 1_000n], ['ms', 1_000_000n], ['s', 1_000_000_000n], ['m', 60_000_000_000n], ['h', 3_600_000_000_000n]]);

/** Go's durations are int64 nanoseconds: magnitudes up to 2^63 are summed, and a positive one must stay below it. */
const LIMIT_NS = 2n ** 63n;

/** The digits after a '.' as Go keeps them: as many as fit below 2^63 / 10, and the power of ten they were scaled by. */
function fractionOf(digits: string): { f: bigint; scale: number } {
  let f = 0n;
  let scale = 1;
  for (const d of digits) {
    if (f > LIMIT_NS / 10n) continue;
    f = f * 10n + BigInt(d);
    scale *= 10;
  }
  return { f, scale };
}

/**
 * A Go duration (time.ParseDuration) in seconds, or null when Go would refuse it: an optional
 * sign, then one or more numbers (digits, an optional '.' and more digits, at least one digit in
 * all) each followed by a unit; "0" alone needs none; at most 2^63 - 1 nanoseconds (2^63 when
 * negative). A fraction is scaled in floating point, as Go does.
 */
export function parseGoDuration(text: string): number | null {
  const negative = text.startsWith('-');
  let s = /^[-+]/.test(text) ? text.slice(1) : text;
  if (s === '0') return 0;
  if (s === '') return null;
  let total = 0n;
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s) as RegExpExecArray;
    const whole = m[1] ?? '';
    const fraction = m[2];
    if (whole === '' && (fraction === undefined || fraction === '')) return null;
    s = s.slice(m[0].length);
    const u = /^[^0-9.]+/.exec(s)?.[0];
    const unit = u === undefined ? undefined : DURATION_UNITS.get(u);
    if (u === undefined || unit === undefined) return null;
    s = s.slice(u.length);
    let v = BigInt(whole === '' ? '0' : whole);
    if (v > LIMIT_NS / unit) return null;
    v *= unit;
    if (fraction) {
      const { f, scale } = fractionOf(fraction);
      if (f > 0n) v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT_NS) return null;
    }
    total += v;
    if (total > LIMIT_NS) return null;
  }
  if (!negative && total > LIMIT_NS - 1n) return null;
  return total === 0n ? 0 : (negative ? -1 : 1) * (Number(total) / 1e9);
}

export function parsePasted(verb: PastedVerb, argv: string[]): PastedCommand | { error: string; hint: string } {
  const spec = VERBS[verb];
  const aliases = { ...GLOBAL_ALIASES, ...spec.aliases };
  const strings = [...GLOBAL_STRINGS, ...spec.strings];
  const booleans = [...GLOBAL_BOOLEANS, ...spec.booleans];
  const known = new Set([...strings, ...booleans, ...Object.values(aliases).flat()]);
  const parsed = parse(argv, {
    string: strings,
    boolean: booleans,
    alias: aliases,
    configuration: { 'camel-case-expansion': false, 'populate--': true, 'duplicate-arguments-array': false, 'strip-aliased': true, 'boolean-negation': false, 'parse-numbers': false, 'parse-positional-numbers': false, 'unknown-options-as-args': false, 'short-option-groups': true },
  });
  const unknown = Object.keys(parsed).filter((k) => k !== '_' && k !== '--' && !known.has(k));
  if (unknown.length > 0) {
    return { error: `unknown flag for kubectl ${verb}: --${unknown[0]}`, hint: `pass the command exactly as you would to kubectl ${verb}; whoselects' own flags (-o, -k, -f, --kubectl-version) go before "${verb}"` };
  }
  const str = (k: string) => {
    const v = parsed[k];
    if (v === undefined) return undefined;
    return Array.isArray(v) ? String(v[v.length - 1]) : String(v);
  };
  const bool = (k: string) => {
    const v = parsed[k];
    return v === true || v === 'true';
  };
  const out: PastedCommand = {
    verb,
    positional: (parsed._ as (string | number)[]).map(String),
    allPods: bool('all-pods'),
    allContainers: bool('all-containers'),
    command: ((parsed['--'] as (string | number)[] | undefined) ?? []).map(String),
    ignored: Object.keys(parsed).filter((k) => k !== '_' && k !== '--' && known.has(k) && !spec.selection.includes(k) && !GLOBAL_STRINGS.includes(k) && !GLOBAL_BOOLEANS.includes(k)),
    unknown: [],
  };
  const timeout = str('pod-running-timeout');
  if (timeout !== undefined) {
    const seconds = parseGoDuration(timeout);
    if (seconds === null || seconds <= 0) return { error: `invalid --pod-running-timeout ${JSON.stringify(timeout)}`, hint: '--pod-running-timeout must be a positive duration such as 20s or 1m' };
    out.podRunningTimeoutSeconds = seconds;
  }
  const set = <K extends keyof PastedCommand>(key: K, value: PastedCommand[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('container', str('container'));
  set('selector', str('selector'));
  set('namespace', str('namespace'));
  set('context', str('context'));
  set('cluster', str('cluster'));
  set('user', str('user'));
  set('kubeconfig', str('kubeconfig'));
  set('requestTimeout', str('request-timeout'));
  set('filename', str('filename'));
  if (verb === 'logs') {
    if (out.allContainers && out.container) return { error: '--all-containers=true should not be specified with container name', hint: 'drop -c, or drop --all-containers' };
    if (out.selector && out.positional.length > 0) return { error: 'only a selector (-l) or a resource name is allowed, not both', hint: `kubectl logs takes either -l SELECTOR or TYPE/NAME` };
    if (!out.selector && out.positional.length === 0) return { error: 'kubectl logs needs a resource: TYPE/NAME or POD', hint: 'e.g. kubectl whoselects logs deploy/moc-xdmod' };
    if (out.positional.length > 2) return { error: `kubectl logs takes TYPE/NAME and at most one container, got ${out.positional.length} arguments`, hint: 'e.g. kubectl whoselects logs deploy/web nginx' };
    if (out.positional.length === 2 && !out.container) out.container = out.positional[1] as string;
  } else if (verb === 'port-forward') {
    if (out.positional.length < 2) return { error: 'kubectl port-forward needs TYPE/NAME and at least one port', hint: 'e.g. kubectl whoselects port-forward svc/mariadb 3306' };
  } else if (out.positional.length === 0 && !out.filename) {
    return { error: `kubectl ${verb} needs a resource: TYPE/NAME or POD`, hint: `e.g. kubectl whoselects ${verb} deploy/web -- sh` };
  }
  return out;
}
