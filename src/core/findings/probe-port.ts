// A readiness, liveness or startup probe on a port no container declares.
//
// The kubelet resolves a named probe port in the probed container's own ports only
// (k/k pkg/probe/util.go ResolveContainerPort → findPortByName): a name it does not declare
// makes every probe fail, so the container never becomes ready (readiness) or is restarted
// over and over (liveness, startup). A number is dialled on the pod IP whether declared or
// not, since containers share the pod's network: undeclared, it works if something listens,
// but nothing documents it and Services cannot name it.

import { controllerRef } from '../ownership.ts';
import type { Finding } from '../report.ts';
import type { ObjectRef } from '../snapshot.ts';
import type { Container, CronJob, IntOrString, Pod, PodSpec, ReplicationController, Workload } from '../types.ts';
import { finding, show, type Rule } from './context.ts';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const EFFECT: Record<(typeof PROBES)[number], string> = {
  readinessProbe: 'the container never becomes ready, so no Service sends it traffic',
  livenessProbe: 'the kubelet restarts the container after every failureThreshold failures',
  startupProbe: 'the container never finishes starting and is restarted over and over',
};

function portOf(probe: Record<string, unknown>): { handler: string; port: IntOrString } | null {
  for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
    const h = probe[handler] as { port?: IntOrString } | undefined;
    if (h && h.port !== undefined && h.port !== null) return { handler, port: h.port };
  }
  return null;
}

/** Containers that may carry probes: the app containers and restartable init containers (sidecars). */
function probed(spec: PodSpec): Container[] {
  return [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
}

export function probePortFindings(subject: ObjectRef, spec: PodSpec | undefined, template: boolean): Finding[] {
  if (!spec) return [];
  const containers = probed(spec);
  const tcp = (p: { protocol?: string }) => (p.protocol ?? 'TCP') === 'TCP';
  const where = template ? `the pod template of ${show(subject)}` : show(subject);
  const named: { what: string; evidence: string[]; effect: string }[] = [];
  const numbered: { what: string; evidence: string }[] = [];
  for (const c of containers) {
    for (const kind of PROBES) {
      const probe = c[kind];
      if (!probe) continue;
      const p = portOf(probe);
      if (!p) continue;
      const field = `${c.name} ${kind}.${p.handler}.port`;
      if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) {
        if ((c.ports ?? []).some((d) => d.name === p.port)) continue;
        const elsewhere = containers.filter((o) => o !== c && (o.ports ?? []).some((d) => d.name === p.port)).map((o) => o.name);
        named.push({
          what: `container ${c.name}'s ${kind} names port "${p.port}"`,
          effect: EFFECT[kind],
          evidence: [`${field}: "${p.port}"; ${c.name} declares ${(c.ports ?? []).map((d) => (d.name ? `${d.name}:${d.containerPort}` : `${d.containerPort}`)).join(', ') || 'no ports'}`,
            ...(elsewhere.length ? [`container ${elsewhere.join(', ')} declares "${p.port}", but the kubelet looks only in the probed container`] : [])],
        });
        continue;
      }
      const port = Number(p.port);
      if (containers.concat(spec.initContainers ?? []).some((o) => (o.ports ?? []).some((d) => d.containerPort === port && tcp(d)))) continue;
      numbered.push({ what: `container ${c.name}'s ${kind} port ${port}`, evidence: `${field}: ${port}` });
    }
  }
  const out: Finding[] = [];
  if (named.length) {
    out.push(finding('probe-port-name-unknown', 'error',
      `In ${where}, ${named.map((n) => n.what).join(' and ')}, which the container does not declare: the probe always fails, and ${named[0]?.effect}.`,
      [subject], [...named.flatMap((n) => n.evidence), 'the kubelet resolves a probe port name in the probed container\'s ports only']));
  }
  if (numbered.length) {
    out.push(finding('probe-port-not-declared', 'info',
      `In ${where}, ${numbered.map((n) => n.what).join(' and ')} ${numbered.length === 1 ? 'is' : 'are'} declared by no container of the pod: the probe works only if something listens there, and nothing says so.`,
      [subject], [...numbered.map((n) => n.evidence), 'a numeric probe port is dialled on the pod IP whether declared or not; declare it under ports: to document it']));
  }
  return out;
}

export function podSpecOf(kind: string, o: unknown): PodSpec | undefined {
  if (kind === 'Pod') return (o as Pod).spec;
  if (kind === 'CronJob') return (o as CronJob).spec?.jobTemplate?.spec?.template?.spec;
  if (kind === 'ReplicationController') return (o as ReplicationController).spec?.template?.spec;
  return (o as Workload).spec?.template?.spec;
}

const TEMPLATED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);

export const probePort: Rule = (ctx) => {
  const r = ctx.resolution;
  if (!r.object) return [];
  // A ReplicaSet of a Deployment, a Job of a CronJob: reported once, on the owner's template.
  const owner = controllerRef(r.object);
  if (owner && TEMPLATED.has(owner.kind ?? '') && TEMPLATED.has(r.target.kind)) return [];
  if (TEMPLATED.has(r.target.kind)) return probePortFindings(r.target, podSpecOf(r.target.kind, r.object), true);
  if (r.target.kind === 'Pod' && !ctx.selection[0]?.template && (ctx.selection[0]?.owners.length ?? 0) === 0) return probePortFindings(r.target, podSpecOf('Pod', r.object), false);
  return [];
};
