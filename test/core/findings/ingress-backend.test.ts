// ingress-backend-service-missing / ingress-backend-port-missing: a backend names a Service
// port by number (the Service's port, not its targetPort) or by name; one the Service does
// not declare leaves requests on that path with no pod to reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../../src/core/check.ts';
import { deploy, findings, ing, live, NOW, offline, query, refs, run, svc } from '../builders.ts';

const web = () => svc('web', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] });

test('a backend port number or name the Service does not declare is an error naming the path', () => {
  const i = ing('shop', { rules: [
    { host: 'a.example', path: '/ok', service: 'web', port: 80 },
    { host: 'a.example', path: '/num', service: 'web', port: 8080 },
    { host: 'a.example', path: '/name', service: 'web', port: 'https' },
    { host: 'a.example', path: '/byname', service: 'web', port: 'http' },
  ] });
  for (const s of [offline([deploy('web', { podLabels: { app: 'web' } }), web(), i]), live([web(), i])]) {
    const f = findings(run(s, 'Ingress', 'shop'), 'ingress-backend-port-missing');
    assert.deepEqual(f.map((x) => x.message), [
      'ingress/shop sends a.example/num to service/web port number 8080, which the Service does not declare: requests on that path cannot reach a pod.',
      'ingress/shop sends a.example/name to service/web port name "https", which the Service does not declare: requests on that path cannot reach a pod.',
    ]);
    assert.equal(f[0]?.severity, 'error');
    assert.deepEqual(refs(f[0]?.objects ?? []), ['Ingress/shop', 'Service/web']);
    assert.match(f[0]?.evidence.join('\n') ?? '', /8080 is the targetPort of Service port http \(80\)/);
  }
});

test('a missing backend Service is an error when Services are known; ExternalName ports are not checked', () => {
  const i = ing('shop', { defaultBackend: 'gone', rules: [{ path: '/ext', service: 'ext', port: 443 }] });
  const s = live([i, svc('ext', { type: 'ExternalName', externalName: 'x.example', selector: null })]);
  const r = run(s, 'Ingress', 'shop');
  assert.deepEqual(findings(r, 'ingress-backend-service-missing').map((f) => f.message), ['ingress/shop sends default backend to service/gone, which does not exist in namespace default: requests on that path cannot reach a pod.']);
  assert.deepEqual(findings(r, 'ingress-backend-port-missing'), []);
});

test('check reports it once per Ingress', () => {
  const s = offline([web(), ing('shop', { rules: [{ path: '/', service: 'web', port: 81 }] })]);
  const base = query('Service', 'x');
  const c = check(s, ['default'], { kubectl: base.kubectl, source: base.source }, NOW);
  assert.deepEqual(c.findings.filter((f) => f.id === 'ingress-backend-port-missing').length, 1);
});
