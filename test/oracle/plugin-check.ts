// The CLI run as a kubectl plugin (`kubectl whoselects …`, found by kubectl's plugin
// discovery on PATH) inside an observation window: its JSON report must show the real
// slices it read, predict the same endpoints, and name the pods real kubectl used.
import { fileURLToPath } from 'node:url';
import { delimiter } from 'node:path';
import type { Cluster, KubectlResult } from '../cluster/harness.ts';
import type { Report } from '../../src/core/report.ts';
import type { EndpointSlice } from '../../src/core/types.ts';
import { itemsOf } from './namespace-state.ts';
import { SHORT, type Observation } from './observation.ts';
import { fromSlices, fromView } from './service-check.ts';
import { controllerSlices } from './slices.ts';

export const REPO_BIN = fileURLToPath(new URL('../../bin', import.meta.url));

/** `kubectl whoselects ARGS` with the repository's bin/ first on PATH. */
export function runPlugin(cluster: Cluster, args: string[]): Promise<KubectlResult> {
  return cluster.kubectl(['whoselects', ...args], { env: { PATH: [REPO_BIN, cluster.env.PATH].join(delimiter) }, timeoutMs: 60_000 });
}

export function checkPluginReport(r: KubectlResult, o: Observation, service: string): string[] {
  const problems: string[] = [];
  if (r.code !== 0 && r.code !== 1) return [`kubectl whoselects exited ${r.code}: ${r.stderr.trim()}`];
  let report: Report;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch (e) {
    return [`kubectl whoselects printed no JSON report (${(e as Error).message}): ${r.stdout.slice(0, 200)} ${r.stderr.trim()}`];
  }
  if (report.source.origin !== 'live') problems.push(`report source is ${report.source.origin}, not live`);
  const routing = report.routing.find((x) => x.service.name === service);
  if (!routing) return [...problems, `the plugin's report has no routing for service/${service}`];
  const all = itemsOf<EndpointSlice>(o.state, 'EndpointSlice').filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === service);
  const same = (label: string, want: string[], got: string[]) => {
    if (JSON.stringify([...want].sort()) !== JSON.stringify([...got].sort())) problems.push(`plugin ${label}: ${JSON.stringify(got)}, the slices read hold ${JSON.stringify(want)}`);
  };
  same('actual endpoints', fromSlices(all), (routing.actual?.endpoints ?? []).map(fromView));
  same('predicted endpoints', fromSlices(controllerSlices(all, service)), routing.predicted.map(fromView));
  for (const d of routing.differences.filter((x) => x.kind !== 'foreign-slice')) problems.push(`plugin reports a difference: ${d.kind}: ${d.message}`);
  let compared = 0;
  for (const v of report.kubectl) {
    const real = o.kubectl.find((k) => `kubectl ${k.command} ${SHORT[k.target.kind]}/${k.target.name}` === v.commandLine);
    if (!real || real.result.pod === null) continue;
    compared++;
    if (v.pod?.name !== real.result.pod) problems.push(`plugin: ${v.commandLine} picks ${v.pod?.name ?? 'no pod'}, kubectl used ${real.result.pod}`);
  }
  if (compared < 2) problems.push(`only ${compared} of the plugin's kubectl predictions could be compared with real kubectl`);
  return problems;
}
