// Pods meant to have per-pod DNS names (`<hostname>.<subdomain>.<ns>.svc.<domain>`) that get
// none: a StatefulSet's serviceName, or a pod's (or template's) spec.subdomain set by hand
// (the headless-Service pattern of Indexed Jobs), names no Service in the namespace, or a
// Service that does not select the pods — the names exist only as hostnames on that
// Service's EndpointSlices.

import { matches } from '../labels.ts';
import type { Finding, PodView } from '../report.ts';
import { findByName, isKnown, type ObjectRef } from '../snapshot.ts';
import { podDnsName } from '../statefulset-identity.ts';
import { selectorOf } from '../targets/resolve.ts';
import { isControllerKind } from '../views/pod-view.ts';
import type { Pod, Workload } from '../types.ts';
import { finding, show, type Rule } from './context.ts';

interface Wanted { who: ObjectRef; field: string; subdomain: string; pods: Pod[]; example: string }

function wanted(ctx: Parameters<Rule>[0]): Wanted[] {
  const t = ctx.resolution.target;
  const obj = ctx.resolution.object;
  if (!obj) return [];
  // A target that owns no pods by nature (a Service, a policy) wants no per-pod names: its views say no pod is its own.
  if (t.kind !== 'Pod' && !isControllerKind(t.kind)) return [];
  const mine = ctx.pods.filter((_, i) => {
    const v = ctx.selection[i] as PodView;
    return v.ownedByTarget === true || (t.kind === 'Pod' && v.ref.name === t.name);
  });
  if (t.kind === 'StatefulSet') {
    const sub = (obj as Workload).spec?.serviceName ?? '';
    return sub ? [{ who: t, field: `serviceName ${sub}`, subdomain: sub, pods: mine, example: `${t.name}-0` }] : [];
  }
  const bySub = new Map<string, Pod[]>();
  const pods = t.kind === 'Pod' ? [obj as Pod] : mine;
  for (const p of pods) {
    const sub = p.spec?.subdomain ?? '';
    if (sub) bySub.set(sub, [...(bySub.get(sub) ?? []), p]);
  }
  return [...bySub].map(([sub, ps]) => {
    const first = ps[0] as Pod;
    return { who: t, field: `${t.kind === 'Pod' ? '' : 'pod template '}subdomain ${sub}`, subdomain: sub, pods: ps, example: first.spec?.hostname || (t.kind === 'Job' ? `${t.name}-0` : (first.metadata?.name ?? '')) };
  });
}

export const podSubdomain: Rule = (ctx) => {
  const s = ctx.snapshot;
  if (!isKnown(s, 'Service')) return [];
  const namespace = ctx.resolution.target.namespace ?? s.defaultNamespace;
  const out: Finding[] = [];
  for (const w of wanted(ctx)) {
    const name = podDnsName(w.example, w.subdomain, namespace);
    const svc = findByName(s.objects.Service, namespace, w.subdomain);
    const svcRef = { kind: 'Service', name: w.subdomain, namespace };
    if (!svc) {
      out.push(finding('subdomain-service-missing', 'warning',
        `${show(w.who)}'s ${w.field} names no Service in namespace ${namespace}: its pods get no per-pod DNS names (${name} does not resolve).`,
        [w.who, svcRef], [`no service/${w.subdomain} in namespace ${namespace}`, 'per-pod names come from the hostnames on the EndpointSlices of the Service named by the subdomain; create a (usually headless) Service of that name selecting the pods']));
      continue;
    }
    const spec = selectorOf('Service', svc);
    const outside = w.pods.filter((p) => !(spec?.selector && spec.selectsPods && matches(spec.selector, p.metadata?.labels)));
    if (w.pods.length > 0 && outside.length === w.pods.length) {
      out.push(finding('subdomain-service-missing', 'warning',
        `${show(w.who)}'s ${w.field} names service/${w.subdomain}, which does not select its pods: they get no per-pod DNS names (${name} does not resolve).`,
        [w.who, svcRef], [`service/${w.subdomain} selector: ${spec?.text ?? '(none)'}`, ...outside.slice(0, 3).map((p) => `pod/${p.metadata?.name}: labels ${Object.entries(p.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || '(none)'}`)]));
    }
  }
  return out;
};
