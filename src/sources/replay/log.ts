// The event log of watch mode (`--record FILE`, `--replay FILE`): versioned NDJSON. The
// first line is a header naming the target and when and how it was recorded; every other
// line is one SourceEvent, in the order the timeline received it. The JSON Schema
// schema/event-log.v1.schema.json is generated from EventLogLine (scripts/schema.ts).

import type { SourceEvent, SourceState } from '../../core/events.ts';
import { KINDS, type Kind } from '../../core/snapshot.ts';
import { checkFieldShapes } from '../manifests/shapes.ts';
import { checkShapes } from '../manifests/validate.ts';

export const EVENT_LOG_KIND = 'WhoSelectsEventLog';
export const EVENT_LOG_SCHEMA_VERSION = 1;

export interface EventLogHeader {
  kind: typeof EVENT_LOG_KIND;
  schemaVersion: typeof EVENT_LOG_SCHEMA_VERSION;
  target: { kind: Kind; name: string };
  namespace: string;
  /** The kubeconfig context watched (null in-cluster or when crafted). */
  context: string | null;
  startedAt: string;
  /** The kubectl version whose rules the analysis modelled, e.g. v1.34.1. */
  kubectlVersion: string;
}

/** A Kubernetes object as the API server sent it: every field is kept. */
export interface LoggedObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** SourceEvent as it is written: the schema's view of it, with objects kept whole. */
export type LoggedEvent =
  | { type: 'sync'; at: string; kind: Kind; namespace: string | null; objects: LoggedObject[]; resourceVersion?: string }
  | { type: 'upsert'; at: string; kind: Kind; object: LoggedObject }
  | { type: 'delete'; at: string; kind: Kind; object: LoggedObject }
  | { type: 'status'; at: string; state: SourceState; kind: Kind | null; message: string };

/** One line of the log. */
export type EventLogLine = EventLogHeader | LoggedEvent;

export class EventLogError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'EventLogError';
    this.line = line;
  }
}

export function encodeLine(line: EventLogLine | SourceEvent): string {
  return `${JSON.stringify(line)}\n`;
}

const STATES: ReadonlySet<string> = new Set(['connected', 'retrying', 'stale', 'forbidden', 'relisted', 'bookmark']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKind = (v: unknown): v is Kind => typeof v === 'string' && (KINDS as readonly string[]).includes(v);

function header(v: unknown): EventLogHeader {
  if (!isObject(v) || v.kind !== EVENT_LOG_KIND) throw new EventLogError(1, `not a whoselects event log: the first line must be a ${EVENT_LOG_KIND} header (write one with --watch --record FILE)`);
  if (v.schemaVersion !== EVENT_LOG_SCHEMA_VERSION) {
    throw new EventLogError(1, `event log schemaVersion ${JSON.stringify(v.schemaVersion)} is not supported: this version reads schemaVersion ${EVENT_LOG_SCHEMA_VERSION}`);
  }
  const t = v.target;
  if (!isObject(t) || !isKind(t.kind) || typeof t.name !== 'string' || !t.name) throw new EventLogError(1, 'the header has no valid target {kind, name}');
  if (typeof v.namespace !== 'string' || !v.namespace) throw new EventLogError(1, 'the header has no namespace');
  if (typeof v.startedAt !== 'string' || Number.isNaN(Date.parse(v.startedAt))) throw new EventLogError(1, 'the header has no valid startedAt time');
  return {
    kind: EVENT_LOG_KIND, schemaVersion: EVENT_LOG_SCHEMA_VERSION, target: { kind: t.kind, name: t.name }, namespace: v.namespace,
    context: typeof v.context === 'string' ? v.context : null, startedAt: v.startedAt, kubectlVersion: typeof v.kubectlVersion === 'string' ? v.kubectlVersion : '',
  };
}

function event(v: unknown, n: number): SourceEvent {
  const fail = (what: string): never => {
    throw new EventLogError(n, what);
  };
  if (!isObject(v)) return fail('not a JSON object');
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) return fail('no valid "at" time');
  switch (v.type) {
    case 'sync':
      if (!isKind(v.kind)) return fail(`unknown kind ${JSON.stringify(v.kind)}`);
      if (!Array.isArray(v.objects) || !v.objects.every(isObject)) return fail('a sync needs an "objects" array of objects');
      if (v.namespace !== null && typeof v.namespace !== 'string') return fail('a sync needs a namespace (a string, or null)');
      break;
    case 'upsert':
    case 'delete':
      if (!isKind(v.kind)) return fail(`unknown kind ${JSON.stringify(v.kind)}`);
      if (!isObject(v.object)) return fail(`an ${v.type} needs an "object"`);
      break;
    case 'status':
      if (typeof v.state !== 'string' || !STATES.has(v.state)) return fail(`unknown status state ${JSON.stringify(v.state)}`);
      if (v.kind !== null && !isKind(v.kind)) return fail(`unknown kind ${JSON.stringify(v.kind)}`);
      if (typeof v.message !== 'string') return fail('a status needs a message');
      break;
    default:
      return fail(`unknown event type ${JSON.stringify(v.type)}`);
  }
  return v as unknown as SourceEvent;
}

