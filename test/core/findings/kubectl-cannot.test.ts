// kubectl-refuses: kubectl's own error for the target (trap 9) or the pod it chose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cronjob, findings, job, jobOf, live, pod, podOf, refs, run, svc } from '../builders.ts';

const ID = 'kubectl-refuses';

test('a CronJob: logs and exec fail the same way, reported once per error text', () => {
  const cj = cronjob('nightly');
  const j = jobOf(cj, '1');
  const f = findings(run(live([cj, j, podOf(j, 'nightly-1-a')]), 'CronJob', 'nightly'), ID);
  assert.deepEqual(f.map((x) => [x.severity, x.message]), [
    ['info', 'kubectl logs cronjob/nightly fails: cannot get the logs from *v1.CronJob: selector for *v1.CronJob not implemented'],
    ['info', 'kubectl exec cronjob/nightly fails: cannot attach to *v1.CronJob: selector for *v1.CronJob not implemented'],
  ]);
  assert.deepEqual(refs(f[0]?.objects ?? []), ['CronJob/nightly']);
});

test('a selectorless Service, and exec into a finished Job pod', () => {
  assert.equal(findings(run(live([svc('web', { selector: null })]), 'Service', 'web'), ID).length, 2);
  const j = job('pi');
  const f = findings(run(live([j, podOf(j, 'pi-a', { phase: 'Succeeded', ready: false })]), 'Job', 'pi'), ID);
  assert.deepEqual(f.map((x) => x.message), ['kubectl exec job/pi fails: cannot exec into a container in a completed pod; current phase is Succeeded']);
});

test('silent when kubectl can pick a pod', () => {
  assert.deepEqual(findings(run(live([svc('web'), pod('a')]), 'Service', 'web'), ID), []);
});
