import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kind } from '../../../src/core/snapshot.ts';
import type { KubeObject, NetworkPolicy, Pod, ReplicationController, Service, Workload } from '../../../src/core/types.ts';
import { normalize } from '../../../src/sources/manifests/normalize.ts';
import { V1BETA1_EMPTY_SELECTOR_KEY } from '../../../src/sources/manifests/defaults-policy.ts';

function norm<T extends KubeObject>(kind: Kind, obj: T, ns = 'default', legacy = false): T {
  const copy = structuredClone(obj);
  normalize(kind, copy, ns, legacy);
  return copy;
}

function svc(spec: NonNullable<Service['spec']> & Record<string, unknown>, status?: Service['status']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec, ...(status ? { status } : {}) };
}

test('metadata: namespace defaulted for namespaced kinds, dropped for cluster-scoped; synthetic UID only when absent', () => {
  const s = norm('Service', svc({}), 'team');
  assert.equal(s.metadata?.namespace, 'team');
  assert.equal(s.metadata?.uid, 'manifest:Service/team/s');
  assert.equal(s.metadata?.creationTimestamp, undefined);
  const kept = norm<KubeObject>('Service', { ...svc({}), metadata: { name: 's', namespace: 'other', uid: 'real-uid' } }, 'team');
  assert.equal(kept.metadata?.namespace, 'other');
  assert.equal(kept.metadata?.uid, 'real-uid');
  const node = norm<KubeObject>('Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', namespace: 'oops' } }, 'team');
  assert.equal(node.metadata?.namespace, undefined);
  assert.equal(node.metadata?.uid, 'manifest:Node/n1');
});

const serviceCases: { name: string; spec: Record<string, unknown>; status?: Service['status']; expect: Record<string, unknown> }[] = [
  {
    name: 'plain ClusterIP',
    spec: { selector: { app: 'a' }, ports: [{ port: 80 }] },
    expect: { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], externalTrafficPolicy: undefined },
  },
  {
    name: 'targetPort 0 and "" default to port; names and UDP are kept',
    spec: { ports: [{ port: 53, targetPort: 0, protocol: 'UDP' }, { port: 8080, targetPort: '' }, { port: 443, targetPort: 'https' }] },
    expect: { ports: [{ port: 53, targetPort: 53, protocol: 'UDP' }, { port: 8080, targetPort: 8080, protocol: 'TCP' }, { port: 443, targetPort: 'https', protocol: 'TCP' }] },
  },
  {
    name: 'NodePort and LoadBalancer are externally accessible: externalTrafficPolicy Cluster',
    spec: { type: 'NodePort', ports: [{ port: 80 }] },
    expect: { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
  },
  {
    name: 'an explicit externalTrafficPolicy Local is kept',
    spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local' },
    expect: { externalTrafficPolicy: 'Local' },
  },
  {
    name: 'ClusterIP with externalIPs is externally accessible',
    spec: { externalIPs: ['198.51.100.7'] },
    expect: { externalTrafficPolicy: 'Cluster' },
  },
  {
    name: 'ExternalName: no traffic policies, no IP families',
    spec: { type: 'ExternalName', externalName: 'db.example.com' },
    expect: { internalTrafficPolicy: undefined, externalTrafficPolicy: undefined, ipFamilies: undefined, sessionAffinity: 'None' },
  },
  {
    name: 'ClientIP affinity gets the 10800 s default timeout',
    spec: { sessionAffinity: 'ClientIP' },
    expect: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } },
  },
  {
    name: 'an affinity config with None is dropped',
    spec: { sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } },
    expect: { sessionAffinity: 'None', sessionAffinityConfig: undefined },
  },
  {
    name: 'headless with a selector: one family',
    spec: { clusterIP: 'None', selector: { app: 'a' } },
    expect: { clusterIPs: ['None'], ipFamilies: ['IPv4'] },
  },
  {
    name: 'headless and selectorless defaults to RequireDualStack: both families',
    spec: { clusterIP: 'None' },
    expect: { ipFamilies: ['IPv4', 'IPv6'] },
  },
  {
    name: 'families follow given cluster IPs',
    spec: { clusterIPs: ['fd00::10', '10.0.0.10'] },
    expect: { clusterIP: 'fd00::10', ipFamilies: ['IPv6', 'IPv4'] },
  },
];

for (const c of serviceCases) {
  test(`Service defaults: ${c.name}`, () => {
    const spec = norm('Service', svc(c.spec as NonNullable<Service['spec']>)).spec as Record<string, unknown>;
    for (const [key, value] of Object.entries(c.expect)) assert.deepEqual(spec[key], value, key);
  });
}

