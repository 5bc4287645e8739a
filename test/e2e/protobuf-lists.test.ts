// Pods, ReplicaSets, EndpointSlices, Deployments and Jobs read as protobuf are the objects their JSON
// gives, on a real API server: every field family the core reads and many it does not (probes,
// volumes, affinity, statuses with every container state, a pod being deleted, IPv4 and IPv6,
// odd bytes in annotations, rollout strategies), compared key for key and in key order; and
// `check -A -o json` writes the same report both ways (WHOSELECTS_LIST_WIRE=json reads every list
// as JSON, =protobuf every page as protobuf; by default a list's first page is JSON), over these
// and Services and budgets of every sort (read as JSON either way).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { startCluster, type Cluster } from '../cluster/harness.ts';
import { decodeList } from '../../src/sources/live/protobuf.ts';
import { normalizeObject } from '../../src/sources/live/resources.ts';
import type { Kind } from '../../src/core/snapshot.ts';
import { clusterSkip, runProgram as whoselects } from './kit.ts';

const skip = clusterSkip();

const ODD = 'é ü 日本 😀 <tag> & "quoted" \\back\\ \u2028 \u0007 \u0000 tab\there';

const container = (name: string, extra: Record<string, unknown> = {}) => ({
  name, image: `registry.example/${name}:1`, command: ['/bin/app'], args: ['--flag', ODD], workingDir: '/work',
  ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090, hostPort: 19090, protocol: 'UDP', hostIP: '127.0.0.1' }],
  env: [
    { name: 'PLAIN', value: ODD }, { name: 'EMPTY', value: '' },
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'MEM', valueFrom: { resourceFieldRef: { containerName: name, resource: 'limits.memory', divisor: '1Mi' } } },
    { name: 'CM', valueFrom: { configMapKeyRef: { name: 'conf', key: 'k', optional: true } } },
    { name: 'SECRET', valueFrom: { secretKeyRef: { name: 'sec', key: 'k', optional: false } } },
  ],
  envFrom: [{ prefix: 'P_', configMapRef: { name: 'conf', optional: true } }, { secretRef: { name: 'sec', optional: true } }],
  resources: { requests: { cpu: '0.5', memory: '1.5Gi' }, limits: { cpu: '1500m', memory: '2Gi' } },
  volumeMounts: [{ name: 'scratch', mountPath: '/scratch', readOnly: true, subPath: 'a', mountPropagation: 'None' }, { name: 'conf', mountPath: '/conf', subPathExpr: '$(POD_NAME)' }],
  livenessProbe: { httpGet: { path: '/live', port: 'http', scheme: 'HTTP', httpHeaders: [{ name: 'X-Odd', value: ODD }] }, initialDelaySeconds: 3, periodSeconds: 7, failureThreshold: 0 },
  readinessProbe: { tcpSocket: { port: 8080 }, timeoutSeconds: 2, successThreshold: 1 },
  startupProbe: { exec: { command: ['true'] }, terminationGracePeriodSeconds: 5 },
  lifecycle: { preStop: { sleep: { seconds: 5 } }, postStart: { httpGet: { port: 8080 } } },
  terminationMessagePolicy: 'FallbackToLogsOnError', imagePullPolicy: 'IfNotPresent',
  securityContext: { capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] }, runAsUser: 1000, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' } },
  ...extra,
});

