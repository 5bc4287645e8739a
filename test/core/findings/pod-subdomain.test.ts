// subdomain-service-missing: a StatefulSet's serviceName, or a pod's (template's) subdomain
// set by hand, that names no Service — or one that does not select the pods — gives the pods
// no per-pod DNS names. Per-pod names in the DNS view: StatefulSet, Indexed Job, bare pods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findings, job, live, node, offline, pod, podOf, refs, run, sts, svc } from '../builders.ts';

const ID = 'subdomain-service-missing';

test('a StatefulSet whose serviceName names no Service, offline and live', () => {
  const set = sts('pg', { podLabels: { app: 'pg' }, replicas: 2, serviceName: 'pg-headless' });
  for (const s of [offline([set, svc('pg', { selector: { app: 'pg' } })]), live([set, podOf(set, 'pg-0', { hostname: 'pg-0', subdomain: 'pg-headless' }), svc('pg', { selector: { app: 'pg' } })])]) {
    const f = findings(run(s, 'StatefulSet', 'pg'), ID);
    assert.equal(f.length, 1, s.origin);
    assert.equal(f[0]?.message, 'statefulset/pg\'s serviceName pg-headless names no Service in namespace default: its pods get no per-pod DNS names (pg-0.pg-headless.default.svc.cluster.local does not resolve).');
    assert.deepEqual(refs(f[0]?.objects ?? []), ['StatefulSet/pg', 'Service/pg-headless']);
  }
  const ok = offline([set, svc('pg-headless', { clusterIP: 'None', selector: { app: 'pg' } })]);
  assert.deepEqual(findings(run(ok, 'StatefulSet', 'pg'), ID), []);
  const elsewhere = findings(run(offline([set, svc('pg-headless', { clusterIP: 'None', selector: { app: 'other' } })]), 'StatefulSet', 'pg'), ID);
  assert.match(elsewhere[0]?.message ?? '', /names service\/pg-headless, which does not select its pods/);
});

test('a bare pod with hostname and subdomain set by hand: its Service view shows its name; a missing Service is a finding', () => {
  const p = pod('worker', { labels: { app: 'w' }, hostname: 'worker-a', subdomain: 'workers', phase: null });
  const r = run(offline([p, svc('workers', { clusterIP: 'None', selector: { app: 'w' } })]), 'Pod', 'worker');
  assert.deepEqual(findings(r, ID), []);
  const dns = r.routing[0]?.dns.map((d) => [d.name, d.nxdomain]);
  assert.deepEqual(dns, [['workers.default.svc.cluster.local', false], ['worker-a.workers.default.svc.cluster.local', false]]);
  const missing = findings(run(offline([p]), 'Pod', 'worker'), ID);
  assert.equal(missing[0]?.message, 'pod/worker\'s subdomain workers names no Service in namespace default: its pods get no per-pod DNS names (worker-a.workers.default.svc.cluster.local does not resolve).');
  // Live: the name answers the pod IP once its endpoint carries the hostname.
  const lp = pod('worker', { labels: { app: 'w' }, hostname: 'worker-a', subdomain: 'workers', ip: '10.7.0.7' });
  const lr = run(live([lp, node('node-a'), svc('workers', { clusterIP: 'None', selector: { app: 'w' } })]), 'Pod', 'worker');
  assert.deepEqual(lr.routing[0]?.predicted.map((e) => e.hostname), ['worker-a']);
});

test('an Indexed Job with a subdomain: one name per completion index', () => {
  const j = job('train', { podLabels: { app: 'train' } });
  if (j.spec) {
    j.spec.completionMode = 'Indexed';
    j.spec.completions = 3;
    if (j.spec.template?.spec) j.spec.template.spec.subdomain = 'train';
  }
  const r = run(offline([j, svc('train', { clusterIP: 'None', selector: { app: 'train' } })]), 'Service', 'train');
  assert.deepEqual(r.routing[0]?.dns.slice(1).map((d) => d.name), [0, 1, 2].map((i) => `train-${i}.train.default.svc.cluster.local`));
  assert.deepEqual(findings(run(offline([j]), 'Job', 'train'), ID).map((f) => f.message), ['job/train\'s pod template subdomain train names no Service in namespace default: its pods get no per-pod DNS names (train-0.train.default.svc.cluster.local does not resolve).']);
});
