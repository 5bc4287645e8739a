// Kubernetes' protobuf encoding of a list, decoded into exactly the objects its JSON encoding
// parses to. The API server's JSON is encoding/json over the Go types, which themselves come
// from protobuf (etcd holds protobuf): so a field's JSON follows from its Go type and tags,
// which proto-schema.ts lists per message (field numbers, JSON keys, pointer, omitempty,
// omitzero, inline). A body is the 4 bytes "k8s\0" and a runtime.Unknown (1: TypeMeta,
// 2: raw, 3: contentEncoding, 4: contentType) whose raw is the List (1: ListMeta, 2: items).
//
// A field number the table does not know (a newer server), a type whose JSON is its own
// (FieldsV1, RawExtension), an IntOrString of no known type or a string that is not valid
// UTF-8 throws ProtobufUnsupported: the caller reads that page as JSON instead, so nothing is
// lost. managedFields are stepped over by their length, never decoded.

import { PROTO_MESSAGES } from './proto-schema.ts';

export const ACCEPT_PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** The content is protobuf but cannot be decoded to what its JSON would be: read it as JSON. */
export class ProtobufUnsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufUnsupported';
  }
}

const K = {
  String: 0, Bool: 1, Int32: 2, Int64: 3, Uint32: 4, Uint64: 5, Double: 6, Float: 7, Bytes: 8, Msg: 9,
  Time: 10, MicroTime: 11, Quantity: 12, IntStr: 13, Skip: 14, Unsupported: 15,
} as const;
type K = (typeof K)[keyof typeof K];
const KIND_NAMES = Object.keys(K);

const KINDS: Record<string, K> = {
  string: K.String, bool: K.Bool, int32: K.Int32, int64: K.Int64, uint32: K.Uint32, uint64: K.Uint64, double: K.Double, float: K.Float,
  bytes: K.Bytes, msg: K.Msg, time: K.Time, microtime: K.MicroTime, quantity: K.Quantity, intstr: K.IntStr, duration: K.Unsupported, unsupported: K.Unsupported,
};

interface Field {
  name: string;
  num: number;
  kind: K;
  msg: Message | null;
  ptr: boolean;
  omitempty: boolean;
  omitzero: boolean;
  list: boolean;
  map: boolean;
  inline: boolean;
  slot: number;
}

interface Message {
  name: string;
  fields: Field[];
  /** By protobuf field number. */
  byNum: (Field | undefined)[];
}

/** Compiled messages, per set of fields left unread (the empty set: every field decoded). */
const compiled = new Map<ReadonlySet<string>, Map<string, Message>>();
const EVERY_FIELD: ReadonlySet<string> = new Set();

/**
 * The message's fields as the schema gives them, compiled on first use. Fields named in
 * `unread` (as `message.field`, e.g. core/v1.PodSpec.tolerations) are stepped over by their
 * length like managedFields, and their keys left out of the objects made.
 */
export function messageOf(name: string, unread: ReadonlySet<string> = EVERY_FIELD): Message {
  let messages = compiled.get(unread);
  if (!messages) {
    messages = new Map();
    compiled.set(unread, messages);
  }
  let m = messages.get(name);
  if (m) return m;
  const spec = PROTO_MESSAGES[name];
  if (!spec) throw new Error(`no protobuf message ${name}`);
  m = { name, fields: [], byNum: [] };
  messages.set(name, m);
  for (const [key, num, kind, _ref, flags] of spec) {
    const k = KINDS[kind];
    if (k === undefined) throw new Error(`${name}.${key}: unknown kind ${kind}`);
    const stepped = (name === 'meta/v1.ObjectMeta' && key === 'managedFields') || unread.has(`${name}.${key}`);
    const f: Field = {
      name: key, num, kind: stepped ? K.Skip : k, msg: null,
      ptr: (flags & 1) !== 0, omitempty: (flags & 2) !== 0, omitzero: (flags & 4) !== 0, list: (flags & 8) !== 0, map: (flags & 16) !== 0,
      inline: key === '', slot: m.fields.length,
    };
    if (f.omitzero && k !== K.Time && k !== K.MicroTime) throw new Error(`${name}.${key}: omitzero is modelled for times only`);
    m.fields.push(f);
    m.byNum[num] = f;
  }
  for (const f of m.fields) {
    if (f.kind === K.Msg) f.msg = messageOf(spec[f.slot]?.[3] as string, unread);
  }
  return m;
}

/** A position in a buffer being read. */
interface Reader {
  buf: Buffer;
  pos: number;
}