test('Service: a LoadBalancer ingress IP without ipMode reads as VIP', () => {
  const s = norm('Service', svc({ type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }] } }));
  assert.deepEqual(s.status?.loadBalancer?.ingress, [{ ip: '203.0.113.10', ipMode: 'VIP' }, { hostname: 'lb.example.com' }]);
});

test('ReplicationController: selector and labels default to the template labels only when empty', () => {
  const rc: ReplicationController = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'r' }, spec: { template: { metadata: { labels: { app: 'r', tier: 'x' } } } } };
  const out = norm('ReplicationController', rc);
  assert.deepEqual(out.spec?.selector, { app: 'r', tier: 'x' });
  assert.deepEqual(out.metadata?.labels, { app: 'r', tier: 'x' });
  assert.equal(out.spec?.replicas, 1);
  out.spec!.template!.metadata!.labels!.app = 'changed';
  assert.equal(out.spec?.selector?.app, 'r', 'the selector is a copy, not the same map');
  const explicit = norm('ReplicationController', { ...rc, metadata: { name: 'r', labels: { own: 'y' } }, spec: { ...rc.spec, selector: { app: 'r' } } });
  assert.deepEqual(explicit.spec?.selector, { app: 'r' });
  assert.deepEqual(explicit.metadata?.labels, { own: 'y' });
  const empty = norm('ReplicationController', { ...rc, spec: { ...rc.spec, selector: {} } });
  assert.deepEqual(empty.spec?.selector, { app: 'r', tier: 'x' });
});

function job(spec: Workload['spec'], meta: Workload['metadata'] = { name: 'pi' }): Workload {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: meta, spec };
}

test('Job: the selector is generated on the UID and the four job labels added to the template', () => {
  const out = norm('Job', job({ template: { metadata: { labels: { app: 'pi' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } }), 'batch');
  const uidValue = 'manifest.Job.batch.pi';
  assert.deepEqual(out.spec?.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uidValue } });
  assert.deepEqual(out.spec?.template?.metadata?.labels, {
    app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uidValue, 'batch.kubernetes.io/controller-uid': uidValue,
  });
  assert.deepEqual(out.metadata?.labels, out.spec?.template?.metadata?.labels, 'an unlabelled Job reads back with its template labels');
  assert.equal(out.spec?.completions, 1);
  assert.equal(out.spec?.parallelism, 1);
  assert.equal(out.spec?.completionMode, 'NonIndexed');
});

test('Job: a real UID is used as is; labels the user set are kept', () => {
  const out = norm('Job', job({ template: { metadata: { labels: { 'job-name': 'custom' } } } }, { name: 'pi', uid: '5f1c2d3e-0000-4000-8000-000000000001', labels: { team: 't' } }));
  const labels = out.spec?.template?.metadata?.labels;
  assert.equal(labels?.['job-name'], 'custom');
  assert.equal(labels?.['batch.kubernetes.io/controller-uid'], '5f1c2d3e-0000-4000-8000-000000000001');
  assert.deepEqual(out.metadata?.labels, { team: 't' });
});

test('Job: manualSelector keeps the selector and adds no labels', () => {
  const spec = { manualSelector: true, selector: { matchLabels: { app: 'm' } }, template: { metadata: { labels: { app: 'm' } } } };
  const out = norm('Job', job(spec));
  assert.deepEqual(out.spec?.selector, { matchLabels: { app: 'm' } });
  assert.deepEqual(out.spec?.template?.metadata?.labels, { app: 'm' });
});

test('Job: an existing selector gains the controller-uid requirement; parallelism alone leaves completions unset', () => {
  const out = norm('Job', job({ parallelism: 3, selector: { matchLabels: { app: 'x' } }, template: {} }));
  assert.deepEqual(out.spec?.selector?.matchLabels, { app: 'x', 'batch.kubernetes.io/controller-uid': 'manifest.Job.default.pi' });
  assert.equal(out.spec?.completions, undefined);
  assert.equal(out.spec?.parallelism, 3);
});

test('Job: a long synthetic UID becomes a valid label value of at most 63 characters', () => {
  const name = 'a'.repeat(60);
  const out = norm('Job', job({ template: {} }, { name }), 'n'.repeat(40));
  const value = out.spec?.selector?.matchLabels?.['batch.kubernetes.io/controller-uid'] ?? '';
  assert.ok(value.length <= 63, value);
  assert.match(value, /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/);
  const other = norm('Job', job({ template: {} }, { name: `${name.slice(1)}b` }), 'n'.repeat(40));
  assert.notEqual(other.spec?.selector?.matchLabels?.['batch.kubernetes.io/controller-uid'], value);
});

