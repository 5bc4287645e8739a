// How `kubectl port-forward TYPE/NAME SPEC...` turns each port spec into a local and a
// remote port (semantics §1.7), step by step as kubectl runs them:
//   1. check    checkUDPPortInService / checkUDPPortInPod      (PortForwardOptions.Complete)
//   2. translate translateServicePortToTargetPort (svc/…) or convertPodNamedPortToNumber
//   3. run      the re-GET of the pod: it must be Running       (RunPortForwardContext)
//   4. parse    client-go portforward.parsePorts on the rewritten specs
// kubectl stops at the first error, in that stage order. Protocol is ignored when a named
// port is looked up; ports without a protocol count as TCP (the API server's default).

import type { ContainerPort, Pod, Service, ServicePort } from '../types.ts';
import { goAtoi, goInt32, goParseUint16 } from './gofmt.ts';
import { afterPickError } from './pick.ts';
import { atLeast, modelledVersion, type KubectlVersion } from './version.ts';

export type PortForwardStage = 'check' | 'translate' | 'parse';

export interface PortForwardPort {
  /** The spec as typed: "8080", "8080:80", ":80", "http". */
  spec: string;
  /** Local port; null = a random free local port (":80", "0:80") or an error. */
  local: number | null;
  /** Port in the pod; null on error. */
  remote: number | null;
  error: string | null;
  /** The step that failed (kubectl reports check errors of all specs before translate errors, …). */
  stage: PortForwardStage | null;
  /** The spec after kubectl's rewriting, as handed to client-go ("8080:80"). */
  forwarded: string | null;
  note: string | null;
}

function protocolOf(p: { protocol?: string }): string {
  return p.protocol === undefined || p.protocol === '' ? 'TCP' : p.protocol;
}

/** kubectl's splitPort: exactly one ':' splits; anything else reads the first part twice. */
function splitPort(spec: string): [string, string] {
  const parts = spec.split(':');
  if (parts.length === 2) return [parts[0] as string, parts[1] as string];
  return [parts[0] as string, parts[0] as string];
}

interface Found {
  port: number;
  where: string;
  protocol: string;
}

/** util.LookupContainerPortNumberByName: containers, then (1.31+) init containers; protocol ignored. */
function lookupContainerPort(pod: Pod, name: string, v: KubectlVersion): Found | { error: string } {
  const groups: [string, ContainerPort[][]][] = [['container', (pod.spec?.containers ?? []).map((c) => c.ports ?? [])]];
  const names: string[][] = [(pod.spec?.containers ?? []).map((c) => c.name)];
  if (atLeast(v, 31)) {
    groups.push(['init container', (pod.spec?.initContainers ?? []).map((c) => c.ports ?? [])]);
    names.push((pod.spec?.initContainers ?? []).map((c) => c.name));
  }
  for (const [g, [label, portLists]] of groups.entries()) {
    for (const [i, ports] of portLists.entries()) {
      const hit = ports.find((p) => (p.name ?? '') === name);
      if (hit) return { port: hit.containerPort ?? 0, where: `${label} ${names[g]?.[i] ?? ''}`, protocol: protocolOf(hit) };
    }
  }
  return { error: `Pod '${pod.metadata?.name ?? ''}' does not have a named port '${name}'` };
}

/** util.LookupServicePortNumberByName. */
function lookupServicePort(svc: Service, name: string): ServicePort | { error: string } {
  const hit = (svc.spec?.ports ?? []).find((p) => (p.name ?? '') === name);
  return hit ?? { error: `Service '${svc.metadata?.name ?? ''}' does not have a named port '${name}'` };
}

/** Numbers that are UDP-only among ports (UDP declared, TCP not). */
function udpOnly(ports: { port: number; protocol: string }[]): Set<number> {
  const udp = new Set(ports.filter((p) => p.protocol === 'UDP').map((p) => p.port));
  for (const p of ports) if (p.protocol === 'TCP') udp.delete(p.port);
  return udp;
}

function checkStage(spec: string, pod: Pod, svc: Service | null, v: KubectlVersion): string | null {
  const [, remote] = splitPort(spec);
  let num: number;
  const parsed = goAtoi(remote);
  if (svc) {
    if (parsed !== null) num = Number(parsed);
    else {
      const sp = lookupServicePort(svc, remote);
      if ('error' in sp) return sp.error;
      num = sp.port;
    }
    const only = udpOnly((svc.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: protocolOf(p) })));
    return only.has(num) ? `UDP protocol is not supported for ${remote}` : null;
  }
  if (parsed !== null) num = Number(parsed);
  else {
    const found = lookupContainerPort(pod, remote, v);
    if ('error' in found) return found.error;
    num = found.port;
  }
  // Only regular containers' ports are considered for the UDP check.
  const ports = (pod.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort ?? 0, protocol: protocolOf(p) })));
  return udpOnly(ports).has(num) ? `UDP protocol is not supported for ${remote}` : null;
}

interface Translated {
  forwarded: string | null;
  error: string | null;
  note: string | null;
}

