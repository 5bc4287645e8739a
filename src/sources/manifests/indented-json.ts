// A big JSON file read without its indentation. `kubectl get -o json` indents by four spaces a
// level: a List of 20,000 pods is 76 MB, three fifths of it the blanks that start its lines.
// Read whole, that is 76 MB of bytes and 76 MB of text in fresh memory (on a slow machine half
// a second of the kernel's first touch of pages alone), and every pass over the text reads the
// blanks again. Read here a megabyte at a time into one buffer, the blanks that start a line
// are left out as they go by: the text is the file's with those blanks removed, its lines the
// same lines (a JSON string never holds a line break, so no string loses a character), and
// JSON.parse gives the same value for it.
//
// Only the JSON reader is given that text: when it cannot vouch for it (not every document is
// JSON), the YAML reader reads the file as written (`asWritten`), where indentation has meaning.
// A line whose first character after its blanks is `-` keeps them, so a `---` that is not at the
// start of its line never becomes a document separator.

import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { TextRead } from './deps.ts';
import { errorMessage } from './problem.ts';
import { decodeText } from './text.ts';

/** Files smaller than this are read whole: their blanks cost little. */
export const UNINDENT_FROM = 1 << 20;

/** How much is read at a time (the one buffer reads go through). */
const CHUNK = 1 << 20;

/** Read this way only when the first PROBE bytes lose at least this share (else the copy costs more than the blanks). */
const WORTH = 1 / 8;
const PROBE = 1 << 16;

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DASH = 0x2d;

/**
 * The blanks that start each line, left out of bytes passed in pieces; and each CR before an LF
 * (as decodeText does: a CRLF line end is read as LF). A piece may end anywhere: between a CR
 * and its LF, or inside a line's blanks.
 */
export class Unindenter {
  /** Whether the byte before is a line feed (or nothing has been read): blanks here are a line's start. */
  private lineStart = true;
  /** Blanks at a line's start not written yet (written after all when the line starts with `-`). */
  private blanks = 0;
  /** A CR ended the last piece: written unless the next byte is LF. */
  private cr = false;
  /** The blanks left out so far (the text as written is that much longer, less its CRs before LF). */
  dropped = 0;

  /**
   * Writes `bytes[from, to)` without those blanks into `out` from `o`; returns where the written
   * bytes end. The piece is compacted where it is (`bytes` is overwritten), then copied.
   */
  push(bytes: Buffer, from: number, to: number, out: Buffer, o: number): number {
    let i = from;
    if (this.cr && i < to) {
      this.cr = false;
      if (bytes[i] !== LF) out[o++] = CR;
    }
    // bytes[base, w) are compacted and not copied yet.
    let base = from;
    let w = from;
    let lineStart = this.lineStart;
    let blanks = this.blanks;
    while (i < to) {
      if (lineStart) {
        const s = i;
        while (i < to && bytes[i] === SPACE) i++;
        blanks += i - s;
        if (i === to) break;
        lineStart = false;
        if (bytes[i] === DASH) {
          o += bytes.copy(out, o, base, w);
          out.fill(SPACE, o, o + blanks);
          o += blanks;
          base = w = i;
        } else this.dropped += blanks;
        blanks = 0;
      }
      const c = bytes[i++] as number;
      if (c === CR) {
        if (i === to) {
          this.cr = true;
          break;
        }
        if (bytes[i] === LF) continue;
      }
      bytes[w++] = c;
      if (c === LF) lineStart = true;
    }
    this.lineStart = lineStart;
    this.blanks = blanks;
    return o + bytes.copy(out, o, base, w);
  }

  /** The end of the bytes: a CR held is written (blanks after the last line break are blanks). */
  end(out: Buffer, o: number): number {
    this.dropped += this.blanks;
    this.blanks = 0;
    if (!this.cr) return o;
    this.cr = false;
    out[o] = CR;
    return o + 1;
  }
}

