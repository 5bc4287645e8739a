// Machine-readable output: the report serialised as it is, never through Ink. Both stay
// faithful to the data and safe on a terminal: JSON writes the code points a terminal would act
// on (DEL, C1, bidi, zero-width) as \u escapes; YAML double-quotes every string holding one and
// writes it as a YAML escape, since a YAML stream may not carry them raw.
//
// JSON is also produced in pieces (jsonChunks) so a report with tens of thousands of findings
// is written as it is serialised instead of being held as one string; the bytes are those
// of toJSON.

import { Document, isScalar, visit } from 'yaml';
import { escapeJSONText, isUnsafe, replaceUnsafe, yamlEscape } from '../core/escape.ts';

export function toJSON(value: unknown): string {
  return `${escapeJSONText(JSON.stringify(value, null, 2))}\n`;
}

/** Containers deeper than this are serialised whole (each one is small: a finding, a pod view). */
const STREAM_DEPTH = 2;

function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function* pieces(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth >= STREAM_DEPTH || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const s = JSON.stringify(value, null, 2);
    // JSON strings hold no raw newline, so every newline is a line break to indent.
    yield indent ? s.replaceAll('\n', `\n${indent}`) : s;
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      const v: unknown = value[i];
      if (omitted(v)) yield 'null';
      else yield* pieces(v, inner, depth + 1);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => !omitted(record[k]));
  if (keys.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    yield `${inner}${JSON.stringify(k)}: `;
    yield* pieces(record[k], inner, depth + 1);
    yield i < keys.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

/** toJSON(value) in pieces of about `size` characters, for writing as they are made. */
export function* jsonChunks(value: unknown, size = 1 << 20): Generator<string> {
  let buffer: string[] = [];
  let length = 0;
  for (const p of pieces(value, '', 0)) {
    buffer.push(p);
    length += p.length;
    if (length >= size) {
      yield escapeJSONText(buffer.join(''));
      buffer = [];
      length = 0;
    }
  }
  buffer.push('\n');
  yield escapeJSONText(buffer.join(''));
}

export function toYAML(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  let quoted = false;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && isUnsafe(node.value)) {
        node.type = 'QUOTE_DOUBLE';
        quoted = true;
      }
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && isUnsafe(pair.key.value)) {
        pair.key.type = 'QUOTE_DOUBLE';
        quoted = true;
      }
    },
  });
  // Never folded: a line break inside a name stays an escape on its own row.
  const text = doc.toString({ lineWidth: 0, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER });
  // Only double-quoted scalars can still hold them raw (the stringifier escapes C0 itself).
  return quoted ? replaceUnsafe(text, (ch) => (ch === '\n' ? ch : yamlEscape(ch))) : text;
}
