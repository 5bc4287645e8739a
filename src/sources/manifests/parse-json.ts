// A fast path for JSON manifests (`kubectl get -o json`, generated files): JSON is YAML,
// and when every document of a text is a JSON object, JSON.parse gives the value the YAML
// reader would, at a fraction of the cost. Anything it cannot vouch for (a comment, a
// directive, a document that is not one JSON object, a duplicate key, which YAML rejects,
// a `<<` merge key, which YAML 1.1 expands) sends the whole text back to the YAML reader,
// so answers and problem reports are unchanged.

import type { InputProblem } from './problem.ts';

export interface JsonDocument {
  /** 1-based document number, counted as the YAML reader counts them (empty ones too). */
  document: number;
  line: number;
  /** A Later when the keep's head answered `later`. */
  value: Record<string, unknown> | Later | null;
  itemLines: (number | null)[] | null;
}

interface Scan {
  /** Key-value pairs in the text (its colons outside strings). */
  pairs: number;
  /** Offsets of the elements of a top-level `items` array. */
  items: number[] | null;
  /** Where each element of `items` ends (the comma after it, or the closing bracket). */
  ends: number[] | null;
  /** The key-value pairs inside each element of `items` (of those that have ended). */
  itemPairs: number[] | null;
  /** With scan's `itemHeads`: the head of each element of `items` that has ended, when its text alone says it. */
  itemHeads: (DocumentHead | null)[] | null;
  /** The offsets of the `[` and `]` of that array. */
  open: number;
  close: number;
  /** The document's top-level apiVersion and kind and its metadata.namespace, when it can be read from the text alone (scan's wantHead). */
  head: DocumentHead | null;
}

/**
 * The fields that place a document: apiVersion, kind, and metadata.namespace (null when it is
 * absent, null or empty, or metadata is not a mapping: the default namespace); and its
 * metadata.name when the text spells it plainly (null otherwise: absent, or not known).
 */
export interface DocumentHead {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string | null;
}

/**
 * `keep`, and optionally the same answer from a document's head alone: a document whose head it
 * refuses is left out without being parsed (nor checked for what sends a text to the YAML reader);
 * one it answers `later` for is left unparsed as a Later, read only if its reader asks.
 */
export interface Keep {
  (item: unknown): boolean;
  head?: (head: DocumentHead) => boolean | 'later';
}

/** What a Later gives when read: the value, and whether no part of it is shared with another document. */
export interface LaterValue {
  value: Record<string, unknown>;
  unshared: boolean;
}

/** A text documents were left for later from: one object per text, so what is found in it can be kept by it. */
export interface WholeText {
  readonly text: string;
}

/** A Later read: its value, or the problems that kept it from having one. */
export type LaterRead = LaterValue | { problems: InputProblem[] };

/**
 * A document left unparsed until someone wants it (Keep.head answered `later`): its head, its
 * text for a quick look, and a read that gives the value the reader would have given; when
 * this reader cannot vouch for it after all, `fallback` (set by whoever can run the YAML
 * reader) answers instead.
 */
export class Later {
  readonly head: DocumentHead;
  readonly text: string;
  /** The whole text it is part of (one object per text, shared), and where in it it is. */
  readonly whole: WholeText;
  readonly from: number;
  readonly to: number;
  /** Whether the text has a backslash (an escape may spell a value other than as itself). */
  readonly escapes: boolean;
  /** Whether it is JSON (its keys and string values are in the text between double quotes). */
  readonly json: boolean;
  fallback: (() => LaterRead) | null = null;
  /** The reader that left it, shared by the documents of one text (one object each, not a closure each: there are thousands). */
  private readonly reader: (later: Later) => LaterValue | null;
  private done: LaterRead | null = null;

  constructor(head: DocumentHead, text: string, whole: WholeText, from: number, to: number, escapes: boolean, json: boolean, reader: (later: Later) => LaterValue | null) {
    this.head = head;
    this.text = text;
    this.whole = whole;
    this.from = from;
    this.to = to;
    this.escapes = escapes;
    this.json = json;
    this.reader = reader;
  }

  /** Read once: the value (or the problems) then kept. */
  read(): LaterRead {
    this.done ??= this.reader(this) ?? this.fallback?.() ?? { problems: [] };
    return this.done;
  }
}

