// A target over hundreds of workloads and thousands of pods: its sentences name the first few
// and count the rest, so no line of the text view grows with the cluster; the JSON report
// still carries every owner and pod in its structured fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameList, NAMES_IN_A_LINE } from '../../src/core/name-list.ts';
import { withFiles } from '../kit.ts';
import { runCli } from '../golden/harness.ts';

test('nameList writes up to the limit as they are, then counts the rest', () => {
  assert.equal(nameList([]), '');
  assert.equal(nameList(['a']), 'a');
  assert.equal(nameList(['a', 'b'], ' and '), 'a and b');
  const many = Array.from({ length: NAMES_IN_A_LINE + 3 }, (_, i) => `n${i}`);
  assert.equal(nameList(many.slice(0, NAMES_IN_A_LINE), ' or '), many.slice(0, NAMES_IN_A_LINE).join(' or '));
  assert.equal(nameList(many), `${many.slice(0, NAMES_IN_A_LINE).join(', ')} and 3 more`);
  assert.equal(nameList(many, ', ', 2), 'n0, n1 and 9 more');
});

const WORKLOADS = 40;
const REPLICAS = 30;

/** WORKLOADS Deployments of REPLICAS running pods each, one Service over all of them. */
function cluster(): string {
  const docs: unknown[] = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'all', namespace: 'shop' }, spec: { selector: { part: 'shop' }, ports: [{ port: 80, targetPort: 8080 }] } }];
  for (let d = 0; d < WORKLOADS; d++) {
    const app = `api-${d}`;
    const dUid = `00000001-0000-4000-8000-${String(d).padStart(12, '0')}`;
    const rsUid = `00000002-0000-4000-8000-${String(d).padStart(12, '0')}`;
    const labels = { app, part: 'shop', 'pod-template-hash': 'abc12' };
    const template = { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'x', ports: [{ containerPort: 8080 }] }] } };
    docs.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace: 'shop', uid: dUid }, spec: { replicas: REPLICAS, selector: { matchLabels: { app } }, template } });
    docs.push({
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: `${app}-abc12`, namespace: 'shop', uid: rsUid, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: dUid, controller: true }] },
      spec: { replicas: REPLICAS, selector: { matchLabels: { app, 'pod-template-hash': 'abc12' } }, template },
    });
    for (let p = 0; p < REPLICAS; p++) {
      docs.push({
        apiVersion: 'v1', kind: 'Pod',
        metadata: {
          name: `${app}-abc12-p${p}`, namespace: 'shop', uid: `00000003-0000-4000-8000-${String(d * 100 + p).padStart(12, '0')}`, labels,
          creationTimestamp: '2026-11-01T00:00:00Z', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-abc12`, uid: rsUid, controller: true }],
        },
        spec: { nodeName: 'node-1', containers: template.spec.containers },
        status: {
          phase: 'Running', podIP: `10.1.${d}.${p + 1}`, podIPs: [{ ip: `10.1.${d}.${p + 1}` }], startTime: '2026-11-01T00:00:00Z',
          conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-01T00:00:10Z' }],
          containerStatuses: [{ name: 'main', ready: true, restartCount: 0, image: 'x', imageID: '', started: true, state: { running: { startedAt: '2026-11-01T00:00:05Z' } } }],
        },
      });
    }
  }
  return docs.map((d) => JSON.stringify(d)).join('\n---\n');
}

test('a Service over 40 workloads and 1,200 pods: every line of the text view stays short, the JSON keeps every name', async () => {
  await withFiles({ 'all.yaml': cluster() }, async (dir) => {
    const text = await runCli(['-f', `${dir}/all.yaml`, '-n', 'shop', 'svc/all']);
    assert.equal(text.stderr, '');
    const lines = text.stdout.split('\n');
    const longest = lines.reduce((a, l) => (l.length > a.length ? l : a), '');
    assert.ok(longest.length < 400, `longest line: ${longest.length} characters: ${longest.slice(0, 200)}…`);
    assert.ok(lines.some((l) => l.includes(`and ${WORKLOADS - NAMES_IN_A_LINE} more`)), 'the owners are counted past the first few');
    assert.ok(lines.some((l) => /tied with: .* and \d+ more/.test(l)), 'the tied pods are counted past the first few');

    const json = await runCli(['-f', `${dir}/all.yaml`, '-n', 'shop', 'svc/all', '-o', 'json']);
    const r = JSON.parse(json.stdout) as { selection: { template: boolean }[]; owners: unknown[]; kubectl: { commandLine: string; candidates: unknown[] | null }[]; findings: { id: string; objects: unknown[] }[] };
    assert.equal(r.selection.filter((v) => !v.template).length, WORKLOADS * REPLICAS);
    const logs = r.kubectl.find((k) => k.commandLine === 'kubectl logs svc/all');
    assert.ok((logs?.candidates?.length ?? 0) >= WORKLOADS * REPLICAS, 'every pod kubectl chooses among');
    const spans = r.findings.find((f) => f.id === 'selects-several-workloads');
    assert.equal(spans?.objects.length, WORKLOADS + 1, 'the Service and every owner');
  });
});
