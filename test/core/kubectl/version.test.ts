import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atLeast, modelledVersion, parseKubectlVersion, NEWEST_KUBECTL, OLDEST_MODELLED } from '../../../src/core/kubectl/version.ts';

const cases: [string, string, [number, number, number] | null][] = [
  ['bare with suffix', 'v1.32.4-dispatcher', [1, 32, 4]],
  ['bare major.minor', '1.28', [1, 28, 0]],
  ['bare patch', 'v1.34.12', [1, 34, 12]],
  ['plain output', 'Client Version: v1.34.1\nKustomize Version: v5.7.1\n', [1, 34, 1]],
  ['plain output with server', 'Client Version: v1.30.2\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\nServer Version: v1.29.0', [1, 30, 2]],
  ['json output', JSON.stringify({ clientVersion: { major: '1', minor: '33', gitVersion: 'v1.33.3', platform: 'linux/amd64' }, kustomizeVersion: 'v5.6.0' }), [1, 33, 3]],
  ['json with minor only', JSON.stringify({ clientVersion: { major: '1', minor: '29+' } }), [1, 29, 0]],
  ['yaml output', 'clientVersion:\n  buildDate: "2025-01-01T00:00:00Z"\n  gitVersion: v1.31.7\n  major: "1"\n  minor: "31"\nkustomizeVersion: v5.4.2\n', [1, 31, 7]],
  ['old Info form', 'Client Version: version.Info{Major:"1", Minor:"27", GitVersion:"v1.27.3", GitCommit:"abc"}', [1, 27, 3]],
  ['garbage', 'kustomize v5', null],
  ['empty', '  ', null],
];

for (const [label, text, want] of cases) {
  test(`parseKubectlVersion: ${label}`, () => {
    const v = parseKubectlVersion(text);
    if (want === null) {
      assert.equal(v, null);
      return;
    }
    assert.ok(v);
    assert.deepEqual([v.major, v.minor, v.patch], want);
  });
}

test('raw keeps the text the version came from', () => {
  assert.equal(parseKubectlVersion(' v1.32.4-dispatcher ')?.raw, 'v1.32.4-dispatcher');
});

test('atLeast compares major and minor', () => {
  const v = parseKubectlVersion('v1.31.0');
  assert.ok(v);
  assert.equal(atLeast(v, 31), true);
  assert.equal(atLeast(v, 32), false);
  assert.equal(atLeast({ major: 2, minor: 0, patch: 0, raw: 'v2.0' }, 36), true);
});

test('versions outside 1.27–1.36 are clamped with a note', () => {
  const old = modelledVersion({ major: 1, minor: 24, patch: 3, raw: 'v1.24.3' });
  assert.equal(old.version.minor, OLDEST_MODELLED.minor);
  assert.match(old.note ?? '', /v1\.24\.3 is older .* 1\.27/);
  const young = modelledVersion({ major: 1, minor: 40, patch: 0, raw: 'v1.40.0' });
  assert.equal(young.version.minor, NEWEST_KUBECTL.minor);
  assert.match(young.note ?? '', /newer .* 1\.36/);
  const mid = modelledVersion({ major: 1, minor: 34, patch: 12, raw: 'v1.34.12' });
  assert.equal(mid.note, null);
  assert.equal(mid.version.patch, 12);
});
