// maxSurge and maxUnavailable resolved as the Deployment controller does (§5.6).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedPods, resolveFenceposts, scaledValue } from '../../../src/core/timeline/fenceposts.ts';
import { deploy, sts } from '../builders.ts';

test('percentages scale against replicas: maxSurge rounds up, maxUnavailable down; both 0 makes maxUnavailable 1', () => {
  const cases: [string | number | undefined, string | number | undefined, number, { maxSurge: number; maxUnavailable: number } | null][] = [
    ['25%', '25%', 4, { maxSurge: 1, maxUnavailable: 1 }],
    ['25%', '25%', 10, { maxSurge: 3, maxUnavailable: 2 }],
    ['10%', '10%', 3, { maxSurge: 1, maxUnavailable: 0 }],
    [0, 0, 4, { maxSurge: 0, maxUnavailable: 1 }],
    ['0%', '0%', 4, { maxSurge: 0, maxUnavailable: 1 }],
    [2, '50%', 5, { maxSurge: 2, maxUnavailable: 2 }],
    [undefined, undefined, 3, { maxSurge: 0, maxUnavailable: 1 }],
    ['5', 1, 4, null],
    ['abc%', 1, 4, null],
  ];
  for (const [surge, unavailable, replicas, want] of cases) {
    assert.deepEqual(resolveFenceposts(surge, unavailable, replicas), want, `${surge}/${unavailable} of ${replicas}`);
  }
  assert.equal(scaledValue('+50%', 3, true), 2, 'Atoi accepts a sign');
  assert.equal(scaledValue(1.5, 3, true), null, 'an int or a percentage, nothing else');
});

test('pods allowed at once: replicas + maxSurge for a RollingUpdate Deployment, replicas for Recreate and StatefulSets', () => {
  const d = deploy('web', { replicas: 4 });
  assert.equal(allowedPods('Deployment', d), 5, 'API defaults 25%/25%');
  assert.equal(allowedPods('Deployment', { ...d, spec: { ...d.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2 } } } }), 6);
  assert.equal(allowedPods('Deployment', { ...d, spec: { ...d.spec, strategy: { type: 'Recreate' } } }), 4);
  assert.equal(allowedPods('StatefulSet', sts('db', { replicas: 3 })), 3);
  assert.equal(allowedPods('Job', d), null);
});
