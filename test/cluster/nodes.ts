// The fake nodes kwok keeps Ready. Each has a zone, a hostname label, its own InternalIP and
// pod CIDR (so pod IPs tell which node they are on), and allocatable cpu/memory/pods.

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeSpec {
  name: string;
  /** topology.kubernetes.io/zone; omitted when undefined. */
  zone?: string;
  /** Extra labels (win over the defaults). */
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  /** Allocatable = capacity. Defaults: cpu "32", memory "128Gi", pods "110". */
  cpu?: string;
  memory?: string;
  pods?: string;
}

/** Three nodes in three zones: kwok-node-a in zone-a, kwok-node-b in zone-b, kwok-node-c in zone-c. */
export function defaultNodes(): NodeSpec[] {
  return ['a', 'b', 'c'].map((x) => ({ name: `kwok-node-${x}`, zone: `zone-${x}` }));
}

/** Pod CIDR of the index-th node (10.244.<index+1>.0/24); kwok's own fallback pool is 10.244.0.0/24. */
export const podCidrOf = (index: number) => `10.244.${index + 1}.0/24`;
/** InternalIP of the index-th node: on loopback, so the apiserver's kubelet connections (logs, exec, port-forward) never leave the machine. */
export const nodeIpOf = (index: number) => `127.0.18.${index + 10}`;

/** The v1 Node object to create. Status is kept on create for Nodes, and kwok's node stages keep it. */
export function nodeObject(spec: NodeSpec, index: number): Record<string, unknown> {
  if (index > 250) throw new Error('at most 251 nodes');
  const resources = { cpu: spec.cpu ?? '32', memory: spec.memory ?? '128Gi', pods: spec.pods ?? '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'type': 'kwok',
        ...(spec.zone ? { 'topology.kubernetes.io/zone': spec.zone } : {}),
        ...spec.labels,
      },
    },
    spec: {
      podCIDR: podCidrOf(index),
      podCIDRs: [podCidrOf(index)],
      ...(spec.taints?.length ? { taints: spec.taints } : {}),
      ...(spec.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      allocatable: resources,
      capacity: resources,
      addresses: [{ type: 'InternalIP', address: nodeIpOf(index) }, { type: 'Hostname', address: spec.name }],
    },
  };
}