const spec = (extra: Record<string, unknown> = {}) => ({
  initContainers: [container('init', { ports: [], restartPolicy: 'Always' }), container('setup', { ports: [], livenessProbe: undefined, readinessProbe: undefined, startupProbe: undefined, lifecycle: undefined })],
  containers: [container('main'), container('side', { ports: [{ containerPort: 7070, name: 'grpc' }], livenessProbe: { grpc: { port: 7070, service: 'health' } }, stdin: true, tty: true })],
  volumes: [
    { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    { name: 'conf', configMap: { name: 'conf', items: [{ key: 'k', path: 'k.txt', mode: 0o400 }], defaultMode: 0o644, optional: true } },
    { name: 'sec', secret: { secretName: 'sec', optional: true } },
    { name: 'host', hostPath: { path: '/tmp', type: 'Directory' } },
    { name: 'proj', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600, audience: 'api' } }, { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }] } },
  ],
  restartPolicy: 'Always', terminationGracePeriodSeconds: 45, activeDeadlineSeconds: 2147483647, dnsPolicy: 'ClusterFirst',
  nodeSelector: { 'topology.kubernetes.io/zone': 'zone-a' }, automountServiceAccountToken: false, shareProcessNamespace: true,
  securityContext: { runAsUser: 2147483647, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [1, 2147483647, 3], sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] },
  hostname: 'rich-host', subdomain: 'sub',
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-a', 'zone-b'] }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'Exists' }] } }],
    },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { labelSelector: { matchLabels: { app: 'rich' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }] }, topologyKey: 'kubernetes.io/hostname', namespaceSelector: {} } }] },
  },
  tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 300 }, { operator: 'Exists' }],
  topologySpreadConstraints: [{ maxSkew: 2, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'rich' } }, matchLabelKeys: ['pod-template-hash'] }],
  readinessGates: [{ conditionType: 'example.com/gate' }],
  dnsConfig: { nameservers: ['10.0.0.10'], searches: ['svc.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
  hostAliases: [{ ip: '10.1.2.3', hostnames: ['a.example', 'b.example'] }],
  enableServiceLinks: false,
  ...extra,
});

const labels = { app: 'rich', tier: 'web', 'pod-template-hash': 'abc123' };
const annotations = { odd: ODD, 'example.com/empty': '', 'example.com/json': '{"a":[1,2]}' };

