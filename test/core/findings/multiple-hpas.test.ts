// multiple-hpas (trap 38, §6.9): pods measured by two autoscalers (through their scale
// targets' selectors) make the HPA controller stop scaling with AmbiguousSelector.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploy, findings, hpa, live, offline, podOf, refs, rsOf, run, svc } from '../builders.ts';

const ID = 'multiple-hpas';

test('two HPAs on one Deployment', () => {
  const d = deploy('web');
  const r = rsOf(d, 'h1');
  const s = live([d, r, podOf(r, 'web-h1-a'), podOf(r, 'web-h1-b'), hpa('cpu', { kind: 'Deployment', name: 'web' }), hpa('rps', { kind: 'Deployment', name: 'web' })]);
  for (const [kind, name] of [['Deployment', 'web'], ['HorizontalPodAutoscaler', 'cpu'], ['HorizontalPodAutoscaler', 'rps']] as const) {
    const f = findings(run(s, kind, name), ID);
    assert.equal(f.length, 1, `${kind}/${name}`);
    assert.equal(f[0]?.severity, 'warning');
    assert.equal(f[0]?.message, 'pod/web-h1-a and 1 more are measured by 2 HorizontalPodAutoscalers (cpu, rps): the HPA controller stops scaling all of them (AmbiguousSelector).');
    assert.deepEqual(refs(f[0]?.objects ?? []), ['HorizontalPodAutoscaler/cpu', 'HorizontalPodAutoscaler/rps', 'Pod/web-h1-a']);
    assert.equal(f[0]?.evidence[0], 'cpu → Deployment/web: app=web');
  }
});

test('overlapping scale targets: a canary\'s pods are measured by both HPAs; offline the template stands for them', () => {
  const stable = deploy('web', { podLabels: { app: 'web' } });
  const canary = deploy('web-canary', { podLabels: { app: 'web', track: 'canary' } });
  const objects = [stable, canary, hpa('web', { kind: 'Deployment', name: 'web' }), hpa('web-canary', { kind: 'Deployment', name: 'web-canary' })];
  const f = findings(run(offline(objects), 'HorizontalPodAutoscaler', 'web-canary'), ID);
  assert.equal(f[0]?.message, 'Pods of deployment/web-canary are measured by 2 HorizontalPodAutoscalers (web, web-canary): the HPA controller stops scaling all of them (AmbiguousSelector).');
  // From the stable HPA the canary template is among its pods too.
  assert.equal(findings(run(offline(objects), 'HorizontalPodAutoscaler', 'web'), ID).length, 1);
});

test('silent with one HPA per set of pods, with HPAs on missing targets, and across namespaces', () => {
  const a = deploy('a');
  const b = deploy('b');
  const cases = [
    offline([a, b, hpa('a', { kind: 'Deployment', name: 'a' }), hpa('b', { kind: 'Deployment', name: 'b' })]),
    offline([a, hpa('a', { kind: 'Deployment', name: 'a' }), hpa('ghost', { kind: 'Deployment', name: 'gone' })]),
    offline([a, hpa('a', { kind: 'Deployment', name: 'a' }), hpa('a', { kind: 'Deployment', name: 'a' }, { ns: 'prod' }), svc('a', { selector: { app: 'a' } })]),
  ];
  for (const s of cases) assert.deepEqual(findings(run(s, 'Deployment', 'a'), ID), []);
});
