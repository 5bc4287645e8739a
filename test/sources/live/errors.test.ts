// Failures in one line: transport error codes, HTTP answers on the target, and gaps.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exitCodeOf } from '../../../src/cli/errors.ts';
import { TransportError } from '../../../src/sources/live/client.ts';
import { gapOf, statusFailure, transportFailure, type Read, type Who } from '../../../src/sources/live/errors.ts';

const who: Who = { server: 'https://10.0.0.1:6443', context: 'prod', cluster: 'prod-cluster', user: 'jane' };
const getSvc: Read = { verb: 'get', resource: 'services', kind: 'Service', namespace: 'shop', name: 'web' };
const listSlices: Read = { verb: 'list', resource: 'endpointslices.discovery.k8s.io', kind: 'EndpointSlice', namespace: 'shop' };

describe('transportFailure', () => {
  const cases: [string, RegExp, RegExp][] = [
    ['ECONNREFUSED', /^cannot reach https:\/\/10\.0\.0\.1:6443 \(connection refused\)$/, /is the cluster up\? check --context/],
    ['EHOSTUNREACH', /\(host unreachable\)$/, /is the cluster up/],
    ['ENOTFOUND', /\(host 10\.0\.0\.1 not found\)$/, /server of cluster "prod-cluster"/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', /^TLS: the certificate of https:\/\/10\.0\.0\.1:6443 is signed by an unknown authority$/, /certificate-authority-data of cluster "prod-cluster"/],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', /unknown authority/, /certificate-authority/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /^TLS: the certificate of .* is not valid for the name used/, /tls-server-name of cluster "prod-cluster"/],
    ['CERT_HAS_EXPIRED', /has expired$/, /renew/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', /^TLS handshake with .* failed/, /client certificate of user "jane"/],
    ['EWHATEVER', /^cannot reach .* \(EWHATEVER: boom\)$/, /is the cluster up/],
  ];
  for (const [code, message, hint] of cases) {
    test(code, () => {
      const e = transportFailure(new TransportError(code, who.server, 'boom'), who);
      assert.equal(exitCodeOf(e), 3);
      assert.match(e.message, message);
      assert.match(e.hint ?? '', hint);
    });
  }

  test('a timeout names how long it waited', () => {
    const e = transportFailure(new TransportError('TIMEOUT', who.server, 'x', 10_000), who);
    assert.equal(e.message, 'cannot reach https://10.0.0.1:6443 (no answer within 10s)');
    assert.match(e.hint ?? '', /--request-timeout/);
  });
});

describe('statusFailure (the target)', () => {
  test('401, 403, 5xx and a non-Kubernetes answer: exit 3, one line each', () => {
    const u = statusFailure(401, { kind: 'Status', message: 'Unauthorized' }, getSvc, who);
    assert.equal(u.message, 'https://10.0.0.1:6443 rejected the credentials of user "jane" of context "prod" (401 Unauthorized)');
    const f = statusFailure(403, { kind: 'Status', message: 'services "web" is forbidden: User "jane" cannot get resource "services"' }, getSvc, who);
    assert.equal(f.message, 'forbidden: user "jane" may not get services "web" in namespace shop (403: services "web" is forbidden: User "jane" cannot get resource "services")');
    assert.equal(f.hint, 'ask for get and list on services in namespace shop, or use another --context/--user');
    const s = statusFailure(503, 'upstream down', getSvc, who);
    assert.match(s.message, /^get services "web" in namespace shop failed: HTTP 503$/);
    const h = statusFailure(200, '<html>', getSvc, who);
    assert.match(h.message, /the answer is not a Kubernetes object/);
    for (const e of [u, f, s, h]) assert.equal(exitCodeOf(e), 3);
  });
});

describe('gapOf (secondary reads)', () => {
  const table: [number, string][] = [[401, 'unauthorized'], [403, 'forbidden'], [404, 'not-found'], [429, 'unavailable'], [503, 'unavailable'], [422, 'error']];
  for (const [status, reason] of table) {
    test(`HTTP ${status} -> ${reason}`, () => {
      const g = gapOf(listSlices, { status, body: { kind: 'Status', message: 'said' } });
      assert.equal(g.reason, reason);
      assert.equal(g.kind, 'EndpointSlice');
      assert.equal(g.namespace, 'shop');
      assert.match(g.message, new RegExp(`^list endpointslices\\.discovery\\.k8s\\.io in namespace shop: HTTP ${status}: said`));
    });
  }

  test('a transport failure is "unavailable"; a cluster-wide read has no namespace', () => {
    const g = gapOf({ verb: 'list', resource: 'nodes', kind: 'Node', namespace: null }, new TransportError('TIMEOUT', who.server, 'x', 5000));
    assert.deepEqual(g, { kind: 'Node', reason: 'unavailable', message: 'list nodes (cluster-wide): no answer within 5s' });
  });
});
