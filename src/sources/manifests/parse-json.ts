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

/** Texts shorter than this are parsed whole even when items may be left out. */
const SPLIT_AT = 1 << 20;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The structure of one JSON text that JSON.parse accepted, for what YAML reads differently:
 * duplicate keys and `<<`. JSON.parse keeps the last of duplicate keys, so the parsed value
 * has fewer keys than the text has pairs exactly when a key repeats: the text's pairs are
 * its colons outside strings, counted in one pass; `<<` and `__proto__` keys are looked for
 * in the value, where escapes are already decoded (keysIn).
 */
function scan(text: string, from: number, to: number, maxDepth: number, wantHead = false): Scan | null {
  let pairs = 0;
  let depth = 0;
  // For the head: keys seen (strings followed by a colon), whether only JSON stands outside strings,
  // the top-level fields, and where metadata's mapping is open.
  let keys = 0;
  let plain = wantHead;
  let apiVersion: string | null = null;
  let kind: string | null = null;
  let namespace: string | null | false = null;
  let name: string | null = null;
  let inMetadata = false;
  let topKey: string | null = null;
  let items: number[] | null = null;
  let ends: number[] | null = null;
  let open = -1;
  let close = -1;
  let inItems = false;
  let expectItem = false;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
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
      if (expectItem) {
        items?.push(i);
        expectItem = false;
      }
      if (depth === 1) topKey = text.slice(i, j + 1);
      if (wantHead) {
        let k = j + 1;
        while (k < to && isSpace(text.charCodeAt(k))) k++;
        if (text.charCodeAt(k) === 0x3a) {
          keys++;
          if (depth === 1 || (depth === 2 && inMetadata)) {
            // A key the head may need: its value's first character tells what it is.
            let v = k + 1;
            while (v < to && isSpace(text.charCodeAt(v))) v++;
            const value = text.charCodeAt(v) === 0x22 ? text.slice(v + 1, text.indexOf('"', v + 1)) : null;
            const key = text.slice(i + 1, j);
            if (depth === 1 && key === 'apiVersion') apiVersion = value;
            else if (depth === 1 && key === 'kind') kind = value;
            else if (depth === 1 && key === 'metadata') {
              inMetadata = text.charCodeAt(v) === 0x7b;
              namespace = null;
              name = null;
            } else if (depth === 2 && key === 'namespace') namespace = value !== null ? value : text.startsWith('null', v) ? null : false;
            else if (depth === 2 && key === 'name') name = value !== null && value !== '' && PLAIN_VALUE.test(value) ? value : null;
          }
        }
      }
      i = j + 1;
      continue;
    }
    if (plain && (c >= 128 || JSON_OUTSIDE[c] === 0)) plain = false;
    if (c === 0x3a) pairs++;
    else if (c === 0x7b || c === 0x5b) {
      if (expectItem) {
        items?.push(i);
        expectItem = false;
      }
      if (++depth > maxDepth) return null;
      if (c === 0x5b && depth === 2 && topKey !== null && JSON.parse(topKey) === 'items') {
        inItems = true;
        items = [];
        ends = [];
        open = i;
        expectItem = true;
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 1) inMetadata = false;
      if (depth === 1 && inItems) {
        inItems = false;
        close = i;
        if (items && ends && ends.length < items.length) ends.push(i);
      }
      expectItem = false;
    } else if (c === 0x2c) {
      if (inItems && depth === 2) {
        expectItem = true;
        ends?.push(i);
      }
    } else if (expectItem && !isSpace(c)) {
      // A scalar element of items (a number, true, false, null).
      items?.push(i);
      expectItem = false;
    }
    i++;
  }
  // The head is read from the text only when every key is a string and nothing but JSON stands
  // outside strings (then no comment, anchor or plain scalar can hide or add a field), and its
  // values are plain (no escape, no line break: the text is the value).
  let head: DocumentHead | null = null;
  if (plain && keys === pairs && apiVersion !== null && kind !== null && namespace !== false && [apiVersion, kind, namespace ?? ''].every((v) => PLAIN_VALUE.test(v))) {
    head = { apiVersion, kind, namespace: namespace === '' ? null : namespace, name };
  }
  return { pairs, items, ends, open, close, head };
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
  let depth = 0;
  let apiVersion: string | null = null;
  let kind: string | null = null;
  let namespace: string | null | false = null;
  let name: string | null = null;
  let metadata = false;
  let inMetadata = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const j = text.indexOf('"', i + 1);
      if (depth === 1 || (depth === 2 && inMetadata)) {
        let k = j + 1;
        while (isSpace(text.charCodeAt(k))) k++;
        if (text.charCodeAt(k) === 0x3a) {
          let v = k + 1;
          while (isSpace(text.charCodeAt(v))) v++;
          const value = text.charCodeAt(v) === 0x22 ? text.slice(v + 1, text.indexOf('"', v + 1)) : null;
          const key = text.slice(i + 1, j);
          if (depth === 1 && key === 'apiVersion') apiVersion = value;
          else if (depth === 1 && key === 'kind') kind = value;
          else if (depth === 1 && key === 'metadata') {
            metadata = true;
            inMetadata = text.charCodeAt(v) === 0x7b;
            namespace = null;
            name = null;
          } else if (depth === 2 && key === 'namespace') namespace = value !== null ? value : text.startsWith('null', v) ? null : false;
          else if (depth === 2 && key === 'name') name = value !== null && value !== '' && PLAIN_VALUE.test(value) ? value : null;
        }
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 1) inMetadata = false;
      if (depth <= 1 && metadata && !inMetadata && apiVersion !== null && kind !== null) break;
    } else if (depth === 1 && c === 0x2c && metadata && !inMetadata && apiVersion !== null && kind !== null) break;
  }
  if (apiVersion === null || kind === null || namespace === false || ![apiVersion, kind, namespace ?? ''].every((v) => PLAIN_VALUE.test(v))) return null;
  return { apiVersion, kind, namespace: namespace === '' ? null : namespace, name };
}