/**
 * Characters that may stand outside strings in JSON: blanks, brackets, commas, colons, and those
 * of numbers, true, false and null. Anything else (a comment, a single quote, an anchor, a tag, a
 * plain scalar) is YAML that a text-level reading cannot vouch for.
 */
const JSON_OUTSIDE = new Uint8Array(128);
for (const c of ' \t\r\n{}[],:0123456789+-.eEtrufalsn') JSON_OUTSIDE[c.charCodeAt(0)] = 1;

/** A head's field value: letters, digits and . _ - / only (what a namespace, kind or apiVersion is). */
const PLAIN_VALUE = /^[A-Za-z0-9._/-]*$/;

/** An item of a list that a scoped read left unparsed (see parseJsonDocuments' `keep`). */
export const LEFT_OUT: Readonly<Record<string, never>> = Object.freeze({});

/**
 * Offsets to 1-based lines, counting the line breaks between one offset asked and the next (a
 * reader asks in order: documents, then each one's items), from the start again when asked for
 * an earlier one. An indented List of 20,000 pods has millions of lines: a table of where each
 * starts costs more than the count. The next line break is kept once found: a List written on
 * one line (`jq -c`) has its items on one line, and looking again for each would read the rest
 * of the text once an item.
 */
export function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 1;
  // The first line break at or after `at` (-1: none), once looked for.
  let next: number | null = null;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = 1;
      next = null;
    }
    next ??= text.indexOf('\n', at);
    while (next >= 0 && next < offset) {
      line++;
      next = text.indexOf('\n', next + 1);
    }
    at = offset;
    return line;
  };
}

/** Texts shorter than this are parsed whole even when items may be left out. */
export const SPLIT_AT = 1 << 20;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The fields a head is made of, gathered as a scan passes an object's keys: apiVersion and kind
 * at its own level, namespace and name in its metadata mapping.
 */
class HeadFields {
  apiVersion: string | null = null;
  kind: string | null = null;
  /** false: written, but as something other than a string or null. */
  namespace: string | null | false = null;
  name: string | null = null;
  /** Whether a metadata key was passed, and whether the scan is inside its mapping. */
  metadata = false;
  inMetadata = false;
  /** Where the object starts, and the scan's count of oddities (see scan) there. */
  readonly from: number;
  readonly oddities: number;

  constructor(from: number, oddities: number) {
    this.from = from;
    this.oddities = oddities;
  }

  /** A key of the object's own level (`top`) or of its metadata, its value starting at `v`. */
  take(text: string, key: string, v: number, top: boolean): void {
    const value = text.charCodeAt(v) === 0x22 ? text.slice(v + 1, text.indexOf('"', v + 1)) : null;
    if (top) {
      if (key === 'apiVersion') this.apiVersion = value;
      else if (key === 'kind') this.kind = value;
      else if (key === 'metadata') {
        this.metadata = true;
        this.inMetadata = text.charCodeAt(v) === 0x7b;
        this.namespace = null;
        this.name = null;
      }
    } else if (key === 'namespace') this.namespace = value !== null ? value : text.startsWith('null', v) ? null : false;
    else if (key === 'name') this.name = value !== null && value !== '' && PLAIN_VALUE.test(value) ? value : null;
  }

  /**
   * The head, when the text alone says it: nothing but JSON outside strings and every colon a
   * key's (no oddity since the object began), no escape in it, and plain values.
   */
  head(oddities: number, escapes: boolean): DocumentHead | null {
    const { apiVersion, kind, namespace, name } = this;
    if (oddities !== this.oddities || escapes || apiVersion === null || kind === null || namespace === false) return null;
    if (![apiVersion, kind, namespace ?? ''].every((v) => PLAIN_VALUE.test(v))) return null;
    return { apiVersion, kind, namespace: namespace === '' ? null : namespace, name };
  }
}

/** When the string whose closing quote is at `j` is a key (a colon follows it): where its value starts; else -1. */
function valueAfter(text: string, j: number, to: number): number {
  let k = j + 1;
  while (k < to && isSpace(text.charCodeAt(k))) k++;
  if (text.charCodeAt(k) !== 0x3a) return -1;
  k++;
  while (k < to && isSpace(text.charCodeAt(k))) k++;
  return k;
}

