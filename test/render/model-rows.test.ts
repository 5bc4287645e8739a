// The presentation model's rows for traffic, predicted endpoints, nodes, the selected-by
// table, the ownership tree and kubectl's picks: what each row says and in which role, and
// that the text view and the TUI lay out these rows rather than facts of their own.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubectlPickView, NodeRouteView, Report, RoutingView } from '../../src/core/report.ts';
import { kubectlLines, kubectlRow, kubectlRows } from '../../src/render/model/kubectl.ts';
import { ownershipRows } from '../../src/render/model/ownership.ts';
import { selectedByRows } from '../../src/render/model/selected-by.ts';
import { dnsRows, nodeRow, portRow, predictedRows, sliceRows, trafficHeading } from '../../src/render/model/traffic.ts';
import { renderReportText } from '../../src/render/text.ts';
import { COLOR, PLAIN, paint } from '../../src/render/theme.ts';
import { trafficLines } from '../../src/tui/panels/traffic.ts';
import { plain } from '../../src/tui/text.ts';
import { endpoint, golden, liveReport, NOW, pod } from '../tui/fixtures.ts';

const node = (o: Partial<NodeRouteView>): NodeRouteView => ({ node: 'node-a', zone: null, localReady: 1, localServingTerminating: 0, internal: 'n/a', external: 'forwards', healthCheck: null, ...o });

function routed(r: Report, o: Partial<RoutingView>): Report {
  const [rv] = r.routing;
  assert.ok(rv);
  return { ...r, routing: [{ ...rv, ...o }] };
}

