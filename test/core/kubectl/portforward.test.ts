// port-forward port translation (semantics §1.7, trap 8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { portForwardError, portForwardPorts } from '../../../src/core/kubectl/portforward.ts';
import { pod, svc, version } from '../builders.ts';

const web = pod('web-1', {
  containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'dns', containerPort: 53, protocol: 'UDP' }, { containerPort: 9090 }] }],
  initContainers: [{ name: 'agent', restartPolicy: 'Always', ports: [{ name: 'metrics', containerPort: 9100 }] }],
});
const webSvc = svc('web', { ports: [
  { name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' },
  { name: 'admin', port: 81, targetPort: 9000, protocol: 'TCP' },
  { name: 'plain', port: 82, protocol: 'TCP' },
  { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
  { name: 'mon', port: 91, targetPort: 'metrics' },
] });
const V = version(34);

type Row = [string, number | null, number | null, string | null];

function check(rows: Row[], got: ReturnType<typeof portForwardPorts>): void {
  rows.forEach(([spec, local, remote, error], i) => {
    const g = got[i];
    assert.ok(g);
    assert.deepEqual([g.spec, g.local, g.remote, g.error], [spec, local, remote, error], spec);
  });
}

test('svc/NAME: a service port, by number or name, goes to its targetPort in the chosen pod (trap 8)', () => {
  const rows: Row[] = [
    ['80', 80, 8080, null],
    ['web', 80, 8080, null],
    ['8000:web', 8000, 8080, null],
    [':80', null, 8080, null],
    ['81', 81, 9000, null],
    ['82', 82, 82, null],
    ['7000:82', 7000, 82, null],
    ['8080', null, null, 'Service web does not have a service port 8080'],
    ['nope', null, null, "Service 'web' does not have a named port 'nope'"],
  ];
  check(rows, portForwardPorts(rows.map((r) => r[0]), web, webSvc, V));
  assert.match(portForwardPorts(['80'], web, webSvc, V)[0]?.note ?? '', /targetPort "http" is 8080 in container app/);
});

test('headless Service: forwards to the service port itself, ignoring targetPort (trap 8)', () => {
  const headless = svc('db', { ports: [{ name: 'pg', port: 5432, targetPort: 6432, protocol: 'TCP' }], clusterIP: 'None' });
  const [r] = portForwardPorts(['pg'], web, headless, V);
  assert.deepEqual([r?.local, r?.remote], [5432, 5432]);
  assert.match(r?.note ?? '', /headless/);
});

test('named ports in init containers resolve from 1.31 only (trap 8)', () => {
  assert.equal(portForwardPorts(['91'], web, webSvc, version(31))[0]?.remote, 9100);
  assert.equal(portForwardPorts(['91'], web, webSvc, version(30))[0]?.error, "Pod 'web-1' does not have a named port 'metrics'");
  assert.equal(portForwardPorts(['metrics'], web, null, version(36))[0]?.remote, 9100);
  assert.equal(portForwardPorts(['metrics'], web, null, version(27))[0]?.error, "Pod 'web-1' does not have a named port 'metrics'");
});

test('UDP-only ports are rejected; a named port\'s protocol is otherwise ignored (trap 8)', () => {
  assert.equal(portForwardPorts(['53'], web, webSvc, V)[0]?.error, 'UDP protocol is not supported for 53');
  assert.equal(portForwardPorts(['dns'], web, webSvc, V)[0]?.error, 'UDP protocol is not supported for dns');
  assert.equal(portForwardPorts(['dns'], web, null, V)[0]?.error, 'UDP protocol is not supported for dns');
  assert.equal(portForwardPorts(['5353:53'], web, null, V)[0]?.error, 'UDP protocol is not supported for 53');
  // A Service whose targetPort names the pod's UDP port: only the service port's protocol is checked.
  const odd = svc('odd', { ports: [{ name: 'x', port: 5000, targetPort: 'dns', protocol: 'TCP' }] });
  const [r] = portForwardPorts(['5000'], web, odd, V);
  assert.equal(r?.remote, 53);
  assert.match(r?.note ?? '', /ignores the protocol/);
  // A port declared for both TCP and UDP is not UDP-only.
  const both = svc('both', { ports: [{ name: 'a', port: 53, protocol: 'UDP' }, { name: 'b', port: 53, protocol: 'TCP' }] });
  assert.equal(portForwardPorts(['53'], web, both, V)[0]?.error, null);
});

test('pods and other kinds: numbers are used literally, names looked up in the pod', () => {
  const rows: Row[] = [
    ['8080', 8080, 8080, null],
    ['1234', 1234, 1234, null],
    ['http', 8080, 8080, null],
    ['9000:http', 9000, 8080, null],
    [':http', null, 8080, null],
    ['0:9090', null, 9090, null],
    ['nope', null, null, "Pod 'web-1' does not have a named port 'nope'"],
    ['70000', null, null, 'error parsing local port \'70000\': strconv.ParseUint: parsing "70000": value out of range'],
    ['8080:0', null, null, 'remote port must be > 0'],
  ];
  check(rows, portForwardPorts(rows.map((r) => r[0]), web, null, V));
});

test('an empty remote port: "remote port cannot be empty" from 1.32; earlier the first unnamed port', () => {
  assert.equal(portForwardPorts(['8000:'], web, null, version(32))[0]?.error, 'remote port cannot be empty');
  const old = portForwardPorts(['8000:'], web, null, version(31))[0];
  assert.deepEqual([old?.local, old?.remote, old?.error], [8000, 9090, null]);
});

test('a spec with two colons is read as its first part only', () => {
  const [r] = portForwardPorts(['8000:9000:10000'], web, null, V);
  assert.deepEqual([r?.local, r?.remote], [8000, 8000]);
  assert.match(r?.note ?? '', /first part/);
});

test('kubectl reports one error, in its stage order: check, translate, pod not Running, parse', () => {
  const pending = pod('web-1', { phase: 'Pending', ready: false, containers: [{ name: 'app', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] }] });
  assert.equal(portForwardError(portForwardPorts(['70000', 'nope', 'dns'], pending, null, V), pending), "Pod 'web-1' does not have a named port 'nope'");
  assert.equal(portForwardError(portForwardPorts(['70000', 'dns'], pending, null, V), pending), 'UDP protocol is not supported for dns');
  assert.equal(portForwardError(portForwardPorts(['70000'], pending, null, V), pending), 'unable to forward port because pod is not running. Current status=Pending');
  assert.equal(portForwardError(portForwardPorts(['70000'], web, null, V), web), 'error parsing local port \'70000\': strconv.ParseUint: parsing "70000": value out of range');
  assert.equal(portForwardError(portForwardPorts(['80', 'web'], web, webSvc, V), web), null);
  assert.equal(portForwardError(portForwardPorts(['8080', 'dns'], web, webSvc, V), web), 'UDP protocol is not supported for dns');
});
