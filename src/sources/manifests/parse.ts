// Text -> documents. YAML is read as kubectl reads it: sigs.k8s.io/yaml decodes with
// go-yaml v2, i.e. YAML 1.1 scalars (yes/no/on/off are booleans, 0755 is octal), but
// timestamps stay strings. JSON is YAML, so it takes the same path. Empty documents
// are skipped (cli-runtime pkg/resource/visitor.go: StreamVisitor.Visit skips empty
// and "null" documents).

import { isMap, isSeq, LineCounter, parseAllDocuments, type Tags } from 'yaml';
import { parseJsonDocuments } from './parse-json.ts';
import { problem, type InputProblem } from './problem.ts';

export interface RawDocument {
  source: string;
  /** 1-based position of the YAML document in its source (empty documents count). */
  document: number;
  line: number | null;
  value: unknown;
  /** For a mapping with an `items` sequence: the line of each item. */
  itemLines: (number | null)[] | null;
}

export interface Parsed {
  documents: RawDocument[];
  problems: InputProblem[];
}

function goYamlTags(tags: Tags): Tags {
  // go-yaml v2 resolves neither timestamps nor sexagesimal (1:20) numbers when decoding to JSON.
  return tags.filter((t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME'));
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

export function parseDocuments(source: string, text: string): Parsed {
  const json = parseJsonDocuments(text);
  if (json) {
    return { documents: json.flatMap((d) => (d.value === null ? [] : [{ source, document: d.document, line: d.line, value: d.value, itemLines: d.itemLines }])), problems: [] };
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, version: '1.1', customTags: goYamlTags });
  const documents: RawDocument[] = [];
  const problems: InputProblem[] = [];
  let index = 0;
  for (const doc of docs) {
    index++;
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const line = lineCounter.linePos(start).line;
    const [error] = doc.errors;
    if (error) {
      const at = error.linePos?.[0]?.line ?? line;
      problems.push(problem(source, index, at, `YAML syntax: ${firstLine(error.message)}`, HINTS[error.code] ?? null));
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
    documents.push({ source, document: index, line, value, itemLines });
  }
  return { documents, problems };
}
