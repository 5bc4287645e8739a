// Text -> documents. YAML is read as kubectl reads it: sigs.k8s.io/yaml decodes with
// go-yaml v2, i.e. YAML 1.1 scalars (yes/no/on/off are booleans, 0755 is octal), but
// timestamps stay strings. JSON is YAML, so it takes the same path. Empty documents
// are skipped (cli-runtime pkg/resource/visitor.go: StreamVisitor.Visit skips empty
// and "null" documents).
//
// Hostile input is bounded before it is built: each document's syntax tree is walked without
// recursion, and one nested deeper than MAX_DEPTH or with a collection larger than
// MAX_ENTRIES is reported and skipped (the others still load). Duplicate keys are found with
// one set per mapping, in linear time (the YAML library's own check is quadratic: a 50,000-key
// mapping took half a minute).

import { Composer, Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Parser, type CST, type Node, type Tags } from 'yaml';
import { parseBlockDocuments, type AloneReader, type BlockDocument } from './parse-block-yaml.ts';
import { Later, parseJsonDocuments, type JsonDocument, type Keep, type LaterRead } from './parse-json.ts';
import { problem, type InputProblem } from './problem.ts';

/**
 * Deepest nesting of mappings and sequences read (real manifests stay well under 30). Far below
 * any recursion limit: the YAML reader recurses per flow level and overflowed the stack near
 * 1,000 levels, and the program may itself be called from deep in a stack (tests run it in-process).
 */
export const MAX_DEPTH = 256;
/** Most entries in one mapping or sequence. */
export const MAX_ENTRIES = 1_000_000;

export type FieldPath = readonly (string | number)[];

export interface RawDocument {
  source: string;
  /** 1-based position of the YAML document in its source (empty documents count). */
  document: number;
  line: number | null;
  value: unknown;
  /** For a mapping with an `items` sequence: the line of each item. */
  itemLines: (number | null)[] | null;
  /** The line of the field at `path` (or of its nearest parent that is present). */
  lineOf?(path: FieldPath): number | null;
  /** No part of value is shared with another (JSON has no aliases): the loader may normalise it in place. */
  unshared?: boolean;
}

export interface Parsed {
  documents: RawDocument[];
  problems: InputProblem[];
}

/**
 * go-yaml v2 (resolve.go) reads a plain scalar as a float only when, underscores removed, it
 * matches this pattern (or is .inf/.nan): `.`, `+.`, `-.` and `e5` stay strings there, where
 * YAML 1.1's float forms would take them for numbers (`.` for NaN).
 */
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** A YAML 1.1 float form narrowed to what go-yaml v2 also reads as a float. */
class GoFloatForm extends RegExp {
  override test(text: string): boolean {
    return super.test(text) && GO_FLOAT.test(text.replaceAll('_', ''));
  }
}

function goYamlTags(tags: Tags): Tags {
  // go-yaml v2 resolves neither timestamps nor sexagesimal (1:20) numbers when decoding to JSON.
  return tags
    .filter((t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME'))
    .map((t) => (typeof t !== 'string' && t.tag === 'tag:yaml.org,2002:float' && t.test && !t.test.test('.nan') ? { ...t, test: new GoFloatForm(t.test.source, t.test.flags) } : t));
}

const HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'YAML indentation must use spaces, not tabs',
  DUPLICATE_KEY: 'a key appears twice in the same mapping; kubectl rejects the document',
  BAD_INDENT: 'check the indentation of this block against its parent',
  MISSING_CHAR: 'a quote or bracket is not closed',
};

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a sequence';
  return `a ${typeof v} (${JSON.stringify(v)})`;
}

interface Bound {
  message: string;
  offset: number;
}

