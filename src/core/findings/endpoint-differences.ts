// Live: the EndpointSlices the control plane published differ from what the rules predict.
// One finding per Service and kind of difference, each difference a line of evidence: the
// findings name no pod, so one per difference would look alike to check's deduplication.

import type { DifferenceView } from '../report.ts';
import { finding, show, type Rule } from './context.ts';

const SEVERITY: Record<string, 'error' | 'warning' | 'info'> = {
  'missing-endpoint': 'warning',
  'unexpected-endpoint': 'warning',
  'foreign-slice': 'warning',
  'condition-mismatch': 'info',
  'port-mismatch': 'info',
};

function cite(d: DifferenceView): string {
  if (!d.slice) return d.message;
  return `${d.message} (EndpointSlice ${d.slice.name}${d.slice.resourceVersion ? ` resourceVersion ${d.slice.resourceVersion}` : ''}${d.slice.lastChangeTriggerTime ? `, last-change-trigger-time ${d.slice.lastChangeTriggerTime}` : ''})`;
}

export const endpointDifferences: Rule = (ctx) => ctx.routing.flatMap((r) => {
  const byKind = new Map<string, DifferenceView[]>();
  for (const d of r.differences) {
    const same = byKind.get(d.kind);
    if (same) same.push(d);
    else byKind.set(d.kind, [d]);
  }
  return [...byKind].map(([kind, ds]) => finding(`endpoints-${kind}`, SEVERITY[kind] ?? 'info',
    `${show(r.service)}: ${(ds[0] as DifferenceView).message}${ds.length > 1 ? ` (and ${ds.length - 1} more)` : ''}`, [r.service], ds.map(cite)));
});
