// Generated clusters as manifests, for the offline series and the live fixtures.
// Never committed: written to a temporary directory (or the path given) on each run.
//
//   node bench/generate.ts --pods 20000 --namespaces 50 [--shape healthy|overlap] [--revisions 1] [--format json|yaml|json-list|yaml-list] [--out FILE]
//
// healthy: Deployments with `--revisions` ReplicaSets (the newest holds the pods) and
//   `--replicas` ready pods each, one Service per Deployment, a PodDisruptionBudget and an
//   autoscaler for every other Deployment, one NetworkPolicy per namespace.
// overlap: the same, plus one extra Service per Deployment that selects across workloads
//   (a shared `tier` label), so check has tens of thousands of findings to group.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Document, isPair, isScalar, stringify, visit } from 'yaml';

export interface Shape {
  pods: number;
  namespaces: number;
  replicas: number;
  revisions: number;
  shape: 'healthy' | 'overlap';
  /** Include the pods' status and the controllers' UIDs (a cluster as read back); false gives what one applies. */
  asRead: boolean;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** A deterministic UID from a counter (the generated set is reproducible). */
function uid(kind: number, n: number): string {
  return `${hex(kind, 8)}-0000-4000-8000-${hex(n, 12)}`;
}

function podName(rs: string, i: number): string {
  // The ReplicaSet controller's generateName suffix: five characters from [bcdfghjklmnpqrstvwxz2456789].
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let x = i * 7919 + 104729;
  let out = '';
  for (let k = 0; k < 5; k++) {
    out += alphabet[x % alphabet.length];
    x = Math.floor(x / alphabet.length) + k * 31;
  }
  return `${rs}-${out}`;
}

/** Objects of one generated cluster, as plain JSON objects (what the API server would hold). */
export function* objects(shape: Shape): Generator<Record<string, unknown>> {
  const deployments = Math.max(1, Math.ceil(shape.pods / shape.replicas));
  const perNs = Math.ceil(deployments / shape.namespaces);
  let counter = 0;
  let podsLeft = shape.pods;
  for (let n = 0; n < shape.namespaces && podsLeft > 0; n++) {
    const ns = shape.namespaces === 1 ? 'bench' : `bench-${String(n).padStart(2, '0')}`;
    yield { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns, team: `t${n % 5}` } } };
    yield {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-same-team', namespace: ns },
      spec: { podSelector: { matchLabels: { managed: 'bench' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: `t${n % 5}` } } }] }] },
    };
    for (let d = 0; d < perNs && podsLeft > 0; d++) {
      const app = `app-${String(d).padStart(4, '0')}`;
      const replicas = Math.min(shape.replicas, podsLeft);
      podsLeft -= replicas;
      const labels = { app, managed: 'bench', tier: `tier-${d % 10}` };
      const depUid = uid(1, ++counter);
      const template = {
        metadata: { labels },
        spec: {
          containers: [{
            name: 'main', image: 'registry.example/app:1', ports: [{ name: 'http', containerPort: 8080 }],
            readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
            lifecycle: { preStop: { sleep: { seconds: 5 } } },
            resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
          }],
        },
      };
      const dep: Record<string, unknown> = {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace: ns, labels },
        spec: { replicas, selector: { matchLabels: { app } }, template },
      };
      if (shape.asRead) (dep.metadata as Record<string, unknown>).uid = depUid;
      yield dep;
      if (shape.asRead) {
        for (let r = 0; r < shape.revisions; r++) {
          const newest = r === shape.revisions - 1;
          const hash = `${hex(d, 4)}${hex(r, 4)}x`.slice(0, 9).replace(/[0-9]/g, (c) => 'bcdfghjklm'[Number(c)] as string);
          const rsName = `${app}-${hash}`;
          const rsUid = uid(2, ++counter);
          const rsLabels = { ...labels, 'pod-template-hash': hash };
          yield {
            apiVersion: 'apps/v1', kind: 'ReplicaSet',
            metadata: {
              name: rsName, namespace: ns, uid: rsUid, labels: rsLabels,
              annotations: { 'deployment.kubernetes.io/revision': String(r + 1) },
              ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: depUid, controller: true, blockOwnerDeletion: true }],
            },
            spec: { replicas: newest ? replicas : 0, selector: { matchLabels: { app, 'pod-template-hash': hash } }, template: { ...template, metadata: { labels: rsLabels } } },
            status: { replicas: newest ? replicas : 0, readyReplicas: newest ? replicas : 0, availableReplicas: newest ? replicas : 0 },
          };
          if (!newest) continue;
          for (let p = 0; p < replicas; p++) {
            const name = podName(rsName, p);
            const node = `node-${(counter + p) % 30}`;
            yield {
              apiVersion: 'v1', kind: 'Pod',
              metadata: {
                name, generateName: `${rsName}-`, namespace: ns, uid: uid(3, ++counter), labels: rsLabels,
                creationTimestamp: '2026-01-01T00:00:00Z',
                ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: rsUid, controller: true, blockOwnerDeletion: true }],
              },
              spec: { ...template.spec, nodeName: node },
              status: {
                phase: 'Running', podIP: `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}`, startTime: '2026-01-01T00:00:01Z',
                conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:05Z' }],
                containerStatuses: [{ name: 'main', ready: true, restartCount: 0, started: true }],
              },
            };
          }
        }
      }
      yield {
        apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: ns },
        spec: { selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
      };
      if (shape.shape === 'overlap') {
        yield {
          apiVersion: 'v1', kind: 'Service', metadata: { name: `${app}-tier`, namespace: ns },
          spec: { selector: { tier: labels.tier }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
        };
      }
      if (d % 2 === 0) {
        yield {
          apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: app, namespace: ns },
          spec: { maxUnavailable: 1, selector: { matchLabels: { app } } },
        };
        yield {
          apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: app, namespace: ns },
          spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app }, minReplicas: 1, maxReplicas: replicas * 2, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
        };
      }
    }
  }
}

