// The Escape key without Ink's wait. A terminal sends Escape as the byte ESC alone, and the
// same byte starts every other key's escape sequence (an arrow key is ESC [ A). Ink, seeing
// ESC at the end of what it has read, waits 20 ms for the rest before it calls it Escape: a
// press that clears a filter or closes an overlay answers that much later than any other key.
//
// Ink reads everything buffered at once (read() until null), and a terminal writes a key's
// whole sequence in one write, so when a read returns ESC and nothing after it, no sequence
// is under way: it is the Escape key (the rule terminal libraries such as crossterm apply:
// ESC with no more input waiting). That read is handed to Ink as the Escape key's CSI u form
// (ESC [ 27 u, from the kitty keyboard protocol), which Ink maps to Escape at once. Anything
// else, ESC inside a longer read included, reaches Ink as it came.

/** Escape as the kitty keyboard protocol writes it: a complete sequence, never held back. */
export const ESCAPE_CSI_U = '\u001b[27u';

/** What Ink reads from: a stream in paused mode whose read() returns what is buffered. */
interface Readable {
  read(size?: number): unknown;
}

function isLoneEscape(chunk: unknown): boolean {
  if (typeof chunk === 'string') return chunk === '\u001b';
  return chunk instanceof Uint8Array && chunk.length === 1 && chunk[0] === 0x1b;
}

/**
 * The stream as Ink should see it: the same stream (its raw mode, listeners, ref and
 * encoding are the stream's own), except that a read holding only ESC reads as Escape.
 */
export function escapeAtOnce<T extends Readable>(stdin: T): T {
  const read = (size?: number): unknown => {
    const chunk = stdin.read(size);
    if (!isLoneEscape(chunk)) return chunk;
    return typeof chunk === 'string' ? ESCAPE_CSI_U : Buffer.from(ESCAPE_CSI_U);
  };
  return new Proxy(stdin, {
    get(target, key) {
      if (key === 'read') return read;
      const value: unknown = Reflect.get(target, key, target);
      // Methods run on the stream itself, so listeners added through the proxy are the stream's.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
