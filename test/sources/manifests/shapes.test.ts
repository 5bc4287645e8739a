// Wrong-typed, out-of-range and malformed fields: the object is reported with file, document,
// line and field path and not loaded; every valid document is still analysed; exit 2, never 4.
// Too deep or too large documents get one clear line, and the rest still loads.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../golden/harness.ts';
import { WEB_SERVICE, webDeployment, withFiles } from '../../kit.ts';
import { checkFieldShapes } from '../../../src/sources/manifests/shapes.ts';
import { parseDocuments, parseYaml, MAX_DEPTH } from '../../../src/sources/manifests/parse.ts';
import { MAX_BLOCK_DEPTH } from '../../../src/sources/manifests/parse-block-yaml.ts';
import { MAX_FLOW_DEPTH } from '../../../src/sources/manifests/parse-flow-yaml.ts';

const VALID = `${WEB_SERVICE}---\n${webDeployment({ probe: false })}`;

const pod = (extra: string, spec = '  containers: [{name: a, image: x}]') => `apiVersion: v1\nkind: Pod\nmetadata: {name: bad, labels: {app: web}}\nspec:\n${spec}\n${extra}`;
const deploy = (spec: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bad}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx}]\n${spec}`;

// [what, document, line of the field in the bad document, the field path and words the line must carry]
const CASES: [string, string, number, RegExp][] = [
  ['containers of the wrong types', pod('', '  containers: [5, "x", null]'), 5, /spec\.containers\[0\]: 5 is an integer, not a mapping/],
  ['EndpointSlice ports: 5', 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: bad, labels: {kubernetes.io/service-name: web}}\naddressType: IPv4\nendpoints: []\nports: 5\n', 6, /ports: 5 is an integer, not a sequence/],
  ['spec.nodeName: 5', pod('', '  nodeName: 5\n  containers: [{name: a}]'), 5, /spec\.nodeName: 5 is an integer, not a string/],
  ['ownerReferences: "me"', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\n  ownerReferences: "me"\nspec:\n  containers: [{name: a}]\n', 5, /metadata\.ownerReferences: "me" is a string, not a sequence/],
  ['status.conditions: "x"', pod('status:\n  conditions: "x"\n'), 7, /status\.conditions: "x" is a string, not a sequence/],
  ['replicas: "three"', deploy('  replicas: "three"\n'), 10, /spec\.replicas: "three" is a string, not an integer/],
  ['replicas: -1', deploy('  replicas: -1\n'), 10, /spec\.replicas: -1 is out of range/],
  ['replicas: 1.5', deploy('  replicas: 1.5\n'), 10, /spec\.replicas: 1\.5 is a number with a fraction, not an integer/],
  ['container ports: [8080]', pod('', '  containers:\n  - name: a\n    ports: [8080]'), 7, /spec\.containers\[0\]\.ports\[0\]: 8080 is an integer, not a mapping/],
  ['targetPort: {b: 2}', 'apiVersion: v1\nkind: Service\nmetadata: {name: bad}\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    targetPort: {b: 2}\n', 8, /spec\.ports\[0\]\.targetPort: it is a mapping, not a port number or name/],
  ['port 70000', 'apiVersion: v1\nkind: Service\nmetadata: {name: bad}\nspec:\n  ports:\n  - port: 70000\n', 6, /spec\.ports\[0\]\.port: 70000 is out of range: a port number must be between 1 and 65535/],
  ['containerPort 0', pod('', '  containers:\n  - name: a\n    ports:\n    - containerPort: 0'), 8, /containerPort: 0 is out of range/],
  ['a selector key that is a number', deploy('').replace('{matchLabels: {app: web}}', '{matchExpressions: [{key: 5, operator: In, values: [web]}]}'), 5, /spec\.selector\.matchExpressions\[0\]\.key: 5 is an integer, not a string/],
  ['clusterIP 10.0.0.300', 'apiVersion: v1\nkind: Service\nmetadata: {name: bad}\nspec:\n  clusterIP: 10.0.0.300\n', 5, /spec\.clusterIP: "10\.0\.0\.300" is not a valid IP address/],
  ['podIP banana', pod('status:\n  podIP: banana\n'), 7, /status\.podIP: "banana" is not a valid IP address/],
  ['an IPv6 address in an IPv4 slice', 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: bad}\naddressType: IPv4\nendpoints:\n- addresses: ["fd00::1"]\n', 6, /endpoints\[0\]\.addresses\[0\]: "fd00::1" is not a valid IPv4 address/],
  ['ipBlock cidr without a prefix', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.1}\n', 8, /ipBlock\.cidr: "10\.0\.0\.1" is not a valid CIDR/],
  ['a numeric string targetPort', 'apiVersion: v1\nkind: Service\nmetadata: {name: bad}\nspec:\n  ports:\n  - port: 80\n    targetPort: "8080"\n', 7, /targetPort: "8080" is not a valid port name/],
  ['maxSurge "lots"', deploy('  strategy: {rollingUpdate: {maxSurge: lots}}\n'), 10, /maxSurge: "lots" must be a non-negative integer or a percentage/],
  ['publishNotReadyAddresses "yes please"', 'apiVersion: v1\nkind: Service\nmetadata: {name: bad}\nspec:\n  publishNotReadyAddresses: "yes please"\n', 5, /publishNotReadyAddresses: "yes please" is a string, not a boolean/],
  ['an Ingress path without a backend', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: bad}\nspec:\n  rules:\n  - http:\n      paths:\n      - {path: /, pathType: Prefix}\n', 8, /spec\.rules\[0\]\.http\.paths\[0\]\.backend: Required value/],
  ['a container without a name', pod('', '  containers: [{image: x}]'), 5, /spec\.containers\[0\]\.name: Required value/],
];


for (const [what, doc, line, pattern] of CASES) {
  test(`${what}: reported with file, document, line and field path; skipped; the rest analysed; exit 2`, async () => {
    await withFiles({ 'a.yaml': VALID, 'b.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${doc}` }, async (dir) => {
      const out = await runCli(['-f', join(dir, 'a.yaml'), '-f', join(dir, 'b.yaml'), '-o', 'json', 'svc/web']);
      assert.equal(out.code, 2, out.stderr);
      const lines = out.stderr.trimEnd().split('\n');
      assert.ok(lines.every((l) => l.startsWith('whoselects: ')), out.stderr);
      const first = lines[0] ?? '';
      assert.match(first, new RegExp(`b\\.yaml document 2 line ${line + 4}: \\w+ bad not loaded: `), out.stderr);
      assert.match(first, pattern);
      const report = JSON.parse(out.stdout) as { selection: { ref: { name: string } }[] };
      assert.deepEqual(report.selection.map((s) => s.ref.name), ['web-(deployment-template)'], 'the valid Deployment is analysed, the bad object is not');
    });
  });
}