/** Depth and size of one document's syntax tree, walked with an explicit stack. */
function checkBounds(doc: CST.Token): Bound | null {
  const stack: [CST.Token, number][] = [[doc, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [token, depth] = next;
    let children: (CST.Token | null | undefined)[];
    let entries = 0;
    if (token.type === 'document') children = [token.value];
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      entries = token.items.length;
      children = token.items.flatMap((it: CST.CollectionItem) => ['key' in it ? it.key : null, it.value]);
    } else continue;
    const d = token.type === 'document' ? depth : depth + 1;
    if (d > MAX_DEPTH) return { message: `nested deeper than ${MAX_DEPTH} levels`, offset: token.offset };
    if (entries > MAX_ENTRIES) return { message: `a collection of ${entries} entries, more than the ${MAX_ENTRIES} read`, offset: token.offset };
    for (const c of children) if (c) stack.push([c, d]);
  }
  return null;
}

/** The first duplicate key of any mapping in the document, with a set per mapping. */
function duplicateKey(doc: Document.Parsed): { key: string; offset: number } | null {
  const stack: unknown[] = [doc.contents];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const k = pair.key;
        if (isScalar(k) && k.value !== '<<') {
          const id = `${typeof k.value}:${String(k.value)}`;
          if (seen.has(id)) return { key: String(k.value), offset: k.range?.[0] ?? n.range?.[0] ?? 0 };
          seen.add(id);
        } else if (k) stack.push(k);
        stack.push(pair.value);
      }
    } else if (isSeq(n)) for (const it of n.items) stack.push(it);
  }
  return null;
}

/**
 * The line of the field at `path`: the line of its key in a mapping (where a block value starts
 * on the next line), of its item in a sequence; of its nearest present parent when it is absent.
 * Keys are matched as the object has them (YAML 1.1 reads an `on:` key as true, held as "true").
 */
function locator(doc: Document.Parsed, lines: LineCounter, fallback: number): (path: FieldPath) => number | null {
  return (path) => {
    let node: unknown = doc.contents;
    let at: number | null = null;
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
        if (!pair) break;
        const keyRange = (pair.key as Node | null)?.range ?? (pair.value as Node | null)?.range;
        if (keyRange) at = keyRange[0];
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        if (item.range) at = item.range[0];
        node = item;
      } else break;
    }
    return at === null ? fallback : lines.linePos(at).line;
  };
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

/**
 * An upper bound of the nesting each line can reach, in one pass over the text: its
 * indentation, plus the flow brackets open on it, plus its compact `- ` and `key: ` indicators.
 * The YAML parser recurses once per level, so a document is refused on this bound before it
 * is parsed: the lines (1-based) whose bound passes MAX_DEPTH. A line whose openings alone
 * could pass it is read again by lineDepth, which gives closed levels back.
 */
function deepLines(text: string): number[] {
  const out: number[] = [];
  let flow = 0;
  let line = 0;
  // The next bracket at or after the line's start (past the text's end when none is left).
  const brackets = /[[\]{}]/g;
  let bracket = -1;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    if (text.startsWith('---', start) || text.startsWith('...', start)) flow = 0;
    if (bracket < start) {
      brackets.lastIndex = start;
      bracket = brackets.exec(text)?.index ?? text.length + 1;
    }
    // A line without a bracket opens and closes no level, and its bound is at most its length
    // plus the levels open before it (each character adds one at most): most lines are short.
    if (bracket >= end && end - start + flow <= MAX_DEPTH) {
      start = end + 1;
      continue;
    }
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const first = i;
    const flowBefore = flow;
    // Every opening and indicator counted, none given back: lineDepth can only lower it.
    let rising = i - start + flow;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 91 || c === 123) {
        flow++;
        rising++;
      } else if (c === 93 || c === 125) flow = Math.max(0, flow - 1);
      else if (isIndicator(text, c, i, end)) rising++;
    }
    if (rising > MAX_DEPTH && lineDepth(text, first, end, first - start, flowBefore) > MAX_DEPTH) out.push(line);
    start = end + 1;
  }
  return out;
}