/** How a text's documents left for later are read: as the whole read would have (scan, parse, and the key count that finds a key written twice). */
function laterReader(text: string, maxDepth: number): (later: Later) => LaterValue | null {
  return (later) => {
    try {
      const checked = scan(text, later.from, later.to, maxDepth);
      if (!checked) return null;
      const v = JSON.parse(later.text) as Record<string, unknown>;
      return checked.pairs === keysIn(v) ? { value: v, unshared: true } : null;
    } catch {
      return null;
    }
  };
}

/** The keys of every object in a parsed JSON value; -1 when one of them is `<<` or `__proto__`. */
function keysIn(value: unknown): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
      continue;
    }
    if (Object.hasOwn(v, '<<') || Object.hasOwn(v, '__proto__')) return -1;
    const o = v as Record<string, unknown>;
    for (const k in o) {
      n++;
      const x = o[k];
      if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return n;
}

/**
 * A List's items parsed one by one; those `keep` refuses are replaced by LEFT_OUT (counted,
 * never read), so a scoped read does not hold objects it will not look at. The key count is
 * taken over every item all the same. Null when a `<<` or `__proto__` key needs the YAML reader.
 */
function itemsApart(text: string, from: number, to: number, s: Scan, keep: (item: unknown) => boolean): { value: Record<string, unknown>; keys: number } | null {
  const items = s.items as number[];
  const ends = s.ends as number[];
  const value = JSON.parse(text.slice(from, s.open + 1) + text.slice(s.close, to)) as Record<string, unknown>;
  let keys = keysIn(value);
  if (keys < 0) return null;
  const kept: unknown[] = [];
  for (let k = 0; k < items.length; k++) {
    const item: unknown = JSON.parse(text.slice(items[k], ends[k]));
    const n = keysIn(item);
    if (n < 0) return null;
    keys += n;
    kept.push(keep(item) ? item : LEFT_OUT);
  }
  value.items = kept;
  return { value, keys };
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
  // Line starts, to turn offsets into 1-based lines.
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  // Split at separator lines: `---` alone on its line (trailing blanks allowed).
  const chunks: { from: number; to: number; explicit: boolean }[] = [];
  let from = 0;
  let explicit = false;
  for (let li = 0; li < lineStarts.length; li++) {
    const start = lineStarts[li] as number;
    if (text.startsWith('---', start)) {
      const end = li + 1 < lineStarts.length ? (lineStarts[li + 1] as number) : text.length;
      if (text.slice(start + 3, end).trim() !== '') return null;
      chunks.push({ from, to: start, explicit });
      from = end;
      explicit = true;
    }
  }
  chunks.push({ from, to: text.length, explicit });
  const out: JsonDocument[] = [];
  let document = 0;
  const reader = laterReader(text, maxDepth);
  const whole: WholeText = { text };
  // (A head is read only from a document without a backslash: a Later has none.)
  const later = (from: number, to: number, body: string, head: DocumentHead) => new Later(head, body, whole, from, to, false, true, reader);
  // The next backslash at or after the current document (-1: none left), for reading heads.
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
        checked = scan(text, chunk.from + at, chunk.to, maxDepth);
        if (!checked) return null;
        if (checked.items && checked.ends && checked.items.length > 0 && checked.items.length === checked.ends.length && checked.ends.at(-1) === checked.close) {
          const apart = itemsApart(text, chunk.from + at, chunk.to, checked, keep);
          if (!apart || apart.keys !== checked.pairs) return null;
          value = apart.value;
        } else {
          value = JSON.parse(body);
          if (checked.pairs !== keysIn(value)) return null;
        }
      } else {
        // A document of its own (one object per document): left out whole when refused, unparsed
        // when its head (read from a text without escapes) is enough to refuse it or leave it for later.
        if (keep?.head && backslash !== -1 && backslash < chunk.from) backslash = text.indexOf('\\', chunk.from);
        const readHead = keep?.head !== undefined && (backslash === -1 || backslash >= chunk.to);
        const quick = readHead ? quickHead(text, chunk.from + at, chunk.to, body) : null;
        const answer = quick && keep?.head ? keep.head(quick) : true;
        if (quick && answer !== true) {
          out.push({ document: ++document, line: lineOf(chunk.from + at), value: answer === 'later' ? later(chunk.from + at, chunk.to, body, quick) : LEFT_OUT, itemLines: null });
          continue;
        }
        checked = scan(text, chunk.from + at, chunk.to, maxDepth, readHead && !quick);
        if (!checked) return null;
        const placed = keep?.head && checked.head ? keep.head(checked.head) : true;
        if (placed === false) value = LEFT_OUT;
        else if (placed === 'later') value = later(chunk.from + at, chunk.to, body, checked.head as DocumentHead);
        else {
          value = JSON.parse(body);
          if (checked.pairs !== keysIn(value)) return null;
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
