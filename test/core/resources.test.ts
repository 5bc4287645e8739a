// Resource type names and target arguments as kubectl reads them: every name form of a
// type (plural, singular, short, Kind, RESOURCE.GROUP, RESOURCE.VERSION.GROUP), in any
// case; TYPE/NAME, TYPE NAME, and a bare NAME meaning a Pod (kubectl logs/exec).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupType, parseTargetArgs, RESOURCE_TYPES } from '../../src/core/resources.ts';

test('lookupType accepts every form kubectl accepts', () => {
  const cases: [string, string][] = [
    ['po', 'Pod'], ['pod', 'Pod'], ['pods', 'Pod'], ['Pod', 'Pod'], ['PODS', 'Pod'], ['pods.', 'Pod'], ['pods.v1.', 'Pod'], ['svc.v1.', 'Service'],
    ['svc', 'Service'], ['service', 'Service'], ['services', 'Service'], ['Service', 'Service'],
    ['deploy', 'Deployment'], ['deployment', 'Deployment'], ['deployments', 'Deployment'], ['Deployment', 'Deployment'],
    ['deployment.apps', 'Deployment'], ['deployments.apps', 'Deployment'], ['deployments.v1.apps', 'Deployment'], ['deploy.apps', 'Deployment'],
    ['rs', 'ReplicaSet'], ['replicasets.apps', 'ReplicaSet'],
    ['sts', 'StatefulSet'], ['statefulset.v1.apps', 'StatefulSet'],
    ['ds', 'DaemonSet'], ['daemonsets', 'DaemonSet'],
    ['job', 'Job'], ['jobs.batch', 'Job'], ['jobs.v1.batch', 'Job'],
    ['cj', 'CronJob'], ['cronjob', 'CronJob'], ['cronjobs.batch', 'CronJob'],
    ['rc', 'ReplicationController'], ['replicationcontrollers', 'ReplicationController'],
    ['netpol', 'NetworkPolicy'], ['networkpolicies.networking.k8s.io', 'NetworkPolicy'], ['networkpolicy.v1.networking.k8s.io', 'NetworkPolicy'],
    ['pdb', 'PodDisruptionBudget'], ['poddisruptionbudgets.policy', 'PodDisruptionBudget'],
    ['ing', 'Ingress'], ['ingresses', 'Ingress'], ['ingress.networking.k8s.io', 'Ingress'],
    ['hpa', 'HorizontalPodAutoscaler'], ['horizontalpodautoscalers.autoscaling', 'HorizontalPodAutoscaler'],
    ['hpa.v1.autoscaling', 'HorizontalPodAutoscaler'], ['hpa.v2.autoscaling', 'HorizontalPodAutoscaler'],
    ['endpointslices', 'EndpointSlice'], ['no', 'Node'], ['ns', 'Namespace'],
  ];
  for (const [text, kind] of cases) {
    const r = lookupType(text);
    assert.ok('type' in r, `${text}: ${JSON.stringify(r)}`);
    assert.equal(r.type.kind, kind, text);
  }
});

test('lookupType rejects unknown types and wrong groups or versions with kubectl\'s message', () => {
  for (const text of ['foo', 'deployment.batch', 'deployments.v2.apps', 'svc.apps', 'cronjobs.v1beta1.batch', 'hpa.v3.autoscaling', 'pods.v1', 'svc.v1', '']) {
    assert.deepEqual(lookupType(text), { error: `the server doesn't have a resource type "${text}"` }, text);
  }
});

test('every type has distinct names', () => {
  const seen = new Map<string, string>();
  for (const t of RESOURCE_TYPES) {
    for (const n of [t.plural, t.singular, t.kind.toLowerCase(), ...t.shortNames]) {
      const prior = seen.get(n);
      assert.ok(prior === undefined || prior === t.kind, `${n} names ${prior} and ${t.kind}`);
      seen.set(n, t.kind);
    }
  }
});

test('parseTargetArgs: TYPE/NAME, TYPE NAME and a bare NAME (a Pod)', () => {
  const cases: [string[], string, string][] = [
    [['svc/mariadb'], 'Service', 'mariadb'],
    [['deploy/moc-xdmod'], 'Deployment', 'moc-xdmod'],
    [['deployments.v1.apps/moc-xdmod'], 'Deployment', 'moc-xdmod'],
    [['deploy', 'moc-xdmod'], 'Deployment', 'moc-xdmod'],
    [['Service', 'mariadb'], 'Service', 'mariadb'],
    [['cj/nightly'], 'CronJob', 'nightly'],
    [['hpa', 'web'], 'HorizontalPodAutoscaler', 'web'],
    [['web-7d9f-abcde'], 'Pod', 'web-7d9f-abcde'],
    [['pod/web-7d9f-abcde'], 'Pod', 'web-7d9f-abcde'],
    [['po', 'web-7d9f-abcde'], 'Pod', 'web-7d9f-abcde'],
  ];
  for (const [args, kind, name] of cases) {
    const r = parseTargetArgs(args);
    assert.ok('type' in r, `${args.join(' ')}: ${JSON.stringify(r)}`);
    assert.equal(r.type.kind, kind, args.join(' '));
    assert.equal(r.name, name, args.join(' '));
  }
});

test('parseTargetArgs: malformed arguments fail with kubectl\'s wording and a hint', () => {
  const cases: [string[], RegExp][] = [
    [[], /^no target given$/],
    [['a', 'b', 'c'], /^too many arguments: a b c$/],
    [['svc/'], /^arguments in resource\/name form must have a single resource and name$/],
    [['/mariadb'], /^arguments in resource\/name form must have a single resource and name$/],
    [['svc,deploy/x'], /^arguments in resource\/name form must have a single resource and name$/],
    [['svc/service/mariadb'], /^arguments in resource\/name form may not have more than one slash$/],
    [['svc', 'svc/mariadb'], /^there is no need to specify a resource type as a separate argument/],
    [['svc/mariadb', 'x'], /^there is no need to specify a resource type as a separate argument/],
    [['foo/bar'], /^the server doesn't have a resource type "foo"$/],
    [['foo', 'bar'], /^the server doesn't have a resource type "foo"$/],
    [['endpointslices/x'], /^endpointslices have no selector to examine$/],
    [['node', 'n1'], /^nodes have no selector to examine$/],
    [['ns/default'], /^namespaces have no selector to examine$/],
  ];
  for (const [args, want] of cases) {
    const r = parseTargetArgs(args);
    assert.ok('error' in r, `${args.join(' ')} parsed`);
    assert.match(r.error, want, args.join(' '));
    assert.match(r.hint, /TYPE\/NAME or TYPE NAME/);
  }
});
