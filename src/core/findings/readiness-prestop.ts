// Pods behind a Service with no readiness probe (traffic before they can serve) or no
// preStop delay (traffic after SIGTERM: endpoint removal and the signal race, §5.2).

import { finding, groupByRoot, perSelection, show, type Rule } from './context.ts';
import { isPodTerminal } from '../routing/pod.ts';
import { standsForNoPod } from '../template-pods.ts';

export const readinessAndPreStop: Rule = (ctx) => {
  if (ctx.routing.length === 0) return [];
  const served = ctx.routing.filter((r) => r.managed);
  if (served.length === 0) return [];
  const services = served.map((r) => r.service);
  const out = [];
  // Only pods that are, or will be, endpoints: a terminal (Succeeded, Failed, evicted) pod
  // never is, and a template scaled to 0 stands for no pod.
  // The groups and what each lacks depend on the selection alone: made once per selection.
  const groups = perSelection(ctx, 'readiness-prestop', () => {
    const live = ctx.selection.filter((v, i) => {
      const p = ctx.pods[i];
      return p !== undefined && !isPodTerminal(p) && !standsForNoPod(ctx.snapshot, p);
    });
    return [...groupByRoot(live).values()].map((g) => ({ ...g, noProbe: g.views.filter((v) => !v.readinessProbe), noPreStop: g.views.filter((v) => !v.preStop) }));
  });
  const send = services.length === 1 ? 'sends' : 'send';
  for (const g of groups) {
    // The sentence names exactly the pods it is about: for bare pods, those lacking the setting.
    const subject = (views: typeof g.views) => {
      const many = g.bare && views.length > 1;
      return { who: g.bare ? (many ? `${views.length} bare pods` : `pod/${views[0]?.ref.name}`) : show(g.root), many, objects: g.bare ? views.map((v) => v.ref) : [g.root] };
    };
    const noProbe = g.noProbe;
    if (noProbe.length > 0) {
      const x = subject(noProbe);
      out.push(finding('no-readiness-probe', 'warning',
        `${x.who} ${x.many ? 'have' : 'has'} no readiness probe, so ${services.map(show).join(', ')} ${send} ${x.many ? 'them' : 'it'} traffic as soon as ${x.many ? 'their' : 'its'} containers start.`,
        [...x.objects, ...services], noProbe.map((v) => `${v.template ? 'template' : `pod/${v.ref.name}`}: no container declares readinessProbe`)));
    }
    const noPreStop = g.noPreStop;
    if (noPreStop.length > 0) {
      const x = subject(noPreStop);
      const grace = Math.max(...noPreStop.map((v) => v.terminationGracePeriodSeconds));
      out.push(finding('no-prestop-delay', 'info',
        `${x.who} ${x.many ? 'have' : 'has'} no preStop delay: on deletion ${x.many ? 'they get' : 'it gets'} SIGTERM while ${services.map(show).join(', ')} may still route to ${x.many ? 'them' : 'it'}, until every node's kube-proxy has caught up.`,
        [...x.objects, ...services], [`terminationGracePeriodSeconds: ${grace}`, 'endpoint removal and SIGTERM happen in parallel, with no ordering guarantee']));
    }
  }
  return out;
};
