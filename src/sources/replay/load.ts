// --replay FILE as the run's source: the snapshot the log's opening lists describe (what
// watching began with), for the first screen, and the whole log, which the watch loop then
// plays (read once).

import { apply } from '../../core/events.ts';
import { emptySnapshot, type Snapshot } from '../../core/snapshot.ts';
import type { SourceResult } from '../result.ts';
import { readLogSkippingBad } from './files.ts';
import type { ParsedLog } from './log.ts';

export function baselineOf(log: ParsedLog): Snapshot {
  let s = emptySnapshot('replay', log.header.namespace);
  for (const e of log.events) {
    if (e.type !== 'sync') break;
    s = apply(s, e);
  }
  return s;
}

export function loadReplay(path: string): SourceResult {
  const { log, problems } = readLogSkippingBad(path);
  const skipped = problems.map((p) => ({ source: path, document: null, line: p.line, message: p.message, hint: 'the rest of the log is replayed without it' }));
  return { snapshot: baselineOf(log), problems: skipped, namespace: log.header.namespace, context: log.header.context, cluster: null, inputs: [path], recorded: log };
}
