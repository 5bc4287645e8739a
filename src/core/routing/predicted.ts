// One endpoint as the EndpointSlice controller would publish it for a pod, before it is cut
// into slices (slices.ts) and compared with the real ones (compare.ts).

import type { ObjectRef } from '../snapshot.ts';
import type { Endpoint } from '../types.ts';

export interface EndpointPortPrediction {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface PredictedEndpoint {
  pod: ObjectRef;
  /** An offline pod template: it would be an endpoint once running and Ready; no address yet. */
  template?: true;
  /** The pod IPs of the Service's address families, in ipFamilies order. */
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName?: string;
  zone?: string;
  /** The Service ports this pod resolves, in Service port order. */
  ports: EndpointPortPrediction[];
  /** Service ports this pod resolves none for: it gets no traffic on them (trap 21). */
  missingPorts: { servicePort: string; reason: string }[];
  /** Numeric targetPorts no container declares: traffic is still sent (trap 22). */
  undeclaredPorts: { servicePort: string; port: number }[];
  hints?: Endpoint['hints'];
  hostNetwork?: true;
}
