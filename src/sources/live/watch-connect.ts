// The connection watch mode talks over: the same set-up as the one-shot reads (connect.ts),
// kept open for the length of the watch, and the watch timing --request-timeout sets.

import { open, resolve, type LiveOptions } from './connect.ts';
import type { ConnectionSpec, LiveDeps } from './request.ts';
import { httpWatchApi, type WatchApi } from './watch-api.ts';
import { DEFAULT_STREAM_OPTIONS, type StreamOptions } from './watch-stream.ts';

export interface WatchConnection {
  api: WatchApi;
  /** How long a watch may stay silent before it is abandoned. */
  stream: Pick<StreamOptions, 'stallMs'>;
  close(): void;
}

/** Without --request-timeout: the server ends each watch after a minute, and 90 s of silence is a stall. */
const DEFAULT_WATCH_SECONDS = 60;

/**
 * The watch timing for a --request-timeout of `ms` (0: none). kubectl applies the flag to the whole
 * request (client-go's http.Client.Timeout, and `timeout=` in the query), so `kubectl get -w`
 * ends after that long whatever flows. A watch here outlives it: it asks the server to end each
 * watch (timeoutSeconds) a second or more before `ms` has passed (at most after a minute) and
 * resumes it from the last resourceVersion, so a healthy but quiet watch always ends before it
 * has been silent for `ms`; one that stays silent that long (never less than a second after the
 * server should have ended it) is a stall: abandoned, marked as a gap, retried with backoff.
 */
export function watchTiming(ms: number): { timeoutSeconds: number; stallMs: number } {
  if (ms <= 0) return { timeoutSeconds: DEFAULT_WATCH_SECONDS, stallMs: DEFAULT_STREAM_OPTIONS.stallMs };
  const timeoutSeconds = Math.min(DEFAULT_WATCH_SECONDS, Math.max(1, Math.floor((ms - 1000) / 1000)));
  return { timeoutSeconds, stallMs: Math.max(ms, timeoutSeconds * 1000 + 1000) };
}

export async function connectWatch(spec: ConnectionSpec, deps: LiveDeps, options: LiveOptions = {}): Promise<WatchConnection> {
  const resolved = resolve(spec, deps, options);
  const { transport, client } = await open(resolved, spec, deps);
  const timing = watchTiming(spec.requestTimeoutMs);
  return {
    api: httpWatchApi(transport, client, { log: deps.log, timeoutSeconds: timing.timeoutSeconds }),
    stream: { stallMs: timing.stallMs },
    close: () => client.close(),
  };
}
