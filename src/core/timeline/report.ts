// rolloutReport(timeline, to) -> RolloutReport: what a watched rollout did to the clients of
// the target, summed up from the tracked hazards, in windows with durations and plain
// sentences. Deterministic: it reads only the timeline and `to`.

import type { ObjectRef } from '../snapshot.ts';
import { durationText } from '../duration.ts';
import { msBetween, plural, refText } from './change.ts';
import { percentiles } from './percentiles.ts';
import { allHazards, lagSamples, segmentsText, type Tracked } from './tracker.ts';
import { rolloutCompleted, type Timeline } from './timeline.ts';
import type { RolloutReport } from './types.ts';

function untilOf(t: Tracked, to: string): string {
  return t.hazard.until ?? to;
}

function uniqueRefs(list: Tracked[]): ObjectRef[] {
  const seen = new Map<string, ObjectRef>();
  for (const t of list) if (t.hazard.object) seen.set(t.key, t.hazard.object);
  return [...seen.values()];
}

function rolloutSentence(r: RolloutReport): string {
  const runs = r.rollouts ?? [];
  const done = runs.filter((x) => x.to !== null);
  const open = runs.find((x) => x.to === null);
  const parts: string[] = [];
  for (const x of done) parts.push(`Rollout ${x.alreadyRunning ? 'under way when watching began ' : ''}completed at ${x.to} after ${x.alreadyRunning ? 'at least ' : ''}${durationText(x.durationMs ?? 0)}.`);
  if (open) parts.push(`A rollout was still under way when watching ended (since ${open.from}).`);
  if (runs.length === 0) parts.push('No rollout or disruption while watching.');
  return parts.join(' ');
}

function summary(r: RolloutReport, service: boolean, headless: boolean, staleMs: number, stale: number): string[] {
  const lines = [rolloutSentence(r)];
  const routed = r.terminatingRouted;
  if (routed.length > 0) {
    const pods = new Set(routed.map((w) => w.pod.uid ?? w.pod.name)).size;
    const longest = routed.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
    const fallback = routed.filter((w) => / fallback/.test(w.via));
    lines.push(`${plural(pods, 'terminating pod was', 'terminating pods were')} still routed new connections: the longest window was ${durationText(longest.durationMs)} (${refText(longest.pod)}: ${longest.via})${longest.via.startsWith('ready endpoint') ? ", plus the time each node's kube-proxy took to apply the update" : ''}.`);
    lines.push(fallback.length > 0
      ? `kube-proxy's terminating fallback applied for ${plural(new Set(fallback.map((w) => w.pod.uid ?? w.pod.name)).size, 'pod')}: no ready endpoint remained${fallback.some((w) => /Local traffic/.test(w.via)) ? ' (on its node, for Local traffic)' : ''}.`
      : 'Once their endpoints were no longer ready, kube-proxy sent them no new connections: a ready endpoint always remained, so the terminating fallback never applied.');
  } else if (service) {
    lines.push('No terminating pod was routed.');
  }
  if (r.withoutPreStop.length > 0) {
    lines.push(`${plural(r.withoutPreStop.length, 'pod', 'pods')} terminated without a preStop delay: SIGTERM and endpoint removal race, so ${r.withoutPreStop.length === 1 ? 'it' : 'they'} may have received requests after being told to stop.`);
  }
  if (service) {
    const z = r.zeroReadyWindows;
    lines.push(z.length === 0 ? 'The Service always had a ready endpoint.'
      : `The Service had no ready endpoint for ${durationText(z.reduce((n, w) => n + w.durationMs, 0))} in ${plural(z.length, 'window')}${headless ? ' (DNS answered NXDOMAIN)' : ''}.`);
    const p = r.readyToEndpoint;
    lines.push(p.count === 0 ? 'No pod was seen becoming Ready, so there is no Ready → endpoint lag to report.'
      : `Pod Ready → ready endpoint lag: p50 ${durationText(p.p50Ms ?? 0)}, p95 ${durationText(p.p95Ms ?? 0)}, max ${durationText(p.maxMs ?? 0)} over ${plural(p.count, 'pod')}.`);
  }
  if (headless && r.dnsStale.length > 0) {
    lines.push(`Headless Service: the IPs of ${plural(r.dnsStale.length, 'terminated pod')} may have been returned by DNS for up to ${durationText((r.dnsTtlSeconds ?? 0) * 1000)} after each left the ready set (record TTL ${r.dnsTtlSeconds}s; client caches may hold them longer).`);
    const dead = r.dnsStale.filter((d) => (d.afterRemovalMs ?? 0) > 0);
    if (dead.length > 0) {
      const worst = Math.max(...dead.map((d) => d.afterRemovalMs ?? 0));
      lines.push(`${plural(dead.length, 'pod was', 'pods were')} already gone while DNS answers could still hold ${dead.length === 1 ? 'its' : 'their'} IP, for up to ${durationText(worst)}: clients dialing ${dead.length === 1 ? 'it' : 'them'} then get connection refused or time out.`);
    }
  }
  if (r.maxAllowedBySurge !== null) {
    const what = service ? 'Endpoints' : 'Pods';
    lines.push(r.maxEndpoints > r.maxAllowedBySurge
      ? `${what} peaked at ${r.maxEndpoints}, above the ${r.maxAllowedBySurge} that replicas + maxSurge allow: the controllers do not count terminating pods.`
      : `${what} peaked at ${r.maxEndpoints} (replicas + maxSurge allow ${r.maxAllowedBySurge}).`);
  }
  if (stale > 0) lines.push(`The watch was down for ${durationText(staleMs)} in ${plural(stale, 'gap')}; changes in ${stale === 1 ? 'it' : 'them'} are known only from the relist or resumed watch.`);
  const holding = r.hazards.filter((h) => h.until === null);
  if (holding.length > 0) lines.push(`Still holding at the end: ${[...new Set(holding.map((h) => h.kind))].join(', ')}.`);
  return lines;
}

