// The event log format: written line by line, read back the same; bad logs say which line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceEvent } from '../../../src/core/events.ts';
import { openRecorder, readLog } from '../../../src/sources/replay/files.ts';
import { encodeLine, EventLogError, parseLog, type EventLogHeader } from '../../../src/sources/replay/log.ts';

const HEADER: EventLogHeader = { kind: 'WhoSelectsEventLog', schemaVersion: 1, target: { kind: 'Service', name: 'web' }, namespace: 'default', context: 'kind-a', startedAt: '2026-03-01T12:00:00.000Z', kubectlVersion: 'v1.34.1' };
const EVENTS: SourceEvent[] = [
  { type: 'sync', at: '2026-03-01T12:00:00.010Z', kind: 'Pod', namespace: 'default', objects: [{ kind: 'Pod', metadata: { name: 'web-1' } }], resourceVersion: '7' },
  { type: 'upsert', at: '2026-03-01T12:00:01.000Z', kind: 'Pod', object: { kind: 'Pod', metadata: { name: 'web-1', labels: { a: 'b' } } } },
  { type: 'delete', at: '2026-03-01T12:00:02.000Z', kind: 'Pod', object: { kind: 'Pod', metadata: { name: 'web-1' } } },
  { type: 'status', at: '2026-03-01T12:00:03.000Z', state: 'retrying', kind: null, message: 'connection refused' },
];

test('written and read back unchanged, the header first', () => {
  const text = [HEADER, ...EVENTS].map(encodeLine).join('');
  assert.equal(text.split('\n').length, EVENTS.length + 2, 'one line each, ending in a newline');
  assert.deepEqual(parseLog(text), { header: HEADER, events: EVENTS });
});

test('bad logs name the line and the problem', () => {
  const good = encodeLine(HEADER);
  const cases: [string, number, RegExp][] = [
    ['', 1, /empty/],
    [encodeLine(EVENTS[0] as SourceEvent), 1, /not a whoselects event log/],
    [encodeLine({ ...HEADER, schemaVersion: 2 } as never), 1, /schemaVersion 2 is not supported/],
    [encodeLine({ ...HEADER, target: { kind: 'Gadget', name: 'x' } } as never), 1, /no valid target/],
    [`${good}{oops\n`, 2, /not JSON/],
    [`${good}${encodeLine({ ...EVENTS[1], type: 'patch' } as never)}`, 2, /unknown event type "patch"/],
    [`${good}${encodeLine(EVENTS[0] as SourceEvent)}${encodeLine({ ...EVENTS[1], at: 'soon' } as never)}`, 3, /no valid "at" time/],
    [`${good}${encodeLine({ ...EVENTS[1], kind: 'Gadget' } as never)}`, 2, /unknown kind "Gadget"/],
    [`${good}${encodeLine({ ...EVENTS[3], state: 'sleepy' } as never)}`, 2, /unknown status state "sleepy"/],
  ];
  for (const [text, line, re] of cases) {
    assert.throws(() => parseLog(text), (e: unknown) => e instanceof EventLogError && e.line === line && re.test(e.message), `${re}`);
  }
});

test('a recorder writes the header, then each event as it comes; readLog reads it, or says why not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'whoselects-log-'));
  try {
    const path = join(dir, 'x.ndjson');
    const r = await openRecorder(path, HEADER);
    for (const e of EVENTS) r.write(e);
    await r.close();
    assert.deepEqual(readLog(path), { header: HEADER, events: EVENTS });
    assert.throws(() => readLog(join(dir, 'none.ndjson')), /cannot read the event log .*none\.ndjson: no such file/);
    await writeFile(join(dir, 'bad.ndjson'), `${encodeLine(HEADER)}nope\n`);
    assert.throws(() => readLog(join(dir, 'bad.ndjson')), /bad\.ndjson line 2: not JSON/);
    await assert.rejects(openRecorder(join(dir, 'missing', 'x.ndjson'), HEADER), /cannot write the event log/);
    assert.equal((await readFile(path, 'utf8')).split('\n')[0], JSON.stringify(HEADER));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
