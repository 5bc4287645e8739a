// --replay FILE as the run's source: the snapshot the log's opening lists describe (what
// watching began with), for the first screen, and the log, which the watch loop then plays,
// streamed from the file.

import { apply } from '../../core/events.ts';
import { emptySnapshot, type Snapshot } from '../../core/snapshot.ts';
import type { InputProblemLine, SourceResult } from '../result.ts';
import { streamLog } from './files.ts';
import type { LogProblem, ParsedLog } from './log.ts';

export function baselineOf(log: ParsedLog): Snapshot {
  let s = emptySnapshot('replay', log.header.namespace);
  for (const e of log.events) {
    if (e.type !== 'sync') break;
    s = apply(s, e);
  }
  return s;
}

/** A skipped line as the run reports it. */
export function skippedLine(path: string, p: LogProblem): InputProblemLine {
  return { source: path, document: null, line: p.line, message: p.message, hint: 'the rest of the log is replayed without it' };
}

export function loadReplay(path: string): SourceResult {
  const log = streamLog(path);
  const skipped = log.openingProblems.map((p) => skippedLine(path, p));
  return { snapshot: baselineOf({ header: log.header, events: log.opening }), problems: skipped, namespace: log.header.namespace, context: log.header.context, cluster: null, inputs: [path], recorded: log };
}
