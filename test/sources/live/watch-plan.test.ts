// Which streams a target needs: one per kind, the pods by the target's own selector.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TargetQuery } from '../../../src/core/targets/resolve.ts';
import { sameSpec, watchPlan } from '../../../src/sources/live/watch-plan.ts';
import type { StreamSpec } from '../../../src/sources/live/watch-api.ts';
import { deploy, ing, live, pod, svc } from '../../core/builders.ts';

const text = (specs: StreamSpec[]) => specs.map((s) => [s.kind, s.labelSelector ?? s.fieldSelector ?? '*'].join(' '));
const q = (kind: TargetQuery['kind'], name: string): TargetQuery => ({ kind, name, namespace: 'default' });
const WORKLOADS = ['Deployment *', 'ReplicaSet *', 'StatefulSet *', 'Job *'];

test('a Service: itself by name, its pods by its selector, its EndpointSlices by service name, the workloads', () => {
  assert.deepEqual(text(watchPlan(live([svc('web', { selector: { app: 'web', tier: 'front' } })]), q('Service', 'web'))), [
    'Service metadata.name=web', 'Pod app=web,tier=front', 'EndpointSlice kubernetes.io/service-name=web', ...WORKLOADS,
  ]);
});

test('a selectorless Service watches no pods, but still its slices', () => {
  assert.deepEqual(text(watchPlan(live([svc('ext', { selector: null })]), q('Service', 'ext'))), ['Service metadata.name=ext', 'EndpointSlice kubernetes.io/service-name=ext', ...WORKLOADS]);
});

test('a Deployment is covered by the workload streams; a Pod is watched by name; an absent target gets no pod stream', () => {
  assert.deepEqual(text(watchPlan(live([deploy('web')]), q('Deployment', 'web'))), ['Pod app=web', ...WORKLOADS]);
  assert.deepEqual(text(watchPlan(live([pod('web-1')]), q('Pod', 'web-1'))), ['Pod metadata.name=web-1', ...WORKLOADS]);
  assert.deepEqual(text(watchPlan(live([]), q('Service', 'web'))), ['Service metadata.name=web', 'EndpointSlice kubernetes.io/service-name=web', ...WORKLOADS]);
});

test('an Ingress: every Service and pod of the namespace, and its backends\' slices', () => {
  const objects = [ing('shop', { rules: [{ service: 'b' }, { service: 'a' }] }), svc('a'), svc('b')];
  assert.deepEqual(text(watchPlan(live(objects), q('Ingress', 'shop'))), [
    'Ingress metadata.name=shop', 'Service *', 'Pod *', 'EndpointSlice kubernetes.io/service-name in (a,b)', ...WORKLOADS,
  ]);
});

test('specs are the same only with the same selectors', () => {
  const a: StreamSpec = { kind: 'Pod', namespace: 'default', labelSelector: 'app=web' };
  assert.equal(sameSpec(a, { ...a }), true);
  assert.equal(sameSpec(a, { ...a, labelSelector: 'app=web,tier=front' }), false);
  assert.equal(sameSpec(a, { ...a, namespace: 'prod' }), false);
});
