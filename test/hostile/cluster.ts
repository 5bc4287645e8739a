// Names the API server refuses in manifests can still reach the tool from a cluster (an older
// or patched server, a proxy, a recorded answer): a fake API server serving hostile object,
// owner, node, container and namespace-scoped names, for every output to show escaped.

import type { FakeApi } from '../sources/live/fake-apiserver.ts';
import { NS, APPS } from '../sources/live/scenario.ts';
import { node, owner, pod, service, slice, workload } from '../sources/live/helpers.ts';
import { HOSTILE } from './strings.ts';

export const HOSTILE_DEPLOYMENT = HOSTILE.osc52;
export const HOSTILE_REPLICASET = `${HOSTILE.osc52}-abc`;

export function hostileCluster(api: FakeApi): void {
  const labels = { app: 'web', 'pod-template-hash': 'abc' };
  const pods = [HOSTILE.newline, HOSTILE.clear].map((name, i) => {
    const p = pod(name, labels, { ...owner('ReplicaSet', HOSTILE_REPLICASET), annotations: { note: HOSTILE.osc8 } });
    const spec = p.spec as Record<string, unknown>;
    spec.nodeName = HOSTILE.bidi;
    spec.containers = [{ name: i === 0 ? HOSTILE.colour : HOSTILE.c1, image: HOSTILE.del, ports: [{ containerPort: 8080 }] }];
    return p;
  });
  api.put(`${NS}/services`, service('web', { app: 'web' }));
  api.put(`${NS}/pods`, ...pods);
  api.put(`${APPS}/replicasets`, workload(HOSTILE_REPLICASET, labels, owner('Deployment', HOSTILE_DEPLOYMENT)));
  api.put(`${APPS}/deployments`, workload(HOSTILE_DEPLOYMENT, { app: 'web' }));
  api.put('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', slice('web-x1', 'web', [HOSTILE.newline, HOSTILE.clear]));
  api.put('/api/v1/nodes', node(HOSTILE.bidi, HOSTILE.zeroWidth));
}
