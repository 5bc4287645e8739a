// Container choice per command and version (semantics §1.5, trap 10).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allContainerNames, chooseContainer, DEFAULT_CONTAINER_ANNOTATION } from '../../../src/core/kubectl/container.ts';
import { pod, version } from '../builders.ts';

const multi = pod('web-1', { containers: ['app', 'proxy'], initContainers: ['setup'], ephemeralContainers: ['debugger'] });
const annotated = (value: string) => pod('web-1', { containers: ['app', 'proxy'], annotations: { [DEFAULT_CONTAINER_ANNOTATION]: value } });
const texts = (r: { messages: { text: string }[] }): string[] => r.messages.map((m) => m.text);

test('AllContainerNames lists regular, then ephemeral, then init', () => {
  assert.equal(allContainerNames(multi), 'app, proxy, debugger (ephem), setup (init)');
});

test('logs defaults to the first container and says so when there is a choice', () => {
  const r = chooseContainer('logs', multi, {}, version(34));
  assert.deepEqual(r.containers, ['app']);
  assert.deepEqual(texts(r), ['Defaulted container "app" out of: app, proxy, debugger (ephem), setup (init)']);
  assert.deepEqual(texts(chooseContainer('logs', pod('solo'), {}, version(34))), []);
  // --all-pods (1.31+) silences it.
  assert.deepEqual(texts(chooseContainer('logs', multi, { allPods: true }, version(31))), []);
});

test('logs: an annotation naming a missing container warns and falls back (trap 10)', () => {
  for (const minor of [27, 34, 36]) {
    const r = chooseContainer('logs', annotated('sidecar'), {}, version(minor));
    assert.deepEqual(r.containers, ['app']);
    assert.deepEqual(texts(r), ['Default container name "sidecar" not found in pod web-1', 'Defaulted container "app" out of: app, proxy']);
    assert.equal(r.error, null);
  }
  assert.deepEqual(chooseContainer('logs', annotated('proxy'), {}, version(34)).containers, ['proxy']);
});

test('logs: an unknown -c is kubectl\'s error, listing the containers from 1.36', () => {
  assert.equal(chooseContainer('logs', multi, { container: 'nope' }, version(35)).error, 'container nope is not valid for pod web-1');
  assert.equal(chooseContainer('logs', multi, { container: 'nope' }, version(36)).error, 'container nope is not valid for pod web-1 out of: app, proxy, debugger (ephem), setup (init)');
  assert.deepEqual(chooseContainer('logs', multi, { container: 'setup' }, version(34)).containers, ['setup']);
});

test('logs --all-containers: init, regular, ephemeral; not with a container name', () => {
  const r = chooseContainer('logs', multi, { allContainers: true }, version(34));
  assert.deepEqual(r.containers, ['setup', 'app', 'proxy', 'debugger']);
  assert.match(r.note ?? '', /random/);
  assert.equal(chooseContainer('logs', multi, { allContainers: true, container: 'app' }, version(34)).error, '--all-containers=true should not be specified with container name app');
});

test('exec/attach ≤1.35: a missing annotated container is ignored silently; 1.36 errors (trap 10)', () => {
  for (const minor of [27, 32, 35]) {
    const exec = chooseContainer('exec', annotated('sidecar'), {}, version(minor));
    assert.deepEqual(exec.containers, ['app']);
    assert.equal(exec.error, null);
    assert.deepEqual(texts(exec), ['Defaulted container "app" out of: app, proxy']);
    assert.deepEqual(chooseContainer('attach', annotated('sidecar'), {}, version(minor)).containers, ['app']);
  }
  assert.equal(chooseContainer('exec', annotated('sidecar'), {}, version(36)).error, 'container sidecar is not valid for pod web-1 out of: app, proxy');
  assert.equal(chooseContainer('attach', annotated('sidecar'), {}, version(36)).error, 'cannot attach to the container: container sidecar is not valid for pod web-1 out of: app, proxy');
  for (const minor of [27, 36]) assert.deepEqual(chooseContainer('exec', annotated('proxy'), {}, version(minor)).containers, ['proxy']);
});

test('exec -c is never checked by kubectl; the API server rejects an unknown name', () => {
  for (const minor of [27, 36]) {
    const r = chooseContainer('exec', multi, { container: 'nope' }, version(minor));
    assert.equal(r.error, null);
    assert.equal(r.serverError, 'container nope is not valid for pod web-1');
  }
  assert.deepEqual(chooseContainer('exec', multi, { container: 'debugger' }, version(34)).containers, ['debugger']);
});

test('attach -c: "not found" up to 1.35, "not valid … out of" from 1.36', () => {
  assert.equal(chooseContainer('attach', multi, { container: 'nope' }, version(35)).error, 'cannot attach to the container: container nope not found in pod web-1');
  assert.equal(chooseContainer('attach', multi, { container: 'nope' }, version(36)).error, 'cannot attach to the container: container nope is not valid for pod web-1 out of: app, proxy, debugger (ephem), setup (init)');
  // An explicit name wins over the annotation.
  assert.deepEqual(chooseContainer('attach', annotated('proxy'), { container: 'app' }, version(36)).containers, ['app']);
});

test('--quiet silences "Defaulted container" for exec', () => {
  assert.deepEqual(texts(chooseContainer('exec', multi, { quiet: true }, version(34))), []);
});

test('port-forward has no container', () => {
  assert.deepEqual(chooseContainer('port-forward', multi, {}, version(34)).containers, []);
});
