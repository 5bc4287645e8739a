// The rollout report as the program prints it when it leaves the screen (src/render/
// rollout-text.ts), read back from the terminal: its head, its sentences, and the windows
// listed under it, with the clock times turned back into instants.

export interface PrintedWindow {
  pod: string;
  from: number;
  to: number;
  durationMs: number;
  via: string;
}

export interface PrintedDns {
  pod: string;
  ip: string;
  until: number;
  afterRemovalMs: number | null;
}

export interface PrintedReport {
  target: string;
  complete: boolean;
  summary: string[];
  routed: PrintedWindow[];
  zeroReady: { from: number; to: number; durationMs: number }[];
  dnsTtlSeconds: number | null;
  dns: PrintedDns[];
  withoutPreStop: string[];
}

const DAY = 86_400_000;

/** HH:MM:SS.mmm (UTC) as the instant nearest to `near`. */
export function instantOf(clock: string, near: number): number {
  const m = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)$/.exec(clock);
  if (!m) throw new Error(`not a clock time: ${clock}`);
  const d = new Date(near);
  const base = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Number(m[1]), Number(m[2])) + Math.round(Number(m[3]) * 1000);
  return [base - DAY, base, base + DAY].reduce((a, b) => (Math.abs(b - near) < Math.abs(a - near) ? b : a));
}

/** 824ms, 5.3s, 1m02s, 1h05m as milliseconds (to the precision printed). */
export function msOf(text: string): number {
  let m: RegExpExecArray | null;
  if ((m = /^(\d+)ms$/.exec(text))) return Number(m[1]);
  if ((m = /^(\d+(?:\.\d+)?)s$/.exec(text))) return Number(m[1]) * 1000;
  if ((m = /^(\d+)m(\d+)s$/.exec(text))) return (Number(m[1]) * 60 + Number(m[2])) * 1000;
  if ((m = /^(\d+)h(\d+)m$/.exec(text))) return (Number(m[1]) * 3600 + Number(m[2]) * 60) * 1000;
  throw new Error(`not a duration: ${text}`);
}

/** Reads the printed report out of what the program left in the terminal; `near` places the clock times. */
export function parsePrintedReport(text: string, near: number): PrintedReport {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Rollout report: '));
  if (start < 0) throw new Error(`no rollout report in:\n${text}`);
  const head = /^Rollout report: (\S+) in \S+ {2}(rollout complete|no completed rollout) {2}\(/.exec(lines[start] as string);
  if (!head) throw new Error(`the report's head reads ${JSON.stringify(lines[start])}`);
  const r: PrintedReport = { target: head[1] as string, complete: head[2] === 'rollout complete', summary: [], routed: [], zeroReady: [], dnsTtlSeconds: null, dns: [], withoutPreStop: [] };
  let i = start + 1;
  for (; i < lines.length && /^ {2}\S/.test(lines[i] as string); i++) r.summary.push((lines[i] as string).trim());
  let section = '';
  for (; i < lines.length; i++) {
    const l = lines[i] as string;
    let m: RegExpExecArray | null;
    if (/^ {2}\S/.test(l)) {
      section = l.trim();
      if ((m = /^No preStop delay: (.*)$/.exec(section))) r.withoutPreStop = (m[1] as string).split(', ').map((x) => x.replace(/^pod\//, ''));
      if ((m = /record TTL (\d+)s/.exec(section))) r.dnsTtlSeconds = Number(m[1]);
      continue;
    }
    if (!/^ {4}\S/.test(l)) continue;
    const row = l.trim();
    if (section === 'Terminating pods still routed') {
      m = /^pod\/(\S+) {2}(\S+) → (\S+) {2}(\S+) {2}(.*)$/.exec(row);
      if (!m) throw new Error(`a routed window reads ${JSON.stringify(row)}`);
      r.routed.push({ pod: m[1] as string, from: instantOf(m[2] as string, near), to: instantOf(m[3] as string, near), durationMs: msOf(m[4] as string), via: m[5] as string });
    } else if (section === 'No ready endpoint') {
      m = /^(\S+) → (\S+) {2}(\S+)$/.exec(row);
      if (!m) throw new Error(`a zero-ready window reads ${JSON.stringify(row)}`);
      r.zeroReady.push({ from: instantOf(m[1] as string, near), to: instantOf(m[2] as string, near), durationMs: msOf(m[3] as string) });
    } else if (section.startsWith('DNS answers')) {
      m = /^pod\/(\S+) {2}(\S+) {2}until (\S+?)(?:, (\S+) of it after the pod was gone)?$/.exec(row);
      if (!m) throw new Error(`a DNS window reads ${JSON.stringify(row)}`);
      r.dns.push({ pod: m[1] as string, ip: m[2] as string, until: instantOf(m[3] as string, near), afterRemovalMs: m[4] ? msOf(m[4]) : null });
    }
  }
  return r;
}
