// Pod and pod-template defaults, as the API server applies them on create.

import type { Container, Pod, PodSpec } from '../../core/types.ts';

function defaultContainerPorts(containers: Container[] | undefined): void {
  if (!Array.isArray(containers)) return;
  for (const c of containers) {
    if (!c || !Array.isArray(c.ports)) continue;
    // ContainerPort.protocol: "Defaults to \"TCP\"" (api core/v1/types.go: ContainerPort, +default="TCP").
    for (const p of c.ports) if (p && !p.protocol) p.protocol = 'TCP';
  }
}

/** Defaults every PodSpec gets, in pods and in templates (k/k pkg/apis/core/v1/defaults.go: SetDefaults_PodSpec). */
export function defaultPodSpec(spec: PodSpec | undefined): void {
  if (!spec || typeof spec !== 'object') return;
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  // v1.DefaultTerminationGracePeriodSeconds = 30
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) spec.terminationGracePeriodSeconds = 30;
  defaultContainerPorts(spec.containers);
  defaultContainerPorts(spec.initContainers);
}

function defaultHostNetworkPorts(containers: Container[] | undefined): void {
  if (!Array.isArray(containers)) return;
  for (const c of containers) for (const p of Array.isArray(c?.ports) ? c.ports : []) if (p && !p.hostPort) p.hostPort = p.containerPort;
}

/**
 * Defaults only a Pod gets (not a template): with hostNetwork, every container port is
 * also a host port (k/k pkg/apis/core/v1/defaults.go: SetDefaults_Pod, defaultHostNetworkPorts).
 */
export function defaultPod(pod: Pod): void {
  defaultPodSpec(pod.spec);
  if (pod.spec?.hostNetwork) {
    defaultHostNetworkPorts(pod.spec.containers);
    defaultHostNetworkPorts(pod.spec.initContainers);
  }
}
