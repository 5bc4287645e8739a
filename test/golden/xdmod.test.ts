// The first incident, as the issue states it must be diagnosed offline, and its fix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckReport, Report } from '../../src/core/report.ts';
import { runCli } from './harness.ts';

async function report(dir: string): Promise<Report> {
  return JSON.parse((await runCli(['-k', dir, 'svc/mariadb', '-o', 'json'])).stdout) as Report;
}

test('xdmod: svc/mariadb selects the templates of deploy/mariadb and deploy/moc-xdmod', async () => {
  const r = await report('examples/xdmod');
  const owners = r.selection.map((v) => `${v.template ? 'template' : 'pod'} ${v.owners.at(-1)?.ref.kind}/${v.owners.at(-1)?.ref.name}`).sort();
  assert.deepEqual(owners, ['template Deployment/mariadb', 'template Deployment/moc-xdmod']);
});

test('xdmod: the moc-xdmod template declares no port 3306, half of the new connections', async () => {
  const r = await report('examples/xdmod');
  const f = r.findings.find((x) => x.id === 'target-port-not-declared');
  assert.ok(f, 'target-port-not-declared finding');
  assert.match(f.message, /moc-xdmod declares no port 3306/);
  assert.match(f.message, /1 of 2 shares \(50%\)/);
  const port = r.routing[0]?.ports[0];
  assert.equal(port?.port, 3306);
  assert.equal(port?.unservedShare, 0.5);
});

test('xdmod: kubectl logs deploy/moc-xdmod may land on a pod of deploy/mariadb', async () => {
  const r = await report('examples/xdmod');
  const view = r.kubectl.find((k) => k.commandLine === 'kubectl logs deploy/moc-xdmod');
  assert.ok(view, 'a kubectl logs deploy/moc-xdmod line');
  assert.equal(view.uncertain, true);
  const f = r.findings.find((x) => x.id === 'kubectl-picks-foreign-pod' && x.message.includes('deploy/moc-xdmod'));
  assert.ok(f);
  assert.match(f.message, /may land on a pod of deployment\/mariadb/);
  const pasted = JSON.parse((await runCli(['-k', 'examples/xdmod', '-o', 'json', 'logs', 'deploy/moc-xdmod'])).stdout) as Report;
  assert.ok(pasted.findings.some((x) => x.id === 'kubectl-picks-foreign-pod'));
});

test('xdmod-fixed reports none of that', async () => {
  const r = await report('examples/xdmod-fixed');
  assert.equal(r.selection.length, 1);
  assert.equal(r.selection[0]?.owners.at(-1)?.ref.name, 'mariadb');
  assert.deepEqual(r.findings.filter((f) => f.severity !== 'info'), []);
  for (const id of ['target-port-not-declared', 'kubectl-picks-foreign-pod', 'selects-several-workloads', 'overlapping-selectors']) {
    assert.ok(!r.findings.some((f) => f.id === id), id);
  }
});

test('check -k examples/xdmod exits 1 and names both Deployments; xdmod-fixed exits 0', async () => {
  const bad = await runCli(['-k', 'examples/xdmod', 'check', '-o', 'json']);
  assert.equal(bad.code, 1);
  const c = JSON.parse(bad.stdout) as CheckReport;
  const named = new Set(c.findings.flatMap((f) => f.objects.filter((o) => o.kind === 'Deployment').map((o) => o.name)));
  assert.ok(named.has('mariadb') && named.has('moc-xdmod'), [...named].join(','));
  const text = await runCli(['-k', 'examples/xdmod', 'check']);
  assert.match(text.stdout, /deployment\/mariadb/);
  assert.match(text.stdout, /deployment\/moc-xdmod/);
  const good = await runCli(['-k', 'examples/xdmod-fixed', 'check']);
  assert.equal(good.code, 0, good.stdout);
});
