// Every format the bench writes holds the same objects: a List is the documents' objects in
// one, laid out as kubectl writes a dump.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { manifestText, objectCount, type Shape } from '../../bench/generate.ts';

const shape: Shape = { pods: 40, namespaces: 2, replicas: 10, revisions: 1, shape: 'healthy', asRead: true };

test('the List formats hold the objects of the documents, in order, as kubectl lays a dump out', () => {
  const docs = manifestText(shape, 'json').split('\n---\n').map((d) => JSON.parse(d) as unknown);
  assert.equal(docs.length, objectCount(shape));
  const blocks = parseAllDocuments(manifestText(shape, 'yaml')).map((d) => d.toJS() as unknown);
  assert.deepEqual(blocks, docs);
  const jsonList = manifestText(shape, 'json-list');
  assert.deepEqual(JSON.parse(jsonList), { apiVersion: 'v1', items: docs, kind: 'List', metadata: { resourceVersion: '' } });
  assert.match(jsonList, /^\{\n {4}"apiVersion": "v1",\n {4}"items": \[\n {8}\{\n/, 'indented by four, as kubectl get -o json');
  const yamlList = manifestText(shape, 'yaml-list');
  assert.deepEqual(parse(yamlList), JSON.parse(jsonList));
  assert.match(yamlList, /^apiVersion: v1\nitems:\n- apiVersion: /, 'sequences at their key\'s column, as kubectl get -o yaml');
  assert.match(yamlList, /\n {4}ownerReferences:\n {4}- apiVersion: /);
  assert.doesNotMatch(yamlList, /(?:: |- )[&*]/, 'no anchor nor alias: kubectl writes none');
});
