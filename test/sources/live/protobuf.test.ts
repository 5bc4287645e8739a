// The protobuf decoder on bytes made by hand: every value as encoding/json would write the Go
// object those bytes decode to (the e2e test compares with a real API server's JSON).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeList, decodeMessage, protobufListHead, ProtobufUnsupported } from '../../../src/sources/live/protobuf.ts';

import { buf, bytes, entry, int, msg, podList, str, tag, varint } from './protobuf-bytes.ts';

test('an empty Pod is what encoding/json writes for the zero Pod', () => {
  assert.deepEqual(decodeMessage(buf(msg(1), msg(2), msg(3)), 'core/v1.Pod'), {
    metadata: {}, // creationTimestamp is omitzero: no null
    spec: { containers: null }, // not omitempty: a nil slice is null
    status: {},
  });
  assert.deepEqual(decodeMessage(buf(), 'core/v1.Pod'), { metadata: {}, spec: { containers: null }, status: {} });
});

test('key order is the Go struct order, not the field numbers', () => {
  const container = msg(2, str(1, 'c'), msg(7, str(1, 'E')), msg(19, str(1, 'P')));
  const spec = decodeMessage(buf(container), 'core/v1.PodSpec') as { containers: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(spec.containers[0] as object), ['name', 'envFrom', 'env', 'resources']);
});

test('int64 and int32: beyond 2^31, beyond 2^53, and negative', () => {
  const meta = (v: number | bigint) => decodeMessage(buf(int(7, v)), 'meta/v1.ObjectMeta').generation;
  assert.equal(meta(2 ** 31 + 7), 2 ** 31 + 7);
  assert.equal(meta(2 ** 40 + 5), 2 ** 40 + 5);
  assert.equal(meta(9007199254740993n), JSON.parse('9007199254740993'));
  assert.equal(meta(9223372036854775807n), JSON.parse('9223372036854775807'));
  assert.equal(meta(-5), -5);
  assert.equal(meta(-9223372036854775808n), JSON.parse('-9223372036854775808'));
  // generation is omitempty: 0 is left out
  assert.equal('generation' in decodeMessage(buf(int(7, 0)), 'meta/v1.ObjectMeta'), false);
  const port = (v: number) => decodeMessage(buf(int(3, v)), 'core/v1.ContainerPort').containerPort;
  assert.equal(port(2 ** 31 - 1), 2 ** 31 - 1);
  assert.equal(port(-1), -1); // ten bytes on the wire
  assert.equal(port(-(2 ** 31)), -(2 ** 31));
  // containerPort is not omitempty: a zero is written; hostPort is: left out
  assert.deepEqual(decodeMessage(buf(int(2, 0)), 'core/v1.ContainerPort'), { containerPort: 0 });
  // a pointer present keeps its zero
  assert.deepEqual(decodeMessage(buf(int(25, 0)), 'core/v1.PodSpec'), { containers: null, priority: 0 });
  assert.deepEqual(decodeMessage(buf(int(25, -3)), 'core/v1.PodSpec'), { containers: null, priority: -3 });
});

test('repeated scalars packed or not read the same', () => {
  const unpacked = decodeMessage(buf(int(4, 1), int(4, -2), int(4, 2 ** 33)), 'core/v1.PodSecurityContext');
  const packed = decodeMessage(buf(bytes(4, [...varint(1), ...varint(-2), ...varint(2 ** 33)])), 'core/v1.PodSecurityContext');
  assert.deepEqual(unpacked, { supplementalGroups: [1, -2, 2 ** 33] });
  assert.deepEqual(packed, unpacked);
  // both forms in one message append, as protobuf says
  assert.deepEqual(decodeMessage(buf(int(4, 1), bytes(4, [...varint(2), ...varint(3)])), 'core/v1.PodSecurityContext'), { supplementalGroups: [1, 2, 3] });
});