function truncated(): never {
  throw new ProtobufUnsupported('truncated protobuf');
}

/** A varint below 2^53 as a number; larger ones are not lengths or tags (see int64). */
function varint(r: Reader): number {
  const b = r.buf;
  let pos = r.pos;
  let byte = b[pos++];
  if (byte === undefined) truncated();
  if (byte < 0x80) {
    r.pos = pos;
    return byte;
  }
  let v = byte & 0x7f;
  let mul = 128;
  for (;;) {
    byte = b[pos++];
    if (byte === undefined) truncated();
    v += (byte & 0x7f) * mul;
    if (byte < 0x80) break;
    mul *= 128;
    if (mul > 2 ** 63) throw new ProtobufUnsupported('a varint longer than 10 bytes');
  }
  r.pos = pos;
  return v;
}

/** A varint as the 64 bits it carries, as a bigint (two's complement for negatives). */
function varint64(r: Reader): bigint {
  const b = r.buf;
  let v = 0n;
  let shift = 0n;
  for (;;) {
    const byte = b[r.pos++];
    if (byte === undefined) truncated();
    v |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) return BigInt.asUintN(64, v);
    shift += 7n;
    if (shift > 63n) throw new ProtobufUnsupported('a varint longer than 10 bytes');
  }
}

/** int64 as encoding/json writes it and JSON.parse reads it back: the nearest double. */
export function readInt64(r: Reader): number {
  const start = r.pos;
  // Up to 7 bytes carry at most 49 bits: exact as a number.
  for (let i = start; i < start + 7; i++) {
    const byte = r.buf[i];
    if (byte === undefined) break;
    if (byte < 0x80) return varint(r);
  }
  return Number(BigInt.asIntN(64, varint64(r)));
}

export function readUint64(r: Reader): number {
  return Number(varint64(r));
}

/** int32: the low 32 bits of the varint, signed (negatives come as 10-byte varints). */
export function readInt32(r: Reader): number {
  const start = r.pos;
  for (let i = start; i < start + 4; i++) {
    const byte = r.buf[i];
    if (byte === undefined) break;
    if (byte < 0x80) return varint(r);
  }
  return Number(BigInt.asIntN(32, varint64(r)));
}

function readUint32(r: Reader): number {
  return Number(BigInt.asUintN(32, varint64(r)));
}

function skip(r: Reader, wireType: number): void {
  switch (wireType) {
    case 0: varint64(r); return;
    case 1: r.pos += 8; break;
    case 2: { const n = varint(r); r.pos += n; break; }
    case 5: r.pos += 4; break;
    default: throw new ProtobufUnsupported(`protobuf wire type ${wireType}`);
  }
  if (r.pos > r.buf.length) truncated();
}

/**
 * The short strings of the page being decoded, each made once (phases, protocols, images, node
 * names, namespaces, label keys repeat across a page's objects), as JSON.parse keeps its short
 * strings once: an ASCII string is looked up by a hash of its bytes and compared byte for byte,
 * so a string seen before is not made again. Also the page's times, by their seconds.
 */
let pageStrings: Map<number, string> | null = null;
let pageTimes: Map<number, string> | null = null;
const SHARED_UP_TO = 64;

/** Whether the ASCII string s is exactly the bytes b[start, end). */
function sameAscii(s: string, b: Buffer, start: number, end: number): boolean {
  if (s.length !== end - start) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== b[start + i]) return false;
  return true;
}

function utf8(b: Buffer, start: number, end: number): string {
  if (pageStrings !== null && end - start <= SHARED_UP_TO) {
    // FNV-1a over the bytes, while they are ASCII (one byte, one character).
    let h = 0x811c9dc5 ^ (end - start);
    let i = start;
    for (; i < end; i++) {
      const c = b[i] as number;
      if (c > 0x7f) break;
      h = Math.imul(h ^ c, 0x01000193);
    }
    if (i === end) {
      const seen = pageStrings.get(h);
      if (seen !== undefined && sameAscii(seen, b, start, end)) return seen;
      const made = b.toString('latin1', start, end);
      pageStrings.set(h, made);
      return made;
    }
  }
  const s = b.toString('utf8', start, end);
  // Invalid UTF-8 became U+FFFD here; encoding/json replaces it its own way: do not guess.
  if (s.includes('\ufffd') && !Buffer.from(s, 'utf8').equals(b.subarray(start, end))) {
    throw new ProtobufUnsupported('a string that is not valid UTF-8');
  }
  return s;
}