describe('traffic rows', () => {
  test('a node with no ready endpoint, dropped traffic and a failing health check say so in their roles', () => {
    const none = nodeRow(node({ localReady: 0, internal: 'drops', external: 'drops', healthCheck: 503 }));
    assert.deepEqual([none.localReady, none.internal, none.external, none.healthCheck], [
      { text: '0', role: 'warning' }, { text: 'drops', role: 'error' }, { text: 'drops', role: 'error' }, { text: '503', role: 'error' },
    ]);
    const fine = nodeRow(node({ localReady: 2, zone: 'z1', external: 'forwards-terminating', healthCheck: 200 }));
    assert.deepEqual([fine.zone, fine.localReady, fine.external, fine.healthCheck], [
      { text: 'z1' }, { text: '2' }, { text: 'forwards-terminating', role: 'warning' }, { text: '200', role: 'ok' },
    ]);
    assert.deepEqual(nodeRow(node({})).healthCheck, { text: '-', role: 'dim' });
  });

  test('shares are percentages to a tenth; a template names no pod; only a terminating endpoint warns', () => {
    const row = portRow({
      servicePort: 'http', port: 80, protocol: 'TCP', targetPort: 8080, usingTerminatingFallback: false, noEndpoints: false, unservedShare: 0.25,
      shares: [
        { endpoint: '10.0.0.1:8080', pod: { kind: 'Pod', name: 'a' }, share: 2 / 3, state: 'ready' },
        { endpoint: '10.0.0.2:8080', pod: { kind: 'Pod', name: 'b' }, share: 1 / 3, state: 'serving-terminating' },
        { endpoint: 'template', pod: { kind: 'Pod', name: 't' }, share: 0, state: 'template' },
      ],
    });
    assert.equal(row.port, '80/TCP');
    assert.equal(row.targetPort, '8080');
    assert.equal(row.named, true);
    assert.equal(row.unserved, '25%');
    assert.deepEqual(row.shares.map((s) => [s.pod, s.share, s.state]), [
      ['a', '66.7%', { text: 'ready' }], ['b', '33.3%', { text: 'serving-terminating', role: 'warning' }], [null, '0%', { text: 'template', role: 'dim' }],
    ]);
    const dead = portRow({ servicePort: '80', port: 80, protocol: 'UDP', targetPort: 80, usingTerminatingFallback: false, noEndpoints: true, unservedShare: 1, shares: [] });
    assert.equal(dead.named, false);
    assert.equal(dead.unserved, null, 'a port nobody serves says so once, not as a share of pods');
  });

  test('predicted endpoints: shown only without shares; a template is named after its workload; missing and undeclared ports in their roles', () => {
    const r = liveReport();
    const [a, , c] = r.selection;
    assert.ok(a && c);
    const rv = r.routing[0]!;
    const rows = predictedRows(r, rv);
    assert.deepEqual(rows.map((x) => x.endpoint), r.selection.map((v) => v.ref.name));
    assert.deepEqual(rows[1]?.ready, { text: 'no', role: 'error' });
    assert.deepEqual(rows[1]?.terminating, { text: 'yes', role: 'ok' });
    assert.deepEqual(rows[2]?.ports, [{ text: 'http: missing', role: 'error' }]);
    const template = predictedRows(r, { ...rv, predicted: [endpoint(a, { template: true, ports: [], undeclaredPorts: [{ servicePort: 'http', port: 9000 }] }), endpoint(c, { ports: [] })] });
    assert.equal(template[0]?.endpoint, 'template of deployment/web');
    assert.deepEqual([template[0]?.ready, template[0]?.serving], [{ text: '-', role: 'dim' }, { text: '-', role: 'dim' }]);
    assert.deepEqual(template[0]?.ports, [{ text: '9000: not declared', role: 'warning' }]);
    assert.deepEqual(template[1]?.ports, [{ text: '<none>', role: 'dim' }]);
    const shared = { ...rv, ports: rv.ports.map((p) => ({ ...p, shares: [{ endpoint: '10.0.0.1:8080', pod: a.ref, share: 1, state: 'ready' as const }] })) };
    assert.deepEqual(predictedRows(r, shared), []);
  });

  test('heading, slices and DNS', () => {
    const rv = liveReport().routing[0]!;
    assert.deepEqual(trafficHeading({ ...rv, headless: true, externalTrafficPolicy: 'Local', sessionAffinity: 'ClientIP' }),
      { type: 'ClusterIP', traits: ['headless', 'externalTrafficPolicy Local'], affinity: 'sessionAffinity ClientIP' });
    assert.equal(trafficHeading({ ...rv, sessionAffinity: 'None' }).affinity, null);
    const slices = sliceRows({ ...rv, actual: { endpoints: [], slices: [
      { name: 'web-1', managedBy: 'endpointslice-controller.k8s.io', resourceVersion: '7', lastChangeTriggerTime: null },
      { name: 'web-2', managedBy: 'my-controller', resourceVersion: null, lastChangeTriggerTime: null },
    ] } });
    assert.deepEqual(slices, [{ name: 'web-1', version: '@7', managedBy: null }, { name: 'web-2', version: '', managedBy: 'my-controller' }]);
    assert.deepEqual(dnsRows({ ...rv, dns: [{ name: 'web.shop.svc.cluster.local', type: 'A', answers: [], nxdomain: true, note: '' }] })[0],
      { question: 'A web.shop.svc.cluster.local', answer: { text: 'NXDOMAIN', role: 'dim' }, note: '' });
  });

  test('the text view and the TUI lay out the same node rows, each cell in the row\'s role', () => {
    const r = routed(liveReport(), { nodes: [node({ node: 'node-a', zone: 'z1', localReady: 0, external: 'drops', healthCheck: 503 }), node({ node: 'node-b', localReady: 3, healthCheck: 200 })] });
    const rows = r.routing[0]!.nodes.map(nodeRow);
    const text = renderReportText(r, { theme: PLAIN, wide: false, now: NOW }).split('\n');
    for (const row of rows) {
      const line = text.find((l) => l.trim().startsWith(`${row.node} `));
      assert.ok(line, `a text row for ${row.node}`);
      assert.deepEqual(line.trim().split(/\s{3,}/), [row.node, row.zone.text, row.localReady.text, row.localTerminating.text, row.internal.text, row.external.text, row.healthCheck.text]);
    }
    const coloured = renderReportText(r, { theme: COLOR, wide: false, now: NOW });
    assert.ok(coloured.includes(paint(COLOR, 'error', '503')) && coloured.includes(paint(COLOR, 'warning', '0')));
    const tui = trafficLines(r.routing[0]!, 200);
    for (const row of rows) {
      const line = tui.find((l) => plain(l).trim().startsWith(row.node));
      assert.ok(line, `a TUI row for ${row.node}`);
      const segs = line.filter((s) => s.text.trim() !== '');
      assert.deepEqual(segs.slice(1).map((s) => [s.text.trim(), s.role]), [row.zone, row.localReady, row.localTerminating, row.internal, row.external, row.healthCheck].map((c) => [c.text, c.role]));
    }
  });
});