/** Where a text's content starts past a UTF-8 byte-order mark; -1 for a UTF-16 one (read whole, by decodeText). */
function contentStart(bytes: Buffer, n: number): number {
  if (n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return -1;
  return n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** Whether the first character after blanks is `{`: a JSON object, or YAML in flow style. */
function opensObject(bytes: Buffer, from: number, n: number): boolean {
  let i = from;
  while (i < n && (bytes[i] === SPACE || bytes[i] === LF || bytes[i] === CR || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b;
}

/**
 * Whether bytes whose content starts at `start` are worth reading without their indentation:
 * they open an object, and their first PROBE bytes lose at least WORTH of themselves (a compact
 * file pays for no more than that look).
 */
function worthIt(head: Buffer, start: number, n: number): boolean {
  if (start < 0 || !opensObject(head, start, n)) return false;
  const to = Math.min(n, start + PROBE);
  const probe = Buffer.from(head.subarray(start, to));
  const kept = new Unindenter().push(probe, 0, probe.length, Buffer.allocUnsafe(probe.length + 1), 0);
  return probe.length - kept >= probe.length * WORTH;
}

/** The bytes written into `out` up to `o` ended and decoded, with how to read them as written. */
function unindented(unindent: Unindenter, out: Buffer, o: number, asWritten: () => string): TextRead {
  const text = new TextDecoder('utf-8').decode(out.subarray(0, unindent.end(out, o)));
  return { text, asWritten, writtenLength: text.length + unindent.dropped };
}

/** The file as written, read once when first asked. */
function asWrittenOf(path: string): () => string {
  let text: string | null = null;
  return () => (text ??= decodeText(readFileSync(path)));
}

/**
 * A file's text as the manifest reader takes it: read whole (decodeText), or, for a file of at
 * least `from` bytes that starts with `{` and whose first 64 kB are mostly the blanks that
 * start lines, without them, with `asWritten` to read it as written.
 */
export function readManifestText(path: string, from = UNINDENT_FROM): TextRead {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size < from) return { text: decodeText(readFileSync(fd)) };
    const size = stat.size;
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, size));
    // Read at offsets, which leave the file's position at its start for readFileSync(fd).
    let n = readSync(fd, chunk, 0, chunk.length, 0);
    const start = contentStart(chunk, n);
    if (!worthIt(chunk, start, n)) return { text: decodeText(readFileSync(fd)) };
    const out = Buffer.allocUnsafe(size);
    const unindent = new Unindenter();
    let o = unindent.push(chunk, start, n, out, 0);
    // Up to the size the file had when opened, as readFileSync reads a regular file.
    for (let at = n; at < size; at += n) {
      n = readSync(fd, chunk, 0, Math.min(chunk.length, size - at), at);
      if (n === 0) break;
      o = unindent.push(chunk, 0, n, out, o);
    }
    return unindented(unindent, out, o, asWrittenOf(path));
  } catch (e) {
    return { error: errorMessage(e) };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * A text read in pieces (standard input) as readManifestText reads a file: whole, or without the
 * blanks that start its lines, the pieces kept to give it as written.
 */
export function textOfPieces(pieces: readonly Buffer[], from = UNINDENT_FROM): TextRead {
  const size = pieces.reduce((n, p) => n + p.length, 0);
  const whole = (): string => decodeText(pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, size));
  if (size < from || pieces.length === 0) return { text: whole() };
  // The first bytes in one piece, for the look (a pipe gives 64 kB at a time, or less).
  let headLength = 0;
  let k = 0;
  while (k < pieces.length && headLength < PROBE + 3) headLength += (pieces[k++] as Buffer).length;
  const head = k === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces.slice(0, k), headLength);
  const start = contentStart(head, head.length);
  if (!worthIt(head, start, head.length)) return { text: whole() };
  const out = Buffer.allocUnsafe(size);
  const unindent = new Unindenter();
  // Each piece through one buffer (push writes over what it reads): the pieces stay as written.
  const scratch = Buffer.allocUnsafe(pieces.reduce((n, p) => Math.max(n, p.length), 0));
  let skip = start;
  let o = 0;
  for (const piece of pieces) {
    const n = piece.copy(scratch, 0, Math.min(skip, piece.length));
    skip = Math.max(0, skip - piece.length);
    o = unindent.push(scratch, 0, n, out, o);
  }
  let written: string | null = null;
  return unindented(unindent, out, o, () => (written ??= whole()));
}
