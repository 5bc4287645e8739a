// Side by side for the chosen pod: on the left what you asked for (the target's selector,
// the owner chain a pod of the target would have, the port it sends to), on the right what
// you got (the pod's labels with the matching keys marked ✓, its real owner chain, its ports).

import type { Report } from '../../core/report.ts';
import { actualChain, expectedChain, refText, shortRef, type MeantOwner } from '../../render/model/owners.ts';
import type { PodRow } from '../../render/model/pod-rows.ts';
import { selectedByRows } from '../../render/model/selected-by.ts';
import { fit, flow, padLine, rule, seg, type Line } from '../text.ts';

export interface ComparePanelProps {
  report: Report;
  row: PodRow | null;
  meant: MeantOwner | null;
  width: number;
  height: number;
}

const LABEL = 9;

interface Field {
  name: string;
  /** The right side's name, when it differs. */
  got?: string;
  left: Line[];
  right: Line[];
}

function selectorChips(r: Report): Line[] {
  const sel = r.target.selector;
  if (!sel) return [[seg('no selector', 'dim')]];
  if (sel.error) return [[seg(sel.error, 'error')]];
  const reqs = sel.requirements.length ? sel.requirements : [sel.text];
  return reqs.map((q) => [seg(q, 'accent')]);
}

function askedOwner(r: Report, row: PodRow | null, meant: MeantOwner | null): Line[] {
  if (r.target.ref.kind === 'Pod') return [[seg('— (the target is the pod itself)', 'dim')]];
  if (!meant) return [[seg(`any: ${refText(r.target.ref)} owns no pods`, 'dim')]];
  const chain = expectedChain(meant.ref, row?.pod ?? null, true).join(' → ');
  return [[seg(chain)], ...(meant.why === 'the target' ? [] : [[seg(`(${meant.why})`, 'dim')]])];
}

function askedPorts(r: Report): Line[] {
  const rv = r.routing[0];
  if (!rv) return [];
  if (rv.ports.length === 0) return [[seg('no ports', 'dim')]];
  return rv.ports.map((p) => [seg(`${p.port}/${p.protocol} → ${p.targetPort}`), seg(p.servicePort && p.servicePort !== String(p.port) ? ` (${p.servicePort})` : '', 'dim')]);
}

function gotLabels(row: PodRow): Line[] {
  const labels = [...row.pod.labels].sort((a, b) => Number(b.matched) - Number(a.matched));
  if (labels.length === 0) return [[seg('no labels', 'dim')]];
  return labels.map((l) => (l.matched ? [seg(`✓${l.key}=${l.value}`, 'match')] : [seg(`${l.key}=${l.value}`, 'dim')]));
}

function gotOwner(row: PodRow): Line[] {
  const chain = actualChain(row.pod, true);
  const text = chain.length ? chain.join(' → ') : 'none: a bare pod';
  const lines: Line[] = [row.foreign ? [seg(`≠ ${text}`, 'foreign')] : [seg(text)]];
  if (row.pod.adopted) lines.push([seg(`adopted: ${row.pod.adopted}`, 'warning')]);
  return lines;
}

function gotPorts(row: PodRow, targetPorts: string | null): Line[] {
  // Whether it serves the Service's port comes first: that is what the left side asked for.
  const served: Line[] = targetPorts !== null && row.port && row.port.text !== '-'
    ? [[seg(row.port.text === '✓ yes' ? `✓ serves ${targetPorts}` : row.port.text, row.port.role)]] : [];
  const ports = row.pod.ports.map((p) => [seg(`${p.name ? `${p.name}:` : ''}${p.port}/${p.protocol}`)]);
  return [...served, ...(ports.length ? ports : [[seg('none declared', 'dim')]])];
}

function fields(p: ComparePanelProps, half: number): Field[] {
  const r = p.report;
  const row = p.row;
  const w = half - LABEL;
  const selectedBy: Line[] = selectedByRows(r).map((m) => [seg(`${shortRef(m.ref)} `, m.owns ? 'ok' : undefined), seg(m.selector, 'dim')]);
  const asked = r.target.ref.kind === 'Pod' ? selectedBy.map((l) => fit(l, w)) : flow(selectorChips(r), w);
  const out: Field[] = [
    { name: r.target.ref.kind === 'Pod' ? 'selected' : 'selector', got: 'labels', left: asked.length ? asked : [[seg('nothing selects it', 'dim')]], right: row ? flow(gotLabels(row), w) : [] },
    { name: 'owner', left: askedOwner(r, row, p.meant), right: row ? gotOwner(row) : [] },
  ];
  const ports = askedPorts(r);
  if (ports.length || row) out.push({ name: 'port', got: 'ports', left: ports, right: row ? flow(gotPorts(row, r.routing[0] ? r.routing[0].ports.map((x) => String(x.targetPort)).join(',') : null), w) : [] });
  return out;
}

/** The rows the panel would like: its title rule and every line of every field. */
export function compareWant(p: Omit<ComparePanelProps, 'height'>): number {
  const half = Math.floor((p.width - 3) / 2);
  return 1 + fields({ ...p, height: 0 }, half).reduce((n, f) => n + Math.max(1, f.left.length, f.right.length), 0);
}

export function comparePanel(p: ComparePanelProps): Line[] {
  if (p.height <= 0) return [];
  const lw = Math.floor((p.width - 3) / 2);
  const rw = p.width - lw - 3;
  const row = p.row;
  const got = row ? (row.pod.template ? `template of ${row.pod.owners[0] ? shortRef(row.pod.owners[0].ref) : row.pod.ref.name}` : `pod/${row.pod.ref.name}`) : 'no pod chosen';
  const left = rule([seg('ASKED FOR '), seg(refText(p.report.target.ref), 'accent')], lw);
  const right = rule([seg('GOT '), seg(got, row?.foreign ? 'foreign' : 'accent')], rw + 1);
  const out: Line[] = [[...padLine(left, lw), seg('─┬', 'dim'), ...right]];
  const fs = fields(p, Math.min(lw, rw));
  let room = p.height - out.length;
  fs.forEach((f, fi) => {
    const n = Math.max(1, f.left.length, f.right.length);
    // Keep a row for each later field; a long field shows what fits and how much is left out.
    const keep = fs.slice(fi + 1).length;
    const rows = Math.max(0, Math.min(n, room - keep));
    for (let i = 0; i < rows; i++) {
      let right = f.right[i] ?? [];
      if (i === rows - 1 && rows < f.right.length) right = [...fit(right, rw - LABEL - 8), seg(` +${f.right.length - rows} more`, 'dim')];
      const label = (name: string) => seg(i === 0 ? name.padEnd(LABEL) : ' '.repeat(LABEL), 'dim');
      out.push([...padLine([label(f.name), ...(f.left[i] ?? [])], lw), seg(' │ ', 'dim'), ...fit([label(f.got ?? f.name), ...right], rw)]);
    }
    room -= rows;
  });
  return out.slice(0, p.height);
}
