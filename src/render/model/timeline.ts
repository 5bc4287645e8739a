// Timeline lines (one per change, timestamped, append-only) and the live hazards with how
// long each has lasted at `now`.

import type { Change, ChangeKind, Hazard, HazardKind, RolloutReport } from '../../core/timeline/types.ts';
import type { Role } from '../theme.ts';
import { durationText } from '../../core/duration.ts';
import { seg, type Line } from './line.ts';
import { clockText } from '../../core/time-of-day.ts';
import { refText } from '../../core/refs.ts';
import { nameList } from '../../core/name-list.ts';

const ROLE: Partial<Record<ChangeKind, Role>> = {
  'pod-ready': 'ok', 'endpoint-added': 'ok', 'rollout-complete': 'ok', 'source-connected': 'ok', 'source-reconnected': 'ok', 'hazard-ended': 'ok',
  'pod-not-ready': 'warning', 'pod-deletion-requested': 'warning', 'pod-left-ready-set': 'warning', 'endpoint-removed': 'warning', 'selector-changed': 'warning', 'source-relisted': 'warning',
  'pod-serving-while-terminating': 'error', 'hazard-started': 'error', 'source-stale': 'error', 'source-forbidden': 'error',
};

export function changeRole(k: ChangeKind): Role | undefined {
  return ROLE[k];
}

/** `12:03:04.512  endpoint-removed  pod/web-7d4-x  left the ready set…` */
export function changeLine(c: Change): Line {
  const object = c.object ? `${refText(c.object)}` : '';
  const line: Line = [seg(clockText(c.at, 'glance'), 'dim'), seg('  '), seg(c.kind, changeRole(c.kind))];
  if (object) line.push(seg(`  ${object}`));
  if (c.message) line.push(seg(`  ${c.message}`, c.kind.startsWith('source-') ? changeRole(c.kind) : undefined));
  return line;
}

export function changeSearch(c: Change): string {
  return `${c.kind} ${c.object?.name ?? ''} ${c.message}`.toLowerCase();
}

const HAZARD_ROLE: Record<HazardKind, Role> = {
  'zero-ready-endpoints': 'error', 'terminating-still-routed': 'error', 'dns-stale-ip': 'error', 'source-stale': 'error',
  'ready-not-in-slices': 'warning', 'endpoints-over-surge': 'warning', 'terminating-without-prestop': 'warning',
};

export function hazardDurationMs(h: Hazard, now: Date): number {
  const until = h.until ? Date.parse(h.until) : now.getTime();
  return Math.max(0, until - Date.parse(h.since));
}

/** Active hazards first (longest first), then ended ones, most recent first. */
export function sortHazards(hs: readonly Hazard[], now: Date): Hazard[] {
  return [...hs].sort((a, b) => (a.until === null) !== (b.until === null) ? (a.until === null ? -1 : 1)
    : a.until === null ? hazardDurationMs(b, now) - hazardDurationMs(a, now) : Date.parse(b.until ?? '') - Date.parse(a.until ?? ''));
}

export function hazardLine(h: Hazard, now: Date): Line {
  const active = h.until === null;
  const object = h.object ? ` ${refText(h.object)}` : '';
  return [
    seg(active ? '● ' : '○ ', active ? HAZARD_ROLE[h.kind] : 'dim'),
    seg(active ? `for ${durationText(hazardDurationMs(h, now), 'glance')}` : `lasted ${durationText(hazardDurationMs(h, now), 'glance')}`, active ? HAZARD_ROLE[h.kind] : 'dim'),
    seg(`  ${h.kind}${object}`, active ? undefined : 'dim'),
    seg(`  ${h.message}`, 'dim'),
  ];
}

/**
 * The hazards still going on, one line per kind (the longest first): `● for 3.1s
 * terminating-still-routed ×4  pod/web-1 …  terminating, still in the ready set`.
 */
export function activeHazardLines(hs: readonly Hazard[], now: Date): Line[] {
  const groups = new Map<HazardKind, Hazard[]>();
  // Only the active ones are sorted: a long watch has thousands of ended ones.
  for (const h of sortHazards(hs.filter((x) => x.until === null), now)) {
    groups.set(h.kind, [...(groups.get(h.kind) ?? []), h]);
  }
  return [...groups.values()].map((group) => {
    const [longest] = group as [Hazard, ...Hazard[]];
    if (group.length === 1) return hazardLine(longest, now);
    const objects = group.map((h) => h.object?.name).filter((n): n is string => !!n);
    return [
      seg('● ', HAZARD_ROLE[longest.kind]), seg(`for ${durationText(hazardDurationMs(longest, now), 'glance')}`, HAZARD_ROLE[longest.kind]),
      seg(`  ${longest.kind} ×${group.length}`), seg(objects.length ? `  ${nameList(objects)}` : '', 'dim'), seg(`  ${longest.message}`, 'dim'),
    ];
  });
}

export function rolloutLines(r: RolloutReport): Line[] {
  // The same words as the report printed on leaving: its span is the watch, not the rollout.
  const head: Line = [seg(`rollout report for ${refText(r.target)}: `), r.complete ? seg('rollout complete', 'ok') : seg('no completed rollout', 'warning'),
    seg(`  watched ${clockText(r.from, 'glance')} → ${clockText(r.to, 'glance')} (${durationText(Date.parse(r.to) - Date.parse(r.from), 'glance')})`, 'dim')];
  return [head, ...r.summary.map((s) => [seg(`  ${s}`)])];
}
