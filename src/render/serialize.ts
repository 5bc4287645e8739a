// Machine-readable output: the report serialised as it is, never through Ink.

import { stringify } from 'yaml';

export function toJSON(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function toYAML(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
