// A single target needs the workloads of its namespace that select its pods, nest with their
// owners' selectors, or claim their ReplicaSets, which no label query finds: so the namespace's
// Deployments, and for a Pod in reverse its ReplicaSets too (the longest lists of a big
// namespace: a Deployment keeps up to ten old revisions), are read first as names and printed
// selectors (the API server's table, rows without objects: listSelectors), and whole only
// those the report can use, by name, in the order the table gave them:
//   a. those whose selector matches a pod read (the target's, those of a Pod's Services): they
//      select it, adopt it, measure it, or share a pod with another workload;
//   b. the pods' controllers, and theirs, up the owner chain (a controller may no longer
//      select the pod it owns: the mismatch is what the report shows);
//   c. those whose selector contains, or is contained by, the target's own selector, that of
//      the workload at the top of a pod's owner chain (the overlap rule names nested selectors
//      even when no pod is shared), or that of any row of (a) (a likely top, asked for at once);
//   d. any whose printed selector does not read back as one (`<none>`, `<error>`, or a form
//      this reader does not know);
//   e. the Deployments whose selector matches the own labels of a ReplicaSet read (one with no
//      controller is theirs to claim);
//   f. the target itself.
// The reads by name begin as soon as the tables and the target's own pods are in (readAhead),
// beside the target's other reads, as far as what is read by then tells; once every other read
// is in, only what more the rest shows is asked for (readPrinted).
// The kind then counts as read completely: every object of it the report can use is there.
// Should that be more than READ_AT_MOST objects, or the table not be had, the kind is read
// whole instead, as before. A watch and a screen read whole (later events may need any).

import { contains, matches, parsePrinted, requirementString, type Selector } from '../../core/labels.ts';
import { WORKLOAD_KINDS } from '../../core/findings/overlapping-selectors.ts';
import { controllerRef } from '../../core/ownership.ts';
import { findByName, inNamespace, type Kind } from '../../core/snapshot.ts';
import { selectorOf, type TargetQuery } from '../../core/targets/resolve.ts';
import type { KubeObject, Pod } from '../../core/types.ts';
import { listSelectors, type SelectorRow } from './reads.ts';
import { namedList, type Fetched, type Reader } from './reader.ts';

/** The kinds a target may read through their printed selectors (a Pod both; the others Deployments). */
export const PRINTED_KINDS: readonly Kind[] = ['ReplicaSet', 'Deployment'];
/** The kinds whose selectors the overlap rule compares (the tops of owner chains among them). */
const WORKLOADS: ReadonlySet<string> = new Set(WORKLOAD_KINDS);
/** More objects of one kind to read by name than this and the kind is read whole instead. */
const READ_AT_MOST = 32;
/** Rounds of reads by name at most (the owner chain is one step a round); then whole. */
const ROUNDS_AT_MOST = 4;

interface Printed {
  kind: Kind;
  names: string[];
  selectors: (Selector | null)[];
  /** name -> place in the table. */
  at: Map<string, number>;
  /** name -> what its read by name gave. */
  read: Map<string, Fetched>;
  /** Rows by each of their requirements (requirementString), and by their first. */
  byRequirement: Map<string, number[]>;
  byFirst: Map<string, number[]>;
  /**
   * Rows by the labels (`key=value`) one of which a pod they select must have: those of their
   * first Equals or In requirement; `loose`: rows without one (only NotIn, Exists, DoesNotExist).
   */
  byLabel: Map<string, number[]>;
  loose: number[];
}

function push(m: Map<string, number[]>, key: string, i: number): void {
  const list = m.get(key);
  if (list) list.push(i);
  else m.set(key, [i]);
}

function printedOf(kind: Kind, rows: SelectorRow[]): Printed {
  const p: Printed = { kind, names: [], selectors: [], at: new Map(), read: new Map(), byRequirement: new Map(), byFirst: new Map(), byLabel: new Map(), loose: [] };
  rows.forEach((row, i) => {
    const s = parsePrinted(row.selector);
    p.names.push(row.name);
    p.selectors.push(s);
    p.at.set(row.name, i);
    if (s?.kind !== 'requirements') return;
    const texts = s.requirements.map(requirementString);
    for (const t of new Set(texts)) push(p.byRequirement, t, i);
    push(p.byFirst, texts[0] as string, i);
    const anchor = s.requirements.find((q) => q.operator === 'Equals' || q.operator === 'In');
    if (anchor) for (const v of new Set(anchor.values)) push(p.byLabel, `${anchor.key}=${v}`, i);
    else p.loose.push(i);
  });
  return p;
}

/**
 * The tables started (a kind's table, or its whole list when the table is not to be had, read
 * at once instead), the rounds of reads by name made so far, and those begun ahead (readAhead).
 */
export interface PrintedReads {
  tables: Map<Kind, Promise<Printed | { whole: Fetched }>>;
  rounds: number;
  ahead: Promise<void> | null;
}