test('apps defaults: replicas, Deployment and DaemonSet rolling updates, StatefulSet strategy', () => {
  const base = { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } } } };
  const d = norm('Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: base } as Workload);
  assert.equal(d.spec?.replicas, 1);
  assert.deepEqual(d.spec?.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  const recreate = norm('Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { ...base, strategy: { type: 'Recreate' } } } as Workload);
  assert.deepEqual(recreate.spec?.strategy, { type: 'Recreate' });
  const ds = norm('DaemonSet', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x' }, spec: base } as Workload);
  assert.deepEqual(ds.spec?.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  assert.equal(ds.spec?.replicas, undefined);
  const sts = norm('StatefulSet', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'x' }, spec: { ...base, replicas: 3 } } as Workload);
  assert.equal(sts.spec?.replicas, 3);
  assert.equal(sts.spec?.updateStrategy?.type, 'RollingUpdate');
});

test('legacy extensions/v1beta1 Deployment: the selector defaults to the template labels', () => {
  const d = norm('Deployment', { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'old' }, spec: { template: { metadata: { labels: { app: 'old' } } } } } as Workload, 'default', true);
  assert.deepEqual(d.spec?.selector, { matchLabels: { app: 'old' } });
  assert.deepEqual(d.metadata?.labels, { app: 'old' });
});

test('pod specs: restartPolicy, grace period, container port protocol; hostNetwork host ports only on Pods', () => {
  const spec = { hostNetwork: true, containers: [{ name: 'c', ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 9100 }] }], initContainers: [{ name: 'i', restartPolicy: 'Always', ports: [{ containerPort: 15000 }] }] };
  const pod = norm('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec } as Pod);
  assert.equal(pod.spec?.restartPolicy, 'Always');
  assert.equal(pod.spec?.terminationGracePeriodSeconds, 30);
  assert.deepEqual(pod.spec?.containers?.[0]?.ports, [{ containerPort: 53, protocol: 'UDP', hostPort: 53 }, { containerPort: 9100, protocol: 'TCP', hostPort: 9100 }]);
  assert.deepEqual(pod.spec?.initContainers?.[0]?.ports, [{ containerPort: 15000, protocol: 'TCP', hostPort: 15000 }]);
  const ds = norm('DaemonSet', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: structuredClone(spec) } } } as Workload);
  assert.deepEqual(ds.spec?.template?.spec?.containers?.[0]?.ports?.[1], { containerPort: 9100, protocol: 'TCP' }, 'templates get no host ports');
  const zeroGrace = norm('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { terminationGracePeriodSeconds: 0 } } as Pod);
  assert.equal(zeroGrace.spec?.terminationGracePeriodSeconds, 0);
});

test('NetworkPolicy: an absent podSelector is {} (all pods), policyTypes and port protocol default', () => {
  const np = norm('NetworkPolicy', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 443 }] }] } } as NetworkPolicy);
  assert.deepEqual(np.spec?.podSelector, {});
  assert.deepEqual(np.spec?.policyTypes, ['Ingress', 'Egress']);
  assert.deepEqual(np.spec?.egress?.[0]?.ports, [{ port: 53, protocol: 'UDP' }, { port: 443, protocol: 'TCP' }]);
  const ingressOnly = norm('NetworkPolicy', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' } } as NetworkPolicy);
  assert.deepEqual(ingressOnly.spec?.policyTypes, ['Ingress']);
});

test('Namespace gets its kubernetes.io/metadata.name label; EndpointSlice ports get name "" and TCP', () => {
  const ns = norm<KubeObject>('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  assert.deepEqual(ns.metadata?.labels, { 'kubernetes.io/metadata.name': 'shop' });
  const slice = norm('EndpointSlice', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'x' }, ports: [{ port: 80 }] } as KubeObject);
  assert.deepEqual((slice as { ports?: unknown }).ports, [{ port: 80, name: '', protocol: 'TCP' }]);
});

test('legacy policy/v1beta1 PDB: an empty selector keeps matching nothing', () => {
  const pdb = norm('PodDisruptionBudget', { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { selector: {} } } as KubeObject, 'default', true);
  assert.deepEqual((pdb as { spec?: unknown }).spec, { selector: { matchExpressions: [{ key: V1BETA1_EMPTY_SELECTOR_KEY, operator: 'Exists' }] } });
});

test('legacy v1beta1 Ingress: serviceName/servicePort and spec.backend read in the v1 shape', () => {
  const ing = norm('Ingress', {
    apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'i' },
    spec: { backend: { serviceName: 'default-http', servicePort: 80 }, rules: [{ http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 'http' } }] } }] },
  } as KubeObject, 'default', true) as KubeObject & { spec: Record<string, unknown> };
  assert.deepEqual(ing.spec.defaultBackend, { service: { name: 'default-http', port: { number: 80 } } });
  assert.equal(ing.spec.backend, undefined);
  assert.deepEqual(ing.spec.rules, [{ http: { paths: [{ path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }]);
});
