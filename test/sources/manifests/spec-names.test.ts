// Names inside a spec as the API server checks them on create: container names (regular, init,
// ephemeral) are DNS-1123 labels, unique as upstream counts them; port names unique within a
// container; nodeName a DNS-1123 subdomain, hostname and subdomain labels; EndpointSlice node and
// host names. A document failing one is reported at that field's line and not loaded; every
// other document is still analysed; exit 2.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../golden/harness.ts';
import { WEB_SERVICE, webDeployment, withFiles } from '../../kit.ts';
import { checkSpecNames } from '../../../src/sources/manifests/spec-names.ts';

type Loose = Record<string, unknown>;
const c = (name: unknown, extra: Loose = {}): Loose => ({ name, image: 'x', ...extra });
const pod = (spec: Loose): Loose => ({ metadata: { name: 'p' }, spec });
const deployment = (spec: Loose): Loose => ({ metadata: { name: 'd' }, spec: { template: { metadata: {}, spec } } });
const cronJob = (spec: Loose): Loose => ({ metadata: { name: 'j' }, spec: { jobTemplate: { spec: { template: { spec } } } } });
/** "path: message" of each problem, path first. */
const found = (kind: Parameters<typeof checkSpecNames>[0], obj: Loose) => checkSpecNames(kind, obj).map((p) => p.message);