/**
 * The structure of one JSON text that JSON.parse accepted, for what YAML reads differently:
 * duplicate keys and `<<`. JSON.parse keeps the last of duplicate keys, so the parsed value
 * has fewer keys than the text has pairs exactly when a key repeats: the text's pairs are
 * its colons outside strings, counted in one pass; `<<` and `__proto__` keys are looked for
 * in the value, where escapes are already decoded (keysIn). With `wantHead`, the head of the
 * document; with `itemHeads`, that of each object element of a top-level `items` array.
 */
function scan(text: string, from: number, to: number, maxDepth: number, wantHead = false, itemHeads = false): Scan | null {
  let pairs = 0;
  let depth = 0;
  // Oddities for a head: a character outside strings that is not JSON's, or a colon after
  // anything but a string (a key that is not a string). A head is read from a text without any.
  let oddities = 0;
  let afterString = false;
  const doc = wantHead ? new HeadFields(from, 0) : null;
  let item: HeadFields | null = null;
  const heads: (DocumentHead | null)[] | null = itemHeads ? [] : null;
  // The next backslash at or after the element being read (-1: none), for the elements' heads.
  let backslash = itemHeads ? text.indexOf('\\', from) : -1;
  let topKey: string | null = null;
  let items: number[] | null = null;
  let ends: number[] | null = null;
  let itemPairs: number[] | null = null;
  // The pairs counted when the element being read began.
  let pairsBefore = 0;
  let open = -1;
  let close = -1;
  let inItems = false;
  let expectItem = false;
  // An element has ended (at a comma or the closing bracket): its pairs, and its head.
  const ended = (at: number) => {
    (ends as number[]).push(at);
    itemPairs?.push(pairs - pairsBefore);
    if (heads) {
      if (item !== null && backslash >= 0 && backslash < item.from) backslash = text.indexOf('\\', item.from);
      heads.push(item?.head(oddities, backslash >= 0 && backslash < at) ?? null);
      item = null;
    }
  };
  const began = (at: number) => {
    items?.push(at);
    pairsBefore = pairs;
    expectItem = false;
  };
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    // Blanks first: most of what an indented text has outside its strings, and nothing to count.
    if (c === 0x20 || c === 0x0a) {
      i++;
      continue;
    }
    if (c === 0x22) {
      // The closing quote: the next one not escaped (preceded by an even number of backslashes).
      let j = text.indexOf('"', i + 1);
      for (;;) {
        if (j < 0 || j >= to) return null;
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (expectItem) began(i);
      if (depth === 1) topKey = text.slice(i, j + 1);
      // A key a head may need: at the object's own level, or in its metadata.
      const fields = depth <= 2 ? doc : item;
      const level = depth <= 2 ? depth : depth - 2;
      if (fields !== null && (level === 1 || (level === 2 && fields.inMetadata))) {
        const v = valueAfter(text, j, to);
        if (v >= 0) fields.take(text, text.slice(i + 1, j), v, level === 1);
      }
      afterString = true;
      i = j + 1;
      continue;
    }
    if (c >= 128 || JSON_OUTSIDE[c] === 0) oddities++;
    if (c === 0x3a) {
      pairs++;
      if (!afterString) oddities++;
    } else if (c === 0x7b || c === 0x5b) {
      if (expectItem) {
        began(i);
        if (heads && c === 0x7b) item = new HeadFields(i, oddities);
      }
      if (++depth > maxDepth) return null;
      if (c === 0x5b && depth === 2 && topKey !== null && JSON.parse(topKey) === 'items') {
        inItems = true;
        items = [];
        ends = [];
        itemPairs = [];
        open = i;
        expectItem = true;
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 1 && doc) doc.inMetadata = false;
      if (depth === 3 && item) item.inMetadata = false;
      if (depth === 1 && inItems) {
        inItems = false;
        close = i;
        if (items && ends && ends.length < items.length) ended(i);
      }
      expectItem = false;
    } else if (c === 0x2c) {
      if (inItems && depth === 2) {
        expectItem = true;
        ended(i);
      }
    } else if (expectItem && !isSpace(c)) {
      // A scalar element of items (a number, true, false, null).
      began(i);
    }
    if (!isSpace(c)) afterString = false;
    i++;
  }
  // The head is read from the text only when every key is a string and nothing but JSON stands
  // outside strings (then no comment, anchor or plain scalar can hide or add a field), and its
  // values are plain (no escape, no line break: the text is the value).
  const head = doc ? doc.head(oddities, false) : null;
  return { pairs, items, ends, itemPairs, itemHeads: heads, open, close, head };
}

