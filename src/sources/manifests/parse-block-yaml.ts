// A fast path for plain block YAML (`kubectl get -o yaml`, `helm template`, generated files),
// beside the one for JSON (parse-json.ts). It reads only a narrow, common part of YAML: block
// mappings and sequences indented with spaces, keys that are plain scalars without blanks (a
// managed field's `f:labels` too) or simple quoted strings, single-line plain and quoted scalars, flow collections on one line
// (parse-flow-yaml.ts), literal block scalars (`|`, `|-`, `|+`), comments on their own lines and
// after a value, `---` separator lines, and anchors on block and flow collections with aliases
// to them (a value the YAML reader shares: the same object, few times, with no alias inside). A
// document (or an item of a large List) holding anything else (a string wrapped over lines, as
// `kubectl get -o yaml` wraps long ones; folded scalars, tags, flows over lines, duplicate keys,
// `<<`, a tab...) is read by the YAML reader alone (AloneReader), and the whole text goes to it
// when it finds a problem there, or for what concerns the whole text (directives, document
// ends, carriage returns and other control characters, a document that is not a mapping; any
// refusal when no AloneReader is given), so values, document numbers, lines and problem reports
// stay those of the YAML reader. Plain scalars the reader could take for something other than a
// string (numbers, booleans, null...) are resolved by a callback the caller gives (the YAML
// reader itself, on the scalar alone).

import { LEFT_OUT, Later, SPLIT_AT, lineCounter, type DocumentHead, type Keep, type LaterValue } from './parse-json.ts';
import { closingQuote, readFlow, type FlowScalars } from './parse-flow-yaml.ts';

export interface BlockDocument {
  /** 1-based document number, counted as the YAML reader counts them (empty ones too). */
  document: number;
  line: number;
  /** A Later when the keep's head answered `later`. */
  value: Record<string, unknown> | Later;
  itemLines: number[] | null;
  /** An alias made parts of the value one object: normalising one place in place would change the others. */
  shared: boolean;
}

/** The value a plain scalar has on its own, or undefined when the caller cannot vouch for it. */
export type ScalarResolver = (text: string) => unknown;

/**
 * The YAML reader on the text of one document, or of one List item (its `- ` line and the
 * lines under it), alone: its value and first line (1-based, in that text), or null when it
 * finds a problem there (the whole text then goes to the YAML reader, which reports it in
 * place). What the fast path refuses in one document (a long string `kubectl get -o yaml`
 * wraps over lines, a folded scalar, a trailing comment, a tag) is read so, the rest by the
 * fast path.
 */
export type AloneReader = (text: string) => { value: unknown; line: number; itemLines: number[] | null } | null;

class Refused extends Error {}

const REFUSE = new Refused('not plain block YAML');

function refuse(): never {
  throw REFUSE;
}

/** Words YAML 1.1 reads as booleans or null (in any case: the resolver decides those). */
const WORDS = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null']);
/** Whether a text is one of WORDS in any case (each is at most five letters and starts with y, n, t, f or o: most texts need no lower-cased copy). */
function isWord(text: string): boolean {
  if (text.length > 5) return false;
  const c = text.charCodeAt(0) | 0x20;
  return (c === 0x79 || c === 0x6e || c === 0x74 || c === 0x66 || c === 0x6f) && WORDS.has(text.toLowerCase());
}
const LETTER_WORD = /^[A-Za-z][^\s]*$/;
/** Characters of a plain key after its first (plainKeyAt): letters, digits, `_ . / -`, by code. */
const KEY_CHAR = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-') KEY_CHAR[c.charCodeAt(0)] = 1;

/**
 * A plain key at the start of a line's content (from `start` to `end`), read in place without a
 * copy of the line: a letter or `_`, then letters, digits and `_ . / -`, then a colon followed by
 * a space or the content's end (`/^([A-Za-z_][A-Za-z0-9_./-]*):(?: +|$)/`). The offset of the
 * colon, or -1 when the line does not start with such a key.
 */
function plainKeyAt(text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (!(first === 0x5f || ((first | 0x20) >= 0x61 && (first | 0x20) <= 0x7a))) return -1;
  let i = start + 1;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c >= 128 || KEY_CHAR[c] === 0) break;
    i++;
  }
  if (i >= end || text.charCodeAt(i) !== 0x3a) return -1;
  return i + 1 === end || text.charCodeAt(i + 1) === 0x20 ? i : -1;
}

