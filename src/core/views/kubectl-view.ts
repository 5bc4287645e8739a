// Which pod and container `kubectl COMMAND TYPE/NAME` would use, as the report shows it.
// kubectl lists pods with its own reading of the object's selector (SelectorsForObject),
// which is not always the consumer's rule (an ExternalName Service, a nil selector).

import type { CommandQuery } from '../kubectl/command.ts';
import { chooseContainer } from '../kubectl/container.ts';
import { kubectlPodSelector, pickPod, podNamedDirectly, selectorErrorFor, type PickOptions, type PodPick } from '../kubectl/pick.ts';
import { portForwardError, portForwardPorts } from '../kubectl/portforward.ts';
import type { KubectlVersion } from '../kubectl/version.ts';
import { isSelectorError } from '../labels.ts';
import { nameList } from '../name-list.ts';
import { kept, podsInNamespaceSelected, snapshotCache } from '../indexes.ts';
import { chainIncludes, ownerChain, type OwnershipGraph } from '../ownership.ts';
import type { KubectlPickView } from '../report.ts';
import { isTemplate, refOf, type ObjectRef, type Snapshot } from '../snapshot.ts';
import { listOrder, type Resolution } from '../targets/resolve.ts';
import { standsForNoPod } from '../template-pods.ts';
import type { Pod, Service } from '../types.ts';
import { isControllerKind } from './pod-view.ts';
import { refText } from '../refs.ts';

function base(c: CommandQuery, target: KubectlPickView['target']): KubectlPickView {
  return {
    command: c.command, commandLine: c.commandLine, target, pod: null, template: false, container: null, containers: [], owners: [], ownedByTarget: null,
    decidedBy: '', uncertain: false, candidates: [], error: null, messages: [], ports: [],
  };
}

/** The pods kubectl's List would return, in List order. */
export function kubectlPods(s: Snapshot, r: Resolution): Pod[] {
  const obj = r.object;
  if (!obj) return [];
  const sel = kubectlPodSelector(r.target.kind, obj);
  if (isSelectorError(sel)) return [];
  const namespace = r.target.namespace ?? s.defaultNamespace;
  // One List per namespace and selector: every object with that selector (Services over a
  // shared label) sees the same pods. Shared: do not modify.
  const known = snapshotCache(s, 'kubectl-pods', () => new Map<string, Pod[]>());
  // A template that stands for no pod (a ReplicaSet scaled to 0) is nothing kubectl could list.
  return kept(known, `${namespace}\u0000${JSON.stringify(sel)}`, () => listOrder(podsInNamespaceSelected(s.objects.Pod, namespace, sel).filter((p) => !standsForNoPod(s, p))));
}

/** pickPod, once per List, command, version and options in a snapshot: the same pods give the same pick. Shared: do not modify. */
function pickOnce(s: Snapshot, command: CommandQuery['command'], pods: Pod[], v: KubectlVersion, opts: PickOptions): PodPick {
  const known = snapshotCache(s, 'kubectl-picks', () => new WeakMap<Pod[], Map<string, { version: KubectlVersion; pick: PodPick }>>());
  const byQuery = kept(known, pods, () => new Map<string, { version: KubectlVersion; pick: PodPick }>());
  const key = `${command}\u0000${JSON.stringify(opts)}`;
  const hit = byQuery.get(key);
  if (hit && hit.version === v) return hit.pick;
  const pick = pickPod(command, pods, v, opts);
  byQuery.set(key, { version: v, pick });
  return pick;
}

interface OrderedFacts {
  /** Whether any pod kubectl would list is a template (offline: the pick is uncertain). */
  templates: boolean;
  /** The listed pods as references, in List order. */
  candidates: () => ObjectRef[];
  /** The distinct owners (top of each chain, or the bare pod) of the listed pods, in List order. */
  owners: () => string[];
}

/**
 * What the report says about the pods of one pick, whatever the target: every Service over
 * a shared label lists the same pods and so gets the same pick. Made once per pick and
 * ownership graph; shared: do not modify.
 */
