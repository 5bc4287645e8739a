// The watch-mode flags checked together before any source is read: combinations that
// cannot work get one line naming the problem and the fix (exit 2).

import { lookupType } from '../core/resources.ts';
import type { Kind } from '../core/snapshot.ts';
import { UserError } from './errors.ts';
import { parseGoDuration } from './kubectl-args.ts';
import type { Invocation } from './program.ts';

/** --watch or --replay: the run goes to the watch loop. */
export function isWatchRun(inv: Invocation): boolean {
  return inv.opts.watch === true || inv.opts.replay !== undefined;
}

export function checkWatchFlags(inv: Invocation): void {
  const o = inv.opts;
  const manifests = o.filename.length > 0 || o.kustomize.length > 0;
  if (inv.command === 'check' && (o.watch || o.replay !== undefined)) throw new UserError('check does not watch', 'watch one target: kubectl whoselects svc/NAME --watch');
  if (o.watch && manifests) throw new UserError('--watch needs a cluster: manifests (-f/-k) do not change', 'drop -f/-k to watch the cluster of the current context');
  if (o.replay !== undefined && manifests) throw new UserError('--replay and -f/-k are two different sources', 'give one of them');
  if (o.record !== undefined && o.replay !== undefined) throw new UserError('--record writes a live watch, --replay plays one back', 'give one of them');
  if (o.record !== undefined && !o.watch) throw new UserError('--record needs --watch', 'kubectl whoselects svc/NAME --watch --record FILE');
  if (o.untilRolloutComplete && !isWatchRun(inv)) throw new UserError('--until-rollout-complete needs --watch or --replay', 'kubectl whoselects svc/NAME --watch --until-rollout-complete');
  if (isWatchRun(inv) && o.output === 'yaml') throw new UserError('-o yaml is not a stream: watch mode writes one JSON object per line with -o json', 'use -o json');
  if (o.dnsTtl !== undefined) dnsTtlSeconds(o.dnsTtl);
}

/** --dns-ttl: seconds, or a Go duration (30s, 1m). */
export function dnsTtlSeconds(text: string): number {
  const seconds = /^\d+$/.test(text) ? Number(text) : parseGoDuration(text);
  if (seconds === null || seconds < 0) throw new UserError(`invalid --dns-ttl ${JSON.stringify(text)}`, 'give a duration such as 5s or 30s');
  return seconds;
}

/** The target argument a recorded log stands for, e.g. service/web. */
export function recordedTargetArg(kind: Kind, name: string): string {
  const t = lookupType(kind);
  return `${'type' in t ? t.type.singular : kind.toLowerCase()}/${name}`;
}