/** A compact `- `, `: ` or `? ` indicator (the character c at i, then a space or the line's end): one level more. */
function isIndicator(text: string, c: number, i: number, end: number): boolean {
  return (c === 45 || c === 58 || c === 63) && (i + 1 === end || text.charCodeAt(i + 1) === 32);
}

/**
 * The bound of one line where a closed bracket gives its level back and a comma inside brackets
 * starts a sibling: a one-line JSON object of many small ones (an EndpointSlice's hundred
 * endpoints) is as deep as its deepest entry, not as its count of brackets.
 */
function lineDepth(text: string, from: number, end: number, indent: number, flowBefore: number): number {
  let flow = flowBefore;
  let bound = indent + flow;
  // Where the entries of the innermost open level start: a comma comes back to it.
  let base = bound;
  let most = bound;
  // Per bracket opened on this line: the bound before it and its level's base.
  const opened: number[] = [];
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      flow++;
      opened.push(bound, base);
      base = ++bound;
      most = Math.max(most, bound);
    } else if (c === 93 || c === 125) {
      flow = Math.max(0, flow - 1);
      if (opened.length > 0) {
        base = opened.pop() as number;
        bound = opened.pop() as number;
      } else {
        // A bracket opened on an earlier line: its level was counted in the line's start.
        bound = Math.max(0, bound - 1);
        base = Math.min(base, bound);
      }
    } else if (c === 44 && flow > 0) bound = base;
    else if (isIndicator(text, c, i, end)) most = Math.max(most, ++bound);
  }
  return most;
}

const scalars = new Map<string, unknown>();
let implicitTags: { default?: boolean | 'key'; test?: RegExp }[] | null = null;

/**
 * What the YAML reader makes of one plain scalar on its own. A scalar no implicit tag of the
 * reader's schema claims is a string (as the reader decides it: the first default tag whose
 * test matches, else the string tag); the others (numbers, booleans, null...) are composed by
 * the reader itself, and kept: manifests repeat them.
 */
export function plainScalar(text: string): unknown {
  implicitTags ??= new Document(null, { version: '1.1', customTags: goYamlTags }).schema.tags.filter((t) => t.default === true && t.test);
  if (!implicitTags.some((t) => t.test?.test(text))) return text;
  if (scalars.has(text)) return scalars.get(text);
  const doc = parseDocument(text, { version: '1.1', customTags: goYamlTags, uniqueKeys: false });
  const value = doc.errors.length === 0 && doc.warnings.length === 0 && isScalar(doc.contents) ? doc.toJS() as unknown : undefined;
  if (scalars.size > 100_000) scalars.clear();
  scalars.set(text, value);
  return value;
}

/** A `---` document marker: then a blank, a line's end or the text's. */
const MARKER = '---(?=[ \\t\\r\\n]|$)';
const MARKER_AT = new RegExp(MARKER, 'y');

/** The text cut before each `---` line: a document starts at each. */
function chunks(text: string): { text: string; firstLine: number }[] {
  const out: { text: string; firstLine: number }[] = [];
  const re = new RegExp(`^${MARKER}`, 'gm');
  let from = 0;
  let line = 1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index === 0) continue;
    const piece = text.slice(from, m.index);
    out.push({ text: piece, firstLine: line });
    line += piece.split('\n').length - 1;
    from = m.index;
  }
  out.push({ text: text.slice(from), firstLine: line });
  return out;
}

/**
 * `keep`: a List's items and the documents it refuses may be left out (LEFT_OUT) where the JSON or
 * block reader can skip them. `asWritten`: the text as written, when `text` is without the blanks
 * that start its lines (the same lines, the same JSON): read by the JSON reader, and by the
 * others as written.
 */