test('a valid object of every shape the checker knows passes it', () => {
  assert.deepEqual(checkFieldShapes('Service', { spec: { ports: [{ port: 80, targetPort: 0 }, { port: 81, targetPort: '' }, { port: 82, targetPort: 'http' }], clusterIP: 'None', clusterIPs: ['None'] } }), []);
  assert.deepEqual(checkFieldShapes('Pod', { spec: { containers: [{ name: 'a', ports: [{ name: 'http-2', containerPort: 1 }] }], nodeName: null }, status: { podIP: '010.1.2.3', podIPs: [{ ip: 'fd00::1' }] } }), []);
  assert.deepEqual(checkFieldShapes('Deployment', { spec: { replicas: 0, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } } }), []);
  assert.deepEqual(checkFieldShapes('NetworkPolicy', { spec: { ingress: [{ from: [{ ipBlock: { cidr: 'fd00::/8', except: ['10.0.0.0/8'] } }], ports: [{ port: 'dns' }, { port: 53, endPort: 60 }] }] } }), []);
  // Leading zeros, as the API server's sloppy parsers read them: in an address's groups and in a prefix length.
  assert.deepEqual(checkFieldShapes('NetworkPolicy', { spec: { ingress: [{ from: [{ ipBlock: { cidr: '0010.0.0.0/0008', except: ['::ffff:10.0.0.0/0104'] } }] }] } }), []);
  assert.equal(checkFieldShapes('NetworkPolicy', { spec: { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/033' } }] }] } }).length, 1);
});

test(`nesting deeper than ${MAX_DEPTH} levels: one clear problem with its line, the other documents still parse`, () => {
  const deepMap = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + '\n';
  const deepSeq = `${'- '.repeat(4000)}x\n`;
  const deepFlow = `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
  for (const deep of [deepMap, deepSeq, deepFlow]) {
    const { documents, problems } = parseDocuments('d.yaml', `kind: A\n---\n${deep}---\nkind: C\n`);
    assert.deepEqual(documents.map((d) => [d.document, (d.value as { kind: string }).kind]), [[1, 'A'], [3, 'C']]);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.document, 2);
    assert.ok((problems[0]?.line ?? 0) >= 3, `line ${problems[0]?.line}`);
    assert.match(problems[0]?.message ?? '', new RegExp(`nested deeper than ${MAX_DEPTH} levels`));
  }
});

test('block YAML nested past the block reader\'s bound but within the YAML reader\'s is read by the YAML reader, alike', () => {
  assert.ok(MAX_BLOCK_DEPTH + MAX_FLOW_DEPTH <= MAX_DEPTH, 'what the fast readers take is within the YAML reader\'s bound');
  const levels = MAX_BLOCK_DEPTH + 20;
  const deep = `${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n`;
  const text = `kind: A\n---\n${deep}---\nkind: C\n`;
  const { documents, problems } = parseDocuments('d.yaml', text);
  assert.deepEqual(problems, []);
  assert.deepEqual(documents.map((d) => d.value), parseYaml('d.yaml', text).documents.map((d) => d.value));
  let v = documents[1]?.value as Record<string, unknown>;
  for (let i = 0; i < levels - 1; i++) v = v[`k${i}`] as Record<string, unknown>;
  assert.equal(v[`k${levels - 1}`], 'x');
});

test('a line of many shallow entries is as deep as its deepest one, not as its count of brackets', () => {
  // One-line JSON as `jq -c` writes it: an EndpointSlice with 300 endpoints opens over 1,000 brackets on its line.
  const endpoints = Array.from({ length: 300 }, (_, i) => ({ addresses: [`10.0.${i >> 8}.${i & 255}`], conditions: { ready: true }, targetRef: { kind: 'Pod', name: `p${i}` } }));
  const slice = JSON.stringify({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 's', namespace: 'n' }, addressType: 'IPv4', endpoints });
  // Flow YAML with spaces after its colons: 1,000 `key: ` indicators on one line, all siblings.
  const flow = `kind: ConfigMap\ndata: {${Array.from({ length: 1000 }, (_, i) => `k${i}: v${i}`).join(', ')}}`;
  const { documents, problems } = parseDocuments('wide.yaml', `${slice}\n---\n${flow}\n`);
  assert.deepEqual(problems, []);
  assert.equal((documents[0]?.value as { endpoints: unknown[] }).endpoints.length, 300);
  assert.equal(Object.keys((documents[1]?.value as { data: object }).data).length, 1000);
  // Commas do not hide real depth: 300 levels with a sibling at each are still refused.
  const nested = `a: ${'[1, '.repeat(300)}${']'.repeat(300)}\n`;
  assert.match(parseDocuments('n.yaml', nested).problems[0]?.message ?? '', new RegExp(`nested deeper than ${MAX_DEPTH} levels`));
});

test('JSON nests by its brackets alone: indented deep but within the bound it is read, nested past it it is refused', () => {
  const nest = (levels: number): unknown => (levels === 0 ? 'x' : { k: nest(levels - 1) });
  // 200 levels written with `JSON.stringify(v, null, 2)`: its deepest lines are indented 400 columns.
  const indented = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: nest(200) }, null, 2);
  const read = parseDocuments('i.json', `${indented}\n---\n{"kind":"B"}\n`);
  assert.deepEqual(read.problems, []);
  assert.deepEqual(read.documents.map((d) => (d.value as { kind: string }).kind), ['ConfigMap', 'B']);
  const tooDeep = parseDocuments('d.json', `{"kind":"A"}\n---\n${JSON.stringify({ kind: 'C', data: nest(MAX_DEPTH + 5) })}\n---\n{"kind":"B"}\n`);
  assert.deepEqual(tooDeep.documents.map((d) => (d.value as { kind: string }).kind), ['A', 'B']);
  assert.equal(tooDeep.problems.length, 1);
  assert.match(tooDeep.problems[0]?.message ?? '', new RegExp(`nested deeper than ${MAX_DEPTH} levels`));
});

test('deep and huge documents through the CLI: exit 2 with one line each, never 4, the valid ones analysed', async () => {
  const deep = `${'- '.repeat(4000)}x\n`;
  const keys = Array.from({ length: 50_000 }, (_, i) => `  key${i}: value${i}`).join('\n');
  await withFiles({ 'a.yaml': VALID, 'deep.yaml': deep, 'big.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${keys}\n` }, async (dir) => {
    const out = await runCli(['-f', dir, 'svc/web']);
    assert.equal(out.code, 2, out.stderr);
    assert.deepEqual(out.stderr.trimEnd().split('\n').map((l) => l.replace(/ document \d+ line \d+:/, ':')), [`whoselects: ${join(dir, 'deep.yaml')}: YAML: nested deeper than ${MAX_DEPTH} levels — this tool does not read documents this large or deep; split or flatten it`]);
    assert.match(out.stdout, /SELECTS 1 pod/);
  });
});

test('duplicate keys among 50,000 are still found, with their line', () => {
  const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: v`);
  keys.push('k17: again');
  const { problems } = parseDocuments('d.yaml', `${keys.join('\n')}\n`);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.line, 50_001);
  assert.match(problems[0]?.message ?? '', /"k17" appears twice/);
});

// Objects written only with fields the checker names: changing any one of their values to one of
// the wrong type must be reported, at that field's path, and nothing else.
const NAMED_ONLY: [Parameters<typeof checkFieldShapes>[0], Record<string, unknown>][] = [
  ['EndpointSlice', {
    metadata: { name: 's', namespace: 'n', labels: { 'kubernetes.io/service-name': 'web' }, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'u', controller: true }] },
    addressType: 'IPv4',
    endpoints: [
      { addresses: ['10.0.0.1'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'n1', zone: 'z', targetRef: { kind: 'Pod', name: 'p', namespace: 'n', uid: 'u1' } },
      { addresses: ['10.0.0.2'], conditions: { ready: false }, hostname: 'h', hints: { forZones: [{ name: 'z' }], forNodes: [{ name: 'n1' }] } },
    ],
    ports: [{ name: 'http', port: 80, protocol: 'TCP', appProtocol: 'http' }],
  }],
  ['Pod', {
    metadata: { name: 'p', generateName: 'p-', uid: 'u', generation: 1, creationTimestamp: 't', deletionGracePeriodSeconds: 30, annotations: { a: 'b' } },
    spec: {
      nodeName: 'n1', hostNetwork: false, terminationGracePeriodSeconds: 30, readinessGates: [{ conditionType: 'x' }],
      containers: [{ name: 'a', image: 'i', ports: [{ name: 'http', containerPort: 80, hostPort: 0, protocol: 'TCP', hostIP: '1.2.3.4' }], readinessProbe: { periodSeconds: 1, failureThreshold: 3 }, lifecycle: { preStop: { exec: { command: ['sh'] }, sleep: { seconds: 1 } } } }],
    },
    status: { phase: 'Running', podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }], conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'a', ready: true, restartCount: 0, started: true }] },
  }],
  ['Service', {
    metadata: { name: 'web' },
    spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 0 }], clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], externalIPs: ['1.2.3.4'], publishNotReadyAddresses: false, sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } },
    status: { loadBalancer: { ingress: [{ ip: '1.2.3.5', hostname: 'h' }] } },
  }],
  ['Deployment', {
    metadata: { name: 'd' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, minReadySeconds: 0, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web' }] } } },
    status: { replicas: 2, readyReplicas: 2, updatedReplicas: 2 },
  }],
  ['NetworkPolicy', {
    metadata: { name: 'np' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, namespaceSelector: { matchLabels: { a: 'b' } } }], ports: [{ protocol: 'TCP', port: 80, endPort: 90 }] }] },
  }],
  ['Ingress', {
    metadata: { name: 'i' },
    spec: { ingressClassName: 'c', rules: [{ host: 'h', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
  }],
];

function leaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => [[...path, k], ...leaves(x, [...path, k])]);
  return [];
}

/** A value no field of v's kind takes (a sequence for a scalar, whether string, number, port or IP). */
function wrongFor(v: unknown): unknown {
  if (Array.isArray(v)) return 'x';
  return typeof v === 'object' && v !== null ? 7 : [true];
}

test('any one field of the wrong type is found at its path, in objects of every kind, each alone and the object otherwise valid', () => {
  let checked = 0;
  for (const [kind, valid] of NAMED_ONLY) {
    assert.deepEqual(checkFieldShapes(kind, structuredClone(valid)), [], `${kind} as written is valid`);
    for (const path of leaves(valid)) {
      const copy = structuredClone(valid);
      let parent: Record<string | number, unknown> = copy;
      for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
      const last = path[path.length - 1] as string | number;
      parent[last] = wrongFor(parent[last]);
      const problems = checkFieldShapes(kind, copy);
      assert.equal(problems.length, 1, `${kind} ${path.join('.')}: ${JSON.stringify(problems)}`);
      assert.deepEqual(problems[0]?.path, path, `${kind} ${path.join('.')}`);
      checked++;
    }
  }
  assert.ok(checked > 100, `${checked} fields`);
});

test('nulls in a sequence are its element type\'s zero value, written in place, whether the object is valid or not', () => {
  const ok = { metadata: { name: 's' }, addressType: 'IPv4', endpoints: [null, { addresses: ['10.0.0.1', null] }], ports: [null] };
  const problems = checkFieldShapes('EndpointSlice', ok);
  // A null endpoint becomes {} (no addresses: Required), a null address "".
  assert.deepEqual(problems.map((p) => p.path), [['endpoints', 0, 'addresses']]);
  assert.deepEqual(ok.endpoints, [{}, { addresses: ['10.0.0.1', ''] }]);
  assert.deepEqual(ok.ports, [{}]);
});
