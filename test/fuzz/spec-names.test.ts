// Names inside pod specs, property-based: random container lists (regular, init, ephemeral) with
// names drawn from valid, nearly valid, repeated and empty ones, and random node names, against a
// reference written here from the API server's rules: every container name a DNS-1123 label;
// duplicates counted as validateContainers, validateInitContainers and validateEphemeralContainers
// count them; spec.nodeName a DNS-1123 subdomain. Every problem is one line and names its field.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkSpecNames } from '../../src/sources/manifests/spec-names.ts';
import { fuzzParams } from './params.ts';
import { refLabel, refSubdomain } from './reference-names.ts';

const LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** What the reference refuses, as "list[i].name invalid" and "list[i].name duplicate" (paths under spec). */
function refusedByReference(lists: Record<(typeof LISTS)[number], string[]>): Set<string> {
  const out = new Set<string>();
  const earlier: string[] = [];
  for (const key of LISTS) {
    lists[key].forEach((name, i) => {
      const at = `${key}[${i}].name`;
      if (!refLabel(name)) out.add(`${at} invalid`);
      const mine = lists[key].slice(0, i);
      // Regular: against the regular names before it. Init: against every regular name and the
      // non-empty init names before it. Ephemeral: against every regular and init name and the ephemeral ones before it.
      const against = key === 'containers' ? mine : key === 'initContainers' ? [...lists.containers, ...mine.filter((n) => n !== '')] : [...earlier, ...mine];
      if (against.includes(name)) out.add(`${at} duplicate`);
    });
    if (key !== 'ephemeralContainers') earlier.push(...lists[key]);
  }
  return out;
}

const pool = fc.constantFrom('web', 'db', 'a-1', '0', 'x'.repeat(63), 'x'.repeat(64), '', 'Web', 'web.1', 'web-', '-web', 'a_b', 'w\u001b[2J', 'w\nx', 'é', 'sidecar');
// At most 9 names, so at most 18 problems: under the 20 a document reports.
const names = fc.array(pool, { maxLength: 3 });

test('container names: refused exactly where the API server would refuse them', () => {
  fc.assert(fc.property(names, names, names, (containers, initContainers, ephemeralContainers) => {
    const spec = {
      containers: containers.map((name) => ({ name, image: 'x' })),
      initContainers: initContainers.map((name) => ({ name, image: 'x' })),
      ephemeralContainers: ephemeralContainers.map((name) => ({ name, image: 'x' })),
    };
    const got = new Set(checkSpecNames('Pod', { metadata: { name: 'p' }, spec }).map((p) => {
      const at = p.path.slice(1).map((x, i) => (typeof x === 'number' ? `[${x}]` : i === 0 ? x : `.${x}`)).join('');
      return `${at} ${/: Duplicate value: /.test(p.message) ? 'duplicate' : 'invalid'}`;
    }));
    const want = refusedByReference({ containers, initContainers, ephemeralContainers });
    assert.deepEqual([...got].sort(), [...want].sort(), JSON.stringify(spec));
  }), fuzzParams(500));
});

const nodeChars = fc.constantFrom('a', 'z', '0', '-', '.', 'A', '_', ' ', '\u001b', '\r', '\u202e');
const nodeNames = fc.oneof(
  fc.array(nodeChars, { minLength: 1, maxLength: 12 }).map((cs) => cs.join('')),
  fc.array(fc.constantFrom('a', '0', '-', '.'), { minLength: 240, maxLength: 260 }).map((cs) => cs.join('')),
  fc.string({ minLength: 1, maxLength: 16 }),
);

test('spec.nodeName: refused exactly when it is not a DNS-1123 subdomain; in templates too', () => {
  fc.assert(fc.property(nodeNames, fc.boolean(), (nodeName, template) => {
    const spec = { nodeName, containers: [{ name: 'web', image: 'x' }] };
    const obj = template ? { metadata: { name: 'd' }, spec: { template: { spec } } } : { metadata: { name: 'p' }, spec };
    const problems = checkSpecNames(template ? 'Deployment' : 'Pod', obj);
    assert.equal(problems.length > 0, !refSubdomain(nodeName), JSON.stringify(nodeName));
    for (const p of problems) {
      assert.match(p.message, template ? /^spec\.template\.spec\.nodeName: / : /^spec\.nodeName: /);
      assert.ok(!p.message.includes('\n') && !p.message.includes('\r') && !(p.hint ?? '').includes('\n'), 'one line');
    }
  }), fuzzParams(500));
});
