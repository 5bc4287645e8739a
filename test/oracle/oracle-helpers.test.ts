// The oracle's own reading of kubectl logs, selectors and slices, checked without a cluster:
// a wrong reading here would make the cluster tests grade the engine against nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { EndpointSlice } from '../../src/core/types.ts';
import { observe, podCommandArgs } from './kubectl-pod-command.ts';
import { requirementsOf, selectorMatches, selectorText } from './label-selector.ts';
import { planPodSets, podObject } from './random-pods.ts';
import { sliceDifferences } from './slices.ts';
import { ep, slice as familySlice } from '../core/builders.ts';

const req = (verb: string, url: string) => `I1121 22:00:53.184168   17677 round_trippers.go:527] "Request" verb="${verb}" url="${url}" headers=<\n\tAccept: application/json\n >`;
const API = 'https://127.0.0.1:41683';

describe('reading kubectl -v=7 output', () => {
  test('logs: the List selector, the Found line and the pod of the log request', () => {
    const stderr = [
      req('GET', `${API}/apis/apps/v1/namespaces/x1/deployments/mariadb`),
      req('GET', `${API}/api/v1/namespaces/x1/pods?labelSelector=app%3Dxdmod%2Ctier+in+%28a%2Cb%29`),
      'Found 2 pods, using pod/mariadb-666d74b5bf-c9fz4',
      req('GET', `${API}/api/v1/namespaces/x1/pods/mariadb-666d74b5bf-c9fz4/log?container=mariadb`),
      'error: Get "https://127.0.18.12:10250/containerLogs/x1/mariadb-666d74b5bf-c9fz4/mariadb": connection refused',
    ].join('\n');
    const o = observe('logs', [], stderr, 1, 'x1');
    assert.equal(o.listSelector, 'app=xdmod,tier in (a,b)');
    assert.equal(o.pod, 'mariadb-666d74b5bf-c9fz4');
    assert.equal(o.container, 'mariadb');
    assert.equal(o.foundLine, 'Found 2 pods, using pod/mariadb-666d74b5bf-c9fz4');
    assert.match(o.error ?? '', /connection refused/);
  });

  test('exec into a finished pod: kubectl refuses before any pod request, so no pod is known', () => {
    const stderr = [
      req('GET', `${API}/api/v1/namespaces/jobs/pods?labelSelector=batch.kubernetes.io%2Fcontroller-uid%3D1234`),
      'error: cannot exec into a container in a completed pod; current phase is Succeeded',
    ].join('\n');
    const o = observe('exec', [], stderr, 1, 'jobs');
    assert.equal(o.pod, null);
    assert.equal(o.error, 'cannot exec into a container in a completed pod; current phase is Succeeded');
  });

  test('port-forward: the GET of the chosen pod names it even when kubectl then refuses', () => {
    const stderr = [
      req('GET', `${API}/api/v1/namespaces/jobs/pods?labelSelector=app%3Dbatch`),
      req('GET', `${API}/api/v1/namespaces/jobs/pods/done-x2k9q`),
      'error: unable to forward port because pod is not running. Current status=Succeeded',
    ].join('\n');
    const o = observe('port-forward', [], stderr, 1, 'jobs');
    assert.equal(o.pod, 'done-x2k9q');
    assert.deepEqual(o.podsAddressed, ['done-x2k9q']);
  });

  test('another namespace\'s pod path is not taken for the chosen pod', () => {
    const o = observe('attach', [], req('POST', `${API}/api/v1/namespaces/other/pods/p/attach?container=c`), null, 'mine');
    assert.equal(o.pod, null);
  });

  test('the commands run with a short pod-running timeout and their own arguments', () => {
    assert.deepEqual(podCommandArgs('exec', 'svc/x', 'ns'), ['exec', 'svc/x', '-n', 'ns', '-v=7', '--pod-running-timeout=2s', '--', 'true']);
    assert.deepEqual(podCommandArgs('port-forward', 'deploy/x', 'ns', ['0:http']).slice(0, 3), ['port-forward', 'deploy/x', '0:http']);
  });
});

describe('label selectors as the oracle reads them', () => {
  test('matching and text of a LabelSelector', () => {
    const sel = { labelSelector: { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] } };
    assert.equal(selectorMatches(sel, { app: 'api' }), true);
    assert.equal(selectorMatches(sel, { app: 'api', track: 'canary' }), false);
    assert.equal(selectorMatches({ map: { app: 'api' } }, { app: 'web' }), false);
    assert.deepEqual(requirementsOf(selectorText(sel)), requirementsOf('track notin (canary),app=api'));
  });
});

describe('slice comparison', () => {
  // The one family's slice and endpoints: an address per pod (by its name's length), its readiness, a targetRef to it.
  const slice = (ports: EndpointSlice['ports'], ...pods: [string, boolean][]): EndpointSlice =>
    familySlice('s-x', 's', { ports: ports ?? [], endpoints: pods.map(([name, ready]) => ep(`10.0.0.${name.length}`, { pod: name, ready })) });
  const http = [{ name: 'http', port: 8080, protocol: 'TCP' }];

  test('equal as sets: which slice of a port group holds an endpoint does not matter', () => {
    assert.deepEqual(sliceDifferences([slice(http, ['a', true], ['bb', true])], [slice(http, ['bb', true]), slice(http, ['a', true]), slice([])]), []);
  });

  test('a condition, a port set or a missing endpoint is a difference', () => {
    assert.equal(sliceDifferences([slice(http, ['a', true])], [slice(http, ['a', false])]).length, 2);
    assert.equal(sliceDifferences([slice(http, ['a', true])], [slice([], ['a', true])]).length, 2);
    assert.equal(sliceDifferences([slice(http, ['a', true])], [slice([])]).length, 1);
  });
});

describe('random pod sets', () => {
  test('the same seed gives the same sets; sizes on both sides of 12', () => {
    assert.deepEqual(planPodSets(42, 4), planPodSets(42, 4));
    const sizes = planPodSets(7, 6).map((p) => p.pods.length);
    assert.ok(sizes.some((n) => n <= 12) && sizes.some((n) => n > 12), `sizes ${sizes.join(', ')}`);
    const pod = podObject({ ...(planPodSets(7, 1)[0]?.pods[0] as NonNullable<ReturnType<typeof planPodSets>[0]['pods'][0]>), placement: 'kwok-node-b', neverReady: true });
    assert.equal((pod as { spec: { nodeName?: string } }).spec.nodeName, 'kwok-node-b');
    assert.equal(pod.metadata?.annotations?.['whoselects.test/never-ready'], 'true');
  });
});