export function rolloutReport(t: Timeline, to: string): RolloutReport {
  const tracked = allHazards(t.hazards);
  const of = (kind: Tracked['hazard']['kind']) => tracked.filter((x) => x.hazard.kind === kind);
  const observed = t.observed;
  const headless = observed?.service?.headless === true;
  const stale = of('source-stale');
  const report: RolloutReport = {
    kind: 'WhoSelectsRolloutReport',
    schemaVersion: 1,
    target: observed?.target ?? { kind: t.query.kind, name: t.query.name, namespace: t.query.namespace },
    from: t.startedAt ?? to,
    to,
    complete: rolloutCompleted(t),
    terminatingRouted: of('terminating-still-routed').map((x) => ({
      pod: x.hazard.object as ObjectRef, from: x.hazard.since, to: untilOf(x, to), durationMs: msBetween(x.hazard.since, untilOf(x, to)), via: segmentsText(x, untilOf(x, to)),
    })),
    zeroReadyWindows: of('zero-ready-endpoints').map((x) => ({ from: x.hazard.since, to: untilOf(x, to), durationMs: msBetween(x.hazard.since, untilOf(x, to)) })),
    readyToEndpoint: percentiles(lagSamples(t.hazards)),
    dnsStale: of('dns-stale-ip').map((x) => {
      const until = x.hazard.until ?? x.expires ?? to;
      const gone = x.podKey ? t.hazards.gone[x.podKey] : undefined;
      const afterRemovalMs = gone && Date.parse(gone) < Date.parse(until) ? msBetween(gone, until) : null;
      return { pod: x.hazard.object as ObjectRef, ip: x.ip ?? '', until, durationMs: msBetween(x.hazard.since, until), afterRemovalMs };
    }),
    maxEndpoints: t.hazards.maxEndpoints,
    maxAllowedBySurge: t.hazards.allowed,
    withoutPreStop: uniqueRefs(of('terminating-without-prestop')),
    hazards: tracked.filter((x) => !(x.hazard.kind === 'ready-not-in-slices' && x.hazard.until !== null)).map((x) => x.hazard),
    summary: [],
    rollouts: t.rollouts.map((x) => ({ from: x.from, to: x.to, durationMs: x.to ? msBetween(x.from, x.to) : null, alreadyRunning: x.alreadyRunning })),
    dnsTtlSeconds: headless ? t.options.dnsTtlSeconds : null,
  };
  const staleMs = stale.reduce((n, x) => n + msBetween(x.hazard.since, untilOf(x, to)), 0);
  report.summary = summary(report, (observed?.endpoints ?? null) !== null, headless, staleMs, stale.length);
  return report;
}