function orderedFacts(s: Snapshot, g: OwnershipGraph, pick: PodPick): OrderedFacts {
  const known = snapshotCache(s, 'kubectl-pick-facts', () => new WeakMap<PodPick, { graph: OwnershipGraph; facts: OrderedFacts }>());
  const hit = known.get(pick);
  if (hit && hit.graph === g) return hit.facts;
  let candidates: ObjectRef[] | undefined;
  let owners: string[] | undefined;
  const facts: OrderedFacts = {
    templates: pick.ordered.some((p) => isTemplate(s, p)),
    candidates: () => (candidates ??= pick.ordered.map((p) => refOf('Pod', p))),
    owners: () => (owners ??= [...new Set(pick.ordered.map((p) => { const o = ownerChain(g, p).at(-1)?.ref; return o ? `${refText(o)}` : `pod/${p.metadata?.name}`; }))]),
  };
  known.set(pick, { graph: g, facts });
  return facts;
}

export function kubectlView(s: Snapshot, g: OwnershipGraph, r: Resolution, _selected: Pod[], c: CommandQuery, v: KubectlVersion): KubectlPickView {
  const view = base(c, r.target);
  if (!r.object) return view;
  const opts = { ...(c.allPods !== undefined ? { allPods: c.allPods } : {}), ...(c.podRunningTimeoutSeconds !== undefined ? { podRunningTimeoutSeconds: c.podRunningTimeoutSeconds } : {}) };
  let pick: PodPick;
  if (r.target.kind === 'Pod') {
    pick = podNamedDirectly(c.command, r.object as Pod, v);
  } else {
    const refused = selectorErrorFor(c.command, r.target.kind, r.object);
    if (refused) return { ...view, error: refused, decidedBy: 'kubectl cannot find pods for this kind of object' };
    pick = pickOnce(s, c.command, kubectlPods(s, r), v, opts);
  }
  view.messages.push(...pick.notes);
  if (pick.error) return { ...view, error: pick.error, decidedBy: pick.decidedBy };
  const chosen = pick.chosen;
  if (!chosen) {
    view.decidedBy = pick.waits ? `${pick.decidedBy}; ${pick.waits.note}` : pick.decidedBy;
    return view;
  }
  const facts = orderedFacts(s, g, pick);
  const chain = ownerChain(g, chosen);
  view.pod = refOf('Pod', chosen);
  view.template = isTemplate(s, chosen);
  view.owners = chain.map((l) => l.ref);
  view.ownedByTarget = isControllerKind(r.target.kind) ? chainIncludes(chain, r.target) : null;
  if (facts.templates) {
    const owners = facts.owners();
    view.uncertain = true;
    view.candidates = facts.candidates();
    view.decidedBy = `offline: the selector matches ${owners.length === 1 ? `the pods of ${owners[0]}` : `pods of ${nameList(owners, ' and ')}`}; which one kubectl uses depends on their runtime state (node, phase, readiness, ${c.command === 'logs' ? 'most' : 'fewest'} restarts, age)`;
  } else {
    view.decidedBy = pick.decidedBy;
    if (pick.orderDependent) view.candidates = [chosen, ...pick.tieWith].map((p) => refOf('Pod', p));
  }
  if (pick.foundLine && !facts.templates) view.messages.push(pick.foundLine);
  // A template has no phase: kubectl's phase checks after the pick say nothing about it.
  if (pick.afterPick && !view.template) view.error = pick.afterPick;

  if (c.command !== 'port-forward') {
    const choice = chooseContainer(c.command, chosen, { ...(c.container !== undefined ? { container: c.container } : {}), ...(c.allContainers !== undefined ? { allContainers: c.allContainers } : {}), ...(c.allPods !== undefined ? { allPods: c.allPods } : {}) }, v);
    view.containers = choice.containers;
    view.container = choice.containers.length === 1 ? (choice.containers[0] as string) : null;
    view.messages.push(...choice.messages.map((m) => m.text));
    if (choice.note) view.messages.push(choice.note);
    if (choice.error && !view.error) view.error = choice.error;
    if (choice.serverError && !view.error) view.error = `the API server answers: ${choice.serverError}`;
  } else {
    const service = r.target.kind === 'Service' ? (r.object as Service) : null;
    const ports = portForwardPorts(c.ports ?? [], chosen, service, v);
    view.ports = ports.map((p) => ({ spec: p.spec, local: p.local, remote: p.remote, error: p.error }));
    const err = portForwardError(ports, view.template ? { ...chosen, status: { ...chosen.status, phase: 'Running' } } : chosen);
    if (err) view.error = err;
  }
  return view;
}
