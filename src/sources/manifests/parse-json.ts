// A fast path for JSON manifests (`kubectl get -o json`, generated files): JSON is YAML,
// and when every document of a text is a JSON object, JSON.parse gives the value the YAML
// reader would, at a fraction of the cost. Anything it cannot vouch for (a comment, a
// directive, a document that is not one JSON object, a duplicate key, which YAML rejects,
// a `<<` merge key, which YAML 1.1 expands) sends the whole text back to the YAML reader,
// so answers and problem reports are unchanged.

export interface JsonDocument {
  /** 1-based document number, counted as the YAML reader counts them (empty ones too). */
  document: number;
  line: number;
  value: Record<string, unknown> | null;
  itemLines: (number | null)[] | null;
}

interface Scan {
  ok: boolean;
  /** Offsets of the elements of a top-level `items` array. */
  items: number[] | null;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Checks one JSON text for what YAML reads differently: duplicate keys and `<<`. Assumes JSON.parse accepted it. */
function scan(text: string, from: number, to: number): Scan {
  // One frame per open container: the keys of an object (null for an array).
  const frames: (Set<string> | null)[] = [];
  let expectKey = false;
  let topKey: string | null = null;
  let items: number[] | null = null;
  let inItems = false;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      let escaped = false;
      while (j < to) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) {
          escaped = true;
          j += 2;
          continue;
        }
        if (d === 0x22) break;
        j++;
      }
      const frame = frames[frames.length - 1];
      if (expectKey && frame) {
        const raw = text.slice(i + 1, j);
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : raw;
        if (frame.has(key) || key === '<<' || key === '__proto__') return { ok: false, items: null };
        frame.add(key);
        if (frames.length === 1) topKey = key;
        expectKey = false;
      } else if (inItems && frames.length === 2 && items) {
        items.push(i);
      }
      i = j + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (inItems && frames.length === 2 && items) items.push(i);
      frames.push(c === 0x7b ? new Set() : null);
      expectKey = c === 0x7b;
      if (c === 0x5b && frames.length === 2 && topKey === 'items') {
        inItems = true;
        items = [];
      }
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop();
      if (frames.length === 1) inItems = false;
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = frames[frames.length - 1] !== null && frames[frames.length - 1] !== undefined;
    } else if (!isSpace(c) && c !== 0x3a && inItems && frames.length === 2 && items) {
      // A scalar element of items (a number, true, false, null): record it, then skip it.
      items.push(i);
      while (i < to && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 0x2c && text.charCodeAt(i) !== 0x5d) i++;
      continue;
    }
    i++;
  }
  return { ok: true, items };
}

/** The documents of a text made of JSON objects separated by `---` lines, or null when the YAML reader must read it. */
export function parseJsonDocuments(text: string): JsonDocument[] | null {
  const first = text.search(/\S/);
  if (first < 0) return null;
  const c = text[first];
  if (c !== '{' && c !== '-') return null;
  // Line starts, to turn offsets into 1-based lines.
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  // Split at separator lines: `---` alone on its line (trailing blanks allowed).
  const chunks: { from: number; to: number; explicit: boolean }[] = [];
  let from = 0;
  let explicit = false;
  for (let li = 0; li < lineStarts.length; li++) {
    const start = lineStarts[li] as number;
    if (text.startsWith('---', start)) {
      const end = li + 1 < lineStarts.length ? (lineStarts[li + 1] as number) : text.length;
      if (text.slice(start + 3, end).trim() !== '') return null;
      chunks.push({ from, to: start, explicit });
      from = end;
      explicit = true;
    }
  }
  chunks.push({ from, to: text.length, explicit });
  const out: JsonDocument[] = [];
  let document = 0;
  for (const chunk of chunks) {
    const body = text.slice(chunk.from, chunk.to);
    const at = body.search(/\S/);
    if (at < 0) {
      // Blank before the first separator is no document; after a separator it is an empty one.
      if (chunk.explicit) out.push({ document: ++document, line: lineOf(chunk.to), value: null, itemLines: null });
      continue;
    }
    if (body[at] !== '{' || body.trimEnd().at(-1) !== '}') return null;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return null;
    }
    const checked = scan(text, chunk.from + at, chunk.to);
    if (!checked.ok) return null;
    out.push({
      document: ++document,
      line: lineOf(chunk.from + at),
      value: value as Record<string, unknown>,
      itemLines: checked.items ? checked.items.map(lineOf) : null,
    });
  }
  return out;
}
