// Manifests, property-based, through the real CLI in-process: valid objects with one field
// replaced by anything (wrong types, huge, deep, control characters), random bytes, deep
// nesting, duplicate keys, YAML and JSON. Whatever arrives: never an uncaught exception, never
// exit 4, every problem one line on stderr naming the file, and the valid documents beside the
// broken ones are still analysed.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { runCli } from '../golden/harness.ts';
import { assertTerminalSafe } from '../hostile/strings.ts';
import { fuzzParams } from './params.ts';

let dir = '';
let n = 0;
before(() => { dir = mkdtempSync(join(tmpdir(), 'whoselects-fuzz-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

const write = (text: string | Uint8Array, ext = '.yaml') => {
  const file = join(dir, `m${n++}${ext}`);
  writeFileSync(file, text);
  return file;
};

/** The valid part every run carries: the Service the target query asks about, and its Deployment. */
const ANCHOR = `apiVersion: v1
kind: Service
metadata: {name: anchor}
spec:
  selector: {app: anchor}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: anchor}
spec:
  replicas: 2
  selector: {matchLabels: {app: anchor}}
  template:
    metadata: {labels: {app: anchor}}
    spec:
      containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]
`;

const BASES: Record<string, unknown>[] = [
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'fz', labels: { a: 'b' } }, spec: { type: 'NodePort', selector: { app: 'fz' }, ports: [{ name: 'p', port: 80, targetPort: 'http', protocol: 'TCP' }], externalTrafficPolicy: 'Local', publishNotReadyAddresses: false } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'fz' }, spec: { replicas: 3, selector: { matchLabels: { app: 'fz' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } }, template: { metadata: { labels: { app: 'fz', tier: 'a' } }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: { httpGet: { port: 'http' } } }] } } } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fz', labels: { app: 'anchor' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r', uid: 'u', controller: true }] }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] }, status: { phase: 'Running', podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True' }] } },
  { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'fz', labels: { 'kubernetes.io/service-name': 'anchor' } }, addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'fz' } }], ports: [{ name: '', port: 8080 }] },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'fz' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'anchor', port: { number: 80 } } } }] } }] } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'fz' }, spec: { podSelector: { matchLabels: { app: 'anchor' } }, ingress: [{ from: [{ podSelector: {} }] }] } },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'fz' }, spec: { minAvailable: '50%', selector: { matchLabels: { app: 'anchor' } } } },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'fz' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'anchor' }, minReplicas: 1, maxReplicas: 3 } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'fz' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c' }] } } } } } },
  { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'fzl' }, spec: { selector: { app: 'anchor' }, ports: [{ port: 1 }] } }] },
];

/** Every path into a value (objects and arrays), root first. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function replaced(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete o[last];
  else o[last] = value;
  return copy;
}

const deep = (depth: number, seq: boolean): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = seq ? [v] : { k: v };
  return v;
};

/** Depth of the values deep() builds (one child per level). */
function depthOf(v: unknown): number {
  let d = 0;
  for (let x = v; x && typeof x === 'object'; d++) x = Array.isArray(x) ? x[0] : Object.values(x)[0];
  return d;
}

const HOSTILE_STRINGS = ['', ' ', 'three', '-1', '1e309', 'NaN', '0x1F', '08080', '65536', '\u001b]52;c;cHduZWQ=\u0007', 'a\nb', '\u202e', 'x'.repeat(70_000), '[object Object]', '__proto__', 'constructor', '10.0.0.999', '::ffff:1.2.3.4', '25%', '101%', '-25%'];
const weird = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(...HOSTILE_STRINGS, -1, 0, 65536, 2 ** 53, -(2 ** 31), 1.5, true, false, null, undefined, [], {}, [5, 'x', null], { b: 2 }),
  fc.integer({ min: 50, max: 1500 }).chain((d) => fc.boolean().map((seq) => deep(d, seq))),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** A base object with one field replaced (or removed); deep ones are written as JSON (see docText). */
