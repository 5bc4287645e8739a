// Reading and writing event logs on disk: a log is read whole (it is a postmortem record,
// not a stream), and written one line per event as they come, so a crash keeps what was seen.

import { createWriteStream, readFileSync } from 'node:fs';
import type { SourceEvent } from '../../core/events.ts';
import { Failure } from '../../core/failure.ts';
import { encodeLine, EventLogError, parseLog, parseLogSkippingBad, type EventLogHeader, type LogProblem, type ParsedLog } from './log.ts';

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Failure('bad-input', `cannot read the event log ${path}${code === 'ENOENT' ? ': no such file' : `: ${(e as Error).message}`}`, 'give a file written by --watch --record FILE');
  }
}

/** The whole log, strictly: any bad line is a bad-input Failure naming it. */
export function readLog(path: string): ParsedLog {
  const text = readText(path);
  try {
    return parseLog(text);
  } catch (e) {
    if (e instanceof EventLogError) throw new Failure('bad-input', `${path} line ${e.line}: ${e.message}`, 'give a file written by --watch --record FILE');
    throw e;
  }
}

/** The log as --replay reads it: a bad header is a Failure; bad lines and objects are skipped and listed. */
export function readLogSkippingBad(path: string): { log: ParsedLog; problems: LogProblem[] } {
  const text = readText(path);
  try {
    return parseLogSkippingBad(text);
  } catch (e) {
    if (e instanceof EventLogError) throw new Failure('bad-input', `${path} line ${e.line}: ${e.message}`, 'give a file written by --watch --record FILE');
    throw e;
  }
}

export interface Recorder {
  write(e: SourceEvent): void;
  close(): Promise<void>;
}

/** Opens FILE for writing (truncating it) and writes the header; fails with a bad-input Failure if it cannot. */
export async function openRecorder(path: string, header: EventLogHeader): Promise<Recorder> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  await new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', (e) => reject(new Failure('bad-input', `cannot write the event log ${path}: ${e.message}`, 'check the --record path')));
  });
  let failed: Error | null = null;
  out.on('error', (e) => { failed = e; });
  out.write(encodeLine(header));
  return {
    write(e) {
      if (!failed) out.write(encodeLine(e));
    },
    close: () => new Promise((resolve) => out.end(() => resolve())),
  };
}