/** Whether a text is a letter and then only printable ASCII other than a space, not ending with `:` (a plain string for the most part: what LETTER_WORD and the refusals before it would say, in one pass). */
function isLetterWord(text: string): boolean {
  const first = text.charCodeAt(0) | 0x20;
  if (first < 0x61 || first > 0x7a) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return text.charCodeAt(text.length - 1) !== 0x3a;
}
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const QUOTED_KEY = /^(?:"([^"\\]*)"|'([^']*)'):(?: +|$)/;
/** A plain key of anything but blanks, not starting with an indicator, up to the last `:` before a blank or the line's end. */
const WIDE_KEY = /^([^\s#,[\]{}&*!|>'"%@`?:-][^\s]*):(?: +|$)/;
const ANCHOR = /^&([A-Za-z0-9_-]+)$/;
const ANCHORED_FLOW = /^&([A-Za-z0-9_-]+) +([[{].*)$/;
const ALIAS = /^\*([A-Za-z0-9_-]+)$/;
/** Uses of one anchor read here; the YAML reader refuses more than 1,000 (maxAliasCount), far above this. */
const MAX_ALIAS_USES = 100;
const SMALL_INT = /^(?:0|[1-9][0-9]{0,14})$/;
const PLAIN_START = /^[A-Za-z0-9./~_+-]/;
/**
 * Characters that send the whole text to the YAML reader: controls other than tab and newline,
 * DEL, NEL, the BOM, line and paragraph separators (some of them break lines for YAML, and
 * would move the lines of the documents after them). A tab sends only its document there
 * (a script in a ConfigMap), when the caller gives the YAML reader (AloneReader); else the
 * whole text too.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const AWKWARD = /[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]/;
function awkward(text: string): boolean {
  return AWKWARD.test(text);
}

/** Where the text's tabs are, in order. */
function tabsOf(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\t'); i >= 0; i = text.indexOf('\t', i + 1)) out.push(i);
  return out;
}

interface Line {
  /** Offset of the first character after the indentation. */
  start: number;
  end: number;
  /** End of the line before its newline, trailing spaces included. */
  rawEnd: number;
  indent: number;
  /** 1-based. */
  number: number;
  /** A List item left out or for later (listApart): the line stands for the whole item, this its value. */
  item?: unknown;
}

/**
 * Deepest nesting of block collections read here: with a flow collection's own MAX_FLOW_DEPTH
 * on top, within the YAML reader's MAX_DEPTH (parse.ts), which a deeper document goes to (and
 * whose bounds refuse it). The reader recurses once per level.
 */
export const MAX_BLOCK_DEPTH = 192;

class Reader {
  private i = 0;
  /** Block collections open. */
  private depth = 0;
  private itemLines: number[] | null = null;
  private readonly anchors = new Map<string, { value: unknown; uses: number }>();
  private aliases = 0;

  private readonly text: string;
  private readonly lines: Line[];
  private readonly resolve: ScalarResolver;
  private readonly maxEntries: number;
  /** What a flow collection on one line borrows of this reader. */
  private readonly flowScalars: FlowScalars;

  constructor(text: string, lines: Line[], resolve: ScalarResolver, maxEntries: number) {
    this.text = text;
    this.lines = lines;
    this.resolve = resolve;
    this.maxEntries = maxEntries;
    this.flowScalars = {
      plain: (text) => this.plain(text),
      doubleQuoted,
      singleQuoted,
      plainKey: (text) => PLAIN_KEY.test(text) && !isWord(text),
      refuse,
      maxEntries,
    };
  }

  /** The next line holding content (blank and whole-line comment lines skipped), without consuming it. */
  private peek(): Line | null {
    while (this.i < this.lines.length) {
      const l = this.lines[this.i] as Line;
      if (l.start === l.end || this.text.charCodeAt(l.start) === 0x23) {
        this.i++;
        continue;
      }
      return l;
    }
    return null;
  }

  private content(l: Line): string {
    return this.text.slice(l.start, l.end);
  }

  document(): (Omit<BlockDocument, 'document' | 'value'> & { value: Record<string, unknown> }) | null {
    const first = this.peek();
    if (!first) return null;
    if (this.isItem(first)) refuse();
    const value = this.mapping(first.indent, true);
    if (this.peek()) refuse();
    return { value, line: first.number, itemLines: this.itemLines, shared: this.aliases > 0 };
  }

  /** A List item alone (its lines, from its `- `): its value. */
  alone(): { value: unknown; shared: boolean } {
    const first = this.peek();
    if (!first || !this.isItem(first)) refuse();
    const items = this.sequence(first.indent);
    if (this.peek() || items.length !== 1) refuse();
    return { value: items[0], shared: this.aliases > 0 };
  }

  /** A List item alone, left for later (a mapping: its head was read). */
  item(): { value: Record<string, unknown>; shared: boolean } {
    const read = this.alone();
    if (read.value === null || typeof read.value !== 'object' || Array.isArray(read.value)) refuse();
    return read as { value: Record<string, unknown>; shared: boolean };
  }

  private isItem(l: Line): boolean {
    return isItemLine(this.text, l);
  }

  /** A node starting on the next content line, deeper than `parent`; null when there is none. */
  private child(parent: number, allowSameIndentSequence: boolean): { value: unknown; line: number } | null {
    const l = this.peek();
    if (!l) return null;
    if (l.indent > parent) {
      return { value: this.isItem(l) ? this.sequence(l.indent) : this.mapping(l.indent, false), line: l.number };
    }
    if (l.indent === parent && allowSameIndentSequence && this.isItem(l)) return { value: this.sequence(l.indent), line: l.number };
    return null;
  }

  private mapping(indent: number, top: boolean): Record<string, unknown> {
    if (++this.depth > MAX_BLOCK_DEPTH) refuse();
    const out: Record<string, unknown> = {};
    // Keys seen: those of `out` (a key written twice is refused before it is set again).
    let keys = 0;
    for (let l = this.peek(); l && l.indent === indent && !this.isItem(l); l = this.peek()) {
      let key: string;
      // Where the value starts on the line (its content's end when there is none).
      let rest: number;
      const colon = plainKeyAt(this.text, l.start, l.end);
      if (colon >= 0) {
        key = this.text.slice(l.start, colon);
        if (isWord(key)) refuse();
        rest = colon + 1;
        while (rest < l.end && this.text.charCodeAt(rest) === 0x20) rest++;
      } else {
        const text = this.content(l);
        const q = QUOTED_KEY.exec(text);
        if (q) {
          key = q[1] ?? (q[2] as string);
          rest = l.start + q[0].length;
        } else {
          // A plain key of other characters (a managed field's `f:labels`, `k:{"type":"Ready"}`, `.`): one the reader takes as the string it is.
          const w = WIDE_KEY.exec(text);
          if (!w || w[1] === '<<' || this.resolve(w[1] as string) !== w[1]) refuse();
          key = w[1] as string;
          rest = l.start + w[0].length;
        }
      }
      if (key === '__proto__' || Object.hasOwn(out, key)) refuse();
      if (++keys > this.maxEntries) refuse();
      this.i++;
      if (rest === l.end) {
        const c = this.child(indent, true);
        if (c === null) out[key] = null;
        else {
          out[key] = c.value;
          if (top && key === 'items' && Array.isArray(c.value)) this.itemLines = this.lastItemLines;
        }
      } else {
        const value = this.text.slice(rest, l.end);
        const flow = value.charCodeAt(0) === 0x26 ? ANCHORED_FLOW.exec(value) : null;
        if (flow) {
          // An anchored flow collection on this line (`labels: &a {app: web}`): it holds no alias.
          const name = flow[1] as string;
          if (this.anchors.has(name) || (top && key === 'items')) refuse();
          const value = this.inline(flow[2] as string, indent);
          this.anchors.set(name, { value, uses: 0 });
          out[key] = value;
          continue;
        }
        const anchor = value.charCodeAt(0) === 0x26 ? ANCHOR.exec(value) : null;
        if (anchor) {
          // An anchored block collection on the next lines, with no alias inside it.
          const name = anchor[1] as string;
          const before = this.aliases;
          const c = this.child(indent, true);
          if (c === null || this.anchors.has(name) || this.aliases !== before || (top && key === 'items')) refuse();
          this.anchors.set(name, { value: c.value, uses: 0 });
          out[key] = c.value;
          continue;
        }
        const read = this.inline(value, indent);
        out[key] = read;
        // A List's items written on its line (`[]`, or a flow sequence): each one on that line.
        if (top && key === 'items' && Array.isArray(read)) this.itemLines = read.map(() => l.number);
      }
    }
    const next = this.peek();
    if (next && next.indent > indent) refuse();
    this.depth--;
    return out;
  }

  private lastItemLines: number[] = [];

  private sequence(indent: number): unknown[] {
    if (++this.depth > MAX_BLOCK_DEPTH) refuse();
    const out: unknown[] = [];
    const lines: number[] = [];
    for (let l = this.peek(); l && l.indent === indent && this.isItem(l); l = this.peek()) {
      if (out.length >= this.maxEntries) refuse();
      if (l.item !== undefined) {
        this.i++;
        out.push(l.item);
        lines.push(l.number);
        continue;
      }
      if (l.end === l.start + 1) {
        // `-` alone: the item is the node on the next lines.
        this.i++;
        const c = this.child(indent, false);
        if (c === null) refuse();
        out.push(c.value);
        lines.push(c.line);
        continue;
      }
      let at = l.start + 1;
      while (at < l.end && this.text.charCodeAt(at) === 0x20) at++;
      const rest = this.text.slice(at, l.end);
      if (rest.startsWith('-') && (rest.length === 1 || rest[1] === ' ')) refuse();
      if (plainKeyAt(this.text, at, l.end) >= 0 || QUOTED_KEY.test(rest)) {
        // A compact mapping: its keys sit at the column of the first one.
        const column = at - l.start + l.indent;
        this.lines[this.i] = { start: at, end: l.end, rawEnd: l.rawEnd, indent: column, number: l.number };
        out.push(this.mapping(column, false));
      } else {
        this.i++;
        out.push(this.inline(rest, indent));
      }
      lines.push(l.number);
    }
    const next = this.peek();
    if (next && next.indent > indent) refuse();
    this.lastItemLines = lines;
    this.depth--;
    return out;
  }

  /** A value written after `key: ` or `- ` on a line of a node at `indent`. */
  private inline(raw: string, indent: number): unknown {
    const text = withoutComment(raw.trimEnd());
    const c = text.charCodeAt(0);
    let value: unknown;
    if (c === 0x22) value = doubleQuoted(text);
    else if (c === 0x27) value = singleQuoted(text);
    else if (text === '[]') value = [];
    else if (text === '{}') value = {};
    else if (text === '|' || text === '|-' || text === '|+') return this.literal(indent, text);
    else if (c === 0x7b || c === 0x5b) value = readFlow(text, this.flowScalars);
    else if (c === 0x2a) {
      const alias = ALIAS.exec(text);
      const anchor = alias ? this.anchors.get(alias[1] as string) : undefined;
      if (!anchor || ++anchor.uses > MAX_ALIAS_USES) refuse();
      this.aliases++;
      value = anchor.value;
    } else value = this.plain(text);
    // A deeper line after a one-line value continues it (a multi-line scalar) or is an error.
    const next = this.peek();
    if (next && next.indent > indent) refuse();
    return value;
  }

  private plain(text: string): unknown {
    if (isLetterWord(text) && !isWord(text)) return text;
    if (!PLAIN_START.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':') || text.startsWith('---') || text.startsWith('...')) refuse();
    if (text.startsWith('-') || text.startsWith('?')) {
      if (text.length === 1 || text[1] === ' ') refuse();
    }
    if (LETTER_WORD.test(text) && !isWord(text)) return text;
    if (SMALL_INT.test(text)) return Number(text);
    const v = this.resolve(text);
    if (v === undefined) refuse();
    return v;
  }

  /** A literal block scalar after `|`, `|-` or `|+`, its lines deeper than `indent`. */
  private literal(indent: number, header: string): string {
    // The raw lines: comments are content here, so `peek` is not used.
    const body: string[] = [];
    let contentIndent = -1;
    let j = this.i;
    for (; j < this.lines.length; j++) {
      const l = this.lines[j] as Line;
      const blank = l.start === l.end;
      // The text's end is no line: nothing after the last newline, and no final line without one.
      if (l.rawEnd === this.text.length) {
        if (blank && l.indent === 0) break;
        refuse();
      }
      if (blank) {
        // A blank line's spaces must not reach past the content's indentation (that is content, left to the reader).
        if (contentIndent >= 0 ? l.indent > contentIndent : l.indent > indent) refuse();
        body.push('');
        continue;
      }
      if (contentIndent < 0) {
        if (l.indent <= indent) break;
        contentIndent = l.indent;
      } else if (l.indent < contentIndent) break;
      body.push(' '.repeat(l.indent - contentIndent) + this.text.slice(l.start, l.rawEnd));
    }
    if (contentIndent < 0) refuse();
    // Trailing blank lines belong to the scalar only as chomping says; the lines after it are not ours.
    let last = body.length;
    while (last > 0 && body[last - 1] === '') last--;
    const trailing = body.length - last;
    this.i = j;
    const next = this.peek();
    if (next && next.indent > indent) refuse();
    const kept = body.slice(0, last).join('\n');
    if (header === '|-') return kept;
    if (header === '|') return `${kept}\n`;
    return `${kept}\n${'\n'.repeat(trailing)}`;
  }
}

/**
 * A value written on its line without the comment after it (`3  # the default`): after a quoted
 * scalar, from the spaces before a `#`; after a plain one (or an alias, or a block scalar's
 * header), from ` #`. A flow collection's comment is its reader's; whatever else stays, for the
 * value's own reader to refuse.
 */
function withoutComment(text: string): string {
  const q = text.charCodeAt(0);
  if (q === 0x5b || q === 0x7b) return text;
  if (q !== 0x22 && q !== 0x27) {
    const hash = text.indexOf(' #');
    return hash < 0 ? text : text.slice(0, hash).trimEnd();
  }
  const i = closingQuote(text, 0);
  return i >= 0 && i < text.length - 1 && /^ +#/.test(text.slice(i + 1)) ? text.slice(0, i + 1) : text;
}

function doubleQuoted(text: string): string {
  // JSON's escapes other than `\/` and `\u` mean the same in YAML 1.1; any other escape or a raw control character makes JSON.parse refuse it.
  let i = 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === '/' || e === 'u') refuse();
      i += 2;
    } else if (c === 0x22) break;
    else i++;
  }
  if (i !== text.length - 1) refuse();
  try {
    return JSON.parse(text) as string;
  } catch {
    return refuse();
  }
}

