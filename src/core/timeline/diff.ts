// diff(prev, next, query, at) -> Change[]: what changed for the target between two
// snapshots, one line per fact, in a fixed order (selector, workloads, rollout started, pods,
// endpoints, what the endpoints mean for each pod, rollout complete), so the same pair of
// snapshots always gives the same lines.

import type { Snapshot } from '../snapshot.ts';
import type { TargetQuery } from '../targets/resolve.ts';
import { change, naturalCompare, refText } from './change.ts';
import { fullDelta, observe, type Delta, type EndpointState, type Observed, type PodState } from './observe.ts';
import { rememberedRolloutStatus, type RolloutStatus } from './rollout.ts';
import type { Change } from './types.ts';
import type { WorkloadState } from './workloads.ts';

function byName<T>(items: T[], name: (t: T) => string): T[] {
  return [...items].sort((a, b) => naturalCompare(name(a), name(b)));
}

function selectorChanges(a: Observed, b: Observed, at: string): Change[] {
  if (a.selector === b.selector && a.found === b.found) return [];
  const before = a.found ? (a.selector ?? '<none>') : '<absent>';
  const after = b.found ? (b.selector ?? '<none>') : '<absent>';
  if (before === after) return [];
  const what = !b.found ? `${refText(b.target)} is gone: it selects nothing now` : !a.found ? `${refText(b.target)} appeared with selector ${after}` : `selector ${before} → ${after}`;
  return [change(at, 'selector-changed', b.target, what, { before: a.found ? a.selector : null, after: b.found ? b.selector : null })];
}

function countsText(w: WorkloadState): string {
  if (w.kind === 'Job') return `active ${w.current}, succeeded ${w.succeeded}, failed ${w.failed}`;
  return `desired ${w.desired}, current ${w.current}, ready ${w.ready}`;
}

function workloadChanges(a: Observed, b: Observed, at: string): Change[] {
  const out: Change[] = [];
  for (const w of byName(Object.values(b.workloads), (x) => `${x.kind}/${x.ref.name}`)) {
    const before = a.workloads[w.key];
    const details = { desired: w.desired, current: w.current, ready: w.ready, available: w.available, updated: w.updated };
    if (!before) {
      if (w.kind !== 'Deployment') out.push(change(at, 'replicas-changed', w.ref, `appeared: ${countsText(w)}`, details));
      continue;
    }
    const fields: [string, number, number][] = w.kind === 'Job'
      ? [['active', before.current, w.current], ['succeeded', before.succeeded, w.succeeded], ['failed', before.failed, w.failed]]
      : w.kind === 'Deployment' ? [['desired', before.desired, w.desired]]
        : [['desired', before.desired, w.desired], ['current', before.current, w.current], ['ready', before.ready, w.ready]];
    const moved = fields.filter(([, x, y]) => x !== y);
    if (moved.length === 0) continue;
    const text = fields.map(([name, x, y]) => (x !== y ? `${name} ${x} → ${y}` : `${name} ${y}`)).join(', ');
    out.push(change(at, 'replicas-changed', w.ref, text, details));
  }
  return out;
}

export function rolloutStartedChange(o: Observed, status: RolloutStatus, at: string): Change {
  const who = status.progressing.map((w) => refText(w.ref)).join(', ');
  const msg = `${who ? 'rollout' : 'disruption'} started: ${status.waitingFor.join('; ')}`;
  return change(at, 'rollout-started', status.progressing[0]?.ref ?? o.target, msg, { workloads: who || null, waitingFor: status.waitingFor.join('; ') });
}

export function rolloutCompleteChange(o: Observed, at: string): Change {
  const done = Object.values(o.workloads).filter((w) => w.kind === 'Deployment' || w.kind === 'StatefulSet');
  const text = done.map((w) => `${refText(w.ref)} ${w.updated} of ${w.desired} updated, ${w.kind === 'Deployment' ? w.available : w.ready} available`).join('; ');
  return change(at, 'rollout-complete', done[0]?.ref ?? o.target, `rollout complete${text ? `: ${text}` : ''}; no old pod left`, { workloads: done.map((w) => refText(w.ref)).join(', ') || null });
}

