// The answer of kube-proxy's healthCheckNodePort on one node, for a LoadBalancer Service
// with externalTrafficPolicy Local (`k/k pkg/proxy/healthcheck/service_health.go:
// hcHandler.ServeHTTP`; `pkg/proxy/endpoints.go: LocalReadyEndpoints`).
//
// 200 iff the node has at least one local READY endpoint (distinct IPs over all the
// Service's ports) and kube-proxy is healthy, else 503; header
// X-Load-Balancing-Endpoint-Weight carries the count. Terminating endpoints never count,
// although kube-proxy keeps forwarding to serving-terminating local endpoints (trap 26).

import type { ProxyEndpoint } from './proxy-endpoints.ts';

export interface HealthCheckAnswer {
  node: string;
  status: 200 | 503;
  /** Local ready endpoints, by distinct IP: the body's localEndpoints and the weight header. */
  localEndpoints: number;
  /** Where external traffic reaching this node still goes (IP:port), whatever the status. */
  forwardsTo: string[];
  reason: string;
}

export function healthCheckAnswer(node: string, endpointsByPort: ProxyEndpoint[][], forwardsTo: string[]): HealthCheckAnswer {
  const local = endpointsByPort.flat().filter((e) => e.nodeName === node);
  const readyIPs = new Set(local.filter((e) => e.ready).map((e) => e.ip));
  const count = readyIPs.size;
  if (count > 0) {
    return { node, status: 200, localEndpoints: count, forwardsTo, reason: `${count} local ready endpoint(s): the load balancer keeps this node in rotation (assuming kube-proxy itself is healthy)` };
  }
  const draining = local.some((e) => e.serving && e.terminating);
  const reason = draining
    ? `503: only serving-terminating endpoints are local; the load balancer should drain this node, yet kube-proxy still forwards what arrives to ${forwardsTo.join(', ')}`
    : '503: no local endpoints; external traffic that still reaches this node is dropped';
  return { node, status: 503, localEndpoints: 0, forwardsTo, reason };
}