describe('selected-by and ownership rows', () => {
  test('a pod\'s selectors: an owning controller, a controller that does not own it, a kind that owns nothing', () => {
    const r: Report = { ...liveReport(), selectedBy: [
      { object: { kind: 'ReplicaSet', name: 'web-7d4b9c8f6d' }, field: 'spec.selector', selector: 'app=web', owner: true, controllerKind: true, matchedBy: ['app=web'], note: null },
      { object: { kind: 'Deployment', name: 'web-canary' }, field: 'spec.selector', selector: 'app=web', owner: false, controllerKind: true, matchedBy: ['app=web'], note: 'overlaps' },
      { object: { kind: 'Service', name: 'web' }, field: 'spec.selector', selector: 'app=web', owner: false, controllerKind: false, matchedBy: ['app=web'], note: null },
    ] };
    const rows = selectedByRows(r);
    assert.deepEqual(rows.map((x) => [x.ref.name, x.owner, x.owns, x.note]), [
      ['web-7d4b9c8f6d', { text: 'owner', role: 'ok' }, true, ''], ['web-canary', { text: 'not its owner', role: 'warning' }, false, 'overlaps'], ['web', { text: '-' }, false, ''],
    ]);
    const text = renderReportText({ ...r, target: { ...r.target, ref: { kind: 'Pod', name: 'web-7d4b9c8f6d-x2k9p' } } }, { theme: PLAIN, wide: false, now: NOW });
    assert.match(text, /SELECTED BY 3 objects\n {2}OBJECT +FIELD +SELECTOR +OWNER\? +NOTE\n {2}replicaset\/web-7d4b9c8f6d +spec\.selector +app=web +owner\n/);
  });

  test('the ownership tree: the last pod closes the branch; the target\'s group is marked; bare pods are one group', () => {
    const r = liveReport();
    const rows = ownershipRows({ ...r, owners: [
      { owner: { kind: 'Deployment', name: 'web' }, isTarget: true, pods: ['replicaset/web-1 → pod/a', 'replicaset/web-1 → pod/b'] },
      { owner: { kind: 'Pod', name: '(bare pods)' }, isTarget: false, pods: ['pod/debug'] },
    ] });
    assert.deepEqual(rows, [
      { owner: { text: 'deployment/web', role: 'title' }, note: { text: '  (the target)', role: 'dim' }, pods: [{ branch: '├─', name: 'replicaset/web-1 → pod/a' }, { branch: '└─', name: 'replicaset/web-1 → pod/b' }] },
      { owner: { text: 'no controller (bare pods)', role: 'warning' }, note: null, pods: [{ branch: '└─', name: 'pod/debug' }] },
    ]);
  });
});

describe('kubectl rows', () => {
  const base = (): { r: Report; k: KubectlPickView } => {
    const r = liveReport();
    return { r, k: r.kubectl[0]! };
  };

  test('offline, the candidates\' workloads once each; a bare candidate stands for itself; the command\'s own object is not foreign', () => {
    const { r, k } = base();
    const bare = pod('debug');
    const report: Report = { ...r, selection: [...r.selection, bare] };
    const names = report.selection.map((v) => v.ref);
    const pick: KubectlPickView = { ...k, template: true, target: { kind: 'Deployment', name: 'web' }, ownedByTarget: false, candidates: names };
    const row = kubectlRow(report, pick);
    assert.equal(row.outcome, 'template');
    if (row.outcome !== 'template') return;
    assert.deepEqual(row.owners.map((o) => `${o.kind}/${o.name}`), ['Deployment/web', 'Deployment/web-canary', 'Pod/debug']);
    assert.deepEqual(row.foreign.map((o) => o.name), ['web-canary', 'debug']);
    const unknown = kubectlRow(report, { ...pick, ownedByTarget: null });
    assert.ok(unknown.outcome === 'template' && unknown.foreign.length === 0, 'no foreign owner when ownership cannot be told');
  });

  test('a pod pick: its workload, whether it is foreign, the pods it ties with; errors and no pod', () => {
    const { r, k } = base();
    const [a, b] = r.selection;
    assert.ok(a && b);
    const row = kubectlRow(r, { ...k, ownedByTarget: false, pod: a.ref, candidates: [a.ref, b.ref], ports: [{ spec: '8080:80', local: 8080, remote: 80, error: null }, { spec: 'x', local: null, remote: null, error: 'bad port' }] });
    assert.equal(row.outcome, 'pod');
    if (row.outcome !== 'pod') return;
    assert.deepEqual([row.pod, row.owner?.name, row.foreign, row.tiedWith], [a.ref.name, 'web-canary', true, [b.ref.name]]);
    assert.deepEqual(row.ports.map((p) => p.result), [{ text: 'local 8080 → pod 80' }, { text: 'bad port', role: 'error' }]);
    assert.deepEqual(kubectlRow(r, { ...k, error: 'cannot attach' }).outcome, 'fails');
    assert.deepEqual(kubectlRow(r, { ...k, pod: null, decidedBy: 'no pods' }).outcome, 'none');
  });

  test('the text view lays out every row, long names; the TUI the same rows, short names', () => {
    const r = golden('xdmod/svc-mariadb');
    const rows = kubectlRows(r, r.kubectl);
    assert.ok(rows.length >= 2 && rows.every((x) => x.outcome === 'template'));
    const text = renderReportText(r, { theme: PLAIN, wide: false, now: NOW });
    for (const row of rows) {
      if (row.outcome !== 'template') continue;
      assert.ok(text.includes(`  ${row.commandLine}  → a pod of ${row.owners.map((o) => `${o.kind.toLowerCase()}/${o.name}`).join(' or ')}`), row.commandLine);
    }
    assert.ok(kubectlLines(r).map(plain).some((l) => l.includes('a pod of deploy/mariadb or deploy/moc-xdmod')));
  });
});
