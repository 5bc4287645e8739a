// The connection watch mode talks over: the same set-up as the one-shot reads (connect.ts),
// kept open for the length of the watch.

import { open, resolve, type LiveOptions } from './connect.ts';
import type { ConnectionSpec, LiveDeps } from './request.ts';
import { httpWatchApi, type WatchApi } from './watch-api.ts';

export interface WatchConnection {
  api: WatchApi;
  close(): void;
}

export async function connectWatch(spec: ConnectionSpec, deps: LiveDeps, options: LiveOptions = {}): Promise<WatchConnection> {
  const resolved = resolve(spec, deps, options);
  const { transport, client } = await open(resolved, spec, deps);
  return { api: httpWatchApi(transport, client, { log: deps.log }), close: () => client.close() };
}