test('maps, quantities, IntOrString, times, inline structs and pointers to empty messages', () => {
  const meta = decodeMessage(buf(
    str(1, 'n'), int(7, 3),
    msg(8, int(1, 1767323045)), // 2026-01-02T03:04:05Z
    msg(9, int(1, 1767323045), int(2, 999_999_999)), // nanoseconds are not kept by Time
    entry(11, 'b', str(2, 'x')), entry(11, 'a', str(2, '')), entry(12, 'note', []),
  ), 'meta/v1.ObjectMeta');
  assert.deepEqual(meta, { name: 'n', generation: 3, creationTimestamp: '2026-01-02T03:04:05Z', deletionTimestamp: '2026-01-02T03:04:05Z', labels: { b: 'x', a: '' }, annotations: { note: '' } });
  // an empty Time is the zero time: left out when omitzero, null when only a pointer present
  assert.deepEqual(decodeMessage(buf(msg(8), msg(9)), 'meta/v1.ObjectMeta'), { deletionTimestamp: null });
  assert.deepEqual(decodeMessage(buf(msg(8, int(1, -62135596800))), 'meta/v1.ObjectMeta'), {});
  assert.equal(decodeMessage(buf(msg(8, int(1, -1))), 'meta/v1.ObjectMeta').creationTimestamp, '1969-12-31T23:59:59Z');

  const resources = decodeMessage(buf(entry(1, 'cpu', msg(2, str(1, '100m'))), entry(2, 'memory', msg(2)), entry(2, 'x', [])), 'core/v1.ResourceRequirements');
  assert.deepEqual(resources, { limits: { cpu: '100m' }, requests: { memory: '0', x: '0' } });

  // Probe inlines ProbeHandler; httpGet.port is an IntOrString (by number, by name)
  const probe = decodeMessage(buf(msg(1, msg(2, str(1, '/ready'), msg(2, int(1, 1), str(3, 'http')))), int(4, 10)), 'core/v1.Probe');
  assert.deepEqual(probe, { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10 });
  assert.deepEqual(decodeMessage(buf(msg(2, msg(2, int(2, 8080)))), 'core/v1.ProbeHandler'), { httpGet: { port: 8080 } });
  assert.deepEqual(decodeMessage(buf(msg(2)), 'core/v1.ProbeHandler'), { httpGet: { port: 0 } });
  assert.throws(() => decodeMessage(buf(msg(2, msg(2, int(1, 7)))), 'core/v1.ProbeHandler'), ProtobufUnsupported);
  // an empty message behind a pointer is an object with its non-omitempty zeros
  assert.deepEqual(decodeMessage(buf(msg(14)), 'core/v1.PodSpec'), { containers: null, securityContext: {} });
  // unicode and odd bytes in strings come through as they are
  assert.deepEqual(decodeMessage(buf(entry(12, 'k', str(2, 'é\u0000"\\<\u2028😀'))), 'meta/v1.ObjectMeta'), { annotations: { k: 'é\u0000"\\<\u2028😀' } });
});

test('managedFields are stepped over; unknown fields, wrong wire types, bad UTF-8 and truncation refuse', () => {
  const garbage = bytes(17, [0xff, 0xff, 0xff]);
  assert.deepEqual(decodeMessage(buf(str(1, 'n'), garbage), 'meta/v1.ObjectMeta'), { name: 'n' });
  assert.throws(() => decodeMessage(buf(str(99, 'new')), 'meta/v1.ObjectMeta'), ProtobufUnsupported);
  assert.throws(() => decodeMessage(buf(int(1, 5)), 'meta/v1.ObjectMeta'), ProtobufUnsupported);
  assert.throws(() => decodeMessage(buf(bytes(1, [0x61, 0xff, 0x62])), 'meta/v1.ObjectMeta'), ProtobufUnsupported);
  assert.throws(() => decodeMessage(Buffer.from([...tag(1, 2), 5, 0x61]), 'meta/v1.ObjectMeta'), ProtobufUnsupported);
  // U+FFFD itself is valid UTF-8
  assert.deepEqual(decodeMessage(buf(str(1, '\ufffd')), 'meta/v1.ObjectMeta'), { name: '\ufffd' });
});

test('a list: items get kind and apiVersion first, the continue token is read, also from the head alone', () => {
  const body = podList('tok', [[...msg(1, str(1, 'a'), bytes(17, [1, 2, 3]))], []]);
  const list = decodeList(body, 'core/v1.PodList', { kind: 'Pod', apiVersion: 'v1' });
  assert.equal(list.kind, 'PodList');
  assert.equal(list.continue, 'tok');
  assert.deepEqual(list.items, [
    { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'a' }, spec: { containers: null }, status: {} },
    { kind: 'Pod', apiVersion: 'v1', metadata: {}, spec: { containers: null }, status: {} },
  ]);
  assert.deepEqual(Object.keys(list.items[0] as object), ['kind', 'apiVersion', 'metadata', 'spec', 'status']);
  const headEnd = body.indexOf(Buffer.from('tok')) + 3;
  assert.equal(protobufListHead(body.subarray(0, headEnd)), 'tok');
  assert.equal(protobufListHead(body.subarray(0, headEnd - 1)), null);
  assert.equal(protobufListHead(podList('', [])), '');
  assert.equal(protobufListHead(Buffer.from('{"kind":"PodList"')), null);
  assert.throws(() => decodeList(Buffer.from('{}'), 'core/v1.PodList', { kind: 'Pod', apiVersion: 'v1' }), ProtobufUnsupported);
});

