// Flow collections on one line for the block YAML fast path (parse-block-yaml.ts): the
// `labels: {app: web}` and `args: [--port, "8080"]` that hand-written manifests, charts and
// older YAML writers put among block collections. Only a narrow part is read: `{key: value,
// ...}` and `[value, ...]` nested on one line, keys that are simple words or quoted strings
// followed by `: `, values that are quoted strings or plain scalars without `: `. A
// flow that goes on to the next line, an empty entry, a trailing comma, a key without a value,
// an anchor, alias or tag, anything after the closing bracket but a comment: refused, and the whole text
// goes to the YAML reader, as for anything else the fast path does not vouch for.

/** What the block reader lends: its scalars (a plain one resolved as it resolves them), and its refusal. */
export interface FlowScalars {
  plain(text: string): unknown;
  doubleQuoted(text: string): string;
  singleQuoted(text: string): string;
  /** Whether a plain key is one the block reader takes as it is (a simple word YAML does not read as anything else). */
  plainKey(text: string): boolean;
  refuse(): never;
  maxEntries: number;
}

/** Nesting deeper than this on one line is left to the YAML reader. */
export const MAX_FLOW_DEPTH = 64;

const SPACE = 0x20;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_MAP = 0x7b;
const CLOSE_MAP = 0x7d;
const OPEN_SEQ = 0x5b;
const CLOSE_SEQ = 0x5d;
const DOUBLE = 0x22;
const SINGLE = 0x27;
const BACKSLASH = 0x5c;
const HASH = 0x23;

function isIndicator(c: number): boolean {
  return c === COMMA || c === OPEN_MAP || c === CLOSE_MAP || c === OPEN_SEQ || c === CLOSE_SEQ;
}

class FlowReader {
  private at = 0;
  private entries = 0;
  private readonly text: string;
  private readonly s: FlowScalars;

  constructor(text: string, s: FlowScalars) {
    this.text = text;
    this.s = s;
  }

  whole(): unknown {
    const v = this.value(0);
    this.spaces();
    // Nothing after the closing bracket but a comment, after a space.
    if (this.at !== this.text.length && !(this.text.charCodeAt(this.at) === HASH && this.text.charCodeAt(this.at - 1) === SPACE)) this.s.refuse();
    return v;
  }

  private spaces(): void {
    while (this.text.charCodeAt(this.at) === SPACE) this.at++;
  }

  private count(): void {
    if (++this.entries > this.s.maxEntries) this.s.refuse();
  }

  private value(depth: number): unknown {
    if (depth > MAX_FLOW_DEPTH) this.s.refuse();
    this.spaces();
    const c = this.text.charCodeAt(this.at);
    if (c === OPEN_MAP) return this.mapping(depth);
    if (c === OPEN_SEQ) return this.sequence(depth);
    if (c === DOUBLE || c === SINGLE) return this.quoted();
    return this.s.plain(this.plainText());
  }

  /** A quoted scalar from `at`, read by the block reader's own rules. */
  private quoted(): string {
    const from = this.at;
    const end = closingQuote(this.text, from);
    if (end < 0) this.s.refuse();
    this.at = end + 1;
    const raw = this.text.slice(from, this.at);
    return this.text.charCodeAt(from) === DOUBLE ? this.s.doubleQuoted(raw) : this.s.singleQuoted(raw);
  }

  /**
   * A plain scalar from `at` to the next flow indicator; never empty. A `:` inside one is
   * taken only before a character that is neither a space nor a flow indicator (a timestamp, an
   * image's tag, a URL): one before those would make a pair, and is left to the YAML reader, as
   * is ` #` (the block reader's plain scalars refuse it).
   */
  private plainText(): string {
    const t = this.text;
    const from = this.at;
    let i = from;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (isIndicator(c)) break;
      if (c === COLON) {
        const next = t.charCodeAt(i + 1);
        if (Number.isNaN(next) || next === SPACE || isIndicator(next)) this.s.refuse();
      }
    }
    this.at = i;
    const text = t.slice(from, i).trimEnd();
    if (text === '') this.s.refuse();
    return text;
  }

  private key(): string {
    const c = this.text.charCodeAt(this.at);
    if (c === DOUBLE || c === SINGLE) return this.quoted();
    const from = this.at;
    while (this.at < this.text.length && this.text.charCodeAt(this.at) !== COLON && this.text.charCodeAt(this.at) !== SPACE) this.at++;
    const key = this.text.slice(from, this.at);
    if (!this.s.plainKey(key)) this.s.refuse();
    return key;
  }

  /** Past the opening bracket: true when the collection closes at once (`{}`, `[ ]`; consumed). */
  private empty(close: number): boolean {
    this.at++;
    this.spaces();
    if (this.text.charCodeAt(this.at) !== close) return false;
    this.at++;
    return true;
  }

  private mapping(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.empty(CLOSE_MAP)) return out;
    for (;;) {
      this.spaces();
      const key = this.key();
      if (key === '__proto__' || Object.hasOwn(out, key)) this.s.refuse();
      // `key: value`: a colon after the key, a space after the colon.
      this.spaces();
      if (this.text.charCodeAt(this.at) !== COLON || this.text.charCodeAt(this.at + 1) !== SPACE) this.s.refuse();
      this.at += 2;
      this.count();
      out[key] = this.value(depth + 1);
      if (this.next(CLOSE_MAP)) return out;
    }
  }

  private sequence(depth: number): unknown[] {
    const out: unknown[] = [];
    if (this.empty(CLOSE_SEQ)) return out;
    for (;;) {
      this.count();
      out.push(this.value(depth + 1));
      if (this.next(CLOSE_SEQ)) return out;
    }
  }

  /** After an entry: true at the closing bracket (consumed), false at a comma followed by another entry. */
  private next(close: number): boolean {
    this.spaces();
    const c = this.text.charCodeAt(this.at);
    this.at++;
    if (c === close) return true;
    if (c !== COMMA) this.s.refuse();
    this.spaces();
    // A trailing comma: YAML allows it; left to the YAML reader.
    const after = this.text.charCodeAt(this.at);
    if (after === CLOSE_MAP || after === CLOSE_SEQ || after === COMMA) this.s.refuse();
    return false;
  }
}

/**
 * Where the quoted scalar that opens at `from` closes (its closing quote), or -1 when it does
 * not on this text: past escapes in a double-quoted one, past `''` in a single-quoted one.
 */
export function closingQuote(text: string, from: number): number {
  const q = text.charCodeAt(from);
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (q === DOUBLE && c === BACKSLASH) i++;
    else if (c === q) {
      if (q === SINGLE && text.charCodeAt(i + 1) === SINGLE) i++;
      else return i;
    }
  }
  return -1;
}

/** A flow collection written on one line (text trimmed at its end), or the block reader's refusal. */
export function readFlow(text: string, s: FlowScalars): unknown {
  return new FlowReader(text, s).whole();
}
