import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPort, isFound } from '../../../src/core/routing/ports.ts';
import type { Container, ServicePort } from '../../../src/core/types.ts';
import { pod } from '../builders.ts';

const web: Container = { name: 'web', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'dns', containerPort: 5353, protocol: 'UDP' }] };
const sidecar: Container = { name: 'proxy', restartPolicy: 'Always', ports: [{ name: 'metrics', containerPort: 9090 }] };
const plainInit: Container = { name: 'setup', ports: [{ name: 'admin', containerPort: 7000 }] };
const p = pod('p', { containers: [web], initContainers: [sidecar, plainInit] });

const cases: { name: string; sp: ServicePort; minor?: number; want: number | RegExp; declared?: boolean }[] = [
  { name: 'named port found by name and protocol', sp: { port: 80, targetPort: 'http' }, want: 8080, declared: true },
  { name: 'named port with another protocol is not a match (trap 21)', sp: { port: 80, targetPort: 'http', protocol: 'UDP' }, want: /declares "http" with protocol TCP/ },
  { name: 'UDP name matches the UDP port', sp: { port: 53, targetPort: 'dns', protocol: 'UDP' }, want: 5353, declared: true },
  { name: 'sidecar port counts from 1.33', sp: { port: 9090, targetPort: 'metrics' }, minor: 34, want: 9090, declared: true },
  { name: 'sidecar port does not count before 1.33', sp: { port: 9090, targetPort: 'metrics' }, minor: 32, want: /only from Kubernetes 1.33/ },
  { name: 'plain init container port never counts', sp: { port: 7000, targetPort: 'admin' }, want: /not a sidecar/ },
  { name: 'unknown name', sp: { port: 80, targetPort: 'web' }, want: /no container port named "web" with protocol TCP$/ },
  { name: 'quoted number is a name', sp: { port: 80, targetPort: '8080' }, want: /is a port name, not a number/ },
  { name: 'numeric and declared', sp: { port: 80, targetPort: 8080 }, want: 8080, declared: true },
  { name: 'numeric and undeclared is still used (trap 22)', sp: { port: 80, targetPort: 9999 }, want: 9999, declared: false },
  { name: 'numeric declared only with another protocol is undeclared', sp: { port: 80, targetPort: 5353 }, want: 5353, declared: false },
  { name: 'omitted targetPort defaults to port', sp: { port: 8080 }, want: 8080, declared: true },
  { name: 'targetPort 0 defaults to port', sp: { port: 81, targetPort: 0 }, want: 81, declared: false },
  { name: 'numeric port on a sidecar is declared', sp: { port: 9090, targetPort: 9090 }, want: 9090, declared: true },
];

for (const c of cases) {
  test(`findPort: ${c.name}`, () => {
    const r = findPort(p, c.sp, c.minor === undefined ? {} : { controllerMinor: c.minor });
    if (typeof c.want === 'number') {
      assert.ok(isFound(r), JSON.stringify(r));
      assert.equal(r.port, c.want);
      assert.equal(r.declared, c.declared);
    } else {
      assert.ok(!isFound(r), JSON.stringify(r));
      assert.match(r.missing, c.want);
    }
  });
}

test('findPort: the first container declaring the name wins, in container order', () => {
  const two = pod('two', { containers: [{ name: 'a', ports: [{ name: 'http', containerPort: 1 }] }, { name: 'b', ports: [{ name: 'http', containerPort: 2 }] }] });
  const r = findPort(two, { port: 80, targetPort: 'http' });
  assert.ok(isFound(r));
  assert.equal(r.port, 1);
  assert.equal(r.container, 'a');
});

test('findPort: containers are searched before sidecars', () => {
  const both = pod('both', { containers: [{ name: 'a', ports: [{ name: 'http', containerPort: 1 }] }], initContainers: [{ name: 's', restartPolicy: 'Always', ports: [{ name: 'http', containerPort: 2 }] }] });
  const r = findPort(both, { port: 80, targetPort: 'http' });
  assert.ok(isFound(r));
  assert.equal(r.port, 1);
});