function singleQuoted(text: string): string {
  if (text.length < 2 || !text.endsWith('\'')) refuse();
  const inner = text.slice(1, -1);
  if (inner.replaceAll('\'\'', '').includes('\'')) refuse();
  return inner.replaceAll('\'\'', '\'');
}

/** A document's lines: those starting at `from` up to (not including) `limit`; `number` is the first one's. */
interface Chunk {
  from: number;
  limit: number;
  number: number;
  explicit: boolean;
}

/** Sets `l` to the line starting at `from` (line `number`); returns where the next line starts. */
function readLine(text: string, from: number, number: number, l: Line): number {
  let end = text.indexOf('\n', from);
  if (end < 0) end = text.length;
  let i = from;
  while (i < end && text.charCodeAt(i) === 0x20) i++;
  let e = end;
  while (e > i && text.charCodeAt(e - 1) === 0x20) e--;
  l.start = i;
  l.end = e;
  l.rawEnd = end;
  l.indent = i - from;
  l.number = number;
  return end + 1;
}

const noLine = (): Line => ({ start: 0, end: 0, rawEnd: 0, indent: 0, number: 0 });

function linesOf(text: string, chunk: Chunk): Line[] {
  return linesInto([], text, chunk.from, chunk.limit, chunk.number);
}

