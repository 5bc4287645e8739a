// What watch mode produces: changes (one timeline line each), live hazards with their
// durations, and the rollout report at the end. Renderers (lines, NDJSON, the TUI) read
// these and nothing else.

import type { ObjectRef } from '../snapshot.ts';

export type ChangeKind =
  | 'pod-created' | 'pod-scheduled' | 'pod-ready' | 'pod-not-ready' | 'pod-deletion-requested' | 'pod-terminated' | 'pod-removed'
  | 'pod-left-ready-set' | 'pod-serving-while-terminating'
  | 'endpoint-added' | 'endpoint-removed' | 'endpoint-conditions'
  | 'selector-changed' | 'replicas-changed' | 'rollout-started' | 'rollout-complete'
  | 'hazard-started' | 'hazard-ended'
  | 'source-connected' | 'source-stale' | 'source-reconnected' | 'source-relisted' | 'source-forbidden';

export interface Change {
  /** RFC 3339 time the change was observed (the event's time). */
  at: string;
  kind: ChangeKind;
  object: ObjectRef | null;
  /** One line, plain words. */
  message: string;
  /** Structured facts behind the line (conditions before/after, counts, durations in ms). */
  details: Record<string, string | number | boolean | null>;
}

export type HazardKind =
  | 'zero-ready-endpoints'
  | 'terminating-still-routed'
  | 'ready-not-in-slices'
  | 'dns-stale-ip'
  | 'endpoints-over-surge'
  | 'terminating-without-prestop'
  | 'source-stale';

export interface Hazard {
  kind: HazardKind;
  object: ObjectRef | null;
  since: string;
  /** Null while it lasts. */
  until: string | null;
  message: string;
}

export interface Percentiles {
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
}

export interface RolloutReport {
  kind: 'WhoSelectsRolloutReport';
  schemaVersion: 1;
  target: ObjectRef;
  from: string;
  to: string;
  complete: boolean;
  /** Windows in which terminating pods still received traffic (ready or serving-terminating endpoints). */
  terminatingRouted: { pod: ObjectRef; from: string; to: string; durationMs: number; via: string }[];
  zeroReadyWindows: { from: string; to: string; durationMs: number }[];
  /** Ready -> endpoint ready propagation lag. */
  readyToEndpoint: Percentiles;
  /** Headless: how long each terminated pod's IP may still be answered by DNS (left the ready set + TTL). */
  dnsStale: { pod: ObjectRef; ip: string; until: string; durationMs: number; afterRemovalMs?: number | null }[];
  maxEndpoints: number;
  maxAllowedBySurge: number | null;
  withoutPreStop: ObjectRef[];
  hazards: Hazard[];
  summary: string[];
  /** Rollouts seen (added in watch mode v1): `to` null while one is under way. */
  rollouts?: { from: string; to: string | null; durationMs: number | null; alreadyRunning: boolean }[];
  /** The DNS record TTL assumed for a headless Service (null for other targets). */
  dnsTtlSeconds?: number | null;
}
