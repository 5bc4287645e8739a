import { deploy, rsOf, podOf, svc, live, offline, run, node, slice, endpointFor } from './builders.ts';
const mariadb = deploy('mariadb', { podLabels: { app: 'xdmod' }, ports: [{ name: 'mysql', containerPort: 3306 }] });
const xd = deploy('moc-xdmod', { podLabels: { app: 'xdmod' }, ports: [{ name: 'http', containerPort: 8080 }] });
const s = svc('mariadb', { selector: { app: 'xdmod' }, ports: [{ port: 3306, targetPort: 3306, protocol: 'TCP' }] });
const r1 = rsOf(mariadb, 'aaa'); const r2 = rsOf(xd, 'bbb');
const p1 = podOf(r1, 'mariadb-aaa-1', { readyAt: 5 }); const p2 = podOf(r2, 'moc-xdmod-bbb-1', { readyAt: 50 });
const sl = slice('mariadb-x1', 'mariadb', { endpoints: [endpointFor(p1), endpointFor(p2)], ports: [{ name: '', port: 3306 }] });
const lv = live([mariadb, xd, s, r1, r2, p1, p2, node('node-a'), sl]);
for (const [k, n] of [['Service', 'mariadb'], ['Deployment', 'moc-xdmod']] as const) {
  const r = run(lv, k, n);
  console.log(k, n);
  for (const f of r.findings) console.log(' ', f.severity, f.id, f.message, JSON.stringify(f.objects.map(o=>o.kind+'/'+o.name)));
}
const off = offline([mariadb, xd, s]);
const r = run(off, 'Deployment', 'moc-xdmod');
for (const f of r.findings) console.log(' off', f.severity, f.id, f.message);
