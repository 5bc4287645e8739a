// Where each manifest object was read (file, document, line) and which fields it wrote
// itself: SARIF/JUnit point at it, and hpa-target-sets-replicas needs to know that
// spec.replicas was written rather than defaulted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadManifests } from '../../../src/sources/manifests/load.ts';
import { fakeDeps } from './fake-deps.ts';

const deployment = (name: string, replicas: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
${replicas}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: x}]}
`;

test('origins: source, document, line and written fields per object', async () => {
  const text = `${deployment('a', '  replicas: 3\n')}---\n# a comment\n${deployment('b', '')}`;
  const r = await loadManifests({ files: ['m.yaml'], recursive: false, kustomizeDirs: [] }, fakeDeps({ 'm.yaml': text }), 'shop');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.snapshot.origins?.get('Deployment/shop/a'), { source: 'm.yaml', document: 1, line: 1, set: ['spec.replicas'] });
  assert.deepEqual(r.snapshot.origins?.get('Deployment/shop/b'), { source: 'm.yaml', document: 2, line: 13, set: [] });
  assert.equal(r.snapshot.objects.Deployment.find((d) => d.metadata?.name === 'b')?.spec?.replicas, 1, 'defaulted all the same');
});
