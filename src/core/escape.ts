// Every string that came from a cluster, a manifest, a file name or a server reaches a terminal
// through escapeTerminal: names, labels and messages are anyone's to write, and a raw ESC, C1
// CSI, OSC 52, BEL, newline or bidi override in one of them would move the cursor, write the
// clipboard, forge a line or reverse the text around it. What it replaces is shown visibly in
// the notation people type: \n, \r, \t, \x1b (code points up to U+00FF), \u202e (up to U+FFFF),
// \u{e0041} (beyond). Printable text, including every other non-ASCII letter, passes unchanged.
//
// Unsafe: Unicode's controls (C0, DEL, C1: Cc), format characters (bidi embeddings, overrides
// and isolates, zero-width space/joiners, BOM, tags: Cf), line and paragraph separators (Zl,
// Zp), default-ignorable code points (invisible fillers, variation selectors), lone surrogates
// and noncharacters.

const UNSAFE_SOURCE = '[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}\\p{Default_Ignorable_Code_Point}\\p{Noncharacter_Code_Point}]';
const UNSAFE = new RegExp(UNSAFE_SOURCE, 'u');
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'gu');

/** Printable ASCII (space to ~): nothing in it is unsafe, and V8 compiles this class in microseconds, the Unicode one above in milliseconds. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Printable ASCII and newlines: what JSON.stringify writes for text that needs no escape here. */
const JSON_PLAIN = /^[\x20-\x7e\n]*$/;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/** How one unsafe code point is shown. */
export function visible(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const cp = ch.codePointAt(0) ?? 0;
  if (cp <= 0xff) return `\\x${hex(cp, 2)}`;
  if (cp <= 0xffff) return `\\u${hex(cp, 4)}`;
  return `\\u{${cp.toString(16)}}`;
}

/** True when `s` holds something a terminal would act on or hide. */
export function isUnsafe(s: string): boolean {
  return !PRINTABLE_ASCII.test(s) && UNSAFE.test(s);
}

/** The string, safe to write to a terminal: every unsafe code point shown visibly, on one row. */
export function escapeTerminal(s: string): string {
  return isUnsafe(s) ? s.replace(UNSAFE_ALL, visible) : s;
}

/**
 * A JSON-like value (a report, a timeline change) with every string in it, keys included,
 * passed through escapeTerminal. Parts with nothing to escape are returned as they are (the
 * same objects), so a clean report costs one scan and no copy.
 */
export function escapeDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(v: unknown): unknown {
  if (typeof v === 'string') return escapeTerminal(v);
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return v;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const e = deep(v[i]);
      if (e !== v[i]) {
        out ??= v.slice();
        out[i] = e;
      }
    }
    return out ?? v;
  }
  let out: Record<string, unknown> | null = null;
  const src = v as Record<string, unknown>;
  for (const k of Object.keys(src)) {
    const ek = escapeTerminal(k);
    const e = deep(src[k]);
    if (ek !== k || e !== src[k]) {
      out ??= { ...src };
      if (ek !== k) delete out[k];
      out[ek] = e;
    }
  }
  return out ?? v;
}

/**
 * Serialised JSON with every unsafe code point that JSON.stringify leaves raw (DEL, C1, bidi,
 * zero-width, separators) written as a \uXXXX escape: the same JSON value, faithful to the
 * input, and harmless when it lands on a terminal.
 */
export function escapeJSONText(json: string): string {
  // Most JSON is printable ASCII and its own line breaks, which stay as they are: the Unicode
  // class would find every newline and call back once per line of a report of any size.
  if (JSON_PLAIN.test(json)) return json;
  return UNSAFE.test(json) ? json.replace(UNSAFE_ALL, jsonEscape) : json;
}

function jsonEscape(ch: string): string {
  // The only raw control JSON.stringify writes is the newline of its own indentation.
  if (ch === '\n') return ch;
  let out = '';
  for (let i = 0; i < ch.length; i++) out += `\\u${hex(ch.charCodeAt(i), 4)}`;
  return out;
}

/** YAML's double-quoted escapes for the unsafe code points left raw in a double-quoted scalar. */
export function yamlEscape(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp <= 0xff) return `\\x${hex(cp, 2)}`;
  if (cp <= 0xffff) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

/** Replaces every unsafe code point with `fn(ch)`. */
export function replaceUnsafe(s: string, fn: (ch: string) => string): string {
  return UNSAFE.test(s) ? s.replace(UNSAFE_ALL, fn) : s;
}

/**
 * A value for an error line: escaped, and at most `max` characters, the rest counted
 * (a megabyte of label value does not belong in a one-line error).
 */
export function clip(s: string, max = 200): string {
  // A long run without spaces (a value, a token) keeps its start and end; then the whole is capped.
  const e = escapeTerminal(s).replace(/\S{161,}/gu, (run) => {
    const cells = [...run];
    return cells.length <= 160 ? run : `${cells.slice(0, 120).join('')}…(${cells.length - 140} more characters)…${cells.slice(-20).join('')}`;
  });
  const cells = [...e];
  if (cells.length <= max) return e;
  return `${cells.slice(0, max).join('')}… (${cells.length - max} more characters)`;
}
