// Small pieces of Go's formatting and number parsing that kubectl's messages and port
// handling depend on: %q quoting, strconv.Atoi and strconv.ParseUint(s, 10, 16).

const NAMED_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };

/** strconv.Quote (what %q prints for a string), for the characters names can hold. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const named = NAMED_ESCAPES[ch];
    const code = ch.codePointAt(0) as number;
    if (named !== undefined) out += named;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** strconv.Atoi on a 64-bit platform: optional sign, decimal digits, int64 range. */
export function goAtoi(s: string): bigint | null {
  if (!/^[+-]?\d+$/.test(s)) return null;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return null;
  return n;
}

/** Go's int32(x) conversion: keeps the low 32 bits, two's complement. */
export function goInt32(n: bigint): number {
  return Number(BigInt.asIntN(32, n));
}

/** strconv.ParseUint(s, 10, 16): the value, or the error text Go would give. */
export function goParseUint16(s: string): { value: number } | { error: string } {
  if (!/^\d+$/.test(s)) return { error: `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax` };
  const n = BigInt(s);
  if (n > 65535n) return { error: `strconv.ParseUint: parsing ${goQuote(s)}: value out of range` };
  return { value: Number(n) };
}
