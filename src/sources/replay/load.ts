// --replay FILE as the run's source: the snapshot the log's opening lists describe (what
// watching began with), for the first screen; the watch loop then plays the whole log.

import type { Loaded } from '../../cli/source.ts';
import { apply } from '../../core/events.ts';
import { emptySnapshot } from '../../core/snapshot.ts';
import { readLog } from './files.ts';
import type { ParsedLog } from './log.ts';

export function baselineOf(log: ParsedLog): Loaded['snapshot'] {
  let s = emptySnapshot('replay', log.header.namespace);
  for (const e of log.events) {
    if (e.type !== 'sync') break;
    s = apply(s, e);
  }
  return s;
}

export function loadReplay(path: string): Loaded {
  const log = readLog(path);
  return { snapshot: baselineOf(log), problems: [], namespace: log.header.namespace, context: log.header.context, cluster: null, inputs: [path], allNamespaces: false, recorded: log.header };
}