/**
 * Outside its strings, a text of JSON tokens only: strings without escapes (a key's followed by
 * its colon, the only place a colon may stand), brackets, commas, blanks, the characters of
 * numbers, true, false and null. One character per step (a run of brackets has one reading,
 * so a text that fails fails in linear time).
 */
const JSON_TOKENS = /^(?:"[^"\\]*"(?:[ \t\r\n]*:)?|[ \t\r\n{}[\],]|[-+0-9.eE]|true|false|null)*$/;

/**
 * A document's head at a fraction of scan's cost, or null when scan must read it: the whole text
 * is checked by JSON_TOKENS (what scan's head asks for: only JSON outside strings, every colon a
 * key's, no escape), and the fields are read walking the text only until apiVersion, kind and
 * metadata are behind it. (Scan takes the last of a key written twice, this walk the first: such
 * a document is one the YAML reader refuses, and neither reads it.) How deep it nests is asked
 * only if it is read (later).
 */
function quickHead(text: string, from: number, to: number, body: string): DocumentHead | null {
  if (to - from > SPLIT_AT || !JSON_TOKENS.test(body)) return null;
  const fields = new HeadFields(from, 0);
  const read = () => fields.metadata && !fields.inMetadata && fields.apiVersion !== null && fields.kind !== null;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const j = text.indexOf('"', i + 1);
      if (depth === 1 || (depth === 2 && fields.inMetadata)) {
        const v = valueAfter(text, j, to);
        if (v >= 0) fields.take(text, text.slice(i + 1, j), v, depth === 1);
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 1) fields.inMetadata = false;
      if (depth <= 1 && read()) break;
    } else if (depth === 1 && c === 0x2c && read()) break;
  }
  return fields.head(0, false);
}

/**
 * How a text's documents left for later are read: as the whole read would have. A Later has no
 * backslash (a head is read only from such a text), so parsePlain stands in for scan.
 */
function laterReader(maxDepth: number): (later: Later) => LaterValue | null {
  return (later) => {
    try {
      const v = parsePlain(later.text, maxDepth);
      return v ? { value: v, unshared: true } : null;
    } catch {
      return null;
    }
  };
}

/**
 * What scan counts of a text, read from its parsed value instead: the keys of every object (-1
 * when one of them is `<<` or `__proto__`), the colons inside its strings (keys and values), and
 * how deep its brackets nest (the top object is 1; an empty array counts like a full one).
 * The colons only when `strings`.
 */
function tallyParsed(value: unknown, strings: boolean): { keys: number; colons: number; depth: number } {
  let keys = 0;
  let colons = 0;
  let depth = 0;
  const colonsIn = (s: string) => {
    if (strings) for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) colons++;
  };
  // Each container beside its depth.
  const stack: unknown[] = [value, 1];
  while (stack.length > 0) {
    const at = stack.pop() as number;
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (at > depth) depth = at;
    if (Array.isArray(v)) {
      for (const x of v) {
        if (typeof x === 'string') colonsIn(x);
        else if (x !== null && typeof x === 'object') stack.push(x, at + 1);
      }
      continue;
    }
    if (Object.hasOwn(v, '<<') || Object.hasOwn(v, '__proto__')) return { keys: -1, colons, depth };
    const o = v as Record<string, unknown>;
    for (const k in o) {
      keys++;
      colonsIn(k);
      const x = o[k];
      if (typeof x === 'string') colonsIn(x);
      else if (x !== null && typeof x === 'object') stack.push(x, at + 1);
    }
  }
  return { keys, colons, depth };
}

/**
 * A JSON object's text without a backslash, parsed, or null where scan would send it to the YAML
 * reader (a key written twice, `<<`, `__proto__`, deeper than maxDepth); throws as JSON.parse
 * does. Without an escape a string's text is its value, so the colons outside strings (scan's
 * pairs) are the text's colons less those of the value's strings, and a key written twice drops
 * one pair and its value's strings from the value: fewer keys than that count, never as many.
 * One native search and a walk of the value, where scan is a loop over every character.
 */
