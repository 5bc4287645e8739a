// -k DIR: the kustomization fields that write selectors, through directory bases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectorWriters } from '../../../src/sources/manifests/kustomize-labels.ts';
import { fakeDeps } from './fake-deps.ts';

test('commonLabels and labels with includeSelectors, in the overlay and its bases; labels without it are not', async () => {
  const deps = fakeDeps({
    'overlay/kustomization.yaml': 'resources: [../base, svc.yaml]\nlabels:\n  - pairs: {env: prod}\n  - pairs: {team: a}\n    includeSelectors: true\n',
    'overlay/svc.yaml': 'kind: Service',
    'base/kustomization.yml': 'commonLabels:\n  app: xdmod\nresources: [d.yaml]\n',
    'base/d.yaml': 'kind: Deployment',
  });
  assert.deepEqual(await selectorWriters('overlay', deps), [
    { file: 'overlay/kustomization.yaml', field: 'labels[1]', labels: { team: 'a' } },
    { file: 'base/kustomization.yml', field: 'commonLabels', labels: { app: 'xdmod' } },
  ]);
  assert.deepEqual(await selectorWriters('missing', deps), []);
});
