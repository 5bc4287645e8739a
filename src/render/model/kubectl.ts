// The kubectl line: which pod `kubectl logs` and `kubectl exec` would pick for the target,
// and whose it is. Picks of the workloads behind the target come after, for the details view.

import type { KubectlPickView, Report } from '../../core/report.ts';
import { seg, type Line } from './line.ts';
import { rootOf } from '../../core/refs.ts';
import type { ObjectRef } from '../../core/snapshot.ts';
import { shortRef } from './owners.ts';

const sameTarget = (k: KubectlPickView, r: Report) => k.target.kind === r.target.ref.kind && k.target.name === r.target.ref.name;

/** The picks for the target itself first, then those for the workloads behind it. */
export function orderedPicks(r: Report): KubectlPickView[] {
  return [...r.kubectl.filter((k) => sameTarget(k, r)), ...r.kubectl.filter((k) => !sameTarget(k, r))];
}

/**
 * Whose pods kubectl picks among, once each: the workload of each candidate (`pod/NAME` for a
 * bare one), named by `name` (short by default, `refText` for the long form).
 */
export function ownersOfCandidates(r: Report, k: KubectlPickView, name: (ref: ObjectRef) => string = shortRef): string[] {
  return [...new Set(k.candidates.map((c) => {
    const v = r.selection.find((x) => x.ref.name === c.name);
    const root = v ? rootOf(v) : null;
    return root ? name(root) : `pod/${c.name}`;
  }))];
}

function answer(r: Report, k: KubectlPickView): Line {
  if (k.error) return [seg('fails: ', 'error'), seg(k.error)];
  if (!k.pod) return [seg(k.decidedBy, 'dim')];
  const target = shortRef(k.target);
  if (k.template) {
    const owners = ownersOfCandidates(r, k);
    const foreign = owners.filter((o) => o !== target && k.ownedByTarget !== null);
    const line: Line = [seg(`a pod of ${owners.join(' or ')}`)];
    if (foreign.length) line.push(seg(` ≠ may be ${foreign.join(', ')}'s`, 'foreign'));
    return line;
  }
  const owner = k.owners[k.owners.length - 1];
  const whose = owner ? shortRef(owner) : 'a bare pod';
  // Whose pod it is comes first: it is what the line is for, and the pod name is long.
  const line: Line = k.ownedByTarget === false ? [seg(`${whose}'s ≠`, 'foreign')] : [seg(owner ? `${whose}'s` : whose, 'dim')];
  line.push(seg(` pod/${k.pod.name}`, 'accent'));
  if (k.container) line.push(seg(` container ${k.container}`, 'dim'));
  if (k.candidates.length > 1) line.push(seg(` (tied with ${k.candidates.length - 1}: List order decides)`, 'warning'));
  return line;
}

function key(r: Report, k: KubectlPickView): string {
  return JSON.stringify([k.target, answer(r, k)]);
}

/**
 * One line per distinct answer: `kubectl logs|exec svc/web → pod/web-1 — deployment/web`.
 * Commands on the same object with the same answer share a line.
 */
export function kubectlLines(r: Report, picks: KubectlPickView[] = orderedPicks(r)): Line[] {
  const groups: { first: KubectlPickView; commands: string[] }[] = [];
  const byKey = new Map<string, { first: KubectlPickView; commands: string[] }>();
  for (const k of picks) {
    const id = key(r, k);
    const g = byKey.get(id);
    if (g) g.commands.push(k.command);
    else {
      const n = { first: k, commands: [k.command] };
      byKey.set(id, n);
      groups.push(n);
    }
  }
  return groups.map(({ first, commands }) => {
    const object = first.commandLine.replace(/^kubectl \S+ /, '');
    return [seg('kubectl ', 'dim'), seg(commands.join('|'), 'key'), seg(` ${object}`), seg(' → ', 'dim'), ...answer(r, first)];
  });
}