function translateService(spec: string, pod: Pod, svc: Service, v: KubectlVersion): Translated {
  let [local, remote] = splitPort(spec);
  let portnum: bigint;
  const parsed = goAtoi(remote);
  if (parsed !== null) portnum = parsed;
  else {
    const sp = lookupServicePort(svc, remote);
    if ('error' in sp) return { forwarded: null, error: sp.error, note: null };
    portnum = BigInt(sp.port);
    if (local === remote) local = String(sp.port);
  }
  // util.LookupContainerPortNumberByServicePort(svc, pod, int32(portnum))
  const port = goInt32(portnum);
  const svcName = svc.metadata?.name ?? '';
  const sp = (svc.spec?.ports ?? []).find((p) => p.port === port);
  if (!sp) return { forwarded: null, error: `Service ${svcName} does not have a service port ${port}`, note: null };
  let containerPort: number;
  let note: string | null = null;
  if (svc.spec?.clusterIP === 'None') {
    containerPort = port;
    note = `headless Service: kubectl forwards to the service port ${port} itself and ignores targetPort`;
  } else if (typeof sp.targetPort === 'string') {
    const found = lookupContainerPort(pod, sp.targetPort, v);
    if ('error' in found) return { forwarded: null, error: found.error, note: null };
    containerPort = found.port;
    note = `targetPort ${JSON.stringify(sp.targetPort)} is ${found.port} in ${found.where} of pod ${pod.metadata?.name ?? ''}`;
    if (found.protocol !== 'TCP') note += ` (declared ${found.protocol}; kubectl ignores the protocol and forwards TCP)`;
  } else {
    const target = sp.targetPort ?? 0;
    containerPort = target === 0 ? sp.port : target;
  }
  remote = String(containerPort);
  return { forwarded: local !== remote ? `${local}:${remote}` : remote, error: null, note };
}

function translatePod(spec: string, pod: Pod, v: KubectlVersion): Translated {
  const [local, remote] = splitPort(spec);
  if (remote === '' && atLeast(v, 32)) return { forwarded: null, error: 'remote port cannot be empty', note: null };
  let containerPort = remote;
  let note: string | null = null;
  if (goAtoi(remote) === null) {
    const found = lookupContainerPort(pod, remote, v);
    if ('error' in found) return { forwarded: null, error: found.error, note: null };
    containerPort = String(found.port);
    note = `named port ${JSON.stringify(remote)} is ${found.port} in ${found.where}`;
    if (found.protocol !== 'TCP') note += ` (declared ${found.protocol}; kubectl ignores the protocol and forwards TCP)`;
  }
  return { forwarded: local !== remote ? `${local}:${containerPort}` : containerPort, error: null, note };
}

/** client-go portforward.parsePorts for one rewritten spec. */
function parseForwarded(forwarded: string): { local: number; remote: number } | { error: string } {
  const parts = forwarded.split(':');
  let localText: string;
  let remoteText: string;
  if (parts.length === 1) {
    localText = parts[0] as string;
    remoteText = parts[0] as string;
  } else if (parts.length === 2) {
    localText = parts[0] === '' ? '0' : (parts[0] as string);
    remoteText = parts[1] as string;
  } else {
    return { error: `invalid port format '${forwarded}'` };
  }
  const local = goParseUint16(localText);
  if ('error' in local) return { error: `error parsing local port '${localText}': ${local.error}` };
  const remote = goParseUint16(remoteText);
  if ('error' in remote) return { error: `error parsing remote port '${remoteText}': ${remote.error}` };
  if (remote.value === 0) return { error: 'remote port must be > 0' };
  return { local: local.value, remote: remote.value };
}

/**
 * Per spec, the local and remote port kubectl forwards, for `kubectl port-forward
 * svc/NAME` (service given) or any other TYPE/NAME (service null), into the chosen pod.
 */
export function portForwardPorts(specs: readonly string[], pod: Pod, service: Service | null, version: KubectlVersion): PortForwardPort[] {
  const { version: v } = modelledVersion(version);
  return specs.map((spec) => {
    const out: PortForwardPort = { spec, local: null, remote: null, error: null, stage: null, forwarded: null, note: null };
    if (spec.split(':').length > 2) out.note = `kubectl splits "${spec}" on ':' and, with more than one ':', reads only its first part`;
    const checked = checkStage(spec, pod, service, v);
    if (checked) return { ...out, error: checked, stage: 'check' };
    const t = service ? translateService(spec, pod, service, v) : translatePod(spec, pod, v);
    if (t.error !== null || t.forwarded === null) return { ...out, error: t.error, stage: 'translate' };
    const parsed = parseForwarded(t.forwarded);
    const note = [out.note, t.note].filter((x) => x !== null).join('; ') || null;
    if ('error' in parsed) return { ...out, forwarded: t.forwarded, error: parsed.error, stage: 'parse', note };
    return { ...out, forwarded: t.forwarded, local: parsed.local === 0 ? null : parsed.local, remote: parsed.remote, note };
  });
}

/**
 * The one error kubectl prints for the whole command, in kubectl's order: the first
 * check error of any spec, else the first translate error, else the pod-not-Running
 * error, else the first parse error. Null when kubectl starts forwarding.
 */
export function portForwardError(ports: readonly PortForwardPort[], pod: Pod): string | null {
  const first = (stage: PortForwardStage): string | null => ports.find((p) => p.stage === stage)?.error ?? null;
  return first('check') ?? first('translate') ?? afterPickError('port-forward', pod) ?? first('parse');
}
