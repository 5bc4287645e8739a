// Many files read by two threads: this one and a worker thread. A directory of one manifest per
// object has tens of thousands of files, and each read costs an open, a stat, a read and a close
// (about 20 µs each on a slow machine: over half a second for 28,000 files). The worker reads
// while this thread parses what has arrived; when nothing has arrived, this thread reads too.
// Both take the next file from one shared counter, so each file is read once, whichever thread
// is free. Below `workerFrom` files (or when no worker can start) this thread reads them all.

import type { MessagePort } from 'node:worker_threads';
import type { TextRead } from './deps.ts';
import { readManifestText, UNINDENT_FROM } from './indented-json.ts';
import { decodeText } from './text.ts';

/** Below this many files, one thread reads them: a worker takes about 50 ms to start. */
export const WORKER_FROM = 1000;

/**
 * The worker posts what it has read every 64 files, or sooner once they hold 4 MB: few messages,
 * this thread never kept waiting long, and a batch's offsets well inside 32 bits.
 */
const BATCH = 64;
const BATCH_BYTES = 1 << 22;

// The worker (CommonJS, as an evaluated worker is). Slot 0 of `claims` is the next file to read;
// slot 1 counts the batches posted, so the reader can wait for the next one. A batch is one
// buffer of its files' bytes end to end, with each file's index and where its bytes end (one
// message of three moved buffers costs far less to receive than one object per file).
const WORKER = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { paths, claims, port, batch, batchBytes } = workerData;
let files = [];
let errors = [];
let held = 0;
const post = () => {
  const bytes = new Uint8Array(held);
  const index = new Int32Array(files.length);
  const ends = new Int32Array(files.length);
  let at = 0;
  files.forEach((f, n) => {
    bytes.set(f.bytes, at);
    at += f.bytes.length;
    index[n] = f.i;
    ends[n] = at;
  });
  port.postMessage({ bytes, index, ends, errors }, [bytes.buffer, index.buffer, ends.buffer]);
  files = [];
  errors = [];
  held = 0;
  Atomics.add(claims, 1, 1);
  Atomics.notify(claims, 1);
};
for (;;) {
  const i = Atomics.add(claims, 0, 1);
  if (i >= paths.length) break;
  try {
    const bytes = readFileSync(paths[i]);
    files.push({ i, bytes });
    held += bytes.length;
  } catch (e) {
    errors.push({ i, error: e instanceof Error ? e.message : String(e) });
  }
  if (files.length + errors.length >= batch || held >= batchBytes) post();
}
post();
port.close();
`;

interface Batch {
  bytes: Uint8Array;
  index: Int32Array;
  ends: Int32Array;
  errors: { i: number; error: string }[];
}

// Bytes are decoded where they are read, in functions of their own, so that no caller's frame
// holds a file's bytes while its text is parsed (a 30 MB file would be held twice). This thread
// reads with readManifestText (a big indented JSON file without the blanks that start its lines);
// the worker's files are read whole.

/** The port a worker posts to, and how to take a message from it without waiting. */
interface Inbox {
  port: MessagePort;
  receive: (port: MessagePort) => { message: unknown } | undefined;
}

/** The worker's next batch, decoded; null when none is waiting. */
function nextBatch({ port, receive }: Inbox): { i: number; read: TextRead }[] | null {
  const m = receive(port);
  if (!m) return null;
  const { bytes, index, ends, errors } = m.message as Batch;
  const out: { i: number; read: TextRead }[] = [];
  for (let n = 0, at = 0; n < index.length; at = ends[n++] as number) out.push({ i: index[n] as number, read: { text: decodeText(bytes.subarray(at, ends[n])) } });
  for (const e of errors) out.push({ i: e.i, read: { error: e.error } });
  return out;
}

/**
 * Reads every path as text (decodeText; one read by this thread as readManifestText reads it),
 * calling `each` with its index as each one is read, in no particular order; resolves once every
 * path has had its call. A failed read is passed on, never thrown.
 */
export async function readFiles(paths: string[], each: (index: number, read: TextRead) => void, workerFrom = WORKER_FROM, unindentFrom = UNINDENT_FROM): Promise<void> {
  const claims = new Int32Array(new SharedArrayBuffer(8));
  const done = new Uint8Array(paths.length);
  let left = paths.length;
  const deliver = (i: number, read: TextRead): void => {
    if (done[i] === 1) return;
    done[i] = 1;
    left--;
    each(i, read);
  };
  let inbox: Inbox | null = null;
  let ended = false;
  if (paths.length >= workerFrom) {
    // Loaded only here: most runs read a few files, and Node's worker modules would add to every start.
    const { MessageChannel, receiveMessageOnPort, Worker } = await import('node:worker_threads');
    const channel = new MessageChannel();
    try {
      const worker = new Worker(WORKER, { eval: true, workerData: { paths, claims, port: channel.port2, batch: BATCH, batchBytes: BATCH_BYTES }, transferList: [channel.port2] });
      inbox = { port: channel.port1, receive: receiveMessageOnPort };
      const end = (): void => {
        ended = true;
        Atomics.add(claims, 1, 1);
        Atomics.notify(claims, 1);
      };
      worker.on('error', end);
      worker.on('exit', end);
    } catch {
      // No worker (a permission model that forbids them, or no memory for one): read here.
      channel.port1.close();
      channel.port2.close();
    }
  }
  const drain = (): void => {
    if (inbox === null) return;
    for (let batch = nextBatch(inbox); batch !== null; batch = nextBatch(inbox)) for (const { i, read } of batch) deliver(i, read);
  };
  while (left > 0) {
    drain();
    if (left === 0) break;
    const i = Atomics.add(claims, 0, 1);
    if (i < paths.length) {
      deliver(i, readManifestText(paths[i] as string, unindentFrom));
      continue;
    }
    if (inbox === null || ended) {
      // Every file is claimed and no worker is left to post: what it claimed and never posted is read here.
      drain();
      for (let j = 0; j < paths.length; j++) if (done[j] === 0) deliver(j, readManifestText(paths[j] as string, unindentFrom));
      break;
    }
    const posted = Atomics.load(claims, 1);
    drain();
    if (left === 0) break;
    const wait = Atomics.waitAsync(claims, 1, posted, 50);
    if (wait.async) await wait.value;
  }
  inbox?.port.close();
}