function parsePlain(body: string, maxDepth: number): Record<string, unknown> | null {
  const value = JSON.parse(body) as Record<string, unknown>;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const t = tallyParsed(value, true);
  if (t.keys < 0 || t.depth > maxDepth) return null;
  let colons = 0;
  for (let i = body.indexOf(':'); i >= 0; i = body.indexOf(':', i + 1)) colons++;
  return colons - t.colons === t.keys ? value : null;
}

/** The keys of every object in a parsed JSON value; -1 when one of them is `<<` or `__proto__`. */
function keysIn(value: unknown): number {
  return tallyParsed(value, false).keys;
}

/**
 * A List's items parsed one by one; those `keep` refuses are replaced by LEFT_OUT (counted,
 * never read), so a scoped read does not hold objects it will not look at. With `keep.head`,
 * an item whose head the text alone says (the scan's itemHeads) is answered from it as a
 * document of its own would be: left out or left for later unparsed, and so not checked for what sends a text
 * to the YAML reader (as a refused document is not); the other items' keys are counted against
 * the pairs the scan found in them. Null when a `<<` or `__proto__` key needs the YAML reader.
 */
function itemsApart(text: string, from: number, to: number, s: Scan, keep: Keep, later: (from: number, to: number, body: string, head: DocumentHead) => Later): { value: Record<string, unknown>; keys: number; pairs: number } | null {
  const items = s.items as number[];
  const ends = s.ends as number[];
  const itemPairs = s.itemPairs as number[];
  const value = JSON.parse(text.slice(from, s.open + 1) + text.slice(s.close, to)) as Record<string, unknown>;
  let keys = keysIn(value);
  if (keys < 0) return null;
  let pairs = s.pairs;
  const kept: unknown[] = [];
  for (let k = 0; k < items.length; k++) {
    const at = items[k] as number;
    const end = ends[k] as number;
    const body = text.slice(at, end);
    const head = s.itemHeads?.[k] ?? null;
    if (keep.head && head) {
      const answer = keep.head(head);
      if (answer !== true) {
        pairs -= itemPairs[k] as number;
        kept.push(answer === 'later' ? later(at, end, body, head) : LEFT_OUT);
        continue;
      }
    }
    const item: unknown = JSON.parse(body);
    const n = keysIn(item);
    if (n < 0) return null;
    keys += n;
    kept.push(keep(item) ? item : LEFT_OUT);
  }
  value.items = kept;
  return { value, keys, pairs };
}

/**
 * The documents of a text made of JSON objects separated by `---` lines, or null when the YAML
 * reader must read it. With `keep`, the documents it refuses are left out (LEFT_OUT), and so
 * are the items it refuses of a List longer than `splitAt` characters (a shorter List is
 * parsed whole and kept whole: `keep` sees the List). A document whose brackets nest deeper
 * than `maxDepth` sends the text to the YAML reader's careful path as well.
 */
