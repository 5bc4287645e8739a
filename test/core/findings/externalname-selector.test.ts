// externalname-with-selector (trap 36): an ExternalName Service routes to no pods, yet
// kubectl logs/port-forward svc/NAME still use its leftover selector.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findings, live, pod, refs, run, svc } from '../builders.ts';

const ID = 'externalname-with-selector';

test('fires only for ExternalName with a non-empty selector', () => {
  const cases: [Parameters<typeof svc>[1], number][] = [
    [{ type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'web' } }, 1],
    [{ type: 'ExternalName', externalName: 'db.example.com', selector: null }, 0],
    [{ type: 'ExternalName', externalName: 'db.example.com', selector: {} }, 0],
    [{ selector: { app: 'web' } }, 0],
  ];
  for (const [o, want] of cases) {
    const f = findings(run(live([pod('a'), svc('db', o)]), 'Service', 'db'), ID);
    assert.equal(f.length, want, JSON.stringify(o));
    if (want) {
      assert.equal(f[0]?.severity, 'info');
      assert.match(f[0]?.message ?? '', /^service\/db is an ExternalName Service \(db\.example\.com\) with a leftover selector/);
      assert.deepEqual(f[0]?.evidence, ['selector: app=web']);
      assert.deepEqual(refs(f[0]?.objects ?? []), ['Service/db']);
    }
  }
});
