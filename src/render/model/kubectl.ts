// The kubectl rows: for each `kubectl logs|exec|attach|port-forward` the report answers,
// which pod kubectl would take and whose it is, or why it fails. The text view lays each row
// out in full (the command line, how it was decided, ties, ports, kubectl's messages); the TUI
// lays out one line per distinct answer (`kubectlLines`). Picks of the workloads behind the
// target come after the target's own.

import type { KubectlPickView, Report } from '../../core/report.ts';
import { seg, type Cell, type Line } from './line.ts';
import { rootOf } from '../../core/refs.ts';
import { nameList } from '../../core/name-list.ts';
import type { ObjectRef } from '../../core/snapshot.ts';
import { shortRef } from './owners.ts';

const sameRef = (a: Pick<ObjectRef, 'kind' | 'name'>, b: Pick<ObjectRef, 'kind' | 'name'>) => a.kind === b.kind && a.name === b.name;
const sameTarget = (k: KubectlPickView, r: Report) => sameRef(k.target, r.target.ref);

/** The picks for the target itself first, then those for the workloads behind it. */
export function orderedPicks(r: Report): KubectlPickView[] {
  return [...r.kubectl.filter((k) => sameTarget(k, r)), ...r.kubectl.filter((k) => !sameTarget(k, r))];
}

/** `port 8080:80 → local 8080 → pod 80`, or kubectl's error for that port (error role). */
export interface PortForwardRow {
  spec: string;
  result: Cell;
}

interface RowBase {
  pick: KubectlPickView;
  /** The command line this answers, e.g. `kubectl logs deploy/web`. */
  commandLine: string;
  /** The object the command names: the target, or a workload behind it. */
  target: ObjectRef;
  ports: PortForwardRow[];
}

/** What kubectl would do for one command. */
export type KubectlPickRow = RowBase & (
  | { outcome: 'fails'; error: string }
  /** No pod to take: `decidedBy` says why. */
  | { outcome: 'none'; decidedBy: string }
  /** Offline: templates stand for the pods. */
  | {
    outcome: 'template';
    /** Whose pods kubectl picks among, once each: each candidate's workload (`pod/NAME` for a bare one). */
    owners: ObjectRef[];
    /** Those of `owners` that are not the command's object (only when ownership can be told at all). */
    foreign: ObjectRef[];
  }
  | {
    outcome: 'pod';
    pod: string;
    container: string | null;
    /** The top of the pod's owner chain; null for a bare pod. */
    owner: ObjectRef | null;
    /** The pod does not belong to the command's object. */
    foreign: boolean;
    decidedBy: string;
    /** The other pods kubectl could take instead, when List order decides. */
    tiedWith: string[];
    /** kubectl's own messages, verbatim. */
    messages: string[];
  });

/** Whose pods kubectl picks among, once each: the workload of each candidate (a bare pod stands for itself). */
function candidateOwners(r: Report, k: KubectlPickView): ObjectRef[] {
  const out: ObjectRef[] = [];
  for (const c of k.candidates) {
    const v = r.selection.find((x) => x.ref.name === c.name);
    const owner = (v ? rootOf(v) : null) ?? { kind: 'Pod', name: c.name };
    if (!out.some((o) => sameRef(o, owner))) out.push(owner);
  }
  return out;
}

function portRows(k: KubectlPickView): PortForwardRow[] {
  return k.ports.map((p) => ({ spec: p.spec, result: p.error ? { text: p.error, role: 'error' } : { text: `local ${p.local ?? 'random'} → pod ${p.remote}` } }));
}

export function kubectlRow(r: Report, k: KubectlPickView): KubectlPickRow {
  const base: RowBase = { pick: k, commandLine: k.commandLine, target: k.target, ports: portRows(k) };
  if (k.error) return { ...base, outcome: 'fails', error: k.error };
  const pod = k.pod;
  if (!pod) return { ...base, outcome: 'none', decidedBy: k.decidedBy };
  if (k.template) {
    const owners = candidateOwners(r, k);
    return { ...base, outcome: 'template', owners, foreign: k.ownedByTarget === null ? [] : owners.filter((o) => !sameRef(o, k.target)) };
  }
  return {
    ...base, outcome: 'pod', pod: pod.name, container: k.container, owner: k.owners[k.owners.length - 1] ?? null, foreign: k.ownedByTarget === false,
    decidedBy: k.decidedBy, tiedWith: k.candidates.length > 1 ? k.candidates.filter((c) => c.name !== pod.name).map((c) => c.name) : [], messages: k.messages,
  };
}

/** One row per pick, the target's own first. */
export function kubectlRows(r: Report, picks: KubectlPickView[] = orderedPicks(r)): KubectlPickRow[] {
  return picks.map((k) => kubectlRow(r, k));
}

/** Whether the answers stand on templates (offline), which the views say once under the rows. */
export function answersFromTemplates(rows: readonly KubectlPickRow[]): boolean {
  return rows.some((x) => x.pick.template);
}

/** The short answer of a row: `deploy/web's pod/web-1 container nginx`, `a pod of deploy/a or deploy/b`, `fails: …`. */
function answer(row: KubectlPickRow): Line {
  switch (row.outcome) {
    case 'fails': return [seg('fails: ', 'error'), seg(row.error)];
    case 'none': return [seg(row.decidedBy, 'dim')];
    case 'template': {
      const line: Line = [seg(`a pod of ${nameList(row.owners.map(shortRef), ' or ')}`)];
      if (row.foreign.length) line.push(seg(` ≠ may be ${nameList(row.foreign.map(shortRef))}'s`, 'foreign'));
      return line;
    }
    case 'pod': {
      const whose = row.owner ? shortRef(row.owner) : 'a bare pod';
      // Whose pod it is comes first: it is what the line is for, and the pod name is long.
      const line: Line = row.foreign ? [seg(`${whose}'s ≠`, 'foreign')] : [seg(row.owner ? `${whose}'s` : whose, 'dim')];
      line.push(seg(` pod/${row.pod}`, 'accent'));
      if (row.container) line.push(seg(` container ${row.container}`, 'dim'));
      if (row.tiedWith.length) line.push(seg(` (tied with ${row.tiedWith.length}: List order decides)`, 'warning'));
      return line;
    }
  }
}

/**
 * One line per distinct answer: `kubectl logs|exec svc/web → deploy/web's pod/web-1`.
 * Commands on the same object with the same answer share a line.
 */
export function kubectlLines(r: Report, picks: KubectlPickView[] = orderedPicks(r)): Line[] {
  const groups: { first: KubectlPickRow; answer: Line; commands: string[] }[] = [];
  const byKey = new Map<string, { first: KubectlPickRow; answer: Line; commands: string[] }>();
  for (const row of kubectlRows(r, picks)) {
    const a = answer(row);
    const id = JSON.stringify([row.target, a]);
    const g = byKey.get(id);
    if (g) g.commands.push(row.pick.command);
    else {
      const n = { first: row, answer: a, commands: [row.pick.command] };
      byKey.set(id, n);
      groups.push(n);
    }
  }
  return groups.map(({ first, answer: a, commands }) => {
    const object = first.commandLine.replace(/^kubectl \S+ /, '');
    return [seg('kubectl ', 'dim'), seg(commands.join('|'), 'key'), seg(` ${object}`), seg(' → ', 'dim'), ...a];
  });
}
