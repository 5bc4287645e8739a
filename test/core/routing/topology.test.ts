// The endpoints grouped once per port answer every node as the rules read one endpoint at a
// time would (k/k pkg/proxy/topology.go: CategorizeEndpoints, topologyModeFromHints), over
// random mixes of conditions, nodes and hints; and a whole cluster's nodes share one set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProxyEndpoint } from '../../../src/core/routing/proxy-endpoints.ts';
import { proxyView } from '../../../src/core/routing/proxy.ts';
import { categorizer, type Categorized, type Client } from '../../../src/core/routing/topology.ts';
import { ep, node, slice, svc } from '../builders.ts';

/** The rules read straight, one endpoint at a time, for each client. */
function reference(endpoints: ProxyEndpoint[], client: Client): Categorized {
  const st = (e: ProxyEndpoint) => e.serving && e.terminating;
  const ready = endpoints.filter((e) => e.ready);
  let mode: Categorized['topologyMode'] = '';
  let reason: string;
  if (ready.length === 0) reason = 'no ready endpoints: hints not considered';
  else {
    const allNode = ready.every((e) => e.nodeHints.length > 0);
    const allZone = ready.every((e) => e.zoneHints.length > 0);
    if (allNode && ready.some((e) => e.nodeHints.includes(client.nodeName))) {
      mode = 'PreferSameNode';
      reason = `every ready endpoint has a node hint and some are hinted to node ${client.nodeName}`;
    } else if (allZone && ready.some((e) => e.zoneHints.includes(client.zone))) {
      mode = 'PreferSameZone';
      reason = `every ready endpoint has a zone hint and some are hinted to zone ${client.zone}`;
    } else if (allZone) reason = client.zone ? `no ready endpoint is hinted to zone ${client.zone}: hints ignored` : 'the client node has no zone (or is unknown): hints ignored';
    else if (ready.some((e) => e.zoneHints.length > 0)) reason = 'some ready endpoints lack a zone hint: hints ignored';
    else reason = 'no hints';
  }
  const available = (e: ProxyEndpoint) => (mode === 'PreferSameNode' ? e.nodeHints.includes(client.nodeName) : mode === 'PreferSameZone' ? e.zoneHints.includes(client.zone) : true);
  let cluster = endpoints.filter((e) => e.ready && available(e));
  let clusterVia: Categorized['clusterVia'] = cluster.length > 0 ? 'ready' : 'none';
  if (cluster.length === 0) {
    cluster = endpoints.filter(st);
    if (cluster.length > 0) clusterVia = 'serving-terminating';
  }
  const isLocal = (e: ProxyEndpoint) => client.nodeName !== '' && e.nodeName === client.nodeName;
  let local = endpoints.filter((e) => isLocal(e) && e.ready);
  let localVia: Categorized['localVia'] = local.length > 0 ? 'ready' : 'none';
  if (local.length === 0) {
    local = endpoints.filter((e) => isLocal(e) && st(e));
    if (local.length > 0) localVia = 'serving-terminating';
  }
  return { cluster, clusterVia, topologyMode: mode, topologyReason: reason, local, localVia, hasAnyEndpoints: endpoints.some((e) => e.ready || st(e)) };
}

function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

test('grouped once, every client gets what the rules give it, over 400 random endpoint lists', () => {
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const nodes = ['n1', 'n2', 'n3', ''];
  const zones = ['z1', 'z2', ''];
  for (let round = 0; round < 400; round++) {
    const hintNodes = rnd() < 0.5;
    const hintZones = rnd() < 0.6;
    const endpoints: ProxyEndpoint[] = Array.from({ length: Math.floor(rnd() * 7) }, (_, i) => {
      const ready = rnd() < 0.6;
      return {
        ip: `10.0.0.${i}`, port: 80, endpoint: `10.0.0.${i}:80`, nodeName: rnd() < 0.15 ? null : pick(nodes), zone: null,
        ready, serving: ready || rnd() < 0.5, terminating: !ready && rnd() < 0.6,
        zoneHints: hintZones && rnd() < 0.9 ? [pick(zones), ...(rnd() < 0.3 ? [pick(zones)] : [])] : [],
        nodeHints: hintNodes && rnd() < 0.9 ? [pick(nodes), ...(rnd() < 0.3 ? [pick(nodes)] : [])] : [],
        pod: null, slice: 's',
      };
    });
    const grouped = categorizer(endpoints);
    for (const nodeName of nodes) {
      for (const zone of zones) {
        const client = { nodeName, zone };
        assert.deepEqual(grouped.categorize(client), reference(endpoints, client), JSON.stringify({ endpoints, client }));
      }
      assert.deepEqual([...grouped.onNode(nodeName)], endpoints.filter((e) => e.nodeName === nodeName));
    }
  }
});

test('the nodes of one zone share one cluster set instead of a copy of every endpoint each', () => {
  const nodes = Array.from({ length: 40 }, (_, i) => node(`node-${i}`, `zone-${i % 2}`));
  const endpoints = nodes.map((n, i) => ep(`10.0.1.${i}`, { node: n.metadata?.name ?? '' }));
  const v = proxyView(svc('lb', { type: 'LoadBalancer', internalTrafficPolicy: 'Local' }), [slice('lb-1', 'lb', { endpoints })], nodes);
  const traffic = v.ports[0]?.nodes ?? [];
  assert.equal(traffic.length, 40);
  const externals = new Set(traffic.map((t) => t.external));
  assert.equal(externals.size, 1);
  assert.equal([...externals][0]?.endpoints.length, 40);
  // The Local side is each node's own.
  assert.deepEqual(traffic.map((t) => t.internal.endpoints.map((e) => e.endpoint)), endpoints.map((e) => [`${e.addresses[0]}:8080`]));
});
