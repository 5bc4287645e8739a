// Facts about one pod, read the way the controllers and kubectl read them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allContainers, condition, declaredPorts, gracePeriodSeconds, hasReadinessProbe, isReady, isTerminal, isTerminating, maxRestarts, podIP, preStopOf, readySince, zoneOf,
} from '../../src/core/pods.ts';
import type { Pod } from '../../src/core/types.ts';
import { at, node, pod } from './builders.ts';

test('Ready is the Ready condition being True; readySince its transition time', () => {
  const cases: [Pod, boolean, string | null][] = [
    [pod('a', { readyAt: 3 }), true, at(3)],
    [pod('b', { ready: false }), false, null],
    [pod('c', { phase: null }), false, null],
    [{ kind: 'Pod', status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }, false, null],
    [{ kind: 'Pod', status: { conditions: [{ type: 'ContainersReady', status: 'True' }] } }, false, null],
    [{ kind: 'Pod', status: { conditions: [{ type: 'Ready', status: 'True' }] } }, true, null],
  ];
  for (const [p, ready, since] of cases) {
    assert.equal(isReady(p), ready, JSON.stringify(p.status));
    assert.equal(readySince(p), since, JSON.stringify(p.status));
  }
  assert.equal(condition(pod('a'), 'Ready')?.status, 'True');
  assert.equal(condition(pod('a'), 'PodScheduled'), undefined);
});

test('terminating is a deletionTimestamp; terminal is phase Succeeded or Failed', () => {
  assert.equal(isTerminating(pod('a', { deleted: 5 })), true);
  assert.equal(isTerminating(pod('a')), false);
  for (const [phase, terminal] of [['Succeeded', true], ['Failed', true], ['Running', false], ['Pending', false], ['Unknown', false]] as const) {
    assert.equal(isTerminal(pod('a', { phase })), terminal, phase);
  }
  assert.equal(isTerminal(pod('a', { phase: null })), false);
});

test('pod IP from podIP, else the first podIPs entry', () => {
  assert.equal(podIP(pod('a', { ip: '10.0.0.1' })), '10.0.0.1');
  assert.equal(podIP(pod('a', { ip: null })), null);
  assert.equal(podIP({ kind: 'Pod', status: { podIPs: [{ ip: 'fd00::1' }, { ip: '10.0.0.2' }] } }), 'fd00::1');
  assert.equal(podIP(pod('a', { phase: null })), null);
});

test('restarts: the highest container restart count; 0 with a status but no containers; unknown without status', () => {
  assert.equal(maxRestarts(pod('a', { restarts: 4 })), 4);
  const two: Pod = { kind: 'Pod', status: { containerStatuses: [{ name: 'a', restartCount: 2 }, { name: 'b', restartCount: 7 }, { name: 'c' }] } };
  assert.equal(maxRestarts(two), 7);
  assert.equal(maxRestarts({ kind: 'Pod', status: { phase: 'Pending' } }), 0);
  assert.equal(maxRestarts(pod('t', { phase: null })), null);
});

test('containers that serve: regular ones and sidecars (init containers with restartPolicy Always)', () => {
  const p: Pod = { kind: 'Pod', spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'setup' }, { name: 'proxy', restartPolicy: 'Always', readinessProbe: {} }] } };
  assert.deepEqual(allContainers(p).map((c) => c.name), ['app', 'proxy']);
  assert.equal(hasReadinessProbe(p), true);
  assert.equal(hasReadinessProbe({ kind: 'Pod', spec: { containers: [{ name: 'app', readinessProbe: null }], initContainers: [{ name: 'setup', readinessProbe: {} }] } }), false);
});

test('preStop described per handler kind; the first container that has one', () => {
  const withHook = (preStop: NonNullable<NonNullable<Pod['spec']>['containers']>[number]['lifecycle']) => pod('a', { containers: [{ name: 'none' }, { name: 'app', lifecycle: preStop }] });
  assert.equal(preStopOf(withHook({ preStop: { sleep: { seconds: 15 } } })), 'app: sleep 15s');
  assert.equal(preStopOf(withHook({ preStop: { exec: { command: ['/bin/drain', '--wait'] } } })), 'app: exec /bin/drain --wait');
  assert.equal(preStopOf(withHook({ preStop: { httpGet: { path: '/drain' } } })), 'app: httpGet');
  assert.equal(preStopOf(withHook({ preStop: { tcpSocket: { port: 1 } } })), 'app: tcpSocket');
  assert.equal(preStopOf(withHook({ postStart: { sleep: { seconds: 1 } } })), null);
  assert.equal(preStopOf(withHook(null)), null);
});

test('grace period defaults to 30 s; zone from the Node label', () => {
  assert.equal(gracePeriodSeconds({ kind: 'Pod' }), 30);
  assert.equal(gracePeriodSeconds({ kind: 'Pod', spec: { terminationGracePeriodSeconds: 0 } }), 0);
  const nodes = [node('n1', 'eu-1a'), node('n2')];
  assert.equal(zoneOf('n1', nodes), 'eu-1a');
  assert.equal(zoneOf('n2', nodes), null);
  assert.equal(zoneOf('n3', nodes), null);
  assert.equal(zoneOf(undefined, nodes), null);
});

test('declared ports: containers then init containers, protocol defaulting to TCP', () => {
  const p: Pod = { kind: 'Pod', spec: { containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 53, protocol: 'UDP' }, { name: 'noport' }] }], initContainers: [{ name: 'proxy', ports: [{ containerPort: 15001 }] }] } };
  assert.deepEqual(declaredPorts(p), [
    { container: 'app', name: 'http', port: 8080, protocol: 'TCP' },
    { container: 'app', name: null, port: 53, protocol: 'UDP' },
    { container: 'proxy', name: null, port: 15001, protocol: 'TCP' },
  ]);
});
