// A selector the API server would reject, or one that by its kind's rule selects nothing.

import { finding, show, type Rule } from './context.ts';

const MUST_SELECT = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

export const invalidSelector: Rule = (ctx) => {
  const r = ctx.resolution;
  const s = r.selector;
  if (!r.object || !s) return [];
  if (s.error) return [finding('invalid-selector', 'error', `${show(r.target)} has an invalid ${s.field}: ${s.error}.`, [r.target], [`${s.field}: ${JSON.stringify(s.raw)}`])];
  if (MUST_SELECT.has(r.target.kind) && s.selector && s.selector.kind !== 'requirements') {
    return [finding('invalid-selector', 'error', `${show(r.target)} has ${s.meaning}.`, [r.target], [`${s.field}: ${JSON.stringify(s.raw)}`])];
  }
  return [];
};
