// headless-publishes-not-ready (trap 19): publishNotReadyAddresses makes every endpoint ready,
// so a headless Service's DNS hands out unready and terminating pods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findings, offline, refs, run, sts, svc } from '../builders.ts';

const ID = 'headless-publishes-not-ready';

test('fires for a headless, managed Service with publishNotReadyAddresses only', () => {
  const db = sts('db', { podLabels: { app: 'db' } });
  const cases: [Parameters<typeof svc>[1], number][] = [
    [{ clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'db' } }, 1],
    [{ clusterIP: 'None', selector: { app: 'db' } }, 0],
    [{ publishNotReadyAddresses: true, selector: { app: 'db' } }, 0],
    [{ clusterIP: 'None', publishNotReadyAddresses: true, selector: null }, 0],
  ];
  for (const [o, want] of cases) {
    const f = findings(run(offline([db, svc('db', o)]), 'Service', 'db'), ID);
    assert.equal(f.length, want, JSON.stringify(o));
    if (want) {
      assert.equal(f[0]?.severity, 'warning');
      assert.deepEqual(refs(f[0]?.objects ?? []), ['Service/db']);
    }
  }
});