function rolloutChanges(a: Observed, b: Observed, at: string): Change[] {
  const before = rememberedRolloutStatus(a);
  const after = rememberedRolloutStatus(b);
  if (before.settled && !after.settled) return [rolloutStartedChange(b, after, at)];
  if (!before.settled && after.settled) return [rolloutCompleteChange(b, at)];
  return [];
}

function podDetails(p: PodState): Change['details'] {
  return { ip: p.ip, node: p.node, phase: p.phase, ready: p.ready, terminating: p.terminating };
}

function appeared(p: PodState): string {
  const where = p.node ? ` on ${p.node}` : ', not scheduled yet';
  const ip = p.ip ? `, IP ${p.ip}` : '';
  const state = p.terminating ? ', already terminating' : p.ready ? ', Ready' : '';
  return `created${where}${ip}${state}`;
}

function deletionText(p: PodState): string {
  const hook = p.preStop ? `preStop ${p.preStop}` : 'no preStop hook: SIGTERM at once, while endpoints may still route to it';
  return `deletion requested: grace ${p.graceSeconds}s, ${hook}`;
}

function podChanges(d: Delta, at: string, next: Snapshot | null): Change[] {
  const out: Change[] = [];
  const all = d.pods.map((k) => (d.after.pod(k) ?? d.before.pod(k)) as PodState).filter((p) => p !== undefined);
  for (const p of byName(all, (x) => x.ref.name)) {
    const before = d.before.pod(p.key);
    const after = d.after.pod(p.key);
    if (!before && after) {
      out.push(change(at, 'pod-created', after.ref, appeared(after), podDetails(after)));
      continue;
    }
    if (before && !after) {
      const uid = before.ref.uid;
      const stillThere = uid !== undefined && next !== null && next.objects.Pod.some((x) => x.metadata?.uid === uid);
      const msg = stillThere ? 'no longer selected: its labels do not match the selector' : before.terminating ? 'removed' : 'removed without being seen terminating (deleted at once, or relabelled)';
      out.push(change(at, 'pod-removed', before.ref, msg, podDetails(before)));
      continue;
    }
    if (!before || !after || before === after) continue;
    if (!before.node && after.node) out.push(change(at, 'pod-scheduled', after.ref, `scheduled to ${after.node}${after.ip ? `, IP ${after.ip}` : ''}`, podDetails(after)));
    if (!before.ready && after.ready) out.push(change(at, 'pod-ready', after.ref, `Ready${after.ip ? ` (IP ${after.ip})` : ''}`, { ...podDetails(after), readySince: after.readySince }));
    if (before.ready && !after.ready) out.push(change(at, 'pod-not-ready', after.ref, after.terminating ? 'no longer Ready while terminating' : 'no longer Ready', podDetails(after)));
    if (!before.terminating && after.terminating) {
      out.push(change(at, 'pod-deletion-requested', after.ref, deletionText(after), {
        ...podDetails(after), deletionTimestamp: after.deletionTimestamp, graceSeconds: after.graceSeconds, preStop: after.preStop,
      }));
    }
    const terminal = (s: string | null) => s === 'Succeeded' || s === 'Failed';
    if (!terminal(before.phase) && terminal(after.phase)) out.push(change(at, 'pod-terminated', after.ref, `phase ${after.phase}`, podDetails(after)));
  }
  return out;
}

function conditionsText(e: EndpointState): string {
  const words = [e.ready ? 'ready' : 'not ready'];
  if (e.serving !== e.ready) words.push(e.serving ? 'serving' : 'not serving');
  if (e.terminating) words.push('terminating');
  return words.join(', ');
}

function endpointDetails(e: EndpointState): Change['details'] {
  return { address: e.address, ready: e.ready, serving: e.serving, terminating: e.terminating, slice: e.slice, node: e.node };
}