/** A GET with the token, gzip accepted: the body gunzipped, and its content type. */
function get(cluster: Cluster, path: string, accept: string): Promise<{ status: number; type: string; body: Buffer }> {
  const token = cluster.pki.token;
  return new Promise((resolve, reject) => {
    const req = https.request(`${cluster.server}${path}`, { ca: readFileSync(cluster.pki.caCert), headers: { authorization: `Bearer ${token}`, accept, 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const LISTS: { kind: Kind; path: string; apiVersion: string; message: string }[] = [
  { kind: 'Pod', path: '/api/v1/pods', apiVersion: 'v1', message: 'core/v1.PodList' },
  { kind: 'ReplicaSet', path: '/apis/apps/v1/replicasets', apiVersion: 'apps/v1', message: 'apps/v1.ReplicaSetList' },
  { kind: 'EndpointSlice', path: '/apis/discovery.k8s.io/v1/endpointslices', apiVersion: 'discovery.k8s.io/v1', message: 'discovery/v1.EndpointSliceList' },
  { kind: 'Deployment', path: '/apis/apps/v1/deployments', apiVersion: 'apps/v1', message: 'apps/v1.DeploymentList' },
  { kind: 'Job', path: '/apis/batch/v1/jobs', apiVersion: 'batch/v1', message: 'batch/v1.JobList' },
];

/**
 * Jobs of every sort, their statuses written by the Job controller as kwok finishes their pods:
 * Indexed with a success policy, a pod failure policy and a backoff limit per index (finished);
 * one whose pod fails (Failed, its failure counted); a manual selector, suspended; and one
 * managed by another controller (the Job controller leaves it alone: no pods, no status).
 */
function jobs(): Record<string, unknown>[] {
  const template = (app: string, extra: Record<string, unknown> = {}) => ({
    metadata: { labels: { app, tier: 'batch' }, annotations: { ...annotations, ...extra } },
    spec: spec({
      restartPolicy: 'Never', readinessGates: undefined, affinity: undefined, topologySpreadConstraints: undefined, hostname: undefined, subdomain: undefined,
      initContainers: [container('setup', { ports: [], livenessProbe: undefined, readinessProbe: undefined, startupProbe: undefined, lifecycle: undefined })],
      containers: [container('main', { ports: [{ name: 'http', containerPort: 8080 }] })],
    }),
  });
  return [
    {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'indexed', labels: { team: 'data' }, annotations },
      spec: {
        completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimitPerIndex: 1, maxFailedIndexes: 1, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 86400,
        podReplacementPolicy: 'Failed', successPolicy: { rules: [{ succeededIndexes: '0-1', succeededCount: 2 }] },
        podFailurePolicy: { rules: [
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
          { action: 'FailIndex', onExitCodes: { containerName: 'main', operator: 'In', values: [42, 43] } },
          { action: 'Count', onExitCodes: { operator: 'NotIn', values: [0, 1, 2] } },
        ] },
        template: template('indexed'),
      },
    },
    { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'failing' }, spec: { backoffLimit: 0, template: template('failing', { 'whoselects.test/exit-code': '1' }) } },
    {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'manual' },
      spec: { manualSelector: true, suspend: true, completions: 3, parallelism: 1, selector: { matchLabels: { app: 'manual' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['batch'] }] }, template: template('manual') },
    },
    { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'elsewhere' }, spec: { managedBy: 'example.com/batch', template: template('elsewhere') } },
  ];
}

/**
 * Deployments with every field their kind has (the controller writes their statuses), and
 * Services and budgets of every sort, read as JSON, for the report compared both ways below.
 */
function moreObjects(): Record<string, unknown>[] {
  const template = (app: string) => ({ metadata: { labels: { app }, annotations }, spec: spec({ activeDeadlineSeconds: undefined, restartPolicy: 'Always' }) });
  return [
    {
      // Paused with no replicas: the controller writes its status and conditions but makes no pods.
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'rich-deploy', labels, annotations },
      spec: {
        replicas: 0, paused: true, minReadySeconds: 3, revisionHistoryLimit: 4, progressDeadlineSeconds: 120,
        selector: { matchLabels: { app: 'rich-deploy' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x', 'y'] }] },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
        template: template('rich-deploy'),
      },
    },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'recreate' }, spec: { replicas: 0, paused: true, selector: { matchLabels: { app: 'recreate' } }, strategy: { type: 'Recreate' }, template: template('recreate') } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'headless', annotations }, spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'rich' }, ports: [{ name: 'peer', port: 7000 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'outside' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } },
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'local-lb', labels: { tier: 'edge' } },
      spec: {
        type: 'LoadBalancer', selector: { app: 'rich' }, externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local', allocateLoadBalancerNodePorts: true,
        sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } }, loadBalancerSourceRanges: ['10.0.0.0/8'],
        externalIPs: ['192.0.2.10'], ipFamilyPolicy: 'SingleStack', trafficDistribution: 'PreferClose',
        ports: [{ name: 'https', port: 443, targetPort: 8443, appProtocol: 'https' }, { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' }],
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'no-selector' }, spec: { type: 'NodePort', ports: [{ port: 9000, targetPort: 9000, nodePort: 31234 }] } },
    // A percentage or maxUnavailable over pods asks their controllers' scale (a ConfigMap owns
    // "rich": the controller would fail and retry): those select no pod; a count selects them all.
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'by-percent', annotations }, spec: { minAvailable: '50%', selector: { matchLabels: { app: 'nothing' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] } } },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'by-unavailable' }, spec: { maxUnavailable: '10%', unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: { app: 'nothing' } } } },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'everything' }, spec: { minAvailable: 1, selector: {} } },
  ];
}

