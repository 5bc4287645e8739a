// Facts about a Service as the API server stores it: the defaults it fills in
// (`k/k pkg/apis/core/v1/defaults.go: SetDefaults_Service`), so manifests read offline
// behave like the live object, and the few derived properties routing depends on.

import { familyOf, type IPFamily } from './ip.ts';
import type { IntOrString, Service, ServicePort } from '../types.ts';

export function serviceType(svc: Service): string {
  return svc.spec?.type || 'ClusterIP';
}

export function protocolOf(p: { protocol?: string | null }): string {
  return p.protocol || 'TCP';
}

/** targetPort 0, "" or absent defaults to port, for every Service type. */
export function targetPortOf(p: ServicePort): IntOrString {
  const t = p.targetPort;
  return t === undefined || t === null || t === 0 || t === '' ? p.port : t;
}

/** How a Service port is named in messages: its name, else its number. */
export function portLabel(p: ServicePort): string {
  return p.name ? p.name : String(p.port);
}

/** clusterIP "None". An absent clusterIP (a manifest) is allocated on create, so it is not headless. */
export function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

/**
 * The selector as the controllers see it. The API server stores an empty map as no
 * map at all (protobuf), so `{}` and null both mean "no selector" (trap 13).
 */
export function managedSelector(svc: Service): Record<string, string> | null {
  const sel = svc.spec?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : null;
}

/**
 * Address families the EndpointSlice controller publishes for (`endpointslice utils.go:
 * getAddressTypesForService`): spec.ipFamilies; else the family of the ClusterIP. A
 * manifest carrying neither gets the cluster's default family from the API server,
 * which the caller supplies (`fallback`).
 */
export function addressTypesFor(svc: Service, fallback: IPFamily[] = ['IPv4']): IPFamily[] {
  const fams = (svc.spec?.ipFamilies ?? []).filter((f): f is IPFamily => f === 'IPv4' || f === 'IPv6');
  if (fams.length > 0) return [...new Set(fams)];
  const ip = svc.spec?.clusterIP;
  const fam = ip && ip !== 'None' ? familyOf(ip) : null;
  return fam ? [fam] : fallback;
}

/** NodePort, LoadBalancer ingress or externalIPs (`k/k pkg/proxy/serviceport.go: ExternallyAccessible`). */
export function isExternallyAccessible(svc: Service): boolean {
  const t = serviceType(svc);
  return t === 'NodePort' || t === 'LoadBalancer' || (svc.spec?.externalIPs?.length ?? 0) > 0;
}

/** A Local traffic policy (internal or external): each node's answer differs, and is worked out node by node for every Node. */
export function hasLocalTrafficPolicy(svc: Service): boolean {
  return svc.spec?.internalTrafficPolicy === 'Local' || svc.spec?.externalTrafficPolicy === 'Local';
}