/** Starts the table reads of some of PRINTED_KINDS in a namespace; never rejects. */
export function startPrinted(r: Reader, kinds: readonly Kind[], namespace: string): PrintedReads {
  const tables = new Map(kinds.map((kind) => [kind, listSelectors(r.client, kind, namespace).catch(() => null)
    .then(async (rows) => rows ? printedOf(kind, rows) : { whole: await r.fetch({ kind, namespace }) })] as const));
  return { tables, rounds: 0, ahead: null };
}

function objectsRead(p: Printed): KubeObject[] {
  const out: KubeObject[] = [];
  for (const f of p.read.values()) if (f.ok) out.push(...f.items);
  return out;
}

/** Where an object of a kind is: among those read by name (a printed kind) or in the snapshot. */
function lookup(r: Reader, printed: Map<Kind, Printed>, kind: string, namespace: string, name: string): KubeObject | undefined {
  const p = printed.get(kind as Kind);
  if (p) return findByName(objectsRead(p), namespace, name);
  const list = r.collector.snapshot.objects[kind as Kind] as KubeObject[] | undefined;
  return list ? findByName(list, namespace, name) : undefined;
}

/** The objects up a pod's owner chain (not the pod itself), as far as they are read. */
function chainOf(r: Reader, printed: Map<Kind, Printed>, pod: Pod, namespace: string): { kind: string; object: KubeObject }[] {
  const out: { kind: string; object: KubeObject }[] = [];
  let at: KubeObject = pod;
  for (let i = 0; i < 16; i++) {
    const ref = controllerRef(at);
    if (!ref?.kind || !ref.name) break;
    const next = lookup(r, printed, ref.kind, namespace, ref.name);
    if (!next || out.some((o) => o.object === next)) break;
    out.push({ kind: ref.kind, object: next });
    at = next;
  }
  return out;
}

/**
 * The rows whose selector nests with `root` (core's contains, either way), found through the
 * index: one that contains the root has the root's first requirement; one the root contains
 * has its own first requirement among the root's.
 */
function nested(p: Printed, root: Selector, into: Set<number>): void {
  if (root.kind === 'nothing') return;
  if (root.kind === 'everything') {
    p.selectors.forEach((_, i) => into.add(i));
    return;
  }
  const texts = root.requirements.map(requirementString);
  const candidates = [...(p.byRequirement.get(texts[0] as string) ?? []), ...texts.flatMap((t) => p.byFirst.get(t) ?? [])];
  for (const i of candidates) {
    const s = p.selectors[i] as Selector;
    if (contains(root, s) || contains(s, root)) into.add(i);
  }
}

/** The rows that select one of the objects' labels: through the labels they have (byLabel), and the loose rows tried on each. */
function selecting(p: Printed, objects: readonly KubeObject[]): Set<number> {
  const out = new Set<number>();
  const matching = (i: number) => objects.some((x) => matches(p.selectors[i] as Selector, x.metadata?.labels));
  for (const i of p.loose) if (matching(i)) out.add(i);
  for (const x of objects) {
    for (const [key, value] of Object.entries(x.metadata?.labels ?? {})) {
      for (const i of p.byLabel.get(`${key}=${value}`) ?? []) if (!out.has(i) && matching(i)) out.add(i);
    }
  }
  return out;
}

/**
 * The names of each printed kind the report can use, as far as what is read so far tells (a-f
 * above): worked out once a round, for every kind at once (the roots of c are shared).
 */
function wanted(r: Reader, printed: Map<Kind, Printed>, q: TargetQuery, target: KubeObject): Map<Printed, Set<string>> {
  const namespace = q.namespace;
  const pods = inNamespace(r.collector.snapshot.objects.Pod, namespace);
  // a: rows that select a pod read.
  const selectingPods = new Map([...printed.values()].map((p) => [p, selecting(p, pods)]));
  // The objects of a kind read so far: by name, or whole.
  const readSoFar = (kind: Kind) => {
    const o = printed.get(kind);
    return o ? objectsRead(o) : inNamespace(r.collector.snapshot.objects[kind] as KubeObject[], namespace);
  };
  const named = [...pods, ...PRINTED_KINDS.flatMap(readSoFar)];
  // c: the target's own selector, the top of each pod's owner chain, and every printed selector
  // that selects a pod read (a top, once it is read).
  const roots = new Map<string, Selector>();
  const root = (kind: string, o: KubeObject) => {
    const spec = WORKLOADS.has(kind) ? selectorOf(kind as Kind, o) : null;
    if (spec?.selector && spec.selectsPods) roots.set(requirementsKey(spec.selector), spec.selector);
  };
  root(q.kind, target);
  const tops = new Set<KubeObject>();
  const seen = new Set<string>();
  for (const x of pods) {
    const ref = controllerRef(x);
    if (!ref?.kind || !ref.name || seen.has(`${ref.kind}/${ref.name}`)) continue;
    seen.add(`${ref.kind}/${ref.name}`);
    const chain = chainOf(r, printed, x, namespace);
    const top = chain[chain.length - 1];
    if (top && !tops.has(top.object)) {
      tops.add(top.object);
      root(top.kind, top.object);
    }
  }
  for (const [p, rows] of selectingPods) for (const i of rows) roots.set(requirementsKey(p.selectors[i] as Selector), p.selectors[i] as Selector);

  const out = new Map<Printed, Set<string>>();
  for (const [p, rows] of selectingPods) {
    const want = new Set<number>(rows);
    // d: what does not read back; f: the target.
    p.selectors.forEach((s, i) => {
      if (s === null) want.add(i);
    });
    const self = q.kind === p.kind ? p.at.get(q.name) : undefined;
    if (self !== undefined) want.add(self);
    // e: Deployments whose selector matches a ReplicaSet's own labels claim it, if it has no controller.
    if (p.kind === 'Deployment') for (const i of selecting(p, readSoFar('ReplicaSet'))) want.add(i);
    // b: controllers named by the pods and by the objects read.
    for (const o of named) {
      const ref = controllerRef(o);
      const i = ref?.kind === p.kind && ref.name ? p.at.get(ref.name) : undefined;
      if (i !== undefined) want.add(i);
    }
    for (const sel of roots.values()) nested(p, sel, want);
    out.set(p, new Set([...want].map((i) => p.names[i] as string)));
  }
  return out;
}