test('valid specs: no problem, on Pods and on every template kind', () => {
  const spec = { nodeName: 'node-1.zone-a', hostname: 'web-0', subdomain: 'web', containers: [c('web', { ports: [{ name: 'http', containerPort: 80 }, { name: 'metrics', containerPort: 9090 }, { containerPort: 81 }, { containerPort: 82 }] }), c('a'.repeat(63))], initContainers: [c('init')] };
  assert.deepEqual(found('Pod', pod(spec)), []);
  for (const kind of ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'] as const) assert.deepEqual(found(kind, deployment(spec)), [], kind);
  assert.deepEqual(found('CronJob', cronJob(spec)), []);
  assert.deepEqual(found('Pod', pod({ nodeName: 'n'.repeat(253), containers: [c('w')] })), [], 'a node name of 253 characters');
  assert.deepEqual(found('Pod', pod({ nodeName: '', hostname: '', subdomain: '', containers: [c('w')] })), [], 'empty means unset on a pod');
});

test('container names are DNS-1123 labels in every list, and required', () => {
  for (const bad of ['Web', 'web_1', 'web.1', '-web', 'web-', 'a'.repeat(64), 'w\u001b[2J', 'ü']) {
    assert.match(found('Pod', pod({ containers: [c(bad)] })).join('\n'), /^spec\.containers\[0\]\.name: .* (is not valid|characters long)/, bad);
    assert.match(found('Deployment', deployment({ containers: [c('w')], initContainers: [c(bad)] })).join('\n'), /^spec\.template\.spec\.initContainers\[0\]\.name: /, bad);
    assert.match(found('Pod', pod({ containers: [c('w')], ephemeralContainers: [c(bad)] })).join('\n'), /^spec\.ephemeralContainers\[0\]\.name: /, bad);
  }
  for (const good of ['0', '1web', 'a-b', 'x'.repeat(63)]) assert.deepEqual(found('Pod', pod({ containers: [c(good)] })), [], good);
  assert.deepEqual(found('Pod', pod({ containers: [c('')] })), ['spec.containers[0].name: Required value']);
  assert.deepEqual(found('Pod', pod({ containers: [{ image: 'x' }] })), ['spec.containers[0].name: Required value']);
});

test('duplicates as upstream counts them: containers among themselves, init against both, ephemeral against all', () => {
  assert.deepEqual(found('Pod', pod({ containers: [c('a'), c('b'), c('a')] })), ['spec.containers[2].name: Duplicate value: "a"']);
  assert.deepEqual(found('Pod', pod({ containers: [c('a')], initContainers: [c('a')] })), ['spec.initContainers[0].name: Duplicate value: "a"']);
  assert.deepEqual(found('Pod', pod({ containers: [c('a')], initContainers: [c('i'), c('i')] })), ['spec.initContainers[1].name: Duplicate value: "i"']);
  assert.deepEqual(found('Pod', pod({ containers: [c('a')], initContainers: [c('i')], ephemeralContainers: [c('i'), c('d'), c('d'), c('a')] })), [
    'spec.ephemeralContainers[0].name: Duplicate value: "i"', 'spec.ephemeralContainers[2].name: Duplicate value: "d"', 'spec.ephemeralContainers[3].name: Duplicate value: "a"',
  ]);
  // An empty name is required everywhere; two empty regular names are also a duplicate, two empty init names are not (upstream counts only non-empty init names).
  assert.deepEqual(found('Pod', pod({ containers: [c(''), c('')] })), ['spec.containers[0].name: Required value', 'spec.containers[1].name: Required value', 'spec.containers[1].name: Duplicate value: ""']);
  assert.deepEqual(found('Pod', pod({ containers: [c('a')], initContainers: [c(''), c('')] })), ['spec.initContainers[0].name: Required value', 'spec.initContainers[1].name: Required value']);
  // Names differing in case are different names (and "Web" is itself invalid).
  assert.deepEqual(found('Pod', pod({ containers: [c('web'), c('Web')] })).length, 1);
});

test('port names are unique within a container, not across containers; unnamed ports are not counted', () => {
  const p = (name?: string) => (name === undefined ? { containerPort: 80 } : { name, containerPort: 80 });
  assert.deepEqual(found('Pod', pod({ containers: [c('a', { ports: [p('http'), p(), p(), p('http')] })] })), ['spec.containers[0].ports[3].name: Duplicate value: "http"']);
  assert.deepEqual(found('Pod', pod({ containers: [c('a', { ports: [p('http')] }), c('b', { ports: [p('http')] })] })), []);
  assert.deepEqual(found('Job', deployment({ containers: [c('a')], initContainers: [c('i', { ports: [p('x'), p('x')] })] })), ['spec.template.spec.initContainers[0].ports[1].name: Duplicate value: "x"']);
});

test('ephemeral containers: allowed on a Pod (added through its subresource), forbidden in a template; no ports, probes or lifecycle; a target that exists', () => {
  assert.deepEqual(found('Pod', pod({ containers: [c('a')], initContainers: [c('i')], ephemeralContainers: [c('dbg', { targetContainerName: 'a' }), c('dbg2', { targetContainerName: 'i' })] })), []);
  assert.deepEqual(found('Deployment', deployment({ containers: [c('a')], ephemeralContainers: [c('dbg')] })), ['spec.template.spec.ephemeralContainers: Forbidden: a pod template may not have ephemeral containers']);
  assert.deepEqual(found('Deployment', deployment({ containers: [c('a')], ephemeralContainers: [] })), [], 'an empty list is none');
  assert.deepEqual(found('Pod', pod({ containers: [c('a')], ephemeralContainers: [c('d1'), c('d2', { targetContainerName: 'd1' })] })), ['spec.ephemeralContainers[1].targetContainerName: Not found: "d1"'], 'the target may not be ephemeral');
  for (const f of ['ports', 'readinessProbe', 'livenessProbe', 'startupProbe', 'lifecycle']) {
    const value = f === 'ports' ? [] : {};
    assert.deepEqual(found('Pod', pod({ containers: [c('a')], ephemeralContainers: [c('d', { [f]: value })] })), [`spec.ephemeralContainers[0].${f}: Forbidden: cannot be set for an ephemeral container`], f);
  }
});

test('spec.nodeName is a DNS-1123 subdomain; hostname and subdomain are labels', () => {
  for (const bad of ['Node-1', 'node_1', 'node-', '.node', 'a..b', 'n'.repeat(254), 'node\r', 'b\u202eevil']) {
    assert.match(found('Pod', pod({ nodeName: bad, containers: [c('a')] }))[0] ?? '', /^spec\.nodeName: /, bad);
    assert.match(found('StatefulSet', deployment({ nodeName: bad, containers: [c('a')] }))[0] ?? '', /^spec\.template\.spec\.nodeName: /, bad);
  }
  assert.match(found('Pod', pod({ hostname: 'web.0', containers: [c('a')] }))[0] ?? '', /^spec\.hostname: "web\.0" is not valid/);
  assert.match(found('Pod', pod({ subdomain: 'a'.repeat(64), containers: [c('a')] }))[0] ?? '', /^spec\.subdomain: .* 64 characters long \(at most 63\)/);
  assert.match(checkSpecNames('Pod', pod({ nodeName: 'Node_1', containers: [c('a')] }))[0]?.hint ?? '', /^a node name must .*e\.g\. "node-1"/);
});

test('EndpointSlice endpoints: nodeName (even "") a subdomain, hostname a label, hinted node names subdomains, each once', () => {
  const slice = (e: Loose): Loose => ({ metadata: { name: 's' }, addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'], ...e }] });
  assert.deepEqual(found('EndpointSlice', slice({ nodeName: 'node-1', hostname: 'web-0', hints: { forNodes: [{ name: 'node-1' }, { name: 'node-2' }] } })), []);
  assert.match(found('EndpointSlice', slice({ nodeName: '' })).join('\n'), /^endpoints\[0\]\.nodeName: "" is not valid/);
  assert.match(found('EndpointSlice', slice({ nodeName: 'Node' })).join('\n'), /^endpoints\[0\]\.nodeName: "Node" is not valid/);
  assert.match(found('EndpointSlice', slice({ hostname: 'web.0' })).join('\n'), /^endpoints\[0\]\.hostname: /);
  assert.deepEqual(found('EndpointSlice', slice({ hints: { forNodes: [{ name: 'n' }, { name: 'n' }] } })), ['endpoints[0].hints.forNodes[1].name: Duplicate value: "n"']);
});

test('at most 20 problems a document', () => {
  assert.equal(checkSpecNames('Pod', pod({ containers: Array.from({ length: 5000 }, () => c('')) })).length, 20);
});

const VALID = `${WEB_SERVICE}---\n${webDeployment({ probe: false })}`;

for (const [what, doc, line, pattern] of [
  ['an invalid container name in a Deployment', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - image: x\n        name: Web_1\n', 11, /Deployment api not loaded, the API server would reject it: spec\.template\.spec\.containers\[0\]\.name: "Web_1" is not valid — a container name must .*e\.g\. "web-1"/],
  ['a duplicate container name in a Pod', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec:\n  containers:\n  - {name: a, image: x}\n  - {name: a, image: z}\n', 7, /Pod p not loaded, the API server would reject it: spec\.containers\[1\]\.name: Duplicate value: "a"/],
  ['a hostile node name in a Pod', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: web}}\nspec:\n  containers: [{name: a, image: x}]\n  nodeName: "n\\e]52;c;eA==\\a"\n', 6, /Pod p not loaded, the API server would reject it: spec\.nodeName: "n\\u001b\]52;c;eA==\\u0007" is not valid — a node name must/],
] as const) {
  test(`${what}: reported at the field's line, escaped; the document skipped, the rest analysed; exit 2`, async () => {
    await withFiles({ 'a.yaml': VALID, 'b.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${doc}` }, async (dir) => {
      for (const args of [['svc/web', '-o', 'json'], ['check', '-o', 'json']]) {
        const out = await runCli(['-f', join(dir, 'a.yaml'), '-f', join(dir, 'b.yaml'), ...args]);
        assert.equal(out.code, 2, out.stderr);
        const lines = out.stderr.trimEnd().split('\n');
        assert.equal(lines.length, 1, out.stderr);
        assert.match(lines[0] ?? '', new RegExp(`b\\.yaml document 2 line ${line + 4}: `));
        assert.match(lines[0] ?? '', pattern);
        // eslint-disable-next-line no-control-regex
        assert.doesNotMatch(out.stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u, 'nothing raw on stderr');
        const report = JSON.parse(out.stdout) as { selection?: { ref: { name: string } }[]; objects?: unknown };
        if (args[0] === 'svc/web') assert.deepEqual(report.selection?.map((s) => s.ref.name), ['web-(deployment-template)']);
      }
    });
  });
}
