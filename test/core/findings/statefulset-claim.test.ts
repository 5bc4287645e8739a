// statefulset-will-not-claim (trap 15): a StatefulSet claims only pods named <sts>-<ordinal>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findings, live, offline, pod, podOf, refs, run, sts } from '../builders.ts';

const ID = 'statefulset-will-not-claim';

test('pods the selector matches but the name rule excludes', () => {
  const st = sts('db', { podLabels: { app: 'db' } });
  const s = live([st, podOf(st, 'db-0'), podOf(st, 'db-1'), pod('db-backup', { labels: { app: 'db' } }), pod('db2-0', { labels: { app: 'db' } })]);
  const f = findings(run(s, 'StatefulSet', 'db'), ID);
  assert.deepEqual(f.map((x) => x.message), [
    'pod/db-backup matches statefulset/db\'s selector, but the StatefulSet only claims pods named db-<ordinal>.',
    'pod/db2-0 matches statefulset/db\'s selector, but the StatefulSet only claims pods named db-<ordinal>.',
  ]);
  assert.ok(f.every((x) => x.severity === 'warning'));
  assert.deepEqual(refs(f[0]?.objects ?? []), ['StatefulSet/db', 'Pod/db-backup']);
});

test('names with regex characters are matched literally; templates never fire', () => {
  const st = sts('db.v1', { podLabels: { app: 'db' } });
  const s = live([st, podOf(st, 'db.v1-0'), pod('dbxv1-0', { labels: { app: 'db' } })]);
  assert.deepEqual(findings(run(s, 'StatefulSet', 'db.v1'), ID).map((x) => x.objects[1]?.name), ['dbxv1-0']);
  assert.deepEqual(findings(run(offline([sts('db')]), 'StatefulSet', 'db'), ID), []);
});