export function parseDocuments(source: string, text: string, keep?: Keep, asWritten?: () => string): Parsed {
  // A CRLF line break is a line break to YAML (its scalars hold it as LF, as they do in
  // kubectl's reader) and white space to JSON: read as LF, so a file saved with Windows line
  // ends takes the fast paths too (they leave every CR to the YAML reader: ten times slower).
  // Lines are counted the same.
  if (text.includes('\r\n')) text = text.split('\r\n').join('\n');
  // JSON that YAML would read alike: read by JSON.parse (which does not recurse), a document whose
  // brackets nest deeper than MAX_DEPTH refused as the YAML reader would refuse it. Else, unless a
  // line nests too deep, plain block YAML is read by the fast path; anything neither can vouch
  // for goes to the YAML reader.
  const json = parseJsonDocuments(text, keep, undefined, MAX_DEPTH);
  if (json) return fromFastPath(source, text, json);
  if (asWritten) {
    text = asWritten();
    if (text.includes('\r\n')) text = text.split('\r\n').join('\n');
  }
  // The block reader bounds its own depth (MAX_BLOCK_DEPTH): the YAML reader's texts are
  // bounded before it reads them (readAlone, parseCarefully), the pieces nested too deep refused.
  const block = parseBlockDocuments(text, plainScalar, MAX_ENTRIES, keep, undefined, readAlone);
  return block ? fromFastPath(source, text, block) : parseCarefully(source, text);
}

/** The YAML reader over a whole text, within bounds: the pieces with a line nested too deep are refused. */
function parseCarefully(source: string, text: string): Parsed {
  const deep = deepLines(text);
  return deep.length > 0 ? parsePieces(source, text, deep) : parseBounded(source, text).parsed;
}

function fromFastPath(source: string, text: string, fast: (JsonDocument | BlockDocument)[]): Parsed {
  // Field lines are only wanted for a problem: then the YAML reader reads that document's text
  // alone, for positions (the whole text once, should the document not be found alone).
  const starts = new Map(fast.map((d) => [d.document, d.line]));
  const pieces = new Map<number, Parsed>();
  let whole: Map<number, Parsed> | null = null;
  let lines: number[] | null = null;
  const readPiece = (document: number): Parsed => {
    let parsed = pieces.get(document);
    if (!parsed) {
      const line = starts.get(document);
      lines ??= lineStarts(text);
      const at = line === undefined ? undefined : lines[line - 1];
      parsed = (line !== undefined && at !== undefined ? documentAlone(source, text, document, line, at) : null) ?? wholeOne(document);
      pieces.set(document, parsed);
    }
    return parsed;
  };
  const wholeOne = (document: number): Parsed => {
    if (!whole) {
      const all = parseCarefully(source, text);
      whole = new Map();
      for (const d of all.documents) whole.set(d.document, { documents: [d], problems: [] });
      for (const p of all.problems) {
        const at = whole.get(p.document) ?? { documents: [], problems: [] };
        at.problems.push(p);
        whole.set(p.document, at);
      }
    }
    return whole.get(document) ?? { documents: [], problems: [] };
  };
  const read = (document: number): RawDocument | undefined => readPiece(document).documents[0];
  const located: Lines = { lineOf: (document, path) => read(document)?.lineOf?.(path) ?? null };
  // A document (or a List's item) left for later that the fast reader cannot vouch for after
  // all is the YAML reader's (a document that reader refuses is left out, its problems told).
  const asRead = (v: unknown, document: number): LaterRead => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return { value: v as Record<string, unknown>, unshared: false };
    return { problems: readPiece(document).problems };
  };
  const documents: RawDocument[] = [];
  for (const d of fast) {
    if (d.value === null) continue;
    const document = d.document;
    if (d.value instanceof Later) d.value.fallback = () => asRead(read(document)?.value, document);
    else {
      itemsOf(d.value)?.forEach((item, i) => {
        if (item instanceof Later) item.fallback = () => asRead(itemsOf(read(document)?.value)?.[i], document);
      });
    }
    documents.push(new FastDocument(source, d.document, d.line, d.value, d.itemLines, !('shared' in d && d.shared), located));
  }
  return { documents, problems: [] };
}

/** Whether a `---` document marker (as chunks cuts at) starts at `at`, the start of a line. */
function markerAt(text: string, at: number): boolean {
  MARKER_AT.lastIndex = at;
  return MARKER_AT.test(text);
}

