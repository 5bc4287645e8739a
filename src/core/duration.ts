// How long something took, for people: the one place a duration becomes text.
//
// Two styles, because the two places durations appear read differently:
// - 'message' (the default): inside sentences of the report and the timeline (JSON included),
//   where a reader compares figures: tenths of a second up to a minute ("12.3s"), then minutes
//   and seconds ("4m05s"), then hours and minutes ("2h03m"). A negative span reads as 0ms.
// - 'glance': the live views' short labels (the TUI's header and timeline, "for 95s"): tenths
//   only below ten seconds, whole seconds up to two minutes, minutes and seconds up to two hours,
//   then hours and minutes; an unknown or negative span is "-".

export type DurationStyle = 'message' | 'glance';

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function durationText(ms: number, style: DurationStyle = 'message'): string {
  return style === 'glance' ? glance(ms) : message(ms);
}

function message(ms: number): string {
  const v = Math.max(0, Math.round(ms));
  if (v < 1000) return `${v}ms`;
  if (v < 60_000) return `${(v / 1000).toFixed(1)}s`;
  const s = Math.floor(v / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${pad2(s % 60)}s`;
  return `${Math.floor(s / 3600)}h${pad2(Math.floor((s % 3600) / 60))}m`;
}

function glance(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)}s`;
  if (s < 120) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m${pad2(Math.floor(s % 60))}s`;
  return `${Math.floor(m / 60)}h${pad2(m % 60)}m`;
}
