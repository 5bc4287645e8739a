// Protobuf bytes made by hand for the decoder's tests: varints (numbers or bigints, negatives
// as 64-bit two's complement), length-delimited fields, and a PodList body as kube-apiserver
// writes it (magic, runtime.Unknown{typeMeta, raw}).

export function varint(v: number | bigint): number[] {
  let n = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  do {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    out.push(n > 0n ? byte | 0x80 : byte);
  } while (n > 0n);
  return out;
}
export const tag = (num: number, wt: number) => varint(num * 8 + wt);
export const int = (num: number, v: number | bigint) => [...tag(num, 0), ...varint(v)];
export const bytes = (num: number, b: number[] | Buffer) => [...tag(num, 2), ...varint(b.length), ...b];
export const str = (num: number, s: string) => bytes(num, Buffer.from(s, 'utf8'));
export const msg = (num: number, ...fields: number[][]) => bytes(num, fields.flat());
export const buf = (...fields: number[][]) => Buffer.from(fields.flat());
export const entry = (num: number, key: string, value: number[]) => msg(num, str(1, key), value);

/** A PodList body as the API server writes it: magic, runtime.Unknown{typeMeta, raw}. */
export function podList(token: string, pods: number[][]): Buffer {
  const list = [msg(1, str(2, '42'), ...(token ? [str(3, token)] : [])), ...pods.map((p) => bytes(2, p))].flat();
  return Buffer.from([...Buffer.from('k8s\0', 'latin1'), ...msg(1, str(1, 'v1'), str(2, 'PodList')), ...bytes(2, list), ...str(3, ''), ...str(4, '')]);
}

