// An Ingress's backends (semantics §6.7): the default backend, then each rule's paths,
// each naming a Service port by name or number, or a non-Service resource.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingressBackends } from '../../../src/core/targets/ingress.ts';
import type { Ingress } from '../../../src/core/types.ts';
import { ing } from '../builders.ts';

test('backends in order: default backend, then host/path per rule', () => {
  const i = ing('site', { defaultBackend: 'front', defaultPort: 'http', rules: [{ host: 'a.example', path: '/x', service: 'x', port: 8080 }, { service: 'y' }] });
  assert.deepEqual(ingressBackends(i), [
    { rule: 'default backend', service: 'front', port: 'http', resource: null },
    { rule: 'a.example/x', service: 'x', port: 8080, resource: null },
    { rule: '*/', service: 'y', port: 80, resource: null },
  ]);
});

test('resource backends, missing ports, rules without http and empty specs', () => {
  const i: Ingress = {
    kind: 'Ingress', metadata: { name: 'odd' },
    spec: {
      defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } },
      rules: [{ host: 'no-http.example' }, { http: { paths: [{ backend: { service: { name: 'noport' } } }, { path: '/r', backend: { resource: {} } }] } }],
    },
  };
  assert.deepEqual(ingressBackends(i), [
    { rule: 'default backend', service: null, port: null, resource: 'StorageBucket/static' },
    { rule: '*/', service: 'noport', port: null, resource: null },
    { rule: '*/r', service: null, port: null, resource: '?/?' },
  ]);
  assert.deepEqual(ingressBackends({ kind: 'Ingress' }), []);
});