const mutated = fc.tuple(fc.constantFrom(...BASES), fc.nat(), weird).map(([base, i, value]) => {
  const all = paths(base);
  return { doc: replaced(base, all[i % all.length] as (string | number)[], value), deep: depthOf(value) > 40 };
});
const mutatedDoc = mutated.map((m) => m.doc);

/** One document as text: YAML (block or flow), JSON, or raw hostile text. */
const docText = fc.oneof(
  // Deep values as JSON (which is YAML): block style indents every level, so its text grows with
  // the square of the depth, and the YAML writer recurses.
  { weight: 6, arbitrary: mutated.map((m) => (m.deep ? JSON.stringify(m.doc) : stringify(m.doc, { aliasDuplicateObjects: false }) ?? 'null')) },
  { weight: 2, arbitrary: mutatedDoc.map((d) => JSON.stringify(d) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom(
    'kind: Service\nkind: Pod\nmetadata: {name: dup}\n',
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: wide}\ndata:\n${Array.from({ length: 3000 }, (_, i) => `  k${i}: v`).join('\n')}\n`,
    `${'- '.repeat(1200)}x\n`,
    `${Array.from({ length: 1100 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')} x\n`,
    'a: &a [*a]\n', 'a: *nope\n', '\tkind: Pod\n', '{"kind": "Service", "kind": "Pod"}', '%YAML 9.9\n---\nx: 1\n', '\ufeffapiVersion: v1\nkind: Service\nmetadata: {name: bom}\nspec: {ports: [{port: 1}]}\n',
  ) },
);

const file = fc.tuple(fc.array(docText, { minLength: 1, maxLength: 4 }), fc.nat(4)).map(([docs, at]) => {
  const all = [...docs];
  all.splice(at % (all.length + 1), 0, ANCHOR);
  return all.join('\n---\n');
});

/** INPUT: the manifests' text, so that "[object Object]" or "NaN" written in it is not taken for ours. */
function assertOneLineErrors(stderr: string, where: string, input = ''): void {
  for (const line of stderr.split('\n').filter(Boolean)) {
    assert.match(line, /^whoselects: /, `every stderr line is one whole message: ${JSON.stringify(line.slice(0, 300))}`);
    assert.doesNotMatch(line, /^\s+at |TypeError|ReferenceError|RangeError|is not a function|Cannot (read|set|create) propert/, `${where}: ${line.slice(0, 300)}`);
    if (!input.includes('[object Object]')) assert.doesNotMatch(line, /\[object Object\]/, `${where}: ${line.slice(0, 300)}`);
    if (!input.includes('NaN')) assert.doesNotMatch(line, /\bNaN\b/, `${where}: ${line.slice(0, 300)}`);
    assert.ok(line.length < 2_000, `${where}: an error line of ${line.length} characters`);
  }
}

test('random manifests: a target query still answers from the valid documents, never exit 4', async () => {
  await fc.assert(fc.asyncProperty(file, async (text) => {
    const f = write(text);
    const r = await runCli(['-f', f, 'svc/anchor', '-o', 'json', '--fail-on', 'never']);
    assert.ok(r.code === 0 || r.code === 2, `exit ${r.code}: ${r.stderr.slice(-800)}`);
    assertOneLineErrors(r.stderr, 'svc/anchor', text);
    const report = JSON.parse(r.stdout) as { target: { found: boolean }; source: { problems: { message: string }[] } };
    assert.equal(report.target.found, true, 'the valid Service is still analysed');
    assert.equal(r.code === 2, report.source.problems.length > 0, 'exit 2 exactly when a problem is reported');
  }), fuzzParams(120));
});

test('random manifests: check in text and JSON, never exit 4, problems one line each', async () => {
  await fc.assert(fc.asyncProperty(file, fc.constantFrom('text', 'json', 'wide', 'yaml'), async (text, output) => {
    const f = write(text, '.yml');
    const r = await runCli(['-f', f, 'check', '-o', output, '--fail-on', 'never']);
    assert.ok(r.code === 0 || r.code === 2, `exit ${r.code}: ${r.stderr.slice(-800)}`);
    assertOneLineErrors(r.stderr, 'check', text);
    if (output === 'text' || output === 'wide') assertTerminalSafe(r.stdout, `check -o ${output}`);
    assertTerminalSafe(r.stderr, 'stderr');
  }), fuzzParams(80));
});

test('random bytes and JSON files: never exit 4', async () => {
  await fc.assert(fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.jsonValue({ maxDepth: 4 }).map((v) => new TextEncoder().encode(JSON.stringify(v)))), fc.constantFrom('.json', '.yaml'), async (bytes, ext) => {
    const f = write(bytes, ext);
    const r = await runCli(['-f', f, 'check', '-o', 'json', '--fail-on', 'never']);
    assert.ok(r.code === 0 || r.code === 2, `exit ${r.code}: ${r.stderr.slice(-800)}`);
    assertOneLineErrors(r.stderr, 'bytes');
  }), fuzzParams(120));
});

test('names of Object.prototype members as kinds, keys and names never reach a lookup as if they were ours', async () => {
  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    const text = `${ANCHOR}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: hpa}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: ${JSON.stringify(key)}, name: anchor}, minReplicas: 1, maxReplicas: 3}
---
apiVersion: v1
kind: Service
metadata: {name: s2, labels: {${JSON.stringify(key)}: x}}
spec: {selector: {${JSON.stringify(key)}: anchor}, ports: [{port: 1, targetPort: ${JSON.stringify(key)}}]}
---
apiVersion: v1
kind: ${JSON.stringify(key)}
metadata: {name: ${JSON.stringify(key)}}
---
apiVersion: ${JSON.stringify(key)}
kind: HorizontalPodAutoscaler
metadata: {name: h2}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: anchor}, maxReplicas: 1}
---
apiVersion: v1
kind: Pod
metadata:
  name: owned
  labels: {app: anchor}
  ownerReferences: [{apiVersion: v1, kind: ${JSON.stringify(key)}, name: x, uid: u-1, controller: true}]
spec: {containers: [{name: c, image: x}]}
`;
    const f = write(text);
    for (const args of [['check', '-o', 'json'], ['svc/anchor', '-o', 'json'], [`hpa/hpa`], [`${key}/x`], ['svc/s2']]) {
      const r = await runCli(['-f', f, ...args, '--fail-on', 'never']);
      assert.ok(r.code === 0 || r.code === 2, `${key} ${args.join(' ')}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
      assertOneLineErrors(r.stderr, `${key} ${args.join(' ')}`);
    }
  }
});

test('a null element of a sequence is its zero value, as Go decodes it: never a crash', async () => {
  const text = `${ANCHOR}---
apiVersion: v1
kind: Pod
metadata: {name: nulls, labels: {app: anchor}}
spec:
  containers: [{name: c, ports: [null, {containerPort: 8080}]}]
status:
  phase: Running
  conditions: [null, {type: Ready, status: "True"}]
  podIPs: [null]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: s, labels: {kubernetes.io/service-name: anchor}}
addressType: IPv4
endpoints: [null, {addresses: [10.0.0.9], conditions: {ready: true}}]
ports: [null]
`;
  const f = write(text);
  for (const args of [['svc/anchor', '-o', 'json'], ['pod/nulls'], ['check', '-o', 'wide']]) {
    const r = await runCli(['-f', f, ...args, '--fail-on', 'never']);
    assert.ok(r.code === 0 || r.code === 2, `${args.join(' ')}: exit ${r.code}: ${r.stderr.slice(-500)}`);
    assertOneLineErrors(r.stderr, args.join(' '));
  }
});