/** Adds the lines starting at `from` up to `limit` (the first one numbered `number`) to `lines`. */
function linesInto(lines: Line[], text: string, from: number, limit: number, number: number): Line[] {
  for (let start = from; start < limit; number++) {
    const l = noLine();
    start = readLine(text, start, number, l);
    lines.push(l);
  }
  return lines;
}

/** A block sequence entry: `-` alone or followed by a space. */
function isItemLine(text: string, l: Line): boolean {
  return text.charCodeAt(l.start) === 0x2d && (l.end === l.start + 1 || text.charCodeAt(l.start + 1) === 0x20);
}

/** A head's value written plainly: a word of letters, digits and . _ - /, bare or quoted on its own, or `~`; a comment after it. */
const HEAD_VALUE = /^(?:(~|[A-Za-z0-9._/-]+)|"([A-Za-z0-9._/-]*)"|'([A-Za-z0-9._/-]*)')(?: +#.*)?$/;
/** A flow collection or quoted scalar that ends on its line (no quote, bracket or brace inside). */
const ONE_LINE = /^(?:\[[^"'[\]{}]*\]|\{[^"'[\]{}]*\}|"[^"\\]*"|'[^']*')(?: .*)?$/;

/**
 * A head's value: the string a plain or quoted word reads as, null for YAML's null (the default
 * namespace), undefined when the text alone cannot say (another type, a tag, a comment...).
 */
function headValue(rest: string, resolve: ScalarResolver): string | null | undefined {
  const m = HEAD_VALUE.exec(rest);
  if (!m) return undefined;
  if (m[1] === undefined) return m[2] ?? m[3];
  const v = resolve(m[1]);
  return typeof v === 'string' || v === null ? v : undefined;
}

/**
 * A head line's key and what follows it (the line's content from `start` to `end`): a plain key,
 * or one quoted without escapes (as JSON turned into YAML writes them: `"kind": "Pod"`), which
 * is the same string.
 */
function headKey(text: string, start: number, end: number): { key: string; rest: string } | null {
  const colon = plainKeyAt(text, start, end);
  if (colon >= 0) {
    let rest = colon + 1;
    while (rest < end && text.charCodeAt(rest) === 0x20) rest++;
    return { key: text.slice(start, colon), rest: text.slice(rest, end) };
  }
  const line = text.slice(start, end);
  const m = QUOTED_KEY.exec(line);
  return m ? { key: m[1] ?? m[2] ?? '', rest: line.slice(m[0].length) } : null;
}

/**
 * A head read from lines alone, one content line at a time (blank and comment lines are not
 * given): every line at the top level (`base`: 0 for a document, the column of a List item's
 * keys) is a key, plain or quoted without escapes (headKey: no `<<`, `?` or flow key), apiVersion
 * and kind are plain words, metadata is a block mapping whose own keys are such and whose values at that level end on
 * their line (so no continuation can pass for a key), and its namespace is a word or null.
 */
class LineHead {
  private apiVersion: string | null | undefined;
  private kind: string | null | undefined;
  private namespace: string | null | undefined = null;
  private name: string | null = null;
  private inMetadata = false;
  private childIndent = -1;
  /** A line said that the lines alone cannot vouch for the head. */
  failed = false;
  private readonly text: string;
  private readonly resolve: ScalarResolver;
  private readonly base: number;

  constructor(text: string, resolve: ScalarResolver, base: number) {
    this.text = text;
    this.resolve = resolve;
    this.base = base;
  }

  /** A content line: its content from `start` (after a List item's `- `) at column `indent`. */
  take(l: Line, start: number, indent: number): void {
    if (this.failed) return;
    const text = this.text;
    const isItem = start === l.start && isItemLine(text, l);
    if (indent === this.base) {
      this.inMetadata = false;
      if (isItem) return;
      const k = headKey(text, start, l.end);
      if (!k) return this.fail();
      const { key, rest } = k;
      if (key === 'apiVersion') this.apiVersion = headValue(rest, this.resolve);
      else if (key === 'kind') this.kind = headValue(rest, this.resolve);
      else if (key === 'metadata') {
        if (rest !== '') return this.fail();
        this.inMetadata = true;
        this.childIndent = -1;
        this.namespace = null;
        this.name = null;
      }
    } else if (indent < this.base) this.fail();
    else if (this.inMetadata) {
      if (this.childIndent < 0) {
        // Its first line: a key (metadata a mapping), not a sequence's entry.
        if (isItem) return this.fail();
        this.childIndent = indent;
      }
      if (indent < this.childIndent) return this.fail();
      // Deeper lines, and the entries of a sequence written at its keys' column (as kubectl
      // writes ownerReferences and finalizers), are a key's value, not keys.
      if (indent > this.childIndent || isItem) return;
      const k = headKey(text, start, l.end);
      if (!k) return this.fail();
      const { key, rest } = k;
      if (key === 'namespace') {
        if (rest === '') return this.fail();
        this.namespace = headValue(rest, this.resolve);
        if (this.namespace === undefined) this.fail();
      } else if (/^["'[{]/.test(rest) && !ONE_LINE.test(rest)) this.fail();
      else if (key === 'name') {
        const v = headValue(rest, this.resolve);
        this.name = typeof v === 'string' && v !== '' ? v : null;
      }
    }
  }

  private fail(): void {
    this.failed = true;
  }

  head(): DocumentHead | null {
    const { apiVersion, kind, namespace, name } = this;
    if (this.failed || typeof apiVersion !== 'string' || typeof kind !== 'string' || namespace === undefined) return null;
    return { apiVersion, kind, namespace: namespace === '' ? null : namespace, name };
  }
}

/** The document's head read from its lines alone (LineHead), or null when they cannot vouch for it. */
function blockHead(text: string, chunk: Chunk, resolve: ScalarResolver): { head: DocumentHead; line: number } | null {
  const reading = new LineHead(text, resolve, 0);
  let first = 0;
  // The chunk's lines as linesOf makes them, one at a time (none is kept).
  const l = noLine();
  for (let from = chunk.from, number = chunk.number; from < chunk.limit; number++) {
    from = readLine(text, from, number, l);
    if (l.start === l.end || text.charCodeAt(l.start) === 0x23) continue;
    if (first === 0) first = l.number;
    reading.take(l, l.start, l.indent);
    if (reading.failed) return null;
  }
  const head = reading.head();
  return head ? { head, line: first } : null;
}

/** How a text's documents left for later (Keep.head) are read: alone, by this reader; null when they need the YAML reader. */
function laterReader(text: string, chunks: Chunk[], resolve: ScalarResolver, maxEntries: number, alone: AloneReader | null): (later: Later) => LaterValue | null {
  // Made when the first document left for later is read (a text read whole never needs it).
  let byStart: Map<number, Chunk> | null = null;
  return (later) => {
    byStart ??= new Map(chunks.map((c) => [c.from, c]));
    const chunk = byStart.get(later.from) as Chunk;
    try {
      const doc = new Reader(text, linesOf(text, chunk), resolve, maxEntries).document();
      return doc ? { value: doc.value, unshared: !doc.shared } : null;
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      const read = alone?.(text.slice(chunk.from, Math.min(chunk.limit, text.length)));
      return read && isMappingValue(read.value) ? { value: read.value, unshared: false } : null;
    }
  };
}

function isMappingValue(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A List item's value read by the YAML reader alone (its text, a one-item sequence, under an `items:` key of its own), or null. */
function itemAlone(alone: AloneReader | null, text: string): { value: unknown } | null {
  const read = alone?.(`items:\n${text}`);
  const items = read && isMappingValue(read.value) ? read.value.items : null;
  return Array.isArray(items) && items.length === 1 ? { value: items[0] as unknown } : null;
}

/** An item of a List's top-level `items:` sequence: where its lines start and end, the numbers of its first line and of the line after it, its head. */
interface ListItem {
  from: number;
  to: number;
  number: number;
  after: number;
  head: DocumentHead | null;
  /** `-` alone: its value starts on the next line (read where it stands, its line being that one's). */
  inPlace: boolean;
}

/**
 * A large List document's lines, its items apart: each item of its top-level `items:` block
 * sequence stands as a single line holding its value (Line.item), read alone, so that the
 * lines of one item at a time are made and dropped (a dump of 20,000 pods has a million). For
 * a scoped read (Keep.head), an item whose head its lines say (LineHead, at the column of its
 * keys) is answered from it as a document of its own would be: left out, or left for later,
 * its lines never made. Null when there are no such items, or one is refused alone (the
 * document is then read whole).
 */
function listApart(text: string, chunk: Chunk, resolve: ScalarResolver, maxEntries: number, keep: Keep | undefined, later: (item: ListItem, head: DocumentHead) => Later, alone: AloneReader | null): { lines: Line[]; shared: boolean } | null {
  const answer = keep?.head;
  const items: ListItem[] = [];
  let seq = -1;
  // Before `items:`, in its sequence, after it.
  let phase: 'before' | 'items' | 'after' = 'before';
  let open: { item: ListItem; reading: LineHead | null } | null = null;
  const close = (to: number, after: number) => {
    if (open === null) return;
    open.item.to = to;
    open.item.after = after;
    open.item.head = open.reading?.head() ?? null;
    items.push(open.item);
    open = null;
  };
  const l = noLine();
  let number = chunk.number;
  let from = chunk.from;
  const end = Math.min(chunk.limit, text.length);
  for (; from < chunk.limit; number++) {
    const at = from;
    from = readLine(text, from, number, l);
    if (l.start === l.end || text.charCodeAt(l.start) === 0x23) continue;
    if (phase === 'before') {
      if (l.indent === 0 && l.end - l.start === 6 && text.startsWith('items:', l.start)) {
        phase = 'items';
        seq = -1;
      }
      continue;
    }
    if (phase === 'after') continue;
    const isItem = isItemLine(text, l);
    if (seq < 0) {
      if (!isItem) return null;
      seq = l.indent;
    }
    if (l.indent === seq && isItem) {
      close(at, number);
      // Its keys sit at the column of the first one (a compact mapping), as the reader takes them;
      // an item whose value starts on the next line (`-` alone) is read, not answered.
      let k = l.start + 1;
      while (k < l.end && text.charCodeAt(k) === 0x20) k++;
      const column = k - l.start + l.indent;
      const reading = k < l.end ? new LineHead(text, resolve, column) : null;
      reading?.take(l, k, column);
      open = { item: { from: at, to: -1, number, after: -1, head: null, inPlace: reading === null }, reading };
    } else if (l.indent <= seq) {
      close(at, number);
      phase = 'after';
    } else open?.reading?.take(l, l.start, l.indent);
  }
  close(end, number);
  const lines: Line[] = [];
  let at = chunk.from;
  let line = chunk.number;
  let shared = false;
  for (const item of items) {
    if (item.inPlace) continue;
    const said = item.head && answer ? answer(item.head) : true;
    let value: unknown;
    if (said === false) value = LEFT_OUT;
    else if (said === 'later') value = later(item, item.head as DocumentHead);
    else {
      // Read alone, its lines made and dropped with it; one this reader refuses is read by the
      // YAML reader alone, and one that reader finds a problem in (an alias to an anchor outside
      // it, say) sends the List to be read whole, as it was.
      try {
        const read = new Reader(text, linesInto([], text, item.from, item.to, item.number), resolve, maxEntries).alone();
        value = read.value;
        shared ||= read.shared;
      } catch (e) {
        if (!(e instanceof Refused)) throw e;
        const read = itemAlone(alone, text.slice(item.from, item.to));
        if (read === null) return null;
        value = read.value;
        shared = true;
      }
    }
    linesInto(lines, text, at, item.from, line);
    const dash = item.from + seq;
    lines.push({ start: dash, end: dash + 1, rawEnd: dash + 1, indent: seq, number: item.number, item: value });
    at = item.to;
    line = item.after;
  }
  if (at === chunk.from) return null;
  return { lines: linesInto(lines, text, at, chunk.limit, line), shared };
}

/** How a List's items left for later (listApart) are read: alone, by this reader; null when they need the YAML reader. */
function itemReader(text: string, resolve: ScalarResolver, maxEntries: number, alone: AloneReader | null): (later: Later) => LaterValue | null {
  return (later) => {
    try {
      const read = new Reader(text, linesInto([], text, later.from, later.to, 1), resolve, maxEntries).item();
      return { value: read.value, unshared: !read.shared };
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      const read = itemAlone(alone, text.slice(later.from, later.to));
      return read && isMappingValue(read.value) ? { value: read.value, unshared: false } : null;
    }
  };
}

/** Where the next line starting `---` at or after `from` (a line's start) starts; the text's length when none does. */
function nextSeparator(text: string, from: number): number {
  if (text.startsWith('---', from)) return from;
  const at = text.indexOf('\n---', from);
  return at < 0 ? text.length : at + 1;
}

/** Whether the lines from `from` to `to` are blank or comments only. */
function onlyNotes(text: string, from: number, to: number): boolean {
  return /^(?:[ \t]*(?:#[^\n]*)?(?:\n|$))*$/.test(text.slice(Math.min(from, to), to));
}

/**
 * The documents of a text in plain block YAML, or null when the YAML reader must read it.
 * Texts whose every document is a mapping; empty documents after a separator are counted.
 * With `keep.head`, a document whose head it refuses is left out (LEFT_OUT) unread, and so not
 * checked for what would send the text to the YAML reader.
 */
export function parseBlockDocuments(text: string, resolve: ScalarResolver, maxEntries: number, keep?: Keep, splitAt = SPLIT_AT, alone: AloneReader | null = null): BlockDocument[] | null {
  if (awkward(text)) return null;
  const tabs = tabsOf(text);
  if (tabs.length > 0 && alone === null) return null;
  let tab = 0;
  // Cut at `---` lines, and at `...` lines (a document's end, as PyYAML's explicit_end writes
  // it: what follows one up to the next `---` may only be blank or comments); directives (`%`)
  // are left to the reader. A document's lines are made only when it is read (a scoped read
  // leaves most of them out).
  const chunks: Chunk[] = [];
  let chunkFrom = 0;
  let chunkNumber = 1;
  let explicit = false;
  // After a `...`: no document until the next `---`.
  let ended = false;
  // The lines that start with one of them, found by the regular expression engine (a text has
  // a million lines), their numbers counted from one to the next.
  const marks = /^(?:---|\.\.\.|%)/gm;
  const lineOf = lineCounter(text);
  for (let m = marks.exec(text); m !== null; m = marks.exec(text)) {
    const start = m.index;
    const c = text.charCodeAt(start);
    if (c === 0x25) return null;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let e = end;
    while (e > start && text.charCodeAt(e - 1) === 0x20) e--;
    // `---` (or `...`) alone on its line, or with a comment after it (`--- # Source: ...`).
    if (e !== start + 3 && !/^ +#/.test(text.slice(start + 3, e))) return null;
    if (c === 0x2e) {
      // A second `...` counts an empty document of its own, and a document after one needs no `---`: the reader's.
      if (ended || !onlyNotes(text, end + 1, nextSeparator(text, end + 1))) return null;
      chunks.push({ from: chunkFrom, limit: start, number: chunkNumber, explicit });
      ended = true;
      continue;
    }
    if (!ended) chunks.push({ from: chunkFrom, limit: start, number: chunkNumber, explicit });
    ended = false;
    chunkFrom = end + 1;
    chunkNumber = lineOf(start) + 1;
    explicit = true;
  }
  if (!ended) chunks.push({ from: chunkFrom, limit: text.length + 1, number: chunkNumber, explicit });
  const out: BlockDocument[] = [];
  let document = 0;
  const reader = laterReader(text, chunks, resolve, maxEntries, alone);
  const whole = { text };
  const later = (chunk: Chunk, head: DocumentHead) => {
    const own = text.slice(chunk.from, Math.min(chunk.limit, text.length));
    return new Later(head, own, whole, chunk.from, chunk.from + own.length, own.includes('\\'), false, reader);
  };
  const items = itemReader(text, resolve, maxEntries, alone);
  const laterItem = (item: ListItem, head: DocumentHead) => {
    const own = text.slice(item.from, item.to);
    return new Later(head, own, whole, item.from, item.to, own.includes('\\'), false, items);
  };
  for (const chunk of chunks) {
    const large = chunk.limit - chunk.from > splitAt;
    let doc: ReturnType<Reader['document']>;
    let apart: ReturnType<typeof listApart>;
    while (tab < tabs.length && (tabs[tab] as number) < chunk.from) tab++;
    const tabbed = tab < tabs.length && (tabs[tab] as number) < chunk.limit;
    try {
      // A tab in the document: the YAML reader's (below).
      if (tabbed) refuse();
      const placed = keep?.head || large ? blockHead(text, chunk, resolve) : null;
      const answer = placed && keep?.head ? keep.head(placed.head) : true;
      if (placed && answer !== true) {
        out.push({ document: ++document, line: placed.line, value: answer === 'later' ? later(chunk, placed.head) : LEFT_OUT as Record<string, unknown>, itemLines: null, shared: false });
        continue;
      }
      // A large List: read item by item (each one's lines made and dropped with it), its items
      // answered from their heads where a scoped read can.
      apart = large && placed?.head.kind.endsWith('List') ? listApart(text, chunk, resolve, maxEntries, keep, laterItem, alone) : null;
      doc = new Reader(text, apart?.lines ?? linesOf(text, chunk), resolve, maxEntries).document();
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      // A document this reader refuses: the YAML reader's, alone (a mapping, as here), else the whole text.
      const read = alone?.(text.slice(chunk.from, Math.min(chunk.limit, text.length)));
      if (!read || !isMappingValue(read.value)) return null;
      const shift = chunk.number - 1;
      out.push({ document: ++document, line: read.line + shift, value: read.value, itemLines: read.itemLines?.map((l) => l + shift) ?? null, shared: true });
      continue;
    }
    if (doc === null) {
      // Nothing before the first separator is no document; after a separator it is an empty one.
      if (chunk.explicit) document++;
      continue;
    }
    out.push({ document: ++document, ...doc, shared: doc.shared || apart?.shared === true });
  }
  return out;
}
