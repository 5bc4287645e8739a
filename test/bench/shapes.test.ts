// Each shape's widest single target is an object of that shape at every size the bench uses,
// so its row times a report, not a "not found".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SHAPES, shapeText, WIDEST_TARGET } from '../../bench/shapes.ts';

const KINDS: Record<string, string> = { svc: 'Service', netpol: 'NetworkPolicy' };

for (const shape of SHAPES) {
  test(`${shape}: the widest single target is in the generated cluster`, () => {
    const { target, namespace } = WIDEST_TARGET[shape];
    const [type, name] = target.split('/') as [string, string];
    const kind = KINDS[type];
    assert.ok(kind, `a kind for ${type}`);
    const docs = shapeText(shape, 1000).split('\n---\n').map((d) => JSON.parse(d) as { kind: string; metadata: { name: string; namespace?: string } });
    assert.ok(docs.some((d) => d.kind === kind && d.metadata.name === name && d.metadata.namespace === namespace), `${kind} ${namespace}/${name}`);
  });
}
