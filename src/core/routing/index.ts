// Service routing: what the EndpointSlice controller publishes, what kube-proxy and
// cluster DNS do with it, and how the prediction compares with the real slices.

export { findPort, isFound, type FindPortOptions, type FoundPort } from './ports.ts';
export { predictEndpoints, type EndpointPrediction, type EndpointPortPrediction, type ExclusionReason, type PredictOptions, type PredictedEndpoint } from './endpoints.ts';
export { buildSlices, portSetKey, sliceLabels } from './slices.ts';
export { compareWithSlices, type Comparison, type Difference, type DifferenceKind } from './compare.ts';
export { sliceRef, slicesOf, type SliceRef } from './service-slices.ts';
export { proxyIgnoredReason, proxyView, type ChosenEndpoint, type ChosenSet, type NodeTraffic, type PortTraffic, type ProxyMode, type ProxyOptions, type ProxyView } from './proxy.ts';
export { endpointsForPort, type ProxyEndpoint } from './proxy-endpoints.ts';
export { categorizeEndpoints, topologyModeFromHints, type Categorized, type Client, type TopologyMode, type Via } from './topology.ts';
export { healthCheckAnswer, type HealthCheckAnswer } from './healthcheck.ts';
export { hintPolicy, type HintPolicy, type HintSource } from './hints.ts';
export { dnsAnswer, endpointHostname, serviceDnsName, COREDNS_DEFAULT_TTL_SECONDS, KUBEADM_COREDNS_CACHE_SECONDS, KUBEADM_COREDNS_TTL_SECONDS, type DnsAnswer, type DnsOptions } from './dns.ts';
export { addressTypesFor, isExternallyAccessible, isHeadless, managedSelector, targetPortOf } from './service.ts';
export { familyOf, parseIP, type IPFamily } from './ip.ts';