/** [start, end] of a length-delimited value at r.pos; r.pos moves past it. */
function delimited(r: Reader): number {
  const n = varint(r);
  const start = r.pos;
  const end = start + n;
  if (end > r.buf.length) truncated();
  r.pos = end;
  return start;
}

const ZERO_TIME_SECONDS = -62135596800; // Go's zero time.Time, 0001-01-01T00:00:00Z

/** metav1.Time / MicroTime: a Timestamp (1: seconds, 2: nanos); empty is the zero time, JSON null. */
function readTime(b: Buffer, start: number, end: number, micro: boolean): string | null {
  if (start === end) return null;
  const r: Reader = { buf: b, pos: start };
  let seconds = 0;
  let nanos = 0;
  while (r.pos < end) {
    const tag = varint(r);
    if (tag === 8) seconds = readInt64(r);
    else if (tag === 16) nanos = readInt32(r);
    else skip(r, tag & 7);
  }
  // Time keeps seconds only; MicroTime keeps microseconds (Go truncates toward zero).
  const micros = micro ? Math.trunc(nanos / 1000) : 0;
  const totalMicros = seconds * 1e6 + micros;
  if (seconds === ZERO_TIME_SECONDS && micros === 0) return null;
  const floorSeconds = Math.floor(totalMicros / 1e6);
  if (!micro) {
    const known = pageTimes?.get(floorSeconds);
    if (known !== undefined) return known;
  }
  const iso = new Date(floorSeconds * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  const base = iso.slice(0, 19);
  if (!micro) {
    const text = `${base}Z`;
    pageTimes?.set(floorSeconds, text);
    return text;
  }
  const frac = totalMicros - floorSeconds * 1e6;
  return `${base}.${String(frac).padStart(6, '0')}Z`;
}

/**
 * One string field of the message in [start, end): its value (written more than once, the
 * last one, as protobuf reads a field that is not repeated), or `absent` when it is not
 * there; the message's other fields are stepped over. `tag` is the field's key (number << 3 | 2).
 */
function stringField(b: Buffer, start: number, end: number, tag: number, absent: string): string {
  const r: Reader = { buf: b, pos: start };
  let s = absent;
  while (r.pos < end) {
    const t = varint(r);
    if (t === tag) {
      const at = delimited(r);
      s = utf8(b, at, r.pos);
    } else skip(r, t & 7);
  }
  return s;
}

/** resource.Quantity: 1: its canonical string (empty: the zero quantity, "0"). */
function readQuantity(b: Buffer, start: number, end: number): string {
  return stringField(b, start, end, 10, '0');
}

/** intstr.IntOrString: 1: type (0 int, 1 string), 2: intVal, 3: strVal. */
function readIntOrString(b: Buffer, start: number, end: number): number | string {
  const r: Reader = { buf: b, pos: start };
  let type = 0;
  let intVal = 0;
  let strVal = '';
  while (r.pos < end) {
    const tag = varint(r);
    if (tag === 8) type = readInt64(r);
    else if (tag === 16) intVal = readInt32(r);
    else if (tag === 26) {
      const at = delimited(r);
      strVal = utf8(b, at, r.pos);
    } else skip(r, tag & 7);
  }
  if (type === 0) return intVal;
  if (type === 1) return strVal;
  throw new ProtobufUnsupported(`an IntOrString of type ${type}`);
}

function mismatch(m: Message, f: Field, wireType: number): never {
  throw new ProtobufUnsupported(`${m.name}.${f.name || f.msg?.name}: wire type ${wireType} where ${KIND_NAMES[f.kind] ?? f.kind} was expected`);
}

type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Slots;
type Slots = (Value | undefined)[] & { inline?: true };

/** One value of field f (a list's element, a map's value, or the field itself) at r.pos, of wire type wt. */
function readValue(r: Reader, m: Message, f: Field, wt: number): Value {
  const b = r.buf;
  switch (f.kind) {
    case K.String: {
      if (wt !== 2) mismatch(m, f, wt);
      const at = delimited(r);
      return utf8(b, at, r.pos);
    }
    case K.Bool:
      if (wt !== 0) mismatch(m, f, wt);
      return varint64(r) !== 0n;
    case K.Int32:
      if (wt !== 0) mismatch(m, f, wt);
      return readInt32(r);
    case K.Int64:
      if (wt !== 0) mismatch(m, f, wt);
      return readInt64(r);
    case K.Uint32:
      if (wt !== 0) mismatch(m, f, wt);
      return readUint32(r);
    case K.Uint64:
      if (wt !== 0) mismatch(m, f, wt);
      return readUint64(r);
    case K.Double: {
      if (wt !== 1) mismatch(m, f, wt);
      if (r.pos + 8 > b.length) truncated();
      const v = b.readDoubleLE(r.pos);
      r.pos += 8;
      return v;
    }
    case K.Float: {
      if (wt !== 5) mismatch(m, f, wt);
      if (r.pos + 4 > b.length) truncated();
      const v = b.readFloatLE(r.pos);
      r.pos += 4;
      return v;
    }
    case K.Bytes: {
      if (wt !== 2) mismatch(m, f, wt);
      const at = delimited(r);
      return b.toString('base64', at, r.pos);
    }
    case K.Time:
    case K.MicroTime: {
      if (wt !== 2) mismatch(m, f, wt);
      const at = delimited(r);
      return readTime(b, at, r.pos, f.kind === K.MicroTime);
    }
    case K.Quantity: {
      if (wt !== 2) mismatch(m, f, wt);
      const at = delimited(r);
      return readQuantity(b, at, r.pos);
    }
    case K.IntStr: {
      if (wt !== 2) mismatch(m, f, wt);
      const at = delimited(r);
      return readIntOrString(b, at, r.pos);
    }
    case K.Msg: {
      if (wt !== 2) mismatch(m, f, wt);
      const at = delimited(r);
      const slots = readSlots(b, at, r.pos, f.msg as Message);
      if (f.inline) {
        slots.inline = true;
        return slots;
      }
      return emit(f.msg as Message, slots);
    }
    default:
      throw new ProtobufUnsupported(`${m.name}.${f.name}: a type whose JSON is its own`);
  }
}

/** The zero value of a non-pointer field, as encoding/json writes it. */
function zeroOf(f: Field): Value {
  switch (f.kind) {
    case K.String: return '';
    case K.Bool: return false;
    case K.Time: case K.MicroTime: return null;
    case K.Quantity: return '0';
    case K.Bytes: return null;
    case K.Msg: return emit(f.msg as Message, []);
    case K.Int32: case K.Int64: case K.Uint32: case K.Uint64: case K.Double: case K.Float: case K.IntStr: return 0;
    default: throw new ProtobufUnsupported(`${f.name}: a type whose JSON is its own`);
  }
}

function isEmptyScalar(v: Value): boolean {
  return v === '' || v === 0 || v === false || v === null;
}

/** A map entry (1: key, 2: value) into the map object. */
function readEntry(r: Reader, m: Message, f: Field, into: { [key: string]: Value }): void {
  const start = delimited(r);
  const stop = r.pos;
  r.pos = start;
  let key = '';
  let value: Value | undefined;
  while (r.pos < stop) {
    const tag = varint(r);
    if (tag === 10) {
      const at = delimited(r);
      key = utf8(r.buf, at, r.pos);
    } else if (tag >>> 3 === 2) {
      value = readValue(r, m, f, tag & 7);
    } else skip(r, tag & 7);
  }
  if (r.pos !== stop) truncated();
  const v = value === undefined ? zeroOf(f) : value;
  // As JSON.parse: an own property, whatever the key (an assignment to __proto__ would not be).
  if (key === '__proto__') Object.defineProperty(into, key, { value: v, enumerable: true, writable: true, configurable: true });
  else into[key] = v;
}

const PACKABLE = new Set<K>([K.Bool, K.Int32, K.Int64, K.Uint32, K.Uint64, K.Double, K.Float]);

/** The fields of message m in b[start, end), by slot. */
function readSlots(b: Buffer, start: number, end: number, m: Message): Slots {
  const slots: Slots = new Array(m.fields.length);
  const r: Reader = { buf: b, pos: start };
  while (r.pos < end) {
    const tag = varint(r);
    const num = Math.floor(tag / 8);
    const wt = tag & 7;
    const f = m.byNum[num];
    if (f === undefined) throw new ProtobufUnsupported(`${m.name}: field ${num} is not known here (a newer server?)`);
    if (f.kind === K.Skip) {
      skip(r, wt);
      continue;
    }
    if (f.map) {
      if (wt !== 2) mismatch(m, f, wt);
      const into = (slots[f.slot] ??= {}) as { [key: string]: Value };
      readEntry(r, m, f, into);
    } else if (f.list) {
      const list = (slots[f.slot] ??= []) as Value[];
      if (wt === 2 && PACKABLE.has(f.kind)) {
        const at = delimited(r);
        const stop = r.pos;
        const inner: Reader = { buf: b, pos: at };
        const wire = f.kind === K.Double ? 1 : f.kind === K.Float ? 5 : 0;
        while (inner.pos < stop) list.push(readValue(inner, m, f, wire));
        if (inner.pos !== stop) truncated();
      } else {
        list.push(readValue(r, m, f, wt));
      }
    } else {
      slots[f.slot] = readValue(r, m, f, wt);
    }
  }
  if (r.pos !== end) truncated();
  return slots;
}

type Obj = { [key: string]: Value };

/**
 * Objects are made as JSON.parse makes them, compact: the keys an object gets, in order, lead
 * to a shape whose maker is an object literal of exactly those keys (made once per shape). An
 * object grown key by key would keep spare property slots: a third more memory for 20k pods.
 */
interface Shape {
  keys: string[];
  next: Map<string, Shape>;
  make: ((values: Value[]) => Obj) | null;
}

const ROOT: Shape = { keys: [], next: new Map(), make: null };

function step(s: Shape, key: string): Shape {
  let n = s.next.get(key);
  if (n === undefined) {
    n = { keys: [...s.keys, key], next: new Map(), make: null };
    s.next.set(key, n);
  }
  return n;
}

function makerOf(keys: string[]): (values: Value[]) => Obj {
  try {
    return new Function('v', `return {${keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ')}};`) as (values: Value[]) => Obj;
  } catch {
    // Node run with --disallow-code-generation-from-strings: the same keys in the same order, set one by one.
    return (values) => {
      const o: Obj = {};
      for (let i = 0; i < keys.length; i++) o[keys[i] as string] = values[i] as Value;
      return o;
    };
  }
}

/** An object being made: its shape so far and its values. */
interface Making {
  shape: Shape;
  values: Value[];
}

function put(o: Making, key: string, value: Value): void {
  o.shape = step(o.shape, key);
  o.values.push(value);
}

function made(o: Making): Obj {
  const s = o.shape;
  return (s.make ??= makerOf(s.keys))(o.values);
}

/** The fields of m in the order encoding/json writes them, by its rules for each Go type. */
function fill(o: Making, m: Message, slots: Slots): void {
  const fields = m.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as Field;
    const v = slots[i];
    if (f.kind === K.Skip) continue;
    if (f.inline) {
      fill(o, f.msg as Message, (v as Slots | undefined) ?? []);
      continue;
    }
    if (f.list || f.map || f.ptr) {
      // nil slice, map or pointer: left out with omitempty, else null. A slice or map read from
      // protobuf is never empty but nil; a pointer present keeps its value, zero or not.
      if (v === undefined) {
        if (!f.omitempty) put(o, f.name, null);
        continue;
      }
      // A list grown by push keeps spare capacity: copied to its exact length, as JSON.parse makes it.
      put(o, f.name, f.list ? (v as Value[]).slice() : v);
      continue;
    }
    if (f.kind === K.Msg) {
      put(o, f.name, v === undefined ? emit(f.msg as Message, []) : v);
      continue;
    }
    const value = v === undefined ? zeroOf(f) : v;
    if (f.omitzero && value === null) continue;
    if (f.omitempty && f.kind !== K.Time && f.kind !== K.MicroTime && f.kind !== K.Quantity && f.kind !== K.IntStr) {
      // omitempty leaves out false, 0, "" and empty []byte; a struct (times, quantities) never.
      if (isEmptyScalar(value) || (f.kind === K.Bytes && value === '')) continue;
    }
    put(o, f.name, value);
  }
}

