// The static text view lays out the presentation model's rows (render/model), the rows the
// TUI lays out: each selection cell has the model row's text, painted in the model row's role,
// and the findings' counts and marks are the model's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Report } from '../../src/core/report.ts';
import { severityWords } from '../../src/render/model/findings.ts';
import { podRows } from '../../src/render/model/pod-rows.ts';
import { renderReportText } from '../../src/render/text.ts';
import { COLOR, PLAIN, paint } from '../../src/render/theme.ts';
import { liveReport, NOW } from '../tui/fixtures.ts';

function report(): Report {
  const r = liveReport();
  // One pod not ready, one the target does not own: cells whose role matters.
  const [a, b, c] = r.selection;
  return { ...r, selection: [{ ...a!, ready: false }, b!, { ...c!, ownedByTarget: false }] };
}

test('every selection row of the text view is the model row, cell by cell', () => {
  const r = report();
  const out = renderReportText(r, { theme: PLAIN, wide: true, now: NOW }).split('\n');
  const rows = podRows(r, null, NOW);
  assert.equal(rows.length, 3);
  for (const row of rows) {
    const line = out.find((l) => l.includes(` ${row.name.text}`));
    assert.ok(line, `a row for ${row.name.text}`);
    const cells = line.trim().split(/\s{3,}/);
    assert.deepEqual(cells, [
      `${row.ownerRef ? `${row.ownerRef.kind.toLowerCase()}/${row.ownerRef.name}` : '<none: bare pod>'}${row.foreign ? ' ≠' : ''}`,
      `${row.name.text}${row.nameNote ? ` ${row.nameNote.text}` : ''}`,
      row.phase.text, row.ready.text, row.node.text, row.ports.text, row.zone.text, row.ip.text, row.restarts.text, row.age.text,
      row.labelCells.map((x) => x.text).join(','),
    ]);
  }
});

test('with colours, each cell is painted in the model row\'s role, as the TUI paints it', () => {
  const r = report();
  const out = renderReportText(r, { theme: COLOR, wide: true, now: NOW });
  const rows = podRows(r, null, NOW);
  const notReady = rows.find((x) => x.pod.ready === false);
  const foreign = rows.find((x) => x.foreign);
  const terminating = rows.find((x) => x.nameNote);
  assert.ok(notReady && foreign && terminating);
  assert.equal(notReady.ready.role, 'warning');
  assert.ok(out.includes(paint(COLOR, 'warning', 'no')), 'READY no in the warning role');
  assert.ok(out.includes(paint(COLOR, 'foreign', 'deployment/web-canary ≠')), 'the foreign owner in the foreign role');
  assert.ok(out.includes(paint(COLOR, 'warning', ' (terminating)')), 'the terminating note in its role');
  assert.ok(out.includes(paint(COLOR, 'title', 'app=web')), 'a label the selector requires in the title role');
});

test('the findings heading counts by the model\'s tally', () => {
  const r = report();
  const out = renderReportText(r, { theme: PLAIN, wide: false, now: NOW });
  assert.equal(severityWords(r.findings), '1 error, 1 warning, 1 info');
  assert.ok(out.includes('FINDINGS (1 error, 1 warning, 1 info)'));
});
