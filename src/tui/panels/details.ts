// Enter: everything the report says about the chosen pod, finding or change.

import type { Finding, Report } from '../../core/report.ts';
import type { Change } from '../../core/timeline/types.ts';
import { findingMentions, MARK } from '../../render/model/findings.ts';
import { endpointState, type PodRow } from '../../render/model/pod-rows.ts';
import { kubectlLines } from '../../render/model/kubectl.ts';
import { actualChain, refText, rootOf } from '../../render/model/owners.ts';
import { seg, wrap, wrapLine, type Line } from '../text.ts';
import { clockText } from '../../core/time-of-day.ts';
import { changeRole } from '../../render/model/timeline.ts';

const KEY = 18;

function kv(key: string, value: string | Line, width: number): Line[] {
  const v = typeof value === 'string' ? [seg(value)] : value;
  return wrapLine(v, Math.max(10, width - KEY)).map((l, i) => [seg(i === 0 ? `  ${key.padEnd(KEY - 2)}` : ' '.repeat(KEY), 'dim'), ...l]);
}

function para(text: string, width: number, role?: Line[number]['role'], indent = '  '): Line[] {
  return wrap(text, Math.max(10, width - indent.length)).map((l) => [seg(indent + l, role)]);
}

export function podDetails(r: Report, row: PodRow, width: number): Line[] {
  const v = row.pod;
  const root = rootOf(v);
  const out: Line[] = [[seg(v.template ? `template pod of ${root ? refText(root) : '?'}` : `pod/${v.ref.name}`, 'title'), seg(`  in ${v.ref.namespace ?? r.source.namespace}`, 'dim')]];
  out.push(...kv('status', [seg(row.status.text, row.status.role), seg(`  ready ${row.ready.text}`), seg(v.readySince ? ` since ${v.readySince}` : '', 'dim')], width));
  if (v.terminating) out.push(...kv('deletion', `requested ${v.deletionTimestamp ?? ''}`, width));
  out.push(...kv('node', `${v.node ?? '-'}  zone ${v.zone ?? '-'}  ip ${v.ip ?? '-'}`, width));
  out.push(...kv('restarts, age', `${v.restarts ?? '-'}  ${row.age.text}`, width));
  const chain = actualChain(v).length ? ['pod', ...actualChain(v)].join(' → ') : 'none: a bare pod';
  out.push(...kv('owner chain', [seg(row.foreign ? `≠ ${chain}` : chain, row.foreign ? 'foreign' : undefined)], width));
  if (v.adopted) out.push(...kv('adopted', v.adopted, width));
  out.push(...kv('labels', v.labels.length ? v.labels.map((l) => seg(`${l.matched ? '✓' : ''}${l.key}=${l.value}  `, l.matched ? 'match' : undefined)) : [seg('none', 'dim')], width));
  out.push(...kv('ports', v.ports.map((p) => `${p.container}: ${p.name ? `${p.name}:` : ''}${p.port}/${p.protocol}`).join(', ') || 'none declared', width));
  out.push(...kv('readinessProbe', v.readinessProbe ? 'yes' : 'none', width));
  out.push(...kv('preStop', `${v.preStop ?? 'none'}  (terminationGracePeriodSeconds ${v.terminationGracePeriodSeconds})`, width));
  for (const rv of r.routing) {
    const actual = rv.actual?.endpoints.find((e) => e.pod?.name === v.ref.name);
    const predicted = rv.predicted.find((e) => e.pod?.name === v.ref.name);
    const excluded = rv.excluded.find((x) => x.pod.name === v.ref.name);
    out.push([], [seg(`${refText(rv.service)}`, 'title'), seg(`  ${rv.type}${rv.headless ? ', headless' : ''}`, 'dim')]);
    if (rv.actual) out.push(...kv('EndpointSlices', actual ? [seg(endpointState(actual).text, endpointState(actual).role), seg(`  ${actual.addresses.join(', ')}`, 'dim')] : [seg('absent', 'warning')], width));
    out.push(...kv('would publish', predicted ? [seg(endpointState(predicted).text, endpointState(predicted).role)] : [seg(excluded ? `no: ${excluded.detail}` : 'no', 'dim')], width));
    // The prediction knows why a port is missing; the live slice only that it is.
    const e = predicted ?? actual;
    for (const m of e?.missingPorts ?? []) out.push(...kv(`port ${m.servicePort}`, [seg(`✗ ${m.reason}`, 'error')], width));
    for (const u of e?.undeclaredPorts ?? []) out.push(...kv(`port ${u.servicePort}`, [seg(`▲ ${u.port} is declared by no container; traffic is still sent there`, 'warning')], width));
  }
  const picks = r.kubectl.filter((k) => k.pod?.name === v.ref.name || k.candidates.some((c) => c.name === v.ref.name));
  if (picks.length) out.push([], [seg('kubectl', 'title')], ...kubectlLines(r, picks).flatMap((l) => wrapLine(l, width - 4).map((w, i) => [seg(i ? '      ' : '  '), ...w])));
  const about = r.findings.filter((f) => findingMentions(f, v.ref.name, root?.name ?? null, root?.kind ?? null));
  if (about.length) {
    out.push([], [seg('findings about it', 'title')]);
    for (const f of about) out.push(...para(`${MARK[f.severity].text} ${f.message}`, width, MARK[f.severity].role));
  }
  return out;
}

export function findingDetails(f: Finding, width: number): Line[] {
  const m = MARK[f.severity];
  const out: Line[] = [[seg(`${m.text} ${f.severity}`, m.role), seg(`  ${f.id}`, 'dim')], ...para(f.message, width, undefined, '')];
  if (f.evidence.length) {
    out.push([], [seg('evidence', 'title')]);
    for (const e of f.evidence) out.push(...para(e, width, undefined, '  '));
  }
  if (f.objects.length) out.push([], [seg('objects', 'title')], ...f.objects.map((o) => [seg(`  ${refText(o)}`)]));
  return out;
}

export function changeDetails(c: Change, width: number): Line[] {
  const out: Line[] = [[seg(`${clockText(c.at, 'glance')}Z  `, 'dim'), seg(c.kind, changeRole(c.kind)), seg(c.object ? `  ${refText(c.object)}` : '')], ...para(c.message, width, undefined, '')];
  const keys = Object.keys(c.details);
  if (keys.length) out.push([], ...keys.flatMap((k) => kv(k, String(c.details[k]), width)));
  out.push([], ...kv('at', c.at, width));
  return out;
}