function emit(m: Message, slots: Slots): Obj {
  const o: Making = { shape: ROOT, values: [] };
  fill(o, m, slots);
  return made(o);
}

interface Envelope {
  /** apiVersion and kind of the List, from the runtime.Unknown. */
  apiVersion: string;
  kind: string;
  /** [start, end) of the List message. */
  start: number;
  end: number;
}

const MAGIC = Buffer.from('k8s\0', 'latin1');

export function isProtobuf(body: Buffer): boolean {
  return body.length >= 4 && body.subarray(0, 4).equals(MAGIC);
}

/** The runtime.Unknown around the List; with `partial`, as far as the bytes go (for a head). */
function envelope(body: Buffer): Envelope {
  if (!isProtobuf(body)) throw new ProtobufUnsupported('not a Kubernetes protobuf body');
  const r: Reader = { buf: body, pos: 4 };
  const e: Envelope = { apiVersion: '', kind: '', start: 0, end: 0 };
  let raw = false;
  while (r.pos < body.length) {
    const tag = varint(r);
    if (tag === 10) {
      const at = delimited(r);
      const t: Reader = { buf: body, pos: at };
      while (t.pos < r.pos) {
        const tt = varint(t);
        if (tt === 10) { const s = delimited(t); e.apiVersion = utf8(body, s, t.pos); }
        else if (tt === 18) { const s = delimited(t); e.kind = utf8(body, s, t.pos); }
        else skip(t, tt & 7);
      }
    } else if (tag === 18) {
      e.start = delimited(r);
      e.end = r.pos;
      raw = true;
    } else if (tag === 26) {
      const at = delimited(r);
      if (r.pos > at) throw new ProtobufUnsupported(`content encoding ${body.toString('latin1', at, r.pos)}`);
    } else skip(r, tag & 7);
  }
  if (!raw) throw new ProtobufUnsupported('a protobuf body without its object');
  return e;
}

