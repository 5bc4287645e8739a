// (b) of the oracle: the engine's choice of pod for `kubectl COMMAND TYPE/NAME` against
// the pod real kubectl addressed, from the same state (see observation.ts). Checked at
// two levels: pickPod over the pods the object's selector lists, in List order; and
// analyze(snapshot, target), which also resolves the selector and the List itself.
import { analyze, type CommandQuery } from '../../src/core/analyze.ts';
import { chooseContainer } from '../../src/core/kubectl/container.ts';
import { pickPod, selectorErrorFor } from '../../src/core/kubectl/pick.ts';
import type { KubectlVersion } from '../../src/core/kubectl/version.ts';
import type { KubeObject, LabelSelector, Node, Pod } from '../../src/core/types.ts';
import type { KubectlObservation } from './kubectl-pod-command.ts';
import { requirementsOf, selectorMatches, selectorText, type OracleSelector } from './label-selector.ts';
import { byName, itemsOf, type NamespaceState } from './namespace-state.ts';
import { SHORT, type Observation, type PickTarget } from './observation.ts';
import { podTable } from './pod-table.ts';
import { snapshotOf } from './snapshot.ts';

/** kubectl's own refusals after choosing a pod (as opposed to the API server's errors: no kubelet here). */
const KUBECTL_REFUSALS = /completed pod|pod is not running|does not have a named port|does not have a service port|UDP protocol is not supported/;

function kubectlSelector(kind: PickTarget['kind'], obj: KubeObject): OracleSelector | null {
  const sel = (obj as { spec?: { selector?: unknown } }).spec?.selector;
  if (kind === 'CronJob') return null;
  if (kind === 'Service') return { map: (sel ?? {}) as Record<string, string> };
  return { labelSelector: (sel ?? {}) as LabelSelector };
}

export function checkPick(state: NamespaceState, nodes: Node[], target: PickTarget, obs: KubectlObservation, version: KubectlVersion, now = new Date()): string[] {
  const problems: string[] = [];
  const line = `kubectl ${obs.command} ${SHORT[target.kind]}/${target.name}`;
  const say = (msg: string) => problems.push(`${line}: ${msg}`);
  const obj = byName<KubeObject>(state, target.kind, target.name);
  const sel = kubectlSelector(target.kind, obj);
  const listed = sel ? itemsOf<Pod>(state, 'Pod').filter((p) => selectorMatches(sel, p.metadata?.labels)) : [];

  // The engine's error before any pod (CronJob and friends).
  const refused = selectorErrorFor(obs.command, target.kind, obj);
  if (refused !== null || sel === null) {
    if (refused !== obs.error) say(`engine says kubectl fails with ${JSON.stringify(refused)}, kubectl said ${JSON.stringify(obs.error)}`);
    if (obs.pod !== null) say(`kubectl addressed pod ${obs.pod} although the engine says it finds no pods`);
  } else {
    if (obs.listSelector === null) say('kubectl listed no pods (no LIST request in its log)');
    else if (JSON.stringify(requirementsOf(obs.listSelector)) !== JSON.stringify(requirementsOf(selectorText(sel)))) {
      say(`kubectl listed pods with ${JSON.stringify(obs.listSelector)}, the oracle expected ${JSON.stringify(selectorText(sel))}`);
    }
    const pick = pickPod(obs.command, listed, version);
    const chosen = pick.chosen?.metadata?.name ?? null;
    if (obs.pod !== null && chosen !== obs.pod) say(`pickPod chose ${chosen}, kubectl used ${obs.pod} (engine: ${pick.decidedBy})`);
    // port-forward's own errors are checked on the report below (they include port translation).
    if (obs.command !== 'port-forward') {
      if (obs.pod === null && pick.afterPick === null) say(`kubectl addressed no pod (error: ${JSON.stringify(obs.error)}); pickPod chose ${chosen}`);
      if (pick.afterPick !== null && pick.afterPick !== obs.error) say(`engine expects kubectl's error ${JSON.stringify(pick.afterPick)}, kubectl said ${JSON.stringify(obs.error)}`);
      if (pick.afterPick === null && obs.error !== null && KUBECTL_REFUSALS.test(obs.error)) say(`kubectl refused (${obs.error}); the engine expected no such error`);
    }
    if (obs.command === 'logs' && pick.foundLine !== obs.foundLine) say(`engine prints ${JSON.stringify(pick.foundLine)}, kubectl printed ${JSON.stringify(obs.foundLine)}`);
    if (obs.container !== null && pick.chosen) {
      const c = chooseContainer(obs.command, pick.chosen, {}, version).containers;
      if (c.length !== 1 || c[0] !== obs.container) say(`engine's container ${JSON.stringify(c)}, kubectl asked for ${obs.container}`);
    }
  }
  if (obs.podsAddressed.length > 1) say(`kubectl addressed several pods: ${obs.podsAddressed.join(', ')}`);

  // The whole engine, from a snapshot of the same read.
  const command: CommandQuery = { command: obs.command, commandLine: line, ...(target.ports ? { ports: target.ports } : obs.command === 'port-forward' ? { ports: ['0:80'] } : {}) };
  const report = analyze(snapshotOf(state, nodes), {
    target: { kind: target.kind, name: target.name, namespace: state.namespace },
    kubectl: { version, from: 'oracle' },
    commands: [command],
    source: { context: null, cluster: null, inputs: [], problems: [] },
  }, now);
  const view = report.kubectl.find((v) => v.commandLine === line);
  if (!view) say('the report has no view for this command');
  else {
    if (obs.pod !== null && view.pod?.name !== obs.pod) say(`the report picks ${view.pod?.name ?? 'no pod'}, kubectl used ${obs.pod}`);
    if (obs.command === 'port-forward' && refused === null) {
      if (view.error !== null && view.error !== obs.error) say(`the report's error ${JSON.stringify(view.error)}, kubectl said ${JSON.stringify(obs.error)}`);
      if (view.error === null && obs.error !== null && KUBECTL_REFUSALS.test(obs.error)) say(`kubectl refused (${obs.error}); the report expected no such error`);
      if (view.error === null && obs.pod === null) say(`kubectl addressed no pod (error: ${JSON.stringify(obs.error)})`);
    } else if (obs.pod === null && view.error !== obs.error) say(`the report's error ${JSON.stringify(view.error)}, kubectl said ${JSON.stringify(obs.error)}`);
    if (obs.container !== null && view.container !== obs.container) say(`the report's container ${view.container}, kubectl asked for ${obs.container}`);
  }
  if (problems.length > 0) problems.push(`pods listed by the selector, in List order:\n${podTable(listed)}\nkubectl stderr (tail):\n${obs.stderr.split('\n').filter((l) => !/^\s/.test(l)).slice(-6).join('\n')}`);
  return problems;
}

export function checkPicks(o: Observation, nodes: Node[], version: KubectlVersion): string[] {
  return o.kubectl.flatMap((k) => checkPick(o.state, nodes, k.target, k.result, version));
}
