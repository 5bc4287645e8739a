// JSON laid out as JSON.stringify(value, null, 2) lays it out, at a fraction of its cost on a
// big report. V8 writes compact JSON on a fast path that an indent argument turns off (about
// 10 ns a character against 28 here); so each piece is written compact and then laid out byte
// by byte: a line break and two spaces a level after `{`, `[` and `,`, a space after `:`, and
// `{}` and `[]` kept whole when empty. Strings are copied as they are (a `"` or `\` inside one
// is escaped in JSON, and no byte of a multi-byte UTF-8 character is an ASCII one).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const NEWLINE = 0x0a;
const SPACE = 0x20;

/** JSON text gathered as UTF-8 bytes, taken out as a string when it has grown enough. */
export class JsonSink {
  private buffer = Buffer.allocUnsafe(1 << 16);
  /** The compact text of the piece being laid out, as UTF-8. */
  private scratch = Buffer.allocUnsafe(1 << 16);
  /** Bytes written since the last take. */
  length = 0;

  private reserve(more: number): void {
    if (this.length + more <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + more));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  /** Writes JSON text as it is. */
  text(s: string): void {
    this.reserve(s.length * 3);
    this.length += this.buffer.write(s, this.length, 'utf8');
  }

  /**
   * Writes compact JSON text (JSON.stringify's without an indent) as JSON.stringify with an
   * indent of 2 would have written the same value `level` levels in.
   */
  laidOut(compact: string, level: number): void {
    if (compact.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(compact.length * 3);
    const from = this.scratch;
    const n = from.write(compact, 0, 'utf8');
    // Each byte is copied once, so room for the bytes still to come is kept ahead; only a line
    // break and its indent needs more, and asks for it.
    let depth = level;
    this.reserve(n + 2);
    let out = this.buffer;
    let o = this.length;
    const room = (i: number): void => {
      this.length = o;
      this.reserve(n - i + 2 * depth + 4);
      out = this.buffer;
    };
    for (let i = 0; i < n; i++) {
      const b = from[i] as number;
      if (b === QUOTE) {
        // A string, copied to its closing quote.
        out[o++] = b;
        for (i++; i < n; i++) {
          const c = from[i] as number;
          out[o++] = c;
          if (c === BACKSLASH) out[o++] = from[++i] as number;
          else if (c === QUOTE) break;
        }
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        const next = from[i + 1];
        if (next === CLOSE_OBJECT || next === CLOSE_ARRAY) {
          out[o++] = b;
          out[o++] = next;
          i++;
        } else {
          depth++;
          if (o + n - i + 2 * depth + 4 > out.length) room(i);
          out[o++] = b;
          out[o++] = NEWLINE;
          for (let s = 0; s < 2 * depth; s++) out[o++] = SPACE;
        }
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        depth--;
        if (o + n - i + 2 * depth + 4 > out.length) room(i);
        out[o++] = NEWLINE;
        for (let s = 0; s < 2 * depth; s++) out[o++] = SPACE;
        out[o++] = b;
      } else if (b === COMMA) {
        if (o + n - i + 2 * depth + 4 > out.length) room(i);
        out[o++] = b;
        out[o++] = NEWLINE;
        for (let s = 0; s < 2 * depth; s++) out[o++] = SPACE;
      } else if (b === COLON) {
        if (o + n - i + 4 > out.length) room(i);
        out[o++] = b;
        out[o++] = SPACE;
      } else {
        out[o++] = b;
      }
    }
    this.length = o;
  }

  /** What was written since the last take; the sink starts a new buffer after (the one taken is the caller's). */
  take(): Buffer {
    const taken = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(Math.max(1 << 16, this.length));
    this.length = 0;
    return taken;
  }
}
