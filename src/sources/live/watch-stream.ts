// One list+watch of one kind, as client-go's reflector runs it: list (sync event), then
// watch from the list's resourceVersion (upsert/delete events), resume from the last
// resourceVersion seen when the server ends a watch, list again on 410 Gone, and reconnect
// with capped exponential backoff on any other failure or on a silent stall (no event and
// no bookmark for stallMs). Its health goes out as status events: retrying or stale while
// down, connected when it resumed, relisted when it had to list again, forbidden on 403.
// A watch resumed after a gap counts as connected only once the server accepted its
// resourceVersion: an apiserver that restarted answers 200 and then, at once, an ERROR 410
// when the resourceVersion is older than its new watch cache, and that gap ends with the relist.

import type { SourceEvent } from '../../core/events.ts';
import { sleep, type Clock } from '../event-source.ts';
import { TransportError } from './client.ts';
import { statusMessage } from './errors.ts';
import { resourceName } from './resources.ts';
import { watchObject, type StreamSpec, type WatchApi, type WatchEnd, type WatchEvent } from './watch-api.ts';

export interface StreamOptions {
  /** No event and no bookmark for this long means the watch is stale: reconnect. */
  stallMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** A watch resumed after a gap is connected again at its first event, or after this long without an ERROR. */
  resumeConfirmMs: number;
}

export const DEFAULT_STREAM_OPTIONS: StreamOptions = { stallMs: 90_000, backoffInitialMs: 500, backoffMaxMs: 30_000, resumeConfirmMs: 500 };

export interface StreamDeps {
  api: WatchApi;
  clock: Clock;
  /** For backoff jitter; tests pass a constant. */
  random: () => number;
  emit: (e: SourceEvent) => void;
  options: StreamOptions;
  /** Called once, when the first watch is established. */
  onWatching?: () => void;
}

export interface Stream {
  spec: StreamSpec;
  run(): Promise<void>;
  stop(): void;
}

