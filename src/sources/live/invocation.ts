// What the live source needs from the command line: connection flags (a pasted kubectl
// command's own --context, -n, … win over whoselects' flags, as they would for kubectl),
// the request timeout, and the target.

import { EXIT_INPUT, UserError } from '../../cli/errors.ts';
import { parseGoDuration, parsePasted } from '../../cli/kubectl-args.ts';
import type { Invocation } from '../../cli/program.ts';
import { parseTargetArgs } from '../../core/resources.ts';
import type { TargetQuery } from '../../core/targets/resolve.ts';
import type { KubeconfigFlags } from './kubeconfig.ts';

export interface LiveFlags extends KubeconfigFlags {
  requestTimeout?: string;
}

export function flagsOf(inv: Invocation): LiveFlags {
  const o = inv.opts;
  const flags: LiveFlags = {};
  const set = <K extends keyof LiveFlags>(k: K, v: LiveFlags[K] | undefined) => {
    if (v !== undefined && v !== '') flags[k] = v;
  };
  set('kubeconfig', o.kubeconfig);
  set('context', o.context);
  set('cluster', o.cluster);
  set('user', o.user);
  set('namespace', o.namespace);
  set('requestTimeout', o.requestTimeout);
  if (inv.command === 'pasted') {
    const p = parsePasted(inv.verb, inv.args);
    if (!('error' in p)) {
      set('kubeconfig', p.kubeconfig);
      set('context', p.context);
      set('cluster', p.cluster);
      set('user', p.user);
      set('requestTimeout', p.requestTimeout);
    }
  }
  return flags;
}

/**
 * kubectl's --request-timeout (clientcmd ParseTimeout): a bare non-negative integer is seconds,
 * otherwise a Go duration; 0 means no timeout. Returns milliseconds.
 */
export function parseRequestTimeout(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const seconds = parseGoDuration(text);
  if (seconds === null || seconds < 0) {
    throw new UserError(`invalid --request-timeout ${JSON.stringify(text)}`, 'give a single integer in seconds, or an integer followed by a unit (e.g. 1s | 2m | 3h); 0 means no timeout', EXIT_INPUT);
  }
  return Math.round(seconds * 1000);
}

/** The target and its namespace, or null when the invocation names none (run.ts reports that). */
export function targetOf(inv: Invocation, defaultNamespace: string): TargetQuery | null {
  let args = inv.args;
  let namespace = defaultNamespace;
  if (inv.command === 'check') return null;
  if (inv.command === 'pasted') {
    const p = parsePasted(inv.verb, inv.args);
    if ('error' in p || p.selector || p.positional.length === 0) return null;
    if (p.namespace) namespace = p.namespace;
    args = inv.verb === 'attach' && p.positional.length === 2 && !p.positional[0]?.includes('/') ? p.positional : [p.positional[0] as string];
  }
  const t = parseTargetArgs(args);
  if ('error' in t) return null;
  return { kind: t.type.kind, name: t.name, namespace };
}
