// Reading the test API server's audit log (see components.ts: Metadata level, every request):
// which requests one client made, and whether they were read-only.

import { existsSync, readFileSync } from 'node:fs';

/** The fields of an audit.k8s.io/v1 Event that the tests read. */
export interface AuditEvent {
  auditID: string;
  stage: string;
  verb: string;
  requestURI: string;
  userAgent?: string;
  user?: { username?: string; groups?: string[] };
  objectRef?: { resource?: string; subresource?: string; namespace?: string; name?: string; apiGroup?: string };
  responseStatus?: { code?: number };
  requestReceivedTimestamp: string;
}

/** Every request in the log, once (a watch is logged when it starts and when it ends: the last stage wins). */
export function readAudit(file: string): AuditEvent[] {
  if (!existsSync(file)) return [];
  const byId = new Map<string, AuditEvent>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let e: AuditEvent;
    try {
      e = JSON.parse(line) as AuditEvent;
    } catch {
      continue; // the last line may be half written
    }
    byId.set(e.auditID, e);
  }
  return [...byId.values()].sort((a, b) => Date.parse(a.requestReceivedTimestamp) - Date.parse(b.requestReceivedTimestamp));
}

export interface AuditFilter {
  /** User-Agent prefix (the tool sends `kubectl-whoselects`; kubectl sends `kubectl/v…`). */
  userAgent?: string;
  /** Bearer-token or certificate user name. */
  username?: string;
  /** Received at or after this time (ms since the epoch). */
  since?: number;
  /** Received at or before this time. */
  until?: number;
}

export function requestsOf(events: readonly AuditEvent[], f: AuditFilter): AuditEvent[] {
  return events.filter((e) => {
    if (f.userAgent !== undefined && !(e.userAgent ?? '').startsWith(f.userAgent)) return false;
    if (f.username !== undefined && e.user?.username !== f.username) return false;
    const t = Date.parse(e.requestReceivedTimestamp);
    if (f.since !== undefined && t < f.since) return false;
    if (f.until !== undefined && t > f.until) return false;
    return true;
  });
}

export const READ_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch']);

/** One line per request that was not a get, list or watch, or that touched a Secret. */
export function readOnlyViolations(events: readonly AuditEvent[]): string[] {
  const bad: string[] = [];
  for (const e of events) {
    if (!READ_VERBS.has(e.verb)) bad.push(`${e.verb} ${e.requestURI}`);
    else if (e.objectRef?.resource === 'secrets' || /\/secrets(\/|\?|$)/.test(e.requestURI)) bad.push(`${e.verb} of a Secret: ${e.requestURI}`);
  }
  return bad;
}

/** The query parameters of a request. */
export function queryOf(e: AuditEvent): URLSearchParams {
  const i = e.requestURI.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : e.requestURI.slice(i + 1));
}

/** The lists (and watches) of pods among EVENTS. */
export function podLists(events: readonly AuditEvent[]): AuditEvent[] {
  return events.filter((e) => (e.verb === 'list' || e.verb === 'watch') && e.objectRef?.resource === 'pods' && !e.objectRef.subresource && !e.objectRef.name);
}

/** Waits until the log has an event matching F that satisfies DONE (the log is written as requests finish). */
export async function waitForAudit(file: string, f: AuditFilter, done: (events: AuditEvent[]) => boolean, timeoutMs = 10_000): Promise<AuditEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = requestsOf(readAudit(file), f);
    if (done(got) || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 200));
  }
}
