// The time of day of an instant, for people: the one place an RFC 3339 instant becomes
// `HH:MM:SS`. Always in UTC; text that is not an instant comes back as it is.
//
// Three styles, because the three places times appear read differently:
// - 'message' (the default): inside sentences of the report and the timeline (JSON included):
//   milliseconds and the zone, `12:03:04.512Z`.
// - 'column': the time column of watch lines and the rollout report, fixed width: `12:03:04.512`.
// - 'glance': the live views (the TUI and its timeline): `12:03:04`, with the milliseconds only
//   when the instant has a fraction of a second (an API server's timestamps have none).

export type ClockStyle = 'message' | 'column' | 'glance';

export function clockText(at: string, style: ClockStyle = 'message'): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return at;
  const iso = new Date(ms).toISOString();
  if (style === 'message') return `${iso.slice(11, 23)}Z`;
  if (style === 'column') return iso.slice(11, 23);
  return /\.\d+/.test(at) ? iso.slice(11, 23) : iso.slice(11, 19);
}
