// Reading and writing event logs on disk. --replay streams a log: the header and the opening
// lists are read first (the first screen), the rest line by line as the replay asks for it,
// so a log of any length replays in the memory of one line at a time. Logs are written one
// line per event as they come, so a crash keeps what was seen.

import { closeSync, createWriteStream, openSync, readFileSync, readSync } from 'node:fs';
import type { SourceEvent } from '../../core/events.ts';
import { Failure } from '../../core/failure.ts';
import { encodeLine, EventLogError, parseEventLine, parseHeaderLine, parseLog, parseLogSkippingBad, type EventLogHeader, type LogProblem, type ParsedLog, type RecordedLog } from './log.ts';

function readFailure(path: string, e: unknown): Failure {
  const code = (e as NodeJS.ErrnoException).code;
  return new Failure('bad-input', `cannot read the event log ${path}${code === 'ENOENT' ? ': no such file' : `: ${(e as Error).message}`}`, 'give a file written by --watch --record FILE');
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw readFailure(path, e);
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

const CHUNK = 1 << 20;
const NEWLINE = 0x0a;

/** The file's lines (split at "\n", as String.split would, without the empty one after a final newline), read a chunk at a time. */
export function* fileLines(path: string): Generator<string> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw readFailure(path, e);
  }
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let pending: Buffer[] = [];
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, CHUNK, null);
      } catch (e) {
        throw readFailure(path, e);
      }
      if (n === 0) break;
      let start = 0;
      for (let i = buf.indexOf(NEWLINE, 0); i !== -1 && i < n; i = buf.indexOf(NEWLINE, start)) {
        const part = buf.subarray(start, i);
        yield pending.length ? Buffer.concat([...pending, part]).toString('utf8') : part.toString('utf8');
        pending = [];
        start = i + 1;
      }
      if (start < n) pending.push(Buffer.from(buf.subarray(start, n)));
    }
    if (pending.length) yield Buffer.concat(pending).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Opens a log for --replay: a bad header is a Failure; the opening is read now, the rest when replayed. */
export function streamLog(path: string): RecordedLog {
  const fail = (e: EventLogError): Failure => new Failure('bad-input', `${path} line ${e.line}: ${e.message}`, 'give a file written by --watch --record FILE');
  const lines = fileLines(path);
  try {
    const first = lines.next();
    if (first.done) throw fail(new EventLogError(1, 'the event log is empty'));
    let header: EventLogHeader;
    try {
      header = parseHeaderLine(first.value);
    } catch (e) {
      throw e instanceof EventLogError ? fail(e) : e;
    }
    const opening: SourceEvent[] = [];
    const openingProblems: LogProblem[] = [];
    let n = 1;
    for (const line of lines) {
      n++;
      const e = parseEventLine(line, n, openingProblems);
      if (e && e.type !== 'sync') break;
      if (e) opening.push(e);
    }
    const openingEnd = n;
    return {
      header,
      opening,
      openingProblems,
      *events(skipped) {
        let line = 0;
        const problems: LogProblem[] = [];
        for (const text of fileLines(path)) {
          if (++line === 1) continue;
          const e = parseEventLine(text, line, problems);
          if (problems.length) {
            if (line > openingEnd) for (const p of problems) skipped(p);
            problems.length = 0;
          }
          if (e) yield e;
        }
      },
    };
  } finally {
    lines.return(undefined);
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