function endpointChanges(d: Delta, at: string): Change[] {
  if (!d.endpoints) return [];
  const out: Change[] = [];
  const addresses = [...d.addresses].sort(naturalCompare);
  for (const address of addresses) {
    let before = d.before.endpoint(address);
    const after = d.after.endpoint(address);
    if (before === after) continue;
    const object = (after ?? before)?.pod ?? null;
    // An address handed to a new pod (IPs are reused): the old pod's endpoint went, the new one's came.
    if (before && after && before.podKey !== after.podKey) {
      out.push(change(at, 'endpoint-removed', before.pod, `endpoint ${address} removed`, endpointDetails(before)));
      before = undefined;
    }
    if (!before && after) out.push(change(at, 'endpoint-added', object, `endpoint ${address} added: ${conditionsText(after)}`, endpointDetails(after)));
    else if (before && !after) out.push(change(at, 'endpoint-removed', object, `endpoint ${address} removed`, endpointDetails(before)));
    else if (before && after && (before.ready !== after.ready || before.serving !== after.serving || before.terminating !== after.terminating)) {
      out.push(change(at, 'endpoint-conditions', object, `endpoint ${address}: ${conditionsText(before)} → ${conditionsText(after)}`,
        { ...endpointDetails(after), readyBefore: before.ready, servingBefore: before.serving, terminatingBefore: before.terminating }));
    }
  }
  return out;
}

/** What the endpoint changes mean for each pod: it left the ready set, or serves while terminating. */
function routingChanges(d: Delta, headless: boolean, at: string): Change[] {
  if (!d.endpoints) return [];
  const out: Change[] = [];
  const rows = d.routing.map((key) => {
    const eps = [...d.before.endpointsOf(key), ...d.after.endpointsOf(key)];
    return { key, ref: d.after.pod(key)?.ref ?? d.before.pod(key)?.ref ?? eps[0]?.pod ?? null };
  }).filter((r) => r.ref !== null);
  for (const { key, ref } of byName(rows, (r) => r.ref?.name ?? '')) {
    const was = d.before.endpointsOf(key);
    const now = d.after.endpointsOf(key);
    if (was.some((e) => e.ready) && !now.some((e) => e.ready)) {
      const why = headless ? 'DNS stops returning its IP (cached answers live on for the record TTL)' : 'kube-proxy stops choosing it for new connections';
      out.push(change(at, 'pod-left-ready-set', ref, `left the ready set: ${why}`, { addresses: was.map((e) => e.address).join(','), headless }));
    }
    const servingTerminating = (eps: EndpointState[]) => eps.some((e) => e.serving && e.terminating && !e.ready);
    if (!servingTerminating(was) && servingTerminating(now)) {
      const how = headless ? 'clients that resolved its IP keep connecting' : 'kube-proxy falls back to it only if no endpoint is ready; ingress controllers may still use it';
      out.push(change(at, 'pod-serving-while-terminating', ref, `serving while terminating: ${how}`, { addresses: now.map((e) => e.address).join(','), headless }));
    }
  }
  return out;
}

/** The changes between two observations of the target. `next` (optional) tells removed pods from pods that left the selection. */
export function diffObserved(a: Observed, b: Observed, at: string, next: Snapshot | null = null, delta: Delta = fullDelta(a, b)): Change[] {
  const rollout = rolloutChanges(a, b, at);
  return [
    ...selectorChanges(a, b, at),
    ...workloadChanges(a, b, at),
    ...rollout.filter((c) => c.kind === 'rollout-started'),
    ...podChanges(delta, at, next),
    ...endpointChanges(delta, at),
    ...routingChanges(delta, b.service?.headless === true, at),
    ...rollout.filter((c) => c.kind === 'rollout-complete'),
  ];
}

export function diff(prev: Snapshot, next: Snapshot, query: TargetQuery, at: string): Change[] {
  return diffObserved(observe(prev, query), observe(next, query), at, next);
}
