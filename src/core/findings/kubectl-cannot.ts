// kubectl itself refuses the target (CronJob, selectorless Service) or the chosen pod.

import { finding, show, type Rule } from './context.ts';

export const kubectlCannot: Rule = (ctx) => {
  const errors = ctx.kubectl.filter((k) => k.error);
  if (errors.length === 0) return [];
  const byText = new Map<string, string[]>();
  for (const k of errors) byText.set(k.error as string, [...(byText.get(k.error as string) ?? []), k.command]);
  return [...byText].map(([text, commands]) => finding('kubectl-refuses', 'info',
    `kubectl ${commands.join('/')} ${show(ctx.resolution.target)} fails: ${text}`, [ctx.resolution.target], commands.map((c) => `kubectl ${c}`)));
};