/**
 * The `continue` token from the first bytes of a protobuf list ('' on the last page), or null
 * when those bytes do not hold the whole ListMeta yet or are not shaped as a list.
 */
export function protobufListHead(head: Buffer): string | null {
  try {
    if (!isProtobuf(head)) return null;
    const r: Reader = { buf: head, pos: 4 };
    for (;;) {
      const tag = varint(r);
      if (tag === 18) break; // raw: the List
      if ((tag & 7) !== 2) return null;
      delimited(r);
    }
    varint(r); // the List's length: it goes on past the head
    if (varint(r) !== 10) return null; // 1: ListMeta first
    const metaStart = delimited(r);
    return stringField(head, metaStart, r.pos, 26, ''); // ListMeta 3: continue
  } catch {
    return null;
  }
}

export interface ProtobufList {
  apiVersion: string;
  kind: string;
  continue: string;
  items: Record<string, unknown>[];
}

/**
 * A protobuf List body as its JSON parses: the items (each as `item` makes it from its kind
 * and apiVersion and the decoded fields), and the continue token. `listMessage` names the
 * schema's List message (e.g. core/v1.PodList), `itemKind`/`apiVersion` what each item says.
 * Fields named in `unread` are left out of the items (see messageOf).
 */
export function decodeList(body: Buffer, listMessage: string, item: { kind: string; apiVersion: string }, unread: ReadonlySet<string> = EVERY_FIELD): ProtobufList {
  pageStrings = new Map();
  pageTimes = new Map();
  try {
    return decodePage(body, listMessage, item, unread);
  } finally {
    pageStrings = null;
    pageTimes = null;
  }
}

