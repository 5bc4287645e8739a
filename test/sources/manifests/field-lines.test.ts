// Every problem with a field is reported at that field's own line, not the document's: labels
// and selectors of the wrong type or refused by the API server, required selectors, template
// labels, restart policies, names, metadata. One table, each case loaded with a valid object
// before it, so a line counted from the wrong place shows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../golden/harness.ts';
import { withFiles } from '../../kit.ts';

const deploy = (meta: string, spec: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\n${meta}spec:\n${spec}`;
const template = '  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers: [{name: web, image: nginx}]\n';

// [what, document, the 1-based line of the field at fault within the document, words the line must carry]
const CASES: [string, string, number, RegExp][] = [
  ['a label value that is a number', deploy('  labels:\n    app: web\n    tier: 5\n', `  selector: {matchLabels: {app: web}}\n${template}`), 7, /metadata\.labels\.tier: 5 is a number, not a string/],
  ['an annotation that is a boolean', deploy('  annotations:\n    a: x\n    b: true\n', `  selector: {matchLabels: {app: web}}\n${template}`), 7, /metadata\.annotations\.b: true is a boolean/],
  ['a selector value that is a number', deploy('', `  selector:\n    matchLabels:\n      app: web\n      v: 2\n${template}`), 9, /spec\.selector\.matchLabels\.v: 2 is a number/],
  ['matchExpressions that is a mapping', deploy('', `  selector:\n    matchLabels: {app: web}\n    matchExpressions: {key: app}\n${template}`), 8, /spec\.selector\.matchExpressions: must be a sequence/],
  ['a matchExpressions value that is a number', deploy('', `  selector:\n    matchLabels: {app: web}\n    matchExpressions:\n    - key: v\n      operator: In\n      values:\n      - a\n      - 7\n${template}`), 13, /matchExpressions\[0\]\.values\[1\]: 7 is a number, not a string/],
  ['an invalid label key', deploy('  labels:\n    app: web\n    "bad key": x\n', `  selector: {matchLabels: {app: web}}\n${template}`), 7, /metadata\.labels: .*bad key/],
  ['an invalid label value', deploy('  labels:\n    app: web\n    tier: -front-\n', `  selector: {matchLabels: {app: web}}\n${template}`), 7, /metadata\.labels: .*-front-/],
  ['an invalid selector operator', deploy('', `  selector:\n    matchLabels: {app: web}\n    matchExpressions:\n    - key: app\n      operator: Is\n      values: [web]\n${template}`), 10, /"Is" is not a valid label selector operator/],
  ['an invalid selector value', deploy('', `  selector:\n    matchLabels:\n      app: web\n      tier: "a b"\n${template}`), 9, /spec\.selector: .*a b/],
  ['a selector that does not match the template', deploy('', `  selector:\n    matchLabels: {app: api}\n${template}`), 10, /template\.metadata\.labels: Invalid value: `selector` does not match template `labels`/],
  ['a Job whose pods restart Always', 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: bad\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: x}]\n      restartPolicy: Always\n', 9, /spec\.template\.spec\.restartPolicy: Unsupported value: "Always"/],
  ['a Deployment without a selector', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  replicas: 1\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: a, image: x}]}\n', 5, /spec\.selector: Required value/],
  ['a Service selector value that is a boolean', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  ports: [{port: 80}]\n  selector:\n    app: web\n    on: yes\n', 9, /spec\.selector\.true: true is a boolean/],
  ['containers that is a mapping', deploy('', '  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        name: web\n'), 10, /spec\.template\.spec\.containers: must be a sequence, not a mapping/],
  ['a NetworkPolicy peer selector value that is a number', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: bad\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: 5\n', 11, /spec\.ingress\[0\]\.from\[0\]\.podSelector\.matchLabels\.app: 5 is a number/],
  ['a name that is a number', 'apiVersion: v1\nkind: Service\nmetadata:\n  labels: {a: b}\n  name: 5\nspec:\n  ports: [{port: 80}]\n', 5, /metadata\.name: 5 is a number, not a string/],
  ['metadata that is a sequence', 'apiVersion: v1\nkind: Service\n\nmetadata:\n- name: x\n', 4, /metadata: must be a mapping/],
];

for (const [what, doc, line, pattern] of CASES) {
  test(`${what}: reported at the field's own line`, async () => {
    const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';
    await withFiles({ 'b.yaml': `${first}---\n${doc}` }, async (dir) => {
      const out = await runCli(['-f', join(dir, 'b.yaml'), 'check']);
      assert.equal(out.code, 2, out.stderr);
      const lines = out.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, out.stderr);
      assert.match(lines[0] ?? '', new RegExp(`b\\.yaml document 2 line ${line + 5}: `), out.stderr);
      assert.match(lines[0] ?? '', pattern);
    });
  });
}

test('JSON manifests (read by the fast path) too: a wrong-typed field of a List item at its own line', async () => {
  const list = {
    apiVersion: 'v1', kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ok' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad', labels: { app: 'web' } }, spec: { nodeName: 5, containers: [{ name: 'a', image: 'x' }] } },
    ],
  };
  const text = JSON.stringify(list, null, 2);
  const expected = text.split('\n').findIndex((l) => l.includes('"nodeName": 5')) + 1;
  await withFiles({ 'l.json': text }, async (dir) => {
    const out = await runCli(['-f', join(dir, 'l.json'), 'check']);
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, new RegExp(`l\\.json document 1 line ${expected}: Pod bad not loaded: items\\[1\\]\\.spec\\.nodeName|l\\.json document 1 line ${expected}: Pod bad not loaded: spec\\.nodeName`), out.stderr);
  });
});
