// IP addresses the way the controllers read them: `k8s.io/utils/net` ParseIPSloppy then
// String() (IPv4 may carry leading zeros, read as decimal; IPv6 is printed in RFC 5952
// form; an IPv4-mapped IPv6 address counts and prints as IPv4).

export type IPFamily = 'IPv4' | 'IPv6';

export interface ParsedIP {
  family: IPFamily;
  /** The canonical text form, as Go's net.IP.String() prints it. */
  text: string;
}

/**
 * Four groups of decimal digits, each at most 255: as many leading zeros as written (the
 * sloppy parser counts digits until the value passes 255, then refuses it), no sign.
 */
const DOTTED_QUAD = /^([0-9]+)\.([0-9]+)\.([0-9]+)\.([0-9]+)$/;

function parseV4(s: string): number[] | null {
  const m = DOTTED_QUAD.exec(s);
  if (!m) return null;
  const octets = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  return octets.every((o) => o <= 255) ? octets : null;
}

function parseV6(input: string): number[] | null {
  let s = input;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    // A trailing dotted quad stands for the last two 16-bit groups.
    const v4 = parseV4(s.slice(lastColon + 1));
    if (!v4) return null;
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    s = `${s.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const group = (h: string) => (h === '' ? [] : h.split(':'));
  const left = group(halves[0] ?? '');
  const right = halves.length === 2 ? group(halves[1] ?? '') : [];
  // Hex digits, as many leading zeros as written, each group at most ffff.
  const words = [...left, ...right].map((w) => (/^[0-9a-fA-F]+$/.test(w) ? parseInt(w, 16) : NaN));
  if (words.some((w) => Number.isNaN(w) || w > 0xffff)) return null;
  if (halves.length === 2 ? words.length > 7 : words.length !== 8) return null;
  const zeros = new Array<number>(8 - words.length).fill(0);
  return [...words.slice(0, left.length), ...zeros, ...words.slice(left.length)];
}

function formatV6(w: number[]): string {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = (ws: number[]) => ws.map((x) => x.toString(16)).join(':');
  if (best < 0) return hex(w);
  return `${hex(w.slice(0, best))}::${hex(w.slice(best + bestLen))}`;
}

/**
 * Addresses already read: every Service selecting a pod reads its IPs again (a pod behind ten
 * Services, ten times). Bounded: emptied when it holds too many.
 */
const parsed = new Map<string, ParsedIP | null>();
const PARSED_MAX = 1 << 18;

/** Parse an IP address; null when it is not one. The answer is shared: do not modify it. */
export function parseIP(s: string): ParsedIP | null {
  const known = parsed.get(s);
  if (known !== undefined) return known;
  const ip = parseOnce(s);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(s, ip);
  return ip;
}

function parseOnce(s: string): ParsedIP | null {
  if (!s.includes(':')) {
    const v4 = parseV4(s);
    return v4 ? { family: 'IPv4', text: `${v4[0]}.${v4[1]}.${v4[2]}.${v4[3]}` } : null;
  }
  const w = parseV6(s);
  if (!w) return null;
  const mapped = w.slice(0, 5).every((x) => x === 0) && w[5] === 0xffff;
  if (mapped) {
    const a = w[6] ?? 0;
    const b = w[7] ?? 0;
    return { family: 'IPv4', text: [a >> 8, a & 255, b >> 8, b & 255].join('.') };
  }
  return { family: 'IPv6', text: formatV6(w) };
}

export function familyOf(s: string): IPFamily | null {
  return parseIP(s)?.family ?? null;
}