export type Format = 'json' | 'yaml' | 'yaml-crlf' | 'yaml-flow' | 'yaml-end' | 'yaml-quoted' | 'json-list' | 'json-line' | 'yaml-list';
export const FORMATS: readonly Format[] = ['json', 'yaml', 'yaml-crlf', 'yaml-flow', 'yaml-end', 'yaml-quoted', 'json-list', 'json-line', 'yaml-list'];

/**
 * json: one JSON document per line, separated as YAML documents (YAML readers take it, and
 * it writes fast); yaml: block-style YAML, as kustomize and helm write it; yaml-crlf: the same
 * with CRLF line ends, as a file saved on Windows (or checked out with autocrlf) has; yaml-flow:
 * block YAML whose collections of scalars are written in flow style (`labels: {app: web}`), as
 * PyYAML writes by default and many hand-written files have them; yaml-end: block YAML with
 * each document ended by a `...` line, as PyYAML's explicit_end writes it; yaml-quoted: block
 * YAML with every key and string double-quoted, as JSON turned into YAML is; json-list and
 * yaml-list: one List of every object, laid out as `kubectl get -o json` (indented by four)
 * and `kubectl get -o yaml` (sequences at their key's column) write a cluster's dump;
 * json-line: that List on one line, as `jq -c` or a script's JSON.stringify writes it.
 */
export function manifestText(shape: Shape, format: Format = 'json'): string {
  if (format === 'json-list' || format === 'json-line' || format === 'yaml-list') {
    const list = { apiVersion: 'v1', items: [...objects(shape)], kind: 'List', metadata: { resourceVersion: '' } };
    // kubectl writes no anchors (objects the generator shares are written out each time), and
    // wraps a long string with spaces at 80 columns.
    if (format === 'json-line') return `${JSON.stringify(list)}\n`;
    return format === 'json-list' ? `${JSON.stringify(list, null, 4)}\n` : stringify(list, { lineWidth: 80, indentSeq: false, aliasDuplicateObjects: false });
  }
  const parts: string[] = [];
  const quoted = { lineWidth: 0, defaultKeyType: 'QUOTE_DOUBLE', defaultStringType: 'QUOTE_DOUBLE' } as const;
  for (const o of objects(shape)) {
    parts.push(format === 'json' ? JSON.stringify(o) : format === 'yaml-flow' ? leavesInFlow(o) : stringify(o, format === 'yaml-quoted' ? quoted : { lineWidth: 0 }).trimEnd());
  }
  const text = format === 'yaml-end' ? `${parts.join('\n...\n---\n')}\n...\n` : `${parts.join('\n---\n')}\n`;
  return format === 'yaml-crlf' ? text.replaceAll('\n', '\r\n') : text;
}

/** An object as block YAML, each collection that holds only scalars written in flow style. */
function leavesInFlow(o: Record<string, unknown>): string {
  const doc = new Document(o);
  const leaf = (items: unknown[]) => items.every((i) => isScalar(i) || (isPair(i) && isScalar(i.value)));
  visit(doc, {
    Map(_, node) {
      if (node !== doc.contents && leaf(node.items)) node.flow = true;
    },
    Seq(_, node) {
      if (leaf(node.items)) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 }).trimEnd();
}

/** How many objects manifestText writes for a shape. */
export function objectCount(shape: Shape): number {
  let n = 0;
  for (const _ of objects(shape)) n++;
  return n;
}

export function parseShape(argv: string[]): Shape & { out: string | null; format: Format } {
  const { values } = parseArgs({
    args: argv,
    options: {
      pods: { type: 'string', default: '1000' },
      namespaces: { type: 'string', default: '50' },
      replicas: { type: 'string', default: '10' },
      revisions: { type: 'string', default: '1' },
      shape: { type: 'string', default: 'healthy' },
      apply: { type: 'boolean', default: false },
      out: { type: 'string' },
      format: { type: 'string', default: 'json' },
    },
  });
  const shape = values.shape === 'overlap' ? 'overlap' : 'healthy';
  return {
    pods: Number(values.pods), namespaces: Number(values.namespaces), replicas: Number(values.replicas), revisions: Number(values.revisions),
    shape, asRead: !values.apply, out: values.out ?? null, format: FORMATS.find((f) => f === values.format) ?? 'json',
  };
}

if (import.meta.main) {
  const s = parseShape(process.argv.slice(2));
  const text = manifestText(s, s.format);
  if (s.out) writeFileSync(s.out, text);
  else process.stdout.write(text);
}
