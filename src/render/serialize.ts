// Machine-readable output: the report serialised as it is, never through Ink. Both stay
// faithful to the data and safe on a terminal: JSON writes the code points a terminal would act
// on (DEL, C1, bidi, zero-width) as \u escapes; YAML double-quotes every string holding one and
// writes it as a YAML escape, since a YAML stream may not carry them raw.
//
// JSON is also produced in pieces (jsonBytes) so a report with tens of thousands of findings
// or pods is written as it is serialised instead of being held as one string; the bytes are
// those of toJSON, laid out from V8's compact JSON (json-layout.ts).

import { Document, isScalar, visit } from 'yaml';
import { escapeJSONText, isUnsafe, replaceUnsafe, yamlEscape } from '../core/escape.ts';
import { JsonSink } from './json-layout.ts';

export function toJSON(value: unknown): string {
  return `${escapeJSONText(JSON.stringify(value, null, 2))}\n`;
}

/** Containers deeper than this are written whole (each one is small: a finding, a pod view), unless they hold more than WHOLE_MAX values. */
const STREAM_DEPTH = 2;
/**
 * Values (counted through every container inside) a container may hold and still be written
 * whole: a bigger one (the routing of a Service over every pod) is written element by element
 * too, so that no piece of it is held as one compact text, laid out in one buffer of its size
 * (memory touched for the first time costs more than the writing) and handed out whole.
 */
const WHOLE_MAX = 4096;

function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function isLeaf(v: unknown): boolean {
  return v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

/** Whether a container holds more than `most` values, counted through the containers inside it (it stops counting there). */
function holdsMore(value: object, most: number): boolean {
  let count = 0;
  const open: object[] = [value];
  for (let next = open.pop(); next !== undefined; next = open.pop()) {
    if (Array.isArray(next)) {
      count += next.length;
      if (count > most) return true;
      for (const v of next as unknown[]) if (!isLeaf(v)) open.push(v as object);
      continue;
    }
    for (const k in next) {
      if (!Object.hasOwn(next, k)) continue;
      if (++count > most) return true;
      const v = (next as Record<string, unknown>)[k];
      if (!isLeaf(v)) open.push(v as object);
    }
  }
  return false;
}

/**
 * Writes `value` into the sink as toJSON would, `level` levels in; after each element of an
 * array or object above STREAM_DEPTH (or holding more than WHOLE_MAX values) it yields, so
 * what is written can be taken out.
 */
function* write(value: unknown, sink: JsonSink, level: number): Generator<void> {
  if (isLeaf(value) || (level >= STREAM_DEPTH && !holdsMore(value as object, WHOLE_MAX))) {
    const compact = JSON.stringify(value) as string | undefined;
    if (compact !== undefined) sink.laidOut(escapeJSONText(compact), level);
    return;
  }
  const indent = '  '.repeat(level);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      sink.text('[]');
      return;
    }
    sink.text('[\n');
    for (let i = 0; i < value.length; i++) {
      sink.text(inner);
      const v: unknown = value[i];
      if (omitted(v)) sink.text('null');
      else yield* write(v, sink, level + 1);
      sink.text(i < value.length - 1 ? ',\n' : '\n');
      yield;
    }
    sink.text(`${indent}]`);
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => !omitted(record[k]));
  if (keys.length === 0) {
    sink.text('{}');
    return;
  }
  sink.text('{\n');
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    sink.text(`${inner}${escapeJSONText(JSON.stringify(k))}: `);
    yield* write(record[k], sink, level + 1);
    sink.text(i < keys.length - 1 ? ',\n' : '\n');
    yield;
  }
  sink.text(`${indent}}`);
}

/**
 * toJSON(value) as UTF-8, in pieces of about `size` bytes (more when one element is bigger),
 * for writing as they are made; each piece ends between two characters.
 */
export function* jsonBytes(value: unknown, size = 1 << 20): Generator<Uint8Array> {
  const sink = new JsonSink();
  for (const _ of write(value, sink, 0)) {
    if (sink.length >= size) yield sink.take();
  }
  sink.text('\n');
  yield sink.take();
}

/** jsonBytes as strings. */
export function* jsonChunks(value: unknown, size = 1 << 20): Generator<string> {
  for (const bytes of jsonBytes(value, size)) yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
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
