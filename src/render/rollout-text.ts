// The rollout report as text: the summary sentences, then the windows behind them.

import { refText as ref } from '../core/refs.ts';
import { durationText } from '../core/duration.ts';
import type { RolloutReport } from '../core/timeline/types.ts';
import { escapeDeep } from '../core/escape.ts';
import { clockText } from '../core/time-of-day.ts';
import type { Theme } from './theme.ts';

export function renderRolloutText(report: RolloutReport, t: Theme): string {
  const r = escapeDeep(report);
  const span = `${clockText(r.from, 'column')} → ${clockText(r.to, 'column')} UTC, ${durationText(Date.parse(r.to) - Date.parse(r.from))}`;
  const state = r.complete ? t.green('rollout complete') : t.yellow('no completed rollout');
  const lines = ['', `${t.bold(`Rollout report: ${ref(r.target)} in ${r.target.namespace ?? 'default'}`)}  ${state}  ${t.dim(`(${span})`)}`];
  for (const s of r.summary) lines.push(`  ${s}`);
  if (r.terminatingRouted.length > 0) {
    lines.push('', t.bold('  Terminating pods still routed'));
    for (const w of r.terminatingRouted) lines.push(`    ${ref(w.pod)}  ${clockText(w.from, 'column')} → ${clockText(w.to, 'column')}  ${t.yellow(durationText(w.durationMs))}  ${t.dim(w.via)}`);
  }
  if (r.zeroReadyWindows.length > 0) {
    lines.push('', t.bold('  No ready endpoint'));
    for (const w of r.zeroReadyWindows) lines.push(`    ${clockText(w.from, 'column')} → ${clockText(w.to, 'column')}  ${t.red(durationText(w.durationMs))}`);
  }
  if (r.dnsStale.length > 0) {
    lines.push('', t.bold(`  DNS answers that may still hold a terminated pod's IP (record TTL ${r.dnsTtlSeconds ?? '?'}s)`));
    for (const d of r.dnsStale) {
      const dead = d.afterRemovalMs ? t.red(`, ${durationText(d.afterRemovalMs)} of it after the pod was gone`) : '';
      lines.push(`    ${ref(d.pod)}  ${d.ip}  until ${clockText(d.until, 'column')}${dead}`);
    }
  }
  if (r.withoutPreStop.length > 0) lines.push('', `  ${t.bold('No preStop delay:')} ${r.withoutPreStop.map(ref).join(', ')}`);
  const other = r.hazards.filter((h) => h.kind !== 'terminating-still-routed' && h.kind !== 'terminating-without-prestop' && h.kind !== 'dns-stale-ip' && h.kind !== 'zero-ready-endpoints');
  if (other.length > 0) {
    lines.push('', t.bold('  Other hazards'));
    for (const h of other) {
      const until = h.until ? `${clockText(h.until, 'column')}  ${durationText(Date.parse(h.until) - Date.parse(h.since))}` : t.red('still holding');
      lines.push(`    ${h.kind}  ${clockText(h.since, 'column')} → ${until}  ${t.dim(h.message)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
