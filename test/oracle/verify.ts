// One oracle check of a namespace: a consistent observation (observation.ts), then the
// Services' endpoints (service-check.ts) and kubectl's picks (pick-check.ts) against the
// engine. Endpoint mismatches are looked at again (the controller may just be slow); a
// pick mismatch is final, since kubectl saw exactly the state the engine was given.
import type { Cluster } from '../cluster/harness.ts';
import type { KubectlVersion } from '../../src/core/kubectl/version.ts';
import type { Node } from '../../src/core/types.ts';
import { observeStable, type Observation, type ObserveOptions } from './observation.ts';
import { checkPicks } from './pick-check.ts';
import { checkService } from './service-check.ts';

export interface OracleContext {
  cluster: Cluster;
  nodes: Node[];
  version: KubectlVersion;
}

export interface VerifyOptions extends ObserveOptions {
  /** Services whose real slices must equal the prediction. */
  services: string[];
  /** Further checks on the same observation. */
  alsoCheck?: (o: Observation) => string[];
  attempts?: number;
  /** Printed with any failure (e.g. the seed). */
  context?: string;
}

export async function verifyNamespace(ctx: OracleContext, namespace: string, opts: VerifyOptions): Promise<Observation> {
  const attempts = opts.attempts ?? 3;
  let report = '';
  for (let i = 1; i <= attempts; i++) {
    const o = await observeStable(ctx.cluster, namespace, opts);
    const services = opts.services.map((s) => checkService(o.state, ctx.nodes, s, ctx.version));
    const picks = checkPicks(o, ctx.nodes, ctx.version);
    const problems = [...services.flatMap((c) => c.problems), ...picks, ...(opts.alsoCheck?.(o) ?? [])];
    if (problems.length === 0) return o;
    report = [
      `oracle mismatch in namespace ${namespace} (look ${i} of ${attempts})${opts.context ? `; ${opts.context}` : ''}:`,
      ...problems.map((p) => `- ${p}`),
      'compared:', ...services.map((c) => `  ${c.summary}`),
    ].join('\n');
    if (picks.length > 0) break;
  }
  throw new Error(report);
}
