// The core alone, no I/O in the timing: load a manifest file, then time check() over every
// namespace and one single-target analyze(). Prints one JSON line. Run by bench/offline.ts.
//
//   node bench/core-time.ts FILE [NAMESPACE KIND NAME]

import { performance } from 'node:perf_hooks';
import { analyze } from '../src/core/analyze.ts';
import { check, namespacesOf } from '../src/core/check.ts';
import { parseKubectlVersion } from '../src/core/kubectl/version.ts';
import type { Kind } from '../src/core/snapshot.ts';
import { loadManifests, realManifestDeps } from '../src/sources/manifests/index.ts';

const [file, namespace = 'bench-00', kind = 'Service', name = 'app-0000'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/core-time.ts FILE [NAMESPACE KIND NAME]');
const version = parseKubectlVersion('v1.34.0');
if (!version) throw new Error('kubectl version');
const kubectl = { version, from: 'bench' };
const source = { context: null, cluster: null, inputs: [file], problems: [] };
const now = new Date('2026-03-01T12:00:00Z');

const t0 = performance.now();
const loaded = await loadManifests({ files: [file], recursive: false, kustomizeDirs: [] }, realManifestDeps(), 'default');
const t1 = performance.now();
const s = loaded.snapshot;
const c = check(s, namespacesOf(s), { kubectl, source }, now);
const t2 = performance.now();
// A single target on a fresh copy of the snapshot's lists, so it pays for its own indexes.
const fresh = { ...s, objects: Object.fromEntries(Object.entries(s.objects).map(([k, v]) => [k, [...v]])) as typeof s.objects };
const t3 = performance.now();
const r = analyze(fresh, { target: { kind: kind as Kind, name, namespace }, kubectl, source }, now);
const t4 = performance.now();
console.log(JSON.stringify({
  pods: s.objects.Pod.length, targets: c.targets, findings: c.findings.length, selected: r.selection.length,
  loadMs: Math.round(t1 - t0), checkMs: Math.round(t2 - t1), singleMs: Math.round(t4 - t3), heapMb: Math.round(process.memoryUsage().heapUsed / 1048576),
}));