export function parseJsonDocuments(text: string, keep?: Keep, splitAt = SPLIT_AT, maxDepth = Infinity): JsonDocument[] | null {
  const first = text.search(/\S/);
  if (first < 0) return null;
  const c = text[first];
  if (c !== '{' && c !== '-') return null;
  const lineOf = lineCounter(text);
  // Split at separator lines: `---` alone on its line (trailing blanks allowed), or with a comment after it.
  const chunks: { from: number; to: number; explicit: boolean }[] = [];
  let from = 0;
  let explicit = false;
  for (let start = text.indexOf('---'); start >= 0; start = text.indexOf('---', start + 3)) {
    if (start > 0 && text.charCodeAt(start - 1) !== 0x0a) continue;
    const newline = text.indexOf('\n', start + 3);
    const end = newline < 0 ? text.length : newline + 1;
    const after = text.slice(start + 3, end);
    if (after.trim() !== '' && !/^[ \t]+#/.test(after)) return null;
    chunks.push({ from, to: start, explicit });
    from = end;
    explicit = true;
  }
  chunks.push({ from, to: text.length, explicit });
  const out: JsonDocument[] = [];
  let document = 0;
  const reader = laterReader(maxDepth);
  const whole: WholeText = { text };
  // (A head is read only from a document without a backslash: a Later has none.)
  const later = (from: number, to: number, body: string, head: DocumentHead) => new Later(head, body, whole, from, to, false, true, reader);
  // The next backslash at or after the current document (-1: none left): heads are read, and parsePlain reads, only where there is none.
  let backslash = -2;
  for (const chunk of chunks) {
    const body = text.slice(chunk.from, chunk.to);
    // Where the object starts and ends: found by JSON's blanks when it is one (the common case), else by any blank.
    let at = 0;
    while (at < body.length && isSpace(body.charCodeAt(at))) at++;
    let end = body.length;
    while (end > at && isSpace(body.charCodeAt(end - 1))) end--;
    if (body.charCodeAt(at) !== 0x7b || body.charCodeAt(end - 1) !== 0x7d) {
      at = body.search(/\S/);
      if (at < 0) {
        // Blank before the first separator is no document; after a separator it is an empty one.
        if (chunk.explicit) out.push({ document: ++document, line: lineOf(chunk.to), value: null, itemLines: null });
        continue;
      }
      if (body[at] !== '{' || body.trimEnd().at(-1) !== '}') return null;
    }
    let value: unknown;
    let checked: Scan | null;
    try {
      if (keep && body.length > splitAt) {
        // Large enough to be worth it: the structure first, then the items one by one.
        checked = scan(text, chunk.from + at, chunk.to, maxDepth, false, keep.head !== undefined);
        if (!checked) return null;
        if (checked.items && checked.ends && checked.items.length > 0 && checked.items.length === checked.ends.length && checked.ends.at(-1) === checked.close) {
          const apart = itemsApart(text, chunk.from + at, chunk.to, checked, keep, later);
          if (!apart || apart.keys !== apart.pairs) return null;
          value = apart.value;
        } else {
          value = JSON.parse(body);
          if (checked.pairs !== keysIn(value)) return null;
        }
      } else {
        // A document of its own (one object per document): left out whole when refused, unparsed
        // when its head (read from a text without escapes) is enough to refuse it or leave it for later.
        if (backslash !== -1 && backslash < chunk.from) backslash = text.indexOf('\\', chunk.from);
        const noEscape = backslash === -1 || backslash >= chunk.to;
        const readHead = keep?.head !== undefined && noEscape;
        const quick = readHead ? quickHead(text, chunk.from + at, chunk.to, body) : null;
        const answer = quick && keep?.head ? keep.head(quick) : true;
        if (quick && answer !== true) {
          out.push({ document: ++document, line: lineOf(chunk.from + at), value: answer === 'later' ? later(chunk.from + at, chunk.to, body, quick) : LEFT_OUT, itemLines: null });
          continue;
        }
        // Without a backslash, and no head left to read from the text: parsePlain instead of scan,
        // but for a List (its items' lines come from scan).
        const plainly = noEscape && (quick !== null || !readHead);
        const plain = plainly ? parsePlain(body, maxDepth) : null;
        if (plainly && !plain) return null;
        if (plain && !Array.isArray(plain.items)) {
          out.push({ document: ++document, line: lineOf(chunk.from + at), value: keep && !keep(plain) ? LEFT_OUT : plain, itemLines: null });
          continue;
        }
        checked = scan(text, chunk.from + at, chunk.to, maxDepth, readHead && !quick);
        if (!checked) return null;
        const placed = keep?.head && checked.head ? keep.head(checked.head) : true;
        if (placed === false) value = LEFT_OUT;
        else if (placed === 'later') value = later(chunk.from + at, chunk.to, body, checked.head as DocumentHead);
        else {
          // A List parsePlain read already: scan was for its items' lines.
          value = plain ?? JSON.parse(body);
          if (!plain && checked.pairs !== keysIn(value)) return null;
          if (keep && !keep(value)) value = LEFT_OUT;
        }
      }
    } catch {
      return null;
    }
    out.push({
      document: ++document,
      line: lineOf(chunk.from + at),
      value: value as Record<string, unknown> | Later,
      itemLines: checked.items ? checked.items.map(lineOf) : null,
    });
  }
  return out;
}
