// Live: the EndpointSlices the control plane published differ from what the rules predict.

import { finding, show, type Rule } from './context.ts';

const SEVERITY: Record<string, 'error' | 'warning' | 'info'> = {
  'missing-endpoint': 'warning',
  'unexpected-endpoint': 'warning',
  'foreign-slice': 'warning',
  'condition-mismatch': 'info',
  'port-mismatch': 'info',
};

export const endpointDifferences: Rule = (ctx) => ctx.routing.flatMap((r) => r.differences.map((d) =>
  finding(`endpoints-${d.kind}`, SEVERITY[d.kind] ?? 'info', `${show(r.service)}: ${d.message}`, [r.service],
    d.slice ? [`EndpointSlice ${d.slice.name}${d.slice.resourceVersion ? ` resourceVersion ${d.slice.resourceVersion}` : ''}${d.slice.lastChangeTriggerTime ? `, last-change-trigger-time ${d.slice.lastChangeTriggerTime}` : ''}`] : [])));
