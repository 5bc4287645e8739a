import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protobufContinue } from '../../bench/wire.ts';

/** A protobuf length-delimited field: key (field << 3 | 2), varint length, bytes. */
function field(n: number, data: Buffer): Buffer {
  const len: number[] = [];
  let v = data.length;
  do {
    len.push((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
    v >>>= 7;
  } while (v > 0);
  return Buffer.concat([Buffer.from([(n << 3) | 2, ...len]), data]);
}

const list = (meta: Buffer, items: Buffer[]) => Buffer.concat([field(1, meta), ...items.map((i) => field(2, i))]);
const unknown = (raw: Buffer) => Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, Buffer.from('typemeta')), field(2, raw), field(4, Buffer.from('application/vnd.kubernetes.protobuf'))]);

test('the continue token is read from the ListMeta of a protobuf list, past a long item list', () => {
  const token = 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTIzfQ';
  const meta = Buffer.concat([field(2, Buffer.from('123')), field(3, Buffer.from(token))]);
  // a 300-byte item needs a two-byte length varint
  assert.equal(protobufContinue(unknown(list(meta, [Buffer.alloc(300, 7), Buffer.alloc(5, 1)]))), token);
});

test('the last page has no continue token', () => {
  assert.equal(protobufContinue(unknown(list(field(2, Buffer.from('9')), []))), '');
});

test('a body without the Kubernetes magic is refused', () => {
  assert.throws(() => protobufContinue(Buffer.from('{"kind":"PodList"}')), /not a Kubernetes protobuf body/);
});