function decodePage(body: Buffer, listMessage: string, item: { kind: string; apiVersion: string }, unread: ReadonlySet<string>): ProtobufList {
  const e = envelope(body);
  const list = messageOf(listMessage, unread);
  const itemsField = list.byNum[2];
  const metaField = list.byNum[1];
  if (!itemsField?.msg || !metaField?.msg || itemsField.name !== 'items' || metaField.name !== 'metadata') throw new Error(`${listMessage} is not a List`);
  const itemMessage = itemsField.msg;
  const items: Record<string, unknown>[] = [];
  let token = '';
  const r: Reader = { buf: body, pos: e.start };
  while (r.pos < e.end) {
    const tag = varint(r);
    if (tag === 18) {
      const at = delimited(r);
      const o: Making = { shape: ROOT, values: [] };
      put(o, 'kind', item.kind);
      put(o, 'apiVersion', item.apiVersion);
      fill(o, itemMessage, readSlots(body, at, r.pos, itemMessage));
      items.push(made(o));
    } else if (tag === 10) {
      const at = delimited(r);
      const meta = emit(metaField.msg, readSlots(body, at, r.pos, metaField.msg));
      token = typeof meta.continue === 'string' ? meta.continue : '';
    } else {
      throw new ProtobufUnsupported(`${listMessage}: field ${tag >>> 3} is not known here (a newer server?)`);
    }
  }
  if (r.pos !== e.end) truncated();
  return { apiVersion: e.apiVersion, kind: e.kind, continue: token, items };
}

/** One message of the schema from bare bytes (no envelope), as its JSON parses: for tests. */
export function decodeMessage(bytes: Buffer, message: string): Record<string, unknown> {
  const m = messageOf(message);
  return emit(m, readSlots(bytes, 0, bytes.length, m));
}
