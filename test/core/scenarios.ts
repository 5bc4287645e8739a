// Whole scenarios shared by the finding, analyze and check tests.

import type { KubeObject, Pod, Service, Workload } from '../../src/core/types.ts';
import { deploy, endpointFor, live, node, offline, podOf, rsOf, slice, svc } from './builders.ts';

/**
 * The xdmod incident: kustomize `commonLabels: {app: xdmod}` rewrote every selector, so
 * Deployments mariadb and moc-xdmod both select app=xdmod, and Service mariadb
 * (port 3306 → targetPort 3306) sends half its connections to moc-xdmod, which declares
 * only 8080. `fixed` gives each its own label, as intended.
 */
export function xdmodObjects(fixed = false): { mariadb: Workload; xdmod: Workload; service: Service; objects: KubeObject[] } {
  const mariadb = deploy('mariadb', { podLabels: { app: fixed ? 'mariadb' : 'xdmod' }, ports: [{ name: 'mysql', containerPort: 3306, protocol: 'TCP' }] });
  const xdmod = deploy('moc-xdmod', { podLabels: { app: 'xdmod' }, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] });
  const service = svc('mariadb', { selector: { app: fixed ? 'mariadb' : 'xdmod' }, ports: [{ port: 3306, targetPort: 3306, protocol: 'TCP' }] });
  return { mariadb, xdmod, service, objects: [service, mariadb, xdmod] };
}

export function xdmodOffline(fixed = false) {
  return offline(xdmodObjects(fixed).objects);
}

/** The same, running: one ReplicaSet and one Ready pod each (mariadb ready longer), Nodes and the published slice. */
export function xdmodLive(fixed = false) {
  const { mariadb, xdmod, objects } = xdmodObjects(fixed);
  const r1 = rsOf(mariadb, '5d8f7c');
  const r2 = rsOf(xdmod, '6b9d4f');
  const p1 = podOf(r1, 'mariadb-5d8f7c-x2x7q', { readyAt: 5 });
  const p2 = podOf(r2, 'moc-xdmod-6b9d4f-9kq2w', { readyAt: 50 });
  const selected: Pod[] = fixed ? [p1] : [p1, p2];
  const published = slice('mariadb-7xk2p', 'mariadb', { endpoints: selected.map((p) => endpointFor(p)), ports: [{ name: '', port: 3306 }] });
  return live([...objects, r1, r2, p1, p2, node('node-a'), published]);
}
