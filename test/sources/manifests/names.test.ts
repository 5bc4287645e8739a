// Object names as the API server checks them on create, per kind: a document whose name,
// generateName or namespace it would refuse is reported at that field's line and not loaded;
// every other document is still analysed; exit 2.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../golden/harness.ts';
import { WEB_SERVICE, webDeployment, withFiles } from '../../kit.ts';
import { checkNames } from '../../../src/sources/manifests/names.ts';
import { KINDS, type Kind } from '../../../src/core/snapshot.ts';

const SUBDOMAIN: Kind[] = ['Pod', 'ReplicationController', 'Node', 'Deployment', 'ReplicaSet', 'DaemonSet', 'Job', 'CronJob', 'EndpointSlice', 'NetworkPolicy', 'Ingress', 'HorizontalPodAutoscaler'];
const LABEL: Kind[] = ['StatefulSet', 'Namespace'];

const ok = (kind: Kind, name: string, extra: Record<string, unknown> = {}) => checkNames(kind, { name, ...extra }, kind !== 'Node' && kind !== 'Namespace').filter((p) => !p.loads).length === 0;

test('every modelled kind has a name rule', () => {
  for (const kind of KINDS) assert.doesNotThrow(() => checkNames(kind, { name: 'x' }, true), kind);
  assert.deepEqual([...SUBDOMAIN, ...LABEL, 'Service', 'PodDisruptionBudget'].sort(), [...KINDS].sort());
});

test('DNS-1123 subdomain kinds: lowercase, digits, - and ., parts start and end alphanumeric, at most 253', () => {
  for (const kind of SUBDOMAIN) {
    for (const good of ['web', 'web-1', '1web', 'a.b.c', 'a', '0', `${'a'.repeat(kind === 'CronJob' ? 52 : 253)}`]) assert.ok(ok(kind, good), `${kind} ${good}`);
    for (const bad of ['Web', 'web_1', 'web-', '-web', 'a..b', 'a.-b', '.a', 'a.', 'a b', 'pod-\u001b[2J', 'ü', `${'a'.repeat(254)}`]) assert.ok(!ok(kind, bad), `${kind} ${JSON.stringify(bad)}`);
  }
});

test('StatefulSet and Namespace: a DNS-1123 label (no dots, at most 63)', () => {
  for (const kind of LABEL) {
    for (const good of ['db', '0db', 'a'.repeat(63)]) assert.ok(ok(kind, good), `${kind} ${good}`);
    for (const bad of ['db.x', 'Db', 'a'.repeat(64), 'db-']) assert.ok(!ok(kind, bad), `${kind} ${bad}`);
  }
});

test('Service: a DNS-1035 label; one starting with a digit loads with a warning (RelaxedServiceNameValidation)', () => {
  for (const good of ['web', 'w-1', 'a'.repeat(63)]) assert.deepEqual(checkNames('Service', { name: good }, true), []);
  for (const bad of ['web.x', 'Web', 'a'.repeat(64), 'web-', '-web', '1-']) assert.ok(!ok('Service', bad), bad);
  const digit = checkNames('Service', { name: '1web' }, true);
  assert.equal(digit.length, 1);
  assert.equal(digit[0]?.loads, true);
  assert.match(digit[0]?.message ?? '', /starts with a digit.*RelaxedServiceNameValidation/);
});

test('PodDisruptionBudget: only the rule every stored name meets (not . or .., no / or %)', () => {
  for (const good of ['Web_1', 'a b', 'x\u001b[2J', '...']) assert.ok(ok('PodDisruptionBudget', good), good);
  for (const bad of ['.', '..', 'a/b', '50%']) assert.ok(!ok('PodDisruptionBudget', bad), bad);
});

test('CronJob names are at most 52 characters', () => {
  assert.ok(ok('CronJob', 'a'.repeat(52)));
  assert.match(checkNames('CronJob', { name: 'a'.repeat(53) }, true)[0]?.message ?? '', /53 characters long \(a CronJob's at most 52\)/);
});

test('generateName is checked as a prefix (a trailing - allowed), namespace as a DNS-1123 label', () => {
  assert.ok(ok('Pod', 'web', { generateName: 'web-' }));
  assert.ok(!ok('Pod', 'web', { generateName: 'Web-' }));
  assert.ok(ok('Pod', 'web', { namespace: 'shop-1' }));
  for (const ns of ['Shop', 'shop.eu', 'a'.repeat(64), 'shop\n']) assert.ok(!ok('Pod', 'web', { namespace: ns }), ns);
  assert.deepEqual(checkNames('Node', { name: 'n', namespace: 'Not Checked' }, false), [], 'kubectl drops the namespace of a cluster-scoped object');
});

test('a suggested name is given when one is close', () => {
  assert.match(checkNames('Deployment', { name: 'My_App' }, true)[0]?.hint ?? '', /e\.g\. "my-app"/);
  assert.match(checkNames('Service', { name: 'Web.Front' }, true)[0]?.hint ?? '', /e\.g\. "web-front"/);
});

const VALID = `${WEB_SERVICE}---\n${webDeployment({ probe: false })}`;

for (const [what, doc, line, pattern] of [
  ['a capital in a Deployment name', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels: {app: web}\n  name: Web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: x}]}\n', 5, /Deployment Web not loaded, the API server would reject its name: metadata\.name: "Web" is not valid/],
  ['a control character in a Pod name', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "pod-\\e[2J"\n  labels: {app: web}\nspec: {containers: [{name: a, image: x}]}\n', 4, /Pod pod-\\x1b\[2J not loaded.*metadata\.name: "pod-\\u001b\[2J" is not valid/],
  ['an invalid namespace', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n  labels: {app: web}\n  namespace: Shop_1\nspec: {containers: [{name: a, image: x}]}\n', 6, /metadata\.namespace: "Shop_1" is not valid/],
] as const) {
  test(`${what}: reported at the field's line, escaped; the document skipped, the rest analysed; exit 2`, async () => {
    await withFiles({ 'a.yaml': VALID, 'b.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${doc}` }, async (dir) => {
      const out = await runCli(['-f', join(dir, 'a.yaml'), '-f', join(dir, 'b.yaml'), '-o', 'json', 'svc/web']);
      assert.equal(out.code, 2, out.stderr);
      const lines = out.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, out.stderr);
      assert.match(lines[0] ?? '', new RegExp(`b\\.yaml document 2 line ${line + 4}: `));
      assert.match(lines[0] ?? '', pattern);
      const report = JSON.parse(out.stdout) as { selection: { ref: { name: string } }[] };
      assert.deepEqual(report.selection.map((s) => s.ref.name), ['web-(deployment-template)']);
    });
  });
}
