// An ExternalName Service that still carries a selector: traffic goes to the external
// name, but kubectl logs/port-forward svc/NAME still use the selector (§4.10).

import type { Service } from '../types.ts';
import { finding, show, type Rule } from './context.ts';

export const externalNameSelector: Rule = (ctx) => {
  const r = ctx.resolution;
  if (r.target.kind !== 'Service' || !r.object) return [];
  const svc = r.object as Service;
  if (svc.spec?.type !== 'ExternalName' || !svc.spec.selector || Object.keys(svc.spec.selector).length === 0) return [];
  return [finding('externalname-with-selector', 'info',
    `${show(r.target)} is an ExternalName Service (${svc.spec.externalName ?? '?'}) with a leftover selector: it routes no traffic to pods, yet kubectl logs/port-forward ${show(r.target)} use the selector.`,
    [r.target], [`selector: ${Object.entries(svc.spec.selector).map(([k, v]) => `${k}=${v}`).join(',')}`])];
};