test('a Quantity is its string field 1: absent is "0", written twice the last one, other fields stepped over', () => {
  const limits = (...fields: number[][]) => decodeMessage(buf(msg(1, str(1, 'cpu'), msg(2, ...fields))), 'core/v1.ResourceRequirements');
  assert.deepEqual(limits(str(1, '500m')), { limits: { cpu: '500m' } });
  assert.deepEqual(limits(), { limits: { cpu: '0' } });
  assert.deepEqual(limits(str(1, '1'), int(2, 7), str(1, '2Gi')), { limits: { cpu: '2Gi' } });
});

test('fields left unread are stepped over and their keys left out; every other field decodes as before', () => {
  const container = msg(2, str(1, 'c'), str(2, 'img:1'), msg(6, int(3, 8080)), msg(7, str(1, 'E'), str(2, 'v')), str(14, 'IfNotPresent'));
  const pod = [
    ...msg(1, str(1, 'p')),
    ...msg(2, container, str(6, 'ClusterFirst'), str(10, 'node-1'), str(19, 'default-scheduler'), msg(22, str(1, 'k'), str(2, 'Exists'))),
    ...msg(3, str(1, 'Running'), msg(8, str(1, 'c'), int(4, 1), int(5, 2), str(6, 'img:1'), str(7, 'sha'), str(8, 'cid')), str(9, 'BestEffort')),
  ];
  const unread = new Set(['core/v1.PodSpec.tolerations', 'core/v1.PodSpec.dnsPolicy', 'core/v1.Container.env', 'core/v1.Container.imagePullPolicy', 'core/v1.ContainerStatus.imageID', 'core/v1.PodStatus.qosClass']);
  const full = decodeList(podList('', [pod]), 'core/v1.PodList', { kind: 'Pod', apiVersion: 'v1' }).items[0] as { spec: Record<string, unknown> & { containers: Record<string, unknown>[] }; status: Record<string, unknown> & { containerStatuses: Record<string, unknown>[] } };
  const read = decodeList(podList('', [pod]), 'core/v1.PodList', { kind: 'Pod', apiVersion: 'v1' }, unread).items[0];
  assert.equal(full.spec.tolerations !== undefined && full.spec.containers[0]?.env !== undefined && full.status.qosClass !== undefined, true);
  // What a full decode gives, less exactly those keys (order kept).
  delete full.spec.tolerations;
  delete full.spec.dnsPolicy;
  delete full.spec.containers[0]?.env;
  delete full.spec.containers[0]?.imagePullPolicy;
  delete full.status.containerStatuses[0]?.imageID;
  delete full.status.qosClass;
  assert.deepEqual(read, full);
  assert.deepEqual(Object.keys((read as typeof full).spec.containers[0] as object), ['name', 'image', 'ports', 'resources']);
  assert.deepEqual((read as typeof full).status.containerStatuses[0], { name: 'c', state: {}, lastState: {}, ready: true, restartCount: 2, image: 'img:1', containerID: 'cid' });
  // The same message decoded in full again afterwards: each set of unread fields is compiled apart.
  assert.equal((decodeList(podList('', [pod]), 'core/v1.PodList', { kind: 'Pod', apiVersion: 'v1' }).items[0] as typeof full).status.qosClass, 'BestEffort');
});

test('a page\'s short strings and times are made once and shared; strings whose bytes hash alike stay apart; non-ASCII and bad UTF-8 as before', () => {
  // p07vl8 and p0opd6 have the same 32-bit FNV-1a hash (with the length mixed in): each must keep its own text.
  const pod = (name: string, node: string | number[]) => [...msg(1, str(1, name), str(3, 'ns'), msg(8, int(1, 1767323045))), ...msg(2, typeof node === 'string' ? str(10, node) : bytes(10, node))];
  const list = decodeList(podList('', [pod('p07vl8', 'node-é'), pod('p0opd6', 'node-é'), pod('p07vl8', 'node-1'), pod('p0opd6', 'node-1')]), 'core/v1.PodList', { kind: 'Pod', apiVersion: 'v1' });
  const items = list.items as { metadata: { name: string; namespace: string; creationTimestamp: string }; spec: { nodeName: string } }[];
  assert.deepEqual(items.map((p) => p.metadata.name), ['p07vl8', 'p0opd6', 'p07vl8', 'p0opd6']);
  assert.deepEqual(items.map((p) => p.spec.nodeName), ['node-é', 'node-é', 'node-1', 'node-1']);
  assert.deepEqual(items.map((p) => p.metadata.creationTimestamp), Array(4).fill('2026-01-02T03:04:05Z'));
  // A bad byte in a short string still sends the page back to JSON.
  assert.throws(() => decodeList(podList('', [pod('ok', [0x62, 0x61, 0x64, 0xff])]), 'core/v1.PodList', { kind: 'Pod', apiVersion: 'v1' }), ProtobufUnsupported);
});
