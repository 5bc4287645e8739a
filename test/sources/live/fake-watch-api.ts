// A WatchApi the test drives: lists answer from a queue per kind, and every watch request is
// handed to the test to open, feed events into, and end.

import type { Kind } from '../../../src/core/snapshot.ts';
import type { KubeObject } from '../../../src/core/types.ts';
import type { ListResult, StreamSpec, WatchApi, WatchCallbacks, WatchEnd, WatchEvent } from '../../../src/sources/live/watch-api.ts';

export interface FakeWatch {
  spec: StreamSpec;
  resourceVersion: string;
  aborted: boolean;
  open(): void;
  send(type: WatchEvent['type'], object: unknown): void;
  end(e: WatchEnd): void;
}

export interface FakeWatchApi extends WatchApi {
  lists: StreamSpec[];
  watches: FakeWatch[];
  /** Answers for the next lists of a kind, in order; when empty, an empty list at resourceVersion "1". */
  answer(kind: Kind, ...results: (ListResult | Error)[]): void;
  /** The latest watch of a kind. */
  last(kind: Kind): FakeWatch | undefined;
}

export function listOk(items: KubeObject[], resourceVersion = '10'): ListResult {
  return { ok: true, items, resourceVersion };
}

export function fakeWatchApi(): FakeWatchApi {
  const answers = new Map<string, (ListResult | Error)[]>();
  const api: FakeWatchApi = {
    lists: [],
    watches: [],
    answer(kind, ...results) {
      answers.set(kind, [...(answers.get(kind) ?? []), ...results]);
    },
    last: (kind) => api.watches.filter((w) => w.spec.kind === kind).pop(),
    async list(spec) {
      api.lists.push(spec);
      const next = answers.get(spec.kind)?.shift();
      if (next instanceof Error) throw next;
      return next ?? listOk([], '1');
    },
    watch(spec, resourceVersion, cb: WatchCallbacks) {
      let settle: (e: WatchEnd) => void = () => {};
      const done = new Promise<WatchEnd>((resolve) => { settle = resolve; });
      const w: FakeWatch = {
        spec, resourceVersion, aborted: false,
        open: () => cb.onOpen(),
        send(type, object) {
          cb.onData();
          cb.onEvent({ type, object });
        },
        end: (e) => settle(e),
      };
      api.watches.push(w);
      return {
        done,
        abort() {
          w.aborted = true;
          settle({ reason: 'aborted' });
        },
      };
    },
  };
  return api;
}