describe('lists read as protobuf against a real control plane', { skip }, () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster();
    const conf = await cluster.apply(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf' }, data: { k: 'v' } }));
    assert.ok(conf);
    const cm = await cluster.get<{ metadata: { uid: string } }>('configmap', 'conf');
    const owner = { apiVersion: 'v1', kind: 'ConfigMap', name: 'conf', uid: cm.metadata.uid, blockOwnerDeletion: false, controller: true };
    const objects = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'rich', labels, annotations, ownerReferences: [owner] }, spec: spec() },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hostnet', labels: { app: 'rich' } }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'gated', labels: { app: 'gated' } }, spec: { schedulingGates: [{ name: 'example.com/wait' }], containers: [{ name: 'c', image: 'x' }], os: { name: 'linux' } } },
      // On a node no kubelet (nor kwok) runs: its status is ours to write.
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ghost', labels: { app: 'rich', tier: 'ghost' }, finalizers: ['example.com/hold'], annotations }, spec: spec({ nodeName: 'ghost-node', affinity: undefined, topologySpreadConstraints: undefined }) },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rich-rs', labels, annotations: { 'deployment.kubernetes.io/revision': '3', odd: ODD } }, spec: { replicas: 0, minReadySeconds: 5, selector: { matchLabels: { app: 'rich-rs' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, template: { metadata: { labels: { app: 'rich-rs', tier: 'web' }, annotations }, spec: spec({ activeDeadlineSeconds: undefined }) } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'rich' }, spec: { selector: { app: 'rich' }, ports: [{ name: 'http', port: 80, targetPort: 'http', appProtocol: 'http' }, { name: 'udp', port: 53, protocol: 'UDP', targetPort: 9090 }] } },
      {
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'manual-v6', labels: { 'kubernetes.io/service-name': 'rich', 'endpointslice.kubernetes.io/managed-by': 'hand.example.com' } },
        addressType: 'IPv6',
        endpoints: [
          { addresses: ['fd00::1'], conditions: { ready: true, serving: true, terminating: false }, hostname: 'h1', nodeName: 'ghost-node', zone: 'zone-a', hints: { forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'ghost-node' }] }, targetRef: { kind: 'Pod', namespace: 'default', name: 'ghost', uid: cm.metadata.uid } },
          { addresses: ['fd00::2', 'fd00::3'], conditions: { ready: false } },
          { addresses: ['fd00::4'], conditions: {} },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' }, { name: '', port: 53, protocol: 'UDP' }],
      },
    ];
    for (const o of [...objects, ...moreObjects(), ...jobs()]) await cluster.apply(JSON.stringify(o));
    // No load balancer controller runs: the Service's status is ours to write, every field of it.
    const lbStatus = { status: { loadBalancer: { ingress: [{ ip: '198.51.100.7', ipMode: 'Proxy', ports: [{ port: 443, protocol: 'TCP' }, { port: 53, protocol: 'UDP', error: 'example.com/NoUDP' }] }, { hostname: 'lb.example.com' }] }, conditions: [{ type: 'example.com/Ready', status: 'True', reason: 'Provisioned', message: ODD, lastTransitionTime: '2026-01-02T03:04:05Z', observedGeneration: 1 }] } };
    const lb = await cluster.kubectl(['patch', 'service', 'local-lb', '--subresource=status', '--type=merge', '-p', JSON.stringify(lbStatus)]);
    assert.equal(lb.code, 0, lb.stderr);
    const status = {
      status: {
        phase: 'Running', message: ODD, reason: 'Because', nominatedNodeName: 'n2', hostIP: '10.9.0.1', hostIPs: [{ ip: '10.9.0.1' }, { ip: 'fd00:9::1' }],
        podIP: '10.244.9.7', podIPs: [{ ip: '10.244.9.7' }, { ip: 'fd00:244::7' }], startTime: '2026-01-02T03:04:05Z',
        conditions: [
          { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: ODD, lastProbeTime: null, lastTransitionTime: '2026-01-02T03:04:06Z' },
          { type: 'example.com/gate', status: 'True', lastProbeTime: '2026-01-02T03:04:07Z', observedGeneration: 1 },
        ],
        initContainerStatuses: [
          { name: 'init', ready: true, restartCount: 0, image: 'registry.example/init:1', imageID: 'sha256:aa', containerID: 'containerd://i1', started: true, state: { running: { startedAt: '2026-01-02T03:04:05Z' } } },
          { name: 'setup', ready: false, restartCount: 2, image: 'registry.example/setup:1', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-01-02T03:04:05Z', finishedAt: '2026-01-02T03:04:06Z', containerID: 'containerd://s1' } } },
        ],
        containerStatuses: [
          { name: 'main', ready: false, restartCount: 7, image: 'registry.example/main:1', imageID: 'sha256:bb', started: false, state: { waiting: { reason: 'CrashLoopBackOff', message: ODD } }, lastState: { terminated: { exitCode: -1, signal: 9, reason: 'OOMKilled', message: ODD, startedAt: '2026-01-02T03:04:05Z', finishedAt: null } }, allocatedResources: { cpu: '500m' }, resources: { requests: { cpu: '0.5' } } },
          { name: 'side', ready: true, restartCount: 0, image: 'registry.example/side:1', imageID: 'sha256:cc', state: { running: {} }, volumeMounts: [{ name: 'scratch', mountPath: '/scratch', readOnly: true }] },
        ],
      },
    };
    const patched = await cluster.kubectl(['patch', 'pod', 'ghost', '--subresource=status', '--type=merge', '-p', JSON.stringify(status)]);
    assert.equal(patched.code, 0, patched.stderr);
    const deleting = await cluster.kubectl(['delete', 'pod', 'ghost', '--wait=false']);
    assert.equal(deleting.code, 0, deleting.stderr);
    await cluster.waitFor(async () => {
      const pods = await cluster.get<{ items: { metadata: { name: string }; status?: { phase?: string; conditions?: unknown[] } }[] }>('pods');
      const rich = pods.items.find((p) => p.metadata.name === 'rich');
      const slices = await cluster.get<{ items: unknown[] }>('endpointslices', '-l', 'kubernetes.io/service-name=rich');
      // The controllers have written the statuses of the Deployments and the budgets (and stopped).
      type Observed = { metadata: { generation: number }; status?: { observedGeneration?: number; conditions?: unknown[] } };
      const settled = async (resource: string, n: number) => {
        const { items } = await cluster.get<{ items: Observed[] }>(resource);
        return items.length === n && items.every((o) => o.status?.observedGeneration === o.metadata.generation && (o.status?.conditions?.length ?? 0) > 0);
      };
      // The Jobs have come to rest: finished (their pods' finalizers counted and removed), or suspended.
      type Job = { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[]; uncountedTerminatedPods?: { succeeded?: unknown[]; failed?: unknown[] } } };
      const { items: jobItems } = await cluster.get<{ items: Job[] }>('jobs');
      const has = (name: string, type: string) => jobItems.find((j) => j.metadata.name === name)?.status?.conditions?.some((c) => c.type === type && c.status === 'True') === true;
      const counted = jobItems.every((j) => (j.status?.uncountedTerminatedPods?.succeeded?.length ?? 0) + (j.status?.uncountedTerminatedPods?.failed?.length ?? 0) === 0);
      const jobsDone = jobItems.length === 4 && has('indexed', 'Complete') && has('failing', 'Failed') && has('manual', 'Suspended') && counted;
      return jobsDone && rich?.status?.phase === 'Running' && slices.items.length >= 2 && (await settled('deployments', 2)) && (await settled('poddisruptionbudgets', 3));
    }, { what: 'pod rich running, its slices published, the Deployments and budgets observed, the Jobs finished or suspended' });
    // Nothing changes any more (the budgets' controller has seen the Jobs' pods finish): the two reads below see the same objects.
    const versions = async () => (await cluster.kubectl(['get', 'pods,jobs,poddisruptionbudgets,deployments,endpointslices', '-o', 'jsonpath={..resourceVersion}'])).stdout;
    let seen = await versions();
    await cluster.waitFor(async () => {
      await new Promise((r) => setTimeout(r, 1000));
      const now = await versions();
      const still = now === seen;
      seen = now;
      return still;
    }, { what: 'no object changing for a second' });
  });
  after(async () => {
    await cluster?.stop({ graceMs: 200 });
  });

  for (const l of LISTS) {
    test(`${l.kind}s: protobuf gives the objects JSON gives, key for key and in key order`, async () => {
      const json = await get(cluster, l.path, 'application/json');
      const proto = await get(cluster, l.path, 'application/vnd.kubernetes.protobuf');
      assert.equal(json.status, 200);
      assert.equal(proto.status, 200);
      assert.match(proto.type, /^application\/vnd\.kubernetes\.protobuf/);
      const fromJson = (JSON.parse(json.body.toString('utf8')) as { items: unknown[] }).items.map((i) => normalizeObject(i, l.kind, l.apiVersion));
      const decoded = decodeList(proto.body, l.message, { kind: l.kind, apiVersion: l.apiVersion });
      assert.equal(decoded.kind, `${l.kind}List`);
      assert.ok(fromJson.length >= (l.kind === 'ReplicaSet' ? 1 : 2));
      // The same resourceVersions: the two lists saw the same objects (nothing changed between).
      assert.deepEqual(decoded.items.map((o) => (o.metadata as { resourceVersion: string }).resourceVersion), fromJson.map((o) => o.metadata?.resourceVersion));
      assert.deepStrictEqual(decoded.items, fromJson);
      assert.equal(JSON.stringify(decoded.items), JSON.stringify(fromJson));
      if (l.kind === 'Pod') {
        // what was written is there to compare: a pod being deleted, with two families of IPs
        const ghost = decoded.items.find((o) => (o.metadata as { name: string }).name === 'ghost') as { metadata: { deletionTimestamp?: string }; status: { podIPs?: unknown[] } } | undefined;
        assert.ok(ghost?.metadata.deletionTimestamp);
        assert.equal(ghost?.status.podIPs?.length, 2);
      }
      if (l.kind === 'Job') {
        // what the controller wrote is there to compare: indexes, the success criteria met, a failure counted
        type Job = { metadata: { name: string }; spec: { managedBy?: string; podFailurePolicy?: unknown }; status: { completedIndexes?: string; failed?: number; conditions?: { type: string }[] } };
        const job = (name: string) => decoded.items.find((o) => (o.metadata as { name: string }).name === name) as Job | undefined;
        assert.equal(job('indexed')?.status.completedIndexes, '0,1');
        assert.ok(job('indexed')?.spec.podFailurePolicy);
        assert.deepEqual(job('indexed')?.status.conditions?.map((c) => c.type).sort(), ['Complete', 'SuccessCriteriaMet']);
        assert.equal(job('failing')?.status.failed, 1);
        assert.equal(job('elsewhere')?.spec.managedBy, 'example.com/batch');
      }
    });
  }

  test('check -A -o json: the same report from protobuf lists as from JSON lists, and the pods were read as protobuf', async () => {
    const args = ['check', '-A', '-o', 'json', '--fail-on', 'never', '-v'];
    const viaJson = await whoselects({ ...cluster.env, WHOSELECTS_LIST_WIRE: 'json' }, args);
    const viaProto = await whoselects({ ...cluster.env, WHOSELECTS_LIST_WIRE: 'protobuf' }, args);
    assert.equal(viaJson.code, 0, viaJson.stderr);
    assert.equal(viaProto.code, 0, viaProto.stderr);
    assert.ok(viaProto.stdout.includes('"rich"'));
    const stamp = (s: string) => s.replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""');
    assert.equal(stamp(viaProto.stdout), stamp(viaJson.stdout));
    // one GET per list page: nothing was asked again as JSON
    const podGets = (s: string) => s.split('\n').filter((line) => /GET \/api\/v1\/pods\?/.test(line)).length;
    assert.equal(podGets(viaProto.stderr), 1);
  });
});
