// Names the API server refuses in manifests can still reach the tool from a cluster (an older
// or patched server, a proxy, a recorded answer): a fake API server serving hostile object,
// owner, node, container and namespace-scoped names, for every output to show escaped.

import type { FakeApi } from '../sources/live/fake-apiserver.ts';
import { NS, APPS, endpointsOf } from '../sources/live/scenario.ts';
import { listItem, pod } from '../sources/live/helpers.ts';
import { deploy, node, rs, slice, svc } from '../core/builders.ts';
import { HOSTILE } from './strings.ts';

export const HOSTILE_DEPLOYMENT = HOSTILE.osc52;
export const HOSTILE_REPLICASET = `${HOSTILE.osc52}-abc`;

export function hostileCluster(api: FakeApi): void {
  const labels = { app: 'web', 'pod-template-hash': 'abc' };
  const deployment = deploy(HOSTILE_DEPLOYMENT, { podLabels: { app: 'web' } });
  const replicaSet = rs(HOSTILE_REPLICASET, { owner: deployment, podLabels: labels });
  const pods = [HOSTILE.newline, HOSTILE.clear].map((name, i) => {
    const p = pod(name, labels, { owner: replicaSet, annotations: { note: HOSTILE.osc8 } });
    const spec = p.spec as Record<string, unknown>;
    spec.nodeName = HOSTILE.bidi;
    spec.containers = [{ name: i === 0 ? HOSTILE.colour : HOSTILE.c1, image: HOSTILE.del, ports: [{ containerPort: 8080 }] }];
    return p;
  });
  api.put(`${NS}/services`, listItem(svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] })));
  api.put(`${NS}/pods`, ...pods);
  api.put(`${APPS}/replicasets`, listItem(replicaSet));
  api.put(`${APPS}/deployments`, listItem(deployment));
  api.put('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', listItem(slice('web-x1', 'web', { endpoints: endpointsOf([HOSTILE.newline, HOSTILE.clear]), ports: [{ port: 8080, protocol: 'TCP' }] })));
  api.put('/api/v1/nodes', listItem(node(HOSTILE.bidi, HOSTILE.zeroWidth)));
}