export interface ParsedLog {
  header: EventLogHeader;
  events: SourceEvent[];
}

/** A log as --replay reads it: the header and opening lists at once, the rest streamed (files.ts: streamLog). */
export interface RecordedLog {
  header: EventLogHeader;
  /** The lists the log opens with (sync events up to the first other event): what watching began with. */
  opening: SourceEvent[];
  /** Problems in the opening's lines. */
  openingProblems: LogProblem[];
  /**
   * Every event after the header, the opening lists first, read as they are asked for (each
   * call reads the log again); each line skipped after the opening is passed to `skipped`
   * when it is reached.
   */
  events(skipped: (p: LogProblem) => void): Iterable<SourceEvent>;
}

/** Parses a whole log; an empty last line (the file's final newline) is fine, any other bad line is an EventLogError. */
export function parseLog(text: string): ParsedLog {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new EventLogError(1, 'the event log is empty');
  const parse = (line: string, n: number): unknown => {
    try {
      return JSON.parse(line);
    } catch (e) {
      throw new EventLogError(n, `not JSON: ${(e as Error).message}`);
    }
  };
  const h = header(parse(lines[0] as string, 1));
  const events = lines.slice(1).map((line, i) => event(parse(line, i + 2), i + 2));
  return { header: h, events };
}

/** A line of a log that was skipped, and why. */
export interface LogProblem {
  line: number;
  message: string;
}

/**
 * Why the API server would not have sent OBJ as a KIND (no name, a field of the wrong type or
 * out of range, a malformed IP): the checks manifests get. null when it is fine.
 */
function objectProblem(kind: Kind, obj: Record<string, unknown>, nameOnly: boolean): string | null {
  const meta = obj.metadata;
  const name = isObject(meta) ? meta.name : undefined;
  if (typeof name !== 'string' || name === '') return `a ${kind} without a metadata.name`;
  if (nameOnly) return null;
  const problem = checkShapes(kind, obj)[0] ?? checkFieldShapes(kind, obj)[0];
  return problem ? `${kind} ${name}: ${problem.message}` : null;
}

/**
 * Parses a log as --replay reads it: the header must be right (an EventLogError otherwise);
 * after it, a line that is not a valid event, and an object that fails the per-object checks
 * manifests get, are skipped and reported with their line number, and the rest is kept.
 */
export function parseLogSkippingBad(text: string): { log: ParsedLog; problems: LogProblem[] } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new EventLogError(1, 'the event log is empty');
  const h = parseHeaderLine(lines[0] as string);
  const events: SourceEvent[] = [];
  const problems: LogProblem[] = [];
  lines.slice(1).forEach((line, i) => {
    const e = parseEventLine(line, i + 2, problems);
    if (e) events.push(e);
  });
  return { log: { header: h, events }, problems };
}

/** The first line: the header, or an EventLogError. */
export function parseHeaderLine(line: string): EventLogHeader {
  let first: unknown;
  try {
    first = JSON.parse(line);
  } catch (e) {
    throw new EventLogError(1, `not JSON: ${(e as Error).message}`);
  }
  return header(first);
}

/**
 * Line `n` (1-based) after the header, as --replay reads it: the event with the objects that
 * pass the checks, or null when the line is skipped; what was left out is added to `problems`.
 */
export function parseEventLine(line: string, n: number, problems: LogProblem[]): SourceEvent | null {
  let e: SourceEvent;
  try {
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      throw new EventLogError(n, `not JSON: ${(err as Error).message}`);
    }
    e = event(v, n);
  } catch (err) {
    if (!(err instanceof EventLogError)) throw err;
    problems.push({ line: n, message: `skipped: ${err.message}` });
    return null;
  }
  if (e.type === 'sync') {
    const kept = (e.objects as unknown as Record<string, unknown>[]).filter((o) => {
      const bad = objectProblem(e.kind, o, false);
      if (bad) problems.push({ line: n, message: `${bad}; left out of the ${e.kind} list` });
      return !bad;
    });
    return { ...e, objects: kept as unknown as typeof e.objects };
  }
  if (e.type === 'upsert' || e.type === 'delete') {
    const bad = objectProblem(e.kind, e.object as unknown as Record<string, unknown>, e.type === 'delete');
    if (bad) {
      problems.push({ line: n, message: `${bad}; the ${e.type} is skipped` });
      return null;
    }
  }
  return e;
}
