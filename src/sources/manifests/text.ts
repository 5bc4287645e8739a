// Bytes to text as kubectl reads manifests (cli-runtime's visitors decode through a BOM
// override): a UTF-16 byte-order mark, little or big endian, selects UTF-16; a UTF-8 one is
// dropped; anything else is UTF-8. CRLF line ends are read as LF.

export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(lineFeeds(bytes.subarray(3)));
  return new TextDecoder('utf-8').decode(lineFeeds(bytes));
}

/**
 * UTF-8 bytes with each CRLF line end written LF, as the manifest reader reads them anyway
 * (parse.ts): done here on the bytes, it costs a pass over them instead of a copy of the text cut
 * at every line (a CR or LF byte is never part of another character in UTF-8).
 */
function lineFeeds(bytes: Uint8Array): Uint8Array {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = b.indexOf(0x0d);
  if (at < 0) return bytes;
  const out = Buffer.allocUnsafe(b.length);
  let o = b.copy(out, 0, 0, at);
  for (const n = b.length; at < n; at++) {
    const c = b[at] as number;
    if (c !== 0x0d || b[at + 1] !== 0x0a) out[o++] = c;
  }
  return out.subarray(0, o);
}