/** One key per selector (the printed form, and the two selectors that have none). */
function requirementsKey(s: Selector): string {
  return s.kind === 'requirements' ? s.requirements.map(requirementString).join(',') : `<${s.kind}>`;
}

/** The kinds whose tables came, once they all have; the target counts as read (its GET). */
async function tablesIn(started: PrintedReads, q: TargetQuery, target: KubeObject): Promise<Map<Kind, Printed>> {
  const printed = new Map<Kind, Printed>();
  for (const [kind, reading] of started.tables) {
    const p = await reading;
    if ('whole' in p) continue;
    printed.set(kind, p);
    if (q.kind === kind && p.at.has(q.name)) p.read.set(q.name, { ok: true, items: [target] });
  }
  return printed;
}

/** What a round asks for by name, and the kinds that would go past the bounds (then read whole). */
function nextRound(r: Reader, started: PrintedReads, printed: Map<Kind, Printed>, q: TargetQuery, target: KubeObject): { asks: { p: Printed; name: string }[]; over: Kind[] } {
  const asks: { p: Printed; name: string }[] = [];
  const over: Kind[] = [];
  for (const [p, want] of wanted(r, printed, q, target)) {
    const fresh = [...want].filter((name) => !p.read.has(name));
    if (fresh.length > 0 && (started.rounds >= ROUNDS_AT_MOST || p.read.size + fresh.length > READ_AT_MOST)) over.push(p.kind);
    else for (const name of fresh) asks.push({ p, name });
  }
  return { asks, over };
}

async function askByName(r: Reader, started: PrintedReads, asks: { p: Printed; name: string }[], namespace: string): Promise<void> {
  r.rounds++;
  started.rounds++;
  const got = await Promise.all(asks.map(({ p, name }) => r.fetch(namedList(p.kind, name, namespace))));
  asks.forEach(({ p, name }, i) => p.read.set(name, got[i] as Fetched));
}

/**
 * Begins the reads by name as soon as the tables and the target's own pods are in, beside the
 * target's other reads (a Pod's Services' pods, the Nodes), as far as what is read by then
 * tells; readPrinted asks later only for what more the rest shows. Ahead, a kind is never read
 * whole: past the bounds it is left to readPrinted. Once per target; never rejects.
 */
export function readAhead(r: Reader, started: PrintedReads, q: TargetQuery, target: KubeObject): void {
  started.ahead ??= (async () => {
    const printed = await tablesIn(started, q, target);
    while (printed.size > 0) {
      const { asks, over } = nextRound(r, started, printed, q, target);
      if (over.length > 0 || asks.length === 0) return;
      await askByName(r, started, asks, q.namespace);
    }
  })().catch(() => undefined);
}

/**
 * Reads what the report can use of the kinds started, once every other read of the target is
 * in (its pods are what decides), and collects it in the table's order.
 */
export async function readPrinted(r: Reader, started: PrintedReads, q: TargetQuery, target: KubeObject): Promise<void> {
  const namespace = q.namespace;
  await started.ahead;
  const printed = await tablesIn(started, q, target);
  for (const [kind, reading] of started.tables) {
    const p = await reading;
    if ('whole' in p) r.collect({ kind, namespace }, p.whole);
  }
  while (printed.size > 0) {
    const { asks, over } = nextRound(r, started, printed, q, target);
    if (over.length > 0) {
      // Read whole, then what the others want is worked out again with them.
      for (const kind of over) printed.delete(kind);
      r.rounds++;
      started.rounds++;
      await Promise.all(over.map((kind) => r.list({ kind, namespace })));
      continue;
    }
    if (asks.length === 0) break;
    await askByName(r, started, asks, namespace);
  }
  for (const p of printed.values()) {
    const names = [...p.read.keys()].sort((a, b) => (p.at.get(a) as number) - (p.at.get(b) as number));
    let failed = false;
    for (const name of names) if (r.collect(namedList(p.kind, name, namespace), p.read.get(name) as Fetched) === null) failed = true;
    if (!failed) r.collector.complete.add(p.kind);
  }
}
