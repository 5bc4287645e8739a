// Command-line flags of each control-plane process. Everything binds to 127.0.0.1.
import { join } from 'node:path';
import type { Pki } from './pki.ts';

/** Service ClusterIP range; pod IPs come from 10.244.0.0/16 (see nodes.ts), which does not overlap. */
export const SERVICE_CIDR = '10.96.0.0/16';

export interface Ports {
  etcd: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager: number;
  scheduler: number;
}

export interface Layout {
  /** Run directory. */
  dir: string;
  kubeconfig: string;
  pki: Pki;
  ports: Ports;
}

export const etcdUrl = (l: Layout) => `http://127.0.0.1:${l.ports.etcd}`;

export function etcdArgs(l: Layout): string[] {
  const client = etcdUrl(l), peer = `http://127.0.0.1:${l.ports.etcdPeer}`;
  return [
    '--name=whoselects', `--data-dir=${join(l.dir, 'etcd')}`, '--unsafe-no-fsync',
    `--listen-client-urls=${client}`, `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`, `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=whoselects=${peer}`, '--initial-cluster-state=new',
  ];
}

export function apiserverArgs(l: Layout): string[] {
  const p = l.pki;
  return [
    `--etcd-servers=${etcdUrl(l)}`, '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1',
    `--secure-port=${l.ports.apiserver}`, `--cert-dir=${join(l.dir, 'kube-apiserver')}`,
    `--tls-cert-file=${p.servingCert}`, `--tls-private-key-file=${p.servingKey}`,
    `--client-ca-file=${p.caCert}`, `--token-auth-file=${p.tokenFile}`, '--authorization-mode=RBAC',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${p.serviceAccountPub}`, `--service-account-signing-key-file=${p.serviceAccountKey}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    // A loopback advertise address cannot be published as the `kubernetes` Service's endpoint.
    '--endpoint-reconciler-type=none', '--allow-privileged=true', '--profiling=false',
    // Dial fake kubelets by their loopback InternalIP, never by hostname (no DNS lookups, no traffic off the machine).
    '--kubelet-preferred-address-types=InternalIP',
    // Every request, at Metadata level (verb, requestURI with its query, user, user agent,
    // objectRef, response code): test/cluster/audit.ts reads it to prove what a client did.
    `--audit-policy-file=${auditPolicyFile(l)}`, `--audit-log-path=${auditLogFile(l)}`,
    '--audit-log-format=json', '--audit-log-maxsize=0', '--audit-log-maxbackup=0',
  ];
}

export const auditLogFile = (l: Layout) => join(l.dir, 'logs', 'audit.log');
export const auditPolicyFile = (l: Layout) => join(l.dir, 'audit-policy.yaml');

/** Metadata for everything; a watch is logged when it starts and again when it ends (same auditID). */
export const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
`;

/** Shared by kcm and the scheduler. skip-lookup: our apiserver has no front-proxy CA to look up. */
function componentArgs(l: Layout, name: string, port: number): string[] {
  return [
    `--kubeconfig=${l.kubeconfig}`, `--authentication-kubeconfig=${l.kubeconfig}`, `--authorization-kubeconfig=${l.kubeconfig}`,
    '--authentication-skip-lookup=true', `--client-ca-file=${l.pki.caCert}`,
    '--bind-address=127.0.0.1', `--secure-port=${port}`, `--cert-dir=${join(l.dir, name)}`,
    '--leader-elect=false', '--profiling=false',
  ];
}

/** controllers: kube-controller-manager's --controllers (default every default controller). */
export function controllerManagerArgs(l: Layout, controllers = '*', qps = 100): string[] {
  const p = l.pki;
  return [
    ...componentArgs(l, 'kube-controller-manager', l.ports.controllerManager),
    `--controllers=${controllers}`, '--use-service-account-credentials=true',
    `--service-account-private-key-file=${p.serviceAccountKey}`, `--root-ca-file=${p.caCert}`,
    `--cluster-signing-cert-file=${p.caCert}`, `--cluster-signing-key-file=${p.caKey}`,
    `--kube-api-qps=${qps}`, `--kube-api-burst=${qps * 2}`,
  ];
}

export function schedulerArgs(l: Layout): string[] {
  return componentArgs(l, 'kube-scheduler', l.ports.scheduler);
}

/** kwok's own pool (10.244.0.0/24) only serves nodes without a podCIDR; ours all have one. */
export function kwokArgs(l: Layout, configs: string[]): string[] {
  return [
    `--kubeconfig=${l.kubeconfig}`, ...configs.map((c) => `--config=${c}`), '--manage-all-nodes=true',
    '--cidr=10.244.0.0/24', '--node-ip=127.0.18.9', '--node-lease-duration-seconds=40',
  ];
}
