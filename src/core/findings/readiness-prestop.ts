// Pods behind a Service with no readiness probe (traffic before they can serve) or no
// preStop delay (traffic after SIGTERM: endpoint removal and the signal race, §5.2).

import { finding, groupByRoot, show, type Rule } from './context.ts';

export const readinessAndPreStop: Rule = (ctx) => {
  if (ctx.routing.length === 0) return [];
  const served = ctx.routing.filter((r) => r.managed);
  if (served.length === 0) return [];
  const services = served.map((r) => r.service);
  const out = [];
  for (const g of groupByRoot(ctx.selection).values()) {
    const noProbe = g.views.filter((v) => !v.readinessProbe);
    const who = g.bare ? (g.views.length === 1 ? `pod/${g.views[0]?.ref.name}` : `${g.views.length} bare pods`) : show(g.root);
    if (noProbe.length > 0) {
      out.push(finding('no-readiness-probe', 'warning',
        `${who} ${g.bare && g.views.length > 1 ? 'have' : 'has'} no readiness probe, so ${services.map(show).join(', ')} sends it traffic as soon as its containers start.`,
        [...(g.bare ? g.views.map((v) => v.ref) : [g.root]), ...services], noProbe.map((v) => `${v.template ? 'template' : `pod/${v.ref.name}`}: no container declares readinessProbe`)));
    }
    const noPreStop = g.views.filter((v) => !v.preStop);
    if (noPreStop.length > 0) {
      const grace = Math.max(...noPreStop.map((v) => v.terminationGracePeriodSeconds));
      out.push(finding('no-prestop-delay', 'info',
        `${who} ${g.bare && g.views.length > 1 ? 'have' : 'has'} no preStop delay: on deletion ${g.bare && g.views.length > 1 ? 'they get' : 'it gets'} SIGTERM while ${services.map(show).join(', ')} may still route to it, until every node's kube-proxy has caught up.`,
        [...(g.bare ? g.views.map((v) => v.ref) : [g.root]), ...services], [`terminationGracePeriodSeconds: ${grace}`, 'endpoint removal and SIGTERM happen in parallel, with no ordering guarantee']));
    }
  }
  return out;
};
