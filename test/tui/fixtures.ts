// Reports for the TUI tests: the golden reports of the examples (offline, templates), and a
// small live-looking report built here (real pods, EndpointSlices, a foreign owner).

import { readFileSync } from 'node:fs';
import type { EndpointView, Finding, PodView, Report, RoutingView } from '../../src/core/report.ts';
import type { ObjectRef } from '../../src/core/snapshot.ts';

export function golden(slug: string): Report {
  return JSON.parse(readFileSync(new URL(`../golden/expected/${slug}.json`, import.meta.url), 'utf8')) as Report;
}

export const NOW = new Date('2026-05-01T12:00:00Z');

const ref = (kind: string, name: string): ObjectRef => ({ kind, name, namespace: 'shop' });

export function pod(name: string, o: Partial<PodView> & { chain?: ObjectRef[]; matched?: string[] } = {}): PodView {
  const { chain, matched, ...rest } = o;
  return {
    ref: ref('Pod', name), template: false, phase: 'Running', ready: true, readySince: '2026-05-01T11:00:00Z', terminating: false, deletionTimestamp: null,
    node: 'node-a', zone: 'zone-a', ip: '10.0.0.1', restarts: 0, createdAt: '2026-05-01T11:00:00Z',
    owners: (chain ?? []).map((r) => ({ ref: r, present: true, staleUid: false })), ownedByTarget: null, adopted: null,
    labels: (matched ?? ['app=web']).map((l) => ({ key: l.split('=')[0] as string, value: l.split('=')[1] as string, matched: true })),
    ports: [{ container: 'nginx', name: 'http', port: 8080, protocol: 'TCP' }], readinessProbe: true, preStop: null, terminationGracePeriodSeconds: 30,
    ...rest,
  };
}

export function endpoint(p: PodView, o: Partial<EndpointView> = {}): EndpointView {
  return {
    pod: p.ref, template: false, addresses: [p.ip ?? ''], node: p.node, zone: p.zone, ready: true, serving: true, terminating: false, hostname: null,
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], missingPorts: [], undeclaredPorts: [], weight: 1, ...o,
  };
}

export function finding(severity: Finding['severity'], id: string, message: string, objects: ObjectRef[] = []): Finding {
  return { id, severity, message, objects, evidence: [`evidence of ${id}`] };
}

const WEB = ref('Deployment', 'web');
const RS = ref('ReplicaSet', 'web-7d4b9c8f6d');
const CANARY = ref('Deployment', 'web-canary');

/** svc/web live: two pods of deployment/web (one terminating, still serving), one of web-canary without the named port. */
export function liveReport(): Report {
  const a = pod('web-7d4b9c8f6d-x2k9p', { chain: [RS, WEB], labels: [{ key: 'app', value: 'web', matched: true }, { key: 'pod-template-hash', value: '7d4b9c8f6d', matched: false }] });
  const b = pod('web-7d4b9c8f6d-q8w7e', { chain: [RS, WEB], terminating: true, deletionTimestamp: '2026-05-01T11:59:50Z', node: 'node-b', zone: 'zone-b', ip: '10.0.0.2' });
  const c = pod('web-canary-5f6d7c8b9-zz1aa', { chain: [ref('ReplicaSet', 'web-canary-5f6d7c8b9'), CANARY], restarts: 3, ip: '10.0.0.3',
    ports: [{ container: 'nginx', name: 'web', port: 8080, protocol: 'TCP' }], labels: [{ key: 'app', value: 'web', matched: true }, { key: 'track', value: 'canary', matched: false }] });
  const routing: RoutingView = {
    service: ref('Service', 'web'), type: 'ClusterIP', headless: false, managed: true, unmanagedReason: null, proxyIgnored: null, publishNotReadyAddresses: false,
    externalTrafficPolicy: null, internalTrafficPolicy: null, sessionAffinity: null,
    predicted: [endpoint(a), endpoint(b, { ready: false, terminating: true }), endpoint(c, { ports: [], missingPorts: [{ servicePort: 'http', reason: 'no container port named "http"' }] })],
    excluded: [],
    actual: { slices: [{ name: 'web-abcde', managedBy: 'endpointslice-controller.k8s.io', resourceVersion: '42', lastChangeTriggerTime: null }],
      endpoints: [endpoint(a), endpoint(b, { ready: false, terminating: true }), endpoint(c, { ports: [] })] },
    differences: [],
    ports: [{ servicePort: 'http', port: 80, protocol: 'TCP', targetPort: 'http', shares: [], usingTerminatingFallback: false, noEndpoints: false, unservedShare: 1 / 3 }],
    nodes: [], dns: [],
  };
  return {
    kind: 'WhoSelectsReport', schemaVersion: 1, generatedAt: NOW.toISOString(), kubectlVersion: { version: '1.34', from: 'flag' },
    source: { origin: 'live', namespace: 'shop', context: 'prod', cluster: 'prod-eu', inputs: [], gaps: [], problems: [] },
    target: { ref: ref('Service', 'web'), found: true, selector: { field: 'spec.selector', text: 'app=web', meaning: 'map selector', requirements: ['app=web'], error: null }, via: [], backends: [], policy: null, notes: [] },
    selection: [a, b, c],
    owners: [{ owner: WEB, isTarget: false, pods: [a.ref.name, b.ref.name] }, { owner: CANARY, isTarget: false, pods: [c.ref.name] }],
    routing: [routing],
    kubectl: [
      { command: 'logs', commandLine: 'kubectl logs svc/web', target: ref('Service', 'web'), pod: c.ref, template: false, container: 'nginx', containers: ['nginx'], owners: [c.owners[0]!.ref, CANARY], ownedByTarget: null, decidedBy: 'most restarts', uncertain: false, candidates: [], error: null, messages: [], ports: [] },
      { command: 'exec', commandLine: 'kubectl exec svc/web', target: ref('Service', 'web'), pod: a.ref, template: false, container: 'nginx', containers: ['nginx'], owners: [RS, WEB], ownedByTarget: null, decidedBy: 'fewest restarts', uncertain: false, candidates: [], error: null, messages: [], ports: [] },
    ],
    selectedBy: [], nearMisses: [],
    findings: [
      finding('info', 'no-prestop-delay', 'deployment/web has no preStop delay.', [WEB]),
      finding('warning', 'target-port-not-served', 'pod/web-canary-5f6d7c8b9-zz1aa cannot serve service/web port http.', [c.ref]),
      finding('error', 'zero-ready', 'service/web has one ready endpoint left.', [ref('Service', 'web')]),
    ],
    summary: { selected: 3, templates: 0, owners: 2, findings: { error: 1, warning: 1, info: 1 } },
  };
}
