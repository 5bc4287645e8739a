// SelectorsForObject (semantics §1.2, traps 9 and 11) and `kubectl logs -l` (trap 6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matches } from '../../../src/core/labels.ts';
import { kubectlPodSelector, SELECTOR_KINDS, selectorErrorFor } from '../../../src/core/kubectl/pick.ts';
import { followLimitError, logsBySelector } from '../../../src/core/kubectl/selector-logs.ts';
import type { KubeObject } from '../../../src/core/types.ts';
import { pod, svc } from '../builders.ts';

const cronJob: KubeObject = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' } };

test('exactly seven kinds have a selector for kubectl', () => {
  assert.deepEqual([...SELECTOR_KINDS].sort(), ['DaemonSet', 'Deployment', 'Job', 'ReplicaSet', 'ReplicationController', 'Service', 'StatefulSet']);
});

test('CronJob: "selector … not implemented", wrapped per command (trap 9)', () => {
  assert.equal(selectorErrorFor('logs', 'CronJob', cronJob), 'cannot get the logs from *v1.CronJob: selector for *v1.CronJob not implemented');
  for (const cmd of ['exec', 'attach', 'port-forward'] as const) {
    assert.equal(selectorErrorFor(cmd, 'CronJob', cronJob), 'cannot attach to *v1.CronJob: selector for *v1.CronJob not implemented');
  }
});

test('other built-in kinds name their Go type from apiVersion', () => {
  const hpa: KubeObject = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' } };
  assert.equal(selectorErrorFor('logs', 'HorizontalPodAutoscaler', hpa), 'cannot get the logs from *v2.HorizontalPodAutoscaler: selector for *v2.HorizontalPodAutoscaler not implemented');
  assert.equal(selectorErrorFor('exec', 'PodTemplate', { kind: 'PodTemplate', metadata: { name: 't' } }), 'cannot attach to *v1.PodTemplate: selector for *v1.PodTemplate not implemented');
});

test('CRDs fail earlier: their kind is not in kubectl\'s scheme (trap 9)', () => {
  const rollout: KubeObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' } };
  const want = 'no kind "Rollout" is registered for version "argoproj.io/v1alpha1" in scheme "k8s.io/kubectl/pkg/scheme/scheme.go:28"';
  assert.equal(selectorErrorFor('logs', 'Rollout', rollout), want);
  assert.equal(selectorErrorFor('port-forward', 'Rollout', rollout), want);
  // A CRD that reuses a built-in kind name is still not the built-in type.
  assert.equal(selectorErrorFor('logs', 'Deployment', { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'd' } })?.startsWith('no kind "Deployment"'), true);
});

test('Service with nil or empty selector (trap 9)', () => {
  for (const selector of [null, {}]) {
    const db = svc('db', { ports: [{ port: 5432 }], selector });
    assert.equal(selectorErrorFor('logs', 'Service', db), "cannot get the logs from *v1.Service: invalid service 'db': Service is defined without a selector");
    assert.equal(selectorErrorFor('port-forward', 'Service', db), "cannot attach to *v1.Service: invalid service 'db': Service is defined without a selector");
  }
  assert.equal(selectorErrorFor('logs', 'Service', svc('web', { ports: [{ port: 80 }] })), null);
});

test('supported kinds and Pods resolve', () => {
  const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } } } };
  assert.equal(selectorErrorFor('logs', 'Deployment', deploy), null);
  assert.equal(selectorErrorFor('exec', 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }), null);
  assert.equal(selectorErrorFor('attach', 'Job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } } } }), null);
});

test('the selector kubectl LISTs with ignores owners; a nil LabelSelector lists every pod (traps 4, 11)', () => {
  const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } } } };
  const sel = kubectlPodSelector('Deployment', deploy);
  assert.ok(!('error' in sel));
  const bare = pod('bare', { labels: { app: 'web', debug: 'copy' } });
  assert.equal(matches(sel, bare.metadata?.labels), true);
  const nil = kubectlPodSelector('Deployment', { ...deploy, spec: { selector: null } });
  assert.ok(!('error' in nil));
  assert.equal(nil.kind, 'everything');
  const emptyRc = kubectlPodSelector('ReplicationController', { kind: 'ReplicationController', spec: { selector: {} } });
  assert.ok(!('error' in emptyRc) && emptyRc.kind === 'everything');
  assert.ok('error' in kubectlPodSelector('CronJob', cronJob));
});

test('logs -l: every pod, List order, no wait, --tail 10 by default (trap 6)', () => {
  const pods = [pod('b', { phase: 'Failed', ready: false }), pod('a')];
  const r = logsBySelector(pods, 'shop');
  assert.deepEqual(r.targets.map((p) => p.metadata?.name), ['b', 'a']);
  assert.equal(r.tailLines, 10);
  assert.equal(r.noResourcesLine, null);
  assert.match(r.note, /random/);
  assert.equal(logsBySelector([], 'shop').noResourcesLine, 'No resources found in shop namespace.');
  assert.equal(logsBySelector(pods, 'shop', { tail: -1 }).tailLines, null);
  assert.equal(logsBySelector(pods, 'shop', { tail: 50 }).tailLines, 50);
});

test('--max-log-requests applies only when following more than one stream', () => {
  assert.equal(followLimitError(6, true), 'you are attempting to follow 6 log streams, but maximum allowed concurrency is 5, use --max-log-requests to increase the limit');
  assert.equal(followLimitError(6, false), null);
  assert.equal(followLimitError(5, true), null);
  assert.equal(followLimitError(6, true, 10), null);
});