/**
 * One document of a text read by the YAML reader alone, as the whole text's reading would give it
 * (its lines and problems those of the whole text, numbered as `document`): the text from the
 * `---` line before its first line to the one after it. Null when that text does not hold
 * exactly one document starting on that line (`...` ends, say): the whole text must be read.
 */
function documentAlone(source: string, text: string, document: number, line: number, at: number): Parsed | null {
  let from = 0;
  for (let i = at > 0 ? text.lastIndexOf('\n---', at - 1) : -1; i >= 0; i = i > 0 ? text.lastIndexOf('\n---', i - 1) : -1) {
    if (markerAt(text, i + 1)) {
      from = i + 1;
      break;
    }
  }
  let fromLine = line;
  for (let i = text.indexOf('\n', from); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) fromLine--;
  let to = text.indexOf('\n---', at);
  while (to >= 0 && !markerAt(text, to + 1)) to = text.indexOf('\n---', to + 1);
  const shift = fromLine - 1;
  const { documents, problems } = parseCarefully(source, text.slice(from, to < 0 ? text.length : to + 1));
  const counted = new Set([...documents.map((d) => d.document), ...problems.map((p) => p.document)]);
  const [d] = documents;
  if (counted.size !== 1 || documents.length > 1 || (d !== undefined && (d.line ?? 0) + shift !== line)) return null;
  return {
    documents: d === undefined ? [] : [{
      ...d, document, line, itemLines: d.itemLines?.map((l) => (l === null ? null : l + shift)) ?? null,
      lineOf: (path) => { const l = d.lineOf?.(path) ?? null; return l === null ? null : l + shift; },
    }],
    problems: problems.map((p) => ({ ...p, document, line: p.line === null ? null : p.line + shift })),
  };
}

/** Where each line of a text starts (line n at index n - 1). */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** The items of a document that has them (a List's), else null. */
function itemsOf(v: unknown): unknown[] | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const items = (v as { items?: unknown }).items;
  return Array.isArray(items) ? items : null;
}

interface Lines {
  lineOf(document: number, path: FieldPath): number | null;
}

/** A document a fast path read: its field lines asked of the YAML reader only when wanted (one object a document, no closure each). */
class FastDocument implements RawDocument {
  readonly source: string;
  readonly document: number;
  readonly line: number;
  readonly value: unknown;
  readonly itemLines: (number | null)[] | null;
  readonly unshared: boolean;
  private readonly lines: Lines;

  constructor(source: string, document: number, line: number, value: unknown, itemLines: (number | null)[] | null, unshared: boolean, lines: Lines) {
    this.source = source;
    this.document = document;
    this.line = line;
    this.value = value;
    this.itemLines = itemLines;
    this.unshared = unshared;
    this.lines = lines;
  }

  lineOf(path: FieldPath): number | null {
    return this.lines.lineOf(this.document, path) ?? this.line;
  }
}

/** Rare: the text parsed piece by piece, the pieces with a line nested too deep refused. */
function parsePieces(source: string, text: string, deep: number[]): Parsed {
  const documents: RawDocument[] = [];
  const problems: InputProblem[] = [];
  let before = 0;
  for (const c of chunks(text)) {
    const last = c.firstLine + c.text.split('\n').length - 1;
    const tooDeep = deep.find((l) => l >= c.firstLine && l < last + (c.text.endsWith('\n') ? 0 : 1));
    if (tooDeep !== undefined) {
      before++;
      problems.push(problem(source, before, tooDeep, `YAML: nested deeper than ${MAX_DEPTH} levels`, 'this tool does not read documents this large or deep; split or flatten it'));
      continue;
    }
    const shift = c.firstLine - 1;
    const { parsed, count } = parseBounded(source, c.text);
    for (const d of parsed.documents) {
      const lineOf = d.lineOf;
      documents.push({
        ...d, document: d.document + before, line: d.line === null ? null : d.line + shift, itemLines: d.itemLines?.map((l) => (l === null ? null : l + shift)) ?? null,
        lineOf: (path) => { const l = lineOf?.(path) ?? null; return l === null ? null : l + shift; },
      });
    }
    for (const p of parsed.problems) problems.push({ ...p, document: p.document + before, line: p.line === null ? null : p.line + shift });
    before += count;
  }
  return { documents, problems };
}

