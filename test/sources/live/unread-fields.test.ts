// The pod fields a protobuf page leaves out must stay unread: no rule, view, renderer or TUI
// panel may name one of them. Two names are used for something else (a TUI column's priority,
// a Service's session affinity in the traffic panel) and `env` is also the environment (deps.env,
// process.env): those lines are the only exceptions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder, ROOT as root } from '../../architecture/graph.ts';
import { UNREAD_FIELD_NAMES, UNREAD_FIELDS } from '../../../src/sources/live/unread-fields.ts';
import { PROTO_MESSAGES } from '../../../src/sources/live/proto-schema.ts';

/** Lines known to name one of the fields for another object (file null: in any file). */
const OTHER_OBJECTS: { file: string | null; field: string; line: RegExp }[] = [
  { file: null, field: 'env', line: /\b(deps|process)\.env\b/ },
  { file: 'src/tui/columns.ts', field: 'priority', line: /c\.priority > \(cols\[drop\]\?\.priority/ },
  { file: 'src/tui/panels/traffic.ts', field: 'affinity', line: /h\.affinity \?\? ''/ },
];

test('every field left unread exists in the schema', () => {
  for (const name of UNREAD_FIELDS) {
    const at = name.lastIndexOf('.');
    const fields = PROTO_MESSAGES[name.slice(0, at)];
    assert.ok(fields?.some(([key]) => key === name.slice(at + 1)), name);
  }
});

test('no part of the program that reads objects names a field left unread', () => {
  const found: string[] = [];
  for (const dir of ['src/core', 'src/render', 'src/tui']) {
    for (const file of filesUnder(join(root, dir))) {
      const rel = file.slice(root.length + 1);
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        for (const field of UNREAD_FIELD_NAMES) {
          if (!new RegExp(`\\.${field}\\b|\\[['"\`]${field}['"\`]\\]`).test(line)) continue;
          if (OTHER_OBJECTS.some((o) => (o.file === null || o.file === rel) && o.field === field && o.line.test(line))) continue;
          found.push(`${rel}:${i + 1}: ${field}`);
        }
      });
    }
  }
  assert.deepEqual(found, []);
});

test('a field the core reads is not in the list (it would be stepped over)', () => {
  // A sample of what the rules depend on: a pod's readiness, ports, probes, owner chain inputs.
  for (const kept of ['containers', 'initContainers', 'nodeName', 'hostname', 'subdomain', 'hostNetwork', 'terminationGracePeriodSeconds', 'readinessGates', 'conditions', 'podIP', 'podIPs', 'phase', 'containerStatuses', 'restartCount', 'ready', 'ports', 'readinessProbe', 'lifecycle', 'restartPolicy', 'image', 'state', 'hostIP', 'startTime']) {
    assert.equal(UNREAD_FIELD_NAMES.has(kept), false, kept);
  }
});
