// Object names, property-based: random strings (from the characters names are made of, and
// anything else) as the metadata.name of every kind, checked against a reference written here
// character by character from the API's rules (not with the regular expressions the loader
// uses): DNS-1123 subdomain, DNS-1123 label, DNS-1035 label, path segment; a CronJob's 52.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkNames } from '../../src/sources/manifests/names.ts';
import { KINDS, type Kind } from '../../src/core/snapshot.ts';
import { fuzzParams } from './params.ts';
import { letter, refLabel, refSubdomain } from './reference-names.ts';

function refAccepts(kind: Kind, s: string): boolean {
  switch (kind) {
    case 'StatefulSet': case 'Namespace': return refLabel(s);
    // A DNS-1035 label; one that starts with a digit is accepted with a feature gate, so it is loaded (with a warning).
    case 'Service': return refLabel(s);
    case 'PodDisruptionBudget': return s !== '.' && s !== '..' && !s.includes('/') && !s.includes('%');
    case 'CronJob': return refSubdomain(s) && s.length <= 52;
    default: return refSubdomain(s);
  }
}

const nameChars = fc.constantFrom('a', 'b', 'z', '0', '9', '-', '.', 'A', '_', '/', '%', ' ', '\u001b', '\n', 'é', '\u202e');
const alnum = fc.constantFrom('a', 'm', 'z', '0', '9');
const label = fc.tuple(alnum, fc.array(fc.constantFrom('a', '0', '-'), { maxLength: 8 }), alnum).map(([a, mid, b]) => `${a}${mid.join('')}${b}`);
/** A valid name (one label, or labels joined by dots) with at most one character put in anywhere: the edges of every rule. */
const nearlyValid = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.option(fc.tuple(nameChars, fc.nat()), { nil: null }))
  .map(([labels, put]) => {
    const s = labels.join('.');
    if (!put) return s;
    const at = put[1] % (s.length + 1);
    return `${s.slice(0, at)}${put[0]}${s.slice(at)}`;
  });
const names = fc.oneof(
  nearlyValid, nearlyValid,
  fc.array(nameChars, { maxLength: 12 }).map((cs) => cs.join('')),
  fc.array(fc.constantFrom('a', '0', '-', '.'), { minLength: 50, maxLength: 260 }).map((cs) => cs.join('')),
  fc.string({ maxLength: 20 }),
).filter((s) => s !== '');

test('every kind: a name is refused exactly when the API server would refuse it', () => {
  fc.assert(fc.property(fc.constantFrom(...KINDS), names, (kind, name) => {
    const refused = checkNames(kind, { name }, kind !== 'Node' && kind !== 'Namespace').some((p) => !p.loads && p.path.join('.') === 'metadata.name');
    assert.equal(refused, !refAccepts(kind, name), `${kind} ${JSON.stringify(name)}`);
  }), fuzzParams(500));
});

test('every problem is one line and names its field', () => {
  fc.assert(fc.property(fc.constantFrom(...KINDS), names, names, names, (kind, name, generateName, namespace) => {
    for (const p of checkNames(kind, { name, generateName, namespace }, true)) {
      assert.match(p.message, /^metadata\.(name|generateName|namespace): /);
      assert.ok(!p.message.includes('\n') && !(p.hint ?? '').includes('\n'), 'one line: a newline in a name is shown escaped');
      if (p.loads) assert.ok(kind === 'Service' && refLabel(name) && !letter(name[0] as string), `only a Service name starting with a digit loads: ${JSON.stringify(name)}`);
    }
  }), fuzzParams(300));
});