/** Delay before retry n (1-based): initial × 2^(n-1), capped, with ±20% jitter. */
export function backoffMs(n: number, o: StreamOptions, random: () => number): number {
  const base = Math.min(o.backoffMaxMs, o.backoffInitialMs * 2 ** Math.max(0, n - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

function describe(spec: StreamSpec): string {
  const sel = [spec.labelSelector, spec.fieldSelector].filter(Boolean).join(',');
  return `${resourceName(spec.kind)} in ${spec.namespace}${sel ? ` (${sel})` : ''}`;
}

function seconds(ms: number): string {
  return `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)}s`;
}

function rvOf(object: unknown): string | null {
  const rv = (object as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
  return typeof rv === 'string' && rv ? rv : null;
}

function isGone(status: number, body: unknown): boolean {
  return status === 410 || (body as { code?: unknown } | null)?.code === 410;
}

export function newStream(spec: StreamSpec, deps: StreamDeps): Stream {
  const { api, clock, emit } = deps;
  const stop = new AbortController();
  const at = () => clock.now().toISOString();
  const status = (state: Extract<SourceEvent, { type: 'status' }>['state'], message: string) => emit({ type: 'status', at: at(), state, kind: spec.kind, message });
  let current: { abort(): void } | null = null;
  let failures = 0;
  let downSince: string | null = null;
  let forbiddenSaid = false;
  let watching = false;

  const fail = async (state: 'retrying' | 'stale', message: string) => {
    failures++;
    const delay = backoffMs(failures, deps.options, deps.random);
    downSince ??= at();
    status(state, `${message}; retrying in ${(delay / 1000).toFixed(1)}s`);
    await sleep(clock, delay, stop.signal);
  };

  /** One watch request; resolves how it ended, with a stall counted as its own end. */
  const watchOnce = (rv: string, onRv: (rv: string) => void): Promise<WatchEnd | { reason: 'stall' } | { reason: 'gone'; message: string }> => new Promise((resolve) => {
    let stall: unknown = null;
    let confirm: unknown = null;
    let gone: string | null = null;
    let errorEvent: string | null = null;
    const unconfirm = () => {
      if (confirm !== null) clock.clearTimeout(confirm);
      confirm = null;
    };
    // Back after a gap: said once the server has accepted rv (an event came, or no ERROR did).
    const resumed = () => {
      unconfirm();
      if (downSince === null) return;
      status('connected', `watching ${describe(spec)} again from resourceVersion ${rv}`);
      downSince = null;
    };
    const arm = () => {
      if (stall !== null) clock.clearTimeout(stall);
      stall = clock.setTimeout(() => {
        stall = null;
        handle.abort();
        resolve({ reason: 'stall' });
      }, deps.options.stallMs);
    };
    const onEvent = (e: WatchEvent) => {
      if (e.type === 'ERROR') {
        unconfirm();
        const code = (e.object as { code?: unknown } | null)?.code;
        const said = statusMessage(e.object) ?? 'watch error';
        if (code === 410) gone = said;
        else errorEvent = `watch error ${String(code ?? '')}: ${said}`.replace(/ :/, ':');
        handle.abort();
        return;
      }
      resumed();
      const next = rvOf(e.object);
      if (next) onRv(next);
      if (e.type === 'BOOKMARK') status('bookmark', `bookmark at resourceVersion ${next ?? '?'}`);
      else if (e.type === 'DELETED') emit({ type: 'delete', at: at(), kind: spec.kind, object: watchObject(spec.kind, e.object) });
      else emit({ type: 'upsert', at: at(), kind: spec.kind, object: watchObject(spec.kind, e.object) });
    };
    const handle = api.watch(spec, rv, {
      onOpen: () => {
        arm();
        failures = 0;
        if (downSince !== null) confirm = clock.setTimeout(resumed, deps.options.resumeConfirmMs);
        if (!watching) {
          watching = true;
          deps.onWatching?.();
        }
      },
      onData: arm,
      onEvent,
    });
    current = handle;
    arm();
    void handle.done.then((end) => {
      if (stall !== null) clock.clearTimeout(stall);
      unconfirm();
      if (gone !== null) resolve({ reason: 'gone', message: gone });
      else if (errorEvent !== null) resolve({ reason: 'error', message: errorEvent });
      else resolve(end);
    });
  });

  const run = async () => {
    let rv: string | null = null;
    let relisting: string | null = null;
    while (!stop.signal.aborted) {
      if (rv === null) {
        let r;
        try {
          r = await api.list(spec);
        } catch (e) {
          await fail('retrying', `list ${describe(spec)} failed: ${e instanceof TransportError ? e.code : (e as Error).message}`);
          continue;
        }
        if (stop.signal.aborted) break;
        if (!r.ok) {
          const said = statusMessage(r.body);
          if (r.status === 403 && !forbiddenSaid) {
            forbiddenSaid = true;
            status('forbidden', `may not list ${describe(spec)}${said ? `: ${said}` : ''}`);
          }
          await fail('retrying', `list ${describe(spec)} failed: HTTP ${r.status}${said ? ` (${said})` : ''}`);
          continue;
        }
        emit({ type: 'sync', at: at(), kind: spec.kind, namespace: spec.namespace, objects: r.items, resourceVersion: r.resourceVersion });
        rv = r.resourceVersion;
        if (relisting !== null || downSince !== null) {
          status('relisted', relisting ?? `listed ${describe(spec)} again after the watch was down`);
          downSince = null;
          failures = 0;
        }
        relisting = null;
      }
      const began = clock.now().getTime();
      const end = await watchOnce(rv, (next) => { rv = next; });
      current = null;
      if (stop.signal.aborted) break;
      switch (end.reason) {
        case 'closed':
        case 'aborted':
          // The server ended the watch (timeoutSeconds): resume from rv, but never in a tight loop.
          if (clock.now().getTime() - began < 1000) await sleep(clock, 1000, stop.signal);
          break;
        case 'gone':
          rv = null;
          relisting = `the watch of ${describe(spec)} fell behind (410 Gone: ${end.message}): listed again`;
          break;
        case 'status':
          if (isGone(end.status, end.body)) {
            rv = null;
            relisting = `the watch of ${describe(spec)} fell behind (410 Gone): listed again`;
            break;
          }
          await fail('retrying', `watch ${describe(spec)} failed: HTTP ${end.status}${statusMessage(end.body) ? ` (${statusMessage(end.body)})` : ''}`);
          break;
        case 'stall':
          await fail('stale', `no event and no bookmark from the watch of ${describe(spec)} for ${seconds(deps.options.stallMs)}`);
          break;
        case 'error':
          await fail('retrying', `watch ${describe(spec)} lost: ${end.message}`);
          break;
      }
    }
  };

  return {
    spec,
    run,
    stop() {
      stop.abort();
      current?.abort();
    },
  };
}