/**
 * The YAML reader on one document's (or List item's) text alone, for the block fast path
 * (AloneReader): null unless it is exactly one document without a problem, every item of its
 * `items` with a line.
 */
export const readAlone: AloneReader = (text) => {
  if (deepLines(text).length > 0) return null;
  const { parsed, count } = parseBounded('', text);
  const d = parsed.documents[0];
  if (count !== 1 || parsed.problems.length > 0 || !d || d.line === null || d.itemLines?.some((l) => l === null)) return null;
  return { value: d.value, line: d.line, itemLines: d.itemLines as number[] | null };
};

/** The YAML reader alone, without the fast paths (for tests that compare them). */
export function parseYaml(source: string, text: string): Parsed {
  return parseBounded(source, text).parsed;
}

function parseBounded(source: string, text: string): { parsed: Parsed; count: number } {
  const lineCounter = new LineCounter();
  const composer = new Composer({ version: '1.1', customTags: goYamlTags, uniqueKeys: false });
  const documents: RawDocument[] = [];
  const problems: InputProblem[] = [];
  // Documents are numbered by their CST token (empty ones count); the composer emits one per kept token.
  const numberAt = new Map<number, number>();
  let count = 0;
  const composed: Document.Parsed[] = [];
  let skipDocEnd = false;
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
    if (token.type === 'document') {
      count++;
      const bound = checkBounds(token);
      if (bound) {
        problems.push(problem(source, count, lineCounter.linePos(bound.offset).line, `YAML: ${bound.message}`, 'this tool does not read documents this large or deep; split or flatten it'));
        skipDocEnd = true;
        continue;
      }
      numberAt.set(token.offset, count);
      skipDocEnd = false;
    } else if (token.type === 'doc-end' && skipDocEnd) {
      skipDocEnd = false;
      continue;
    }
    composed.push(...composer.next(token));
  }
  composed.push(...composer.end(false, text.length));
  let index = 0;
  for (const doc of composed) {
    index = numberAt.get(doc.range[0]) ?? index + 1;
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const line = lineCounter.linePos(start).line;
    const [error] = doc.errors;
    if (error) {
      const at = error.pos?.[0] === undefined ? line : lineCounter.linePos(error.pos[0]).line;
      problems.push(problem(source, index, at, `YAML syntax: ${firstLine(error.message)}`, HINTS[error.code] ?? null));
      continue;
    }
    const dup = duplicateKey(doc);
    if (dup) {
      problems.push(problem(source, index, lineCounter.linePos(dup.offset).line, `YAML syntax: the key ${JSON.stringify(dup.key)} appears twice in one mapping`, HINTS.DUPLICATE_KEY ?? null));
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      problems.push(problem(source, index, line, `YAML: ${e instanceof Error ? firstLine(e.message) : String(e)}`));
      continue;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push(problem(source, index, line, `not a Kubernetes object: the document is ${describeValue(value)}`, 'each document must be a mapping with apiVersion, kind and metadata'));
      continue;
    }
    let itemLines: (number | null)[] | null = null;
    if (isMap(doc.contents)) {
      const items = doc.contents.get('items', true);
      if (isSeq(items)) itemLines = items.items.map((n) => (n && typeof n === 'object' && 'range' in n && Array.isArray(n.range) ? lineCounter.linePos(n.range[0] as number).line : null));
    }
    documents.push({ source, document: index, line, value, itemLines, lineOf: locator(doc, lineCounter, line) });
  }
  return { parsed: { documents, problems }, count };
}
