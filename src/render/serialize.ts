// Machine-readable output: the report serialised as it is, never through Ink. Both stay
// faithful to the data and safe on a terminal: JSON writes the code points a terminal would act
// on (DEL, C1, bidi, zero-width) as \u escapes; YAML double-quotes every string holding one and
// writes it as a YAML escape, since a YAML stream may not carry them raw.

import { Document, isScalar, visit } from 'yaml';
import { escapeJSONText, isUnsafe, replaceUnsafe, yamlEscape } from './escape.ts';

export function toJSON(value: unknown): string {
  return `${escapeJSONText(JSON.stringify(value, null, 2))}\n`;
}

export function toYAML(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  let quoted = false;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && isUnsafe(node.value)) {
        node.type = 'QUOTE_DOUBLE';
        quoted = true;
      }
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && isUnsafe(pair.key.value)) {
        pair.key.type = 'QUOTE_DOUBLE';
        quoted = true;
      }
    },
  });
  // Never folded: a line break inside a name stays an escape on its own row.
  const text = doc.toString({ lineWidth: 0, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER });
  // Only double-quoted scalars can still hold them raw (the stringifier escapes C0 itself).
  return quoted ? replaceUnsafe(text, (ch) => (ch === '\n' ? ch : yamlEscape(ch))) : text;
}
