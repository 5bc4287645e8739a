// `npm run bench`: every measurement beside its baseline in the same run (medians of
// interleaved runs; ratios are the result), written to bench/results.md (tables) and
// bench/results.svg (time against cluster size, ours beside the baseline). results.md is
// rewritten after every section, so an interrupted run keeps what it measured.
//
//   offline series   check -A and a single target on generated manifests up to 100k pods,
//                    kube-score v1.20.0 on the same files; the core alone and its slope
//                    (bench/offline.ts)
//   live series      the real control plane (test/cluster) grown to 1k, 5k, 20k pods over 50
//                    namespaces and in one namespace; svc/x, deploy/x, pod/x, logs deploy/x,
//                    check -n, check -A beside the kubectl commands a person would type, with
//                    API request counts (bench/live.ts)
//   watch            a 100k-event log replayed as fast as it goes (bench/watch.ts, its own section)
//   tui              the TUI in a pseudo-terminal: first paint and key presses with 5k pod rows,
//                    redraws, render lag during a 500-pod rollout (bench/tui.ts, its own section)
//   offline shapes   check -A on other generated shapes (DaemonSets on 1,000 nodes, one Service
//                    over every pod, StatefulSets, CronJobs, 500 namespaces, a NetworkPolicy per
//                    app, Services left behind) at 5k and 20k pods (bench/shapes.ts)
//   offline xdmod    whoselects -k examples/xdmod svc/mariadb  vs  kubectl kustomize
//   endurance        a 10-minute watch at 200 events/s, heap sampled (bench/endurance.ts)
//
// BENCH_RUNS (default 3), BENCH_LIVE_SINGLE_RUNS (runs of each live single-target row,
// default 9: a run of either side is a fraction of a second, and three of them leave the
// median to the moment), BENCH_SIZES (offline, default 1000,5000,20000,100000),
// BENCH_LIVE_SIZES (default 1000,5000,20000; BENCH_LIVE_ONE_SIZES for the one-namespace
// layout, default the same), BENCH_LIVE_LAYOUTS (default spread,one),
// BENCH_WATCH_EVENTS (default 100000), BENCH_KUBE_SCORE_MAX (offline: kube-score only up to
// that many pods), BENCH_SKIP=offline,shapes,live,watch,tui,xdmod,endurance; BENCH_SHAPE_SIZES (default 5000,20000).
// Generated clusters live in temporary directories; nothing generated is committed but
// results.md and results.svg.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { KUBE_SCORE_VERSION, offlineSeries, type OfflineRow } from './offline.ts';
import { liveSeries, type Layout, type LiveRow } from './live.ts';
import { shapeSeries, WIDEST_TARGET } from './shapes.ts';
import { quieten, ratio, root, SETTLE_BUSY, SETTLE_MAX_MS, SETTLE_WINDOW_MS, sideBySide, spawnOverhead, type Summary } from './measure.ts';
import { program } from './program.ts';
import { wireTable } from './wire.ts';
import { plot, type Series } from './plot.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SINGLE_RUNS = Number(process.env.BENCH_LIVE_SINGLE_RUNS ?? 9);
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const node = join(root, 'node_modules/node/bin/node');
const prog = program();
const log = (s: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)} load ${(loadavg()[0] ?? 0).toFixed(1)}] ${s}`);
const kubectlBin = process.env.KUBECTL ?? 'kubectl';

interface PairRow { name: string; baseline: string; ours: Summary; theirs: Summary; requests?: string }
const pairs: PairRow[] = [];
const notes: string[] = [];
const liveRows: LiveRow[] = [];
const loadBefore = loadavg()[0] ?? 0;
const loads: number[] = [loadBefore];
const started = new Date();
let offline: ReturnType<typeof offlineSeries> | null = null;
let offlineQuiet: { seconds: number; busy: number } | null = null;
let shapes: ReturnType<typeof shapeSeries> | null = null;
const done: string[] = [];


// ---------------------------------------------------------------- the TUI and watch throughput (each writes its own section)
if (!skip.has('tui')) {
  // First of all, once the CPUs have quietened after the build: its render lag is timed live.
  // Run after the watch section (a log of more than a gigabyte written and read), the same
  // frames cost the TUI a third more CPU and its p99 came out at 102 ms twice, against 52-83 ms
  // when it ran on its own (the CPUs quiet for 5 s between; not their heat either: 60 s of both
  // busy just before left it at 57 ms). The cause was not found, so the TUI goes first.
  const quiet = await quieten();
  log(`tui: CPUs ${(quiet.busy * 100).toFixed(0)}% busy after ${quiet.seconds.toFixed(0)} s; first paint, key presses, redraws, render lag`);
  execFileSync(node, [join(root, 'bench/tui.ts')], { stdio: ['ignore', 'ignore', 'inherit'] });
  loads.push(loadavg()[0] ?? 0);
  done.push('tui');
  write();
}

if (!skip.has('watch')) {
  const events = process.env.BENCH_WATCH_EVENTS ?? '100000';
  log(`watch: replaying ${events} events`);
  execFileSync(node, [join(root, 'bench/watch.ts'), events], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, BENCH_RUNS: String(Math.min(RUNS, 3)) } });
  loads.push(loadavg()[0] ?? 0);
  done.push('watch');
  write();
}
// ---------------------------------------------------------------- offline xdmod
if (!skip.has('xdmod')) {
  const [ours, theirs] = sideBySide([
    [{ cmd: prog.cmd, args: [...prog.prefix, '--kubectl-version', '1.34', '-k', 'examples/xdmod', 'svc/mariadb', '-o', 'json'] }],
    [{ cmd: kubectlBin, args: ['kustomize', 'examples/xdmod'] }],
  ], RUNS);
  pairs.push({ name: '-k examples/xdmod svc/mariadb', baseline: 'kubectl kustomize examples/xdmod', ours: ours as Summary, theirs: theirs as Summary });
  done.push('xdmod');
  write();
}
// ---------------------------------------------------------------- live series
if (!skip.has('live')) {
  const sizes = (process.env.BENCH_LIVE_SIZES ?? '1000,5000,20000').split(',').map(Number).filter((n) => n > 0);
  const all: Layout[] = [{ layout: 'spread', namespaces: 50 }, { layout: 'one', namespaces: 1 }];
  const wanted = (process.env.BENCH_LIVE_LAYOUTS ?? 'spread,one').split(',');
  await liveSeries({
    sizes, runs: RUNS, singleRuns: SINGLE_RUNS, ...(process.env.BENCH_LIVE_ONE_SIZES ? { oneSizes: process.env.BENCH_LIVE_ONE_SIZES.split(',').map(Number).filter((n) => n > 0) } : {}), layouts: all.filter((l) => wanted.includes(l.layout)), log, notes,
    onRow: (r) => { liveRows.push(r); loads.push(loadavg()[0] ?? 0); write(); },
  });
  done.push('live');
  write();
}

// ---------------------------------------------------------------- offline series
if (!skip.has('offline')) {
  // After the live series, its control plane is still going away: the offline series waits too.
  offlineQuiet = await quieten();
  log(`offline: CPUs ${(offlineQuiet.busy * 100).toFixed(0)}% busy after ${offlineQuiet.seconds.toFixed(0)} s`);
  offline = offlineSeries(log);
  loads.push(loadavg()[0] ?? 0);
  done.push('offline');
  write();
}
if (!skip.has('shapes')) {
  shapes = shapeSeries(log);
  loads.push(loadavg()[0] ?? 0);
  done.push('shapes');
  write();
}

// ---------------------------------------------------------------- endurance (10 minutes; it writes its own section)
if (!skip.has('endurance')) {
  try {
    execFileSync(node, [join(root, 'bench/endurance.ts')], { stdio: 'inherit' });
  } catch {
    log('endurance: memory did not stay flat (see its section of bench/results.md)');
  }
}

done.push('end');
write();
log(process.env.BENCH_LIVE_HOLD === '1' ? 'held fixture released; nothing written' : 'wrote bench/results.md and bench/results.svg');

// ---------------------------------------------------------------- results
function write(): void {
  // A held fixture is for measuring by hand: nothing the bench measured, nothing to write.
  if (process.env.BENCH_LIVE_HOLD === '1') return;
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 1 ? 3 : n < 10 ? 2 : 1) : '-');
  const mb = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');
  const kubectlVersion = (() => {
    try {
      return execFileSync(kubectlBin, ['version', '--client', '-o', 'json'], { encoding: 'utf8' }).match(/"gitVersion":\s*"([^"]+)"/)?.[1] ?? '?';
    } catch {
      return 'absent';
    }
  })();
  const finished = done.includes('end');
  const md: string[] = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\` (started ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${finished ? '' : `; **interrupted or still running: sections done so far: ${done.join(', ') || 'none'}**`}): ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), 1-minute load average ${loads.map((l) => l.toFixed(1)).join(' → ')} (at the start, then after each section or live size), Node ${process.versions.node}. "Ours" is ${prog.label}. BENCH_RUNS=${RUNS}, BENCH_LIVE_SINGLE_RUNS=${SINGLE_RUNS}. Each row: medians of ${RUNS} interleaved runs of each side (${SINGLE_RUNS} for a live single target) (ours, baseline, ours, baseline …; one run each at 100k pods offline), so load on the shared machine falls on both alike; the ratios are the result. Wall time taken around each command, to the microsecond, less what starting a command under \`/usr/bin/time\` costs here (\`/bin/true\` under it: ${(spawnOverhead() * 1000).toFixed(1)} ms, the median of 9); CPU time and peak RSS from \`/usr/bin/time\`. Times under a second are written to the millisecond; every ratio is of the unrounded medians.`,
    '',
  ];

  if (offline) {
    const rows = offline.rows;
    md.push('## Offline: `check -A` on generated clusters, beside kube-score', '',
      `Generated by \`bench/generate.ts\`: Deployments with one ReplicaSet and 10 ready pods each, a Service per Deployment, a PodDisruptionBudget and an autoscaler for every other Deployment, one NetworkPolicy per namespace; read back as a cluster would give them (pods with status, owner UIDs). Written as JSON documents separated by \`---\` (one YAML stream), except the rows marked yaml (block-style YAML of the same objects), json-list and yaml-list (one List of the same objects, laid out as \`kubectl get -o json\` and \`kubectl get -o yaml\` write it), json-line (that List on one line, as \`jq -c\` writes it), yaml-dir (a directory of one block-YAML file per object, read with \`-f DIR\`), yaml-crlf (the block YAML with CRLF line ends, as saved on Windows), yaml-flow (the block YAML with each collection of scalars in flow style, \`labels: {app: web}\`, as PyYAML writes it by default), yaml-end (each document ended by a \`...\` line, as PyYAML's explicit_end writes it) and yaml-quoted (every key and string double-quoted, as JSON turned into YAML is); kube-score runs on the json and yaml rows only. kube-score ${KUBE_SCORE_VERSION} (${offline.kubeScore ? 'built from the Go module proxy' : 'not available: no Go toolchain'}) runs \`kube-score score --output-format ci\` on the same file. kube-linter is not beside it: its module path (golang.stackrox.io/kube-linter) is not served by the Go module proxy, so it cannot be built by the project's own means.${offlineQuiet ? ` Begun once the CPUs were ${(offlineQuiet.busy * 100).toFixed(0)}% busy (${offlineQuiet.seconds.toFixed(0)} s after the section before; the wait for at most 25% ends after 3 minutes).` : ''}`, '',
      '| pods | namespaces | file | `check -A -o json` wall | CPU | peak RSS | kube-score wall | CPU | peak RSS | wall ratio | single target wall | RSS |',
      '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      const ks = r.kubeScore;
      md.push(`| ${r.pods.toLocaleString('en')} | ${r.namespaces} | ${r.fileMb} MB ${r.format} | ${f1(r.check.seconds)} s | ${f1(r.check.cpuSeconds)} s | ${mb(r.check.maxRssMb)} MB | ${ks ? `${f1(ks.seconds)} s` : '-'} | ${ks ? `${f1(ks.cpuSeconds)} s` : '-'} | ${ks ? `${mb(ks.maxRssMb)} MB` : '-'} | ${ks ? `${ratio(r.check.seconds, ks.seconds)}×` : '-'} | ${f1(r.single.seconds)} s | ${mb(r.single.maxRssMb)} MB |`);
    }
    md.push('', '### The core alone (no I/O: after loading, in-process)', '',
      '| pods | namespaces | file | targets | findings | load (read + parse + normalise) | `check()` over all targets | one `analyze()` (fresh indexes) |',
      '|---:|---:|---|---:|---:|---:|---:|---:|');
    for (const r of rows) md.push(`| ${r.pods.toLocaleString('en')} | ${r.namespaces} | ${r.format} | ${r.core.targets} | ${r.core.findings} | ${r.core.loadMs} ms | ${r.core.checkMs} ms | ${r.core.singleMs} ms |`);
    md.push('', `Slope of log(core time) against log(pods), 50 namespaces: \`check()\` ${offline.slope.check}, single target ${offline.slope.single} (1 is linear; n log n over this range is about 1.1; 2 is quadratic).`, '');
  }

  if (shapes) {
    const growth = shapes.growth;
    md.push('## Offline: `check -A` on other cluster shapes', '',
      'Generated by `bench/shapes.ts`, read back as a cluster would give them (pods with status and owner UIDs, the EndpointSlice controller\'s slices): shapes whose work grows with something other than pods. **daemonsets**: 20 DaemonSets with a pod on every node (1,000 nodes at 20k pods), each behind a LoadBalancer Service with externalTrafficPolicy Local, so every node\'s traffic and health check is worked out; **one-service**: Deployments of 50 pods in one namespace with a Service each, and one Service and one PodDisruptionBudget over every pod; **statefulsets**: StatefulSets of 20 pods with a headless governing Service (per-pod DNS) and a ClusterIP Service each, 50 namespaces; **cronjobs**: CronJobs with 5 finished Jobs of 2 pods, a default-deny NetworkPolicy with a cross-namespace peer per namespace; **namespaces**: 500 namespaces of 4-pod Deployments with Services, slices, Ingresses and a NetworkPolicy admitting a team\'s namespaces; **tenants**: the same with a namespace per Deployment (5,000 namespaces at 20k pods, each policy\'s peer over a twentieth of them); **app-policies**: 10-pod Deployments over 50 namespaces, each with a Service and its own NetworkPolicy (in from its caller and from a team\'s namespaces, out to the mesh, and DNS out to every namespace: a peer over every pod of the cluster, once per policy); **stale-services**: 10-pod Deployments over 4 namespaces, each with a Service and the Service of its first version left behind (a selector no pod matches, that half matches every pod of its namespace). Growth is the wall time at 20k pods over that at 5k (4 is linear; Node\'s start makes it a little less). Beside it, the single target of each shape whose report grows most with the cluster, `-o json`: the Service over every node\'s DaemonSet pods (daemonsets), the Service over every pod (one-service: a 95 MB report at 20k pods), a headless governing Service (statefulsets), the default-deny policy whose egress peer is in every namespace (cronjobs), the policy admitting a team\'s namespaces (namespaces, tenants), one app\'s policy (app-policies), a Service left behind (stale-services); a target that needs every namespace reads the whole file.', '',
      '| shape | pods | objects | file | `check -A -o json` wall | CPU | peak RSS | growth 5k → 20k | widest single target | wall | peak RSS |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|');
    for (const r of shapes.rows) md.push(`| ${r.shape} | ${r.pods.toLocaleString('en')} | ${r.objects.toLocaleString('en')} | ${r.fileMb} MB | ${f1(r.check.seconds)} s | ${f1(r.check.cpuSeconds)} s | ${mb(r.check.maxRssMb)} MB | ${r === shapes.rows.filter((x) => x.shape === r.shape).at(-1) && growth[r.shape] !== undefined ? `${growth[r.shape]}×` : ''} | \`${WIDEST_TARGET[r.shape].target}\` | ${f1(r.single.seconds)} s | ${mb(r.single.maxRssMb)} MB |`);
    md.push('');
  }

  if (liveRows.length) {
    md.push('## Live: the real control plane, beside the kubectl commands a person would type', '',
      'Kubernetes v1.34 control plane from `test/cluster` (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok), on this same machine, so the API server\'s work is in both sides\' wall time. Fixtures (`bench/live.ts`) are written straight to the API server in parallel: per Deployment three ReplicaSet revisions (the newest holds 10 pods), a Service, a PodDisruptionBudget and an autoscaler for every other Deployment, one NetworkPolicy per namespace; the EndpointSlice controller publishes the slices, kwok makes the pods Ready. The Deployment, ReplicaSet and autoscaler controllers do not run (so nothing rewrites the fixtures); their statuses are written as they would be. `x` is app-0000 of the first namespace. The kubectl sequence of each row is written below the table; its wall time is the sum of its commands, its RSS the largest. ' + `Each run (ours, or the whole kubectl sequence) begins once the CPUs were at most ${SETTLE_BUSY * 100}% busy over ${SETTLE_WINDOW_MS} ms (at most ${SETTLE_MAX_MS / 1000} s of waiting), so each begins on a machine at rest; the commands of a sequence follow each other at once. A single target's row (every command but \`check\`) is the median of ${SINGLE_RUNS} interleaved runs of each side, a \`check\` row of ${RUNS}.` + ' API requests: ours from `-v` (every request, one line each), kubectl\'s from `-v=6` (its discovery cache warm, as on a workstation).', '',
      '| layout | pods | command | ours wall | kubectl wall | wall ratio | ours RSS | kubectl RSS | ours requests | kubectl requests |',
      '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|');
    const sequences = new Map<string, string[]>();
    for (const r of liveRows) {
      for (const c of r.commands) {
        const generic = c.command.replace(/app-0000-\S+/, 'POD').replace(/app-0000/g, 'x').replace(/-n (one|s-00)/, '-n NS');
        sequences.set(generic, c.sequence.map((q) => q.replace(/app-0000-\S+?(?= |$)/g, 'POD').replace(/app-0000/g, 'x').replace(/-n (one|s-00)/g, '-n NS')));
        const unsettled = r.readyEndpoints < r.pods ? ` (unsettled: ${r.readyEndpoints.toLocaleString('en')} ready)` : '';
        md.push(`| ${r.layout === 'spread' ? `${r.namespaces} namespaces` : 'one namespace'} | ${r.pods.toLocaleString('en')}${unsettled} | \`${c.command}\` | ${f1(c.ours.seconds)} s | ${f1(c.theirs.seconds)} s | **${ratio(c.ours.seconds, c.theirs.seconds)}×** | ${mb(c.ours.maxRssMb)} MB | ${mb(c.theirs.maxRssMb)} MB | ${c.oursRequests ?? '?'} | ${c.theirsRequests ?? '?'} |`);
      }
    }
    const unsettledRows = liveRows.filter((r) => r.readyEndpoints < r.pods);
    if (unsettledRows.length) md.push('', `**Rows marked unsettled were timed while kwok and the EndpointSlice controller were still making pods Ready** (${unsettledRows.map((r) => `${r.layout} ${r.pods}`).join(', ')}): both sides ran beside that work, so their ratio says little about the targets.`);
    md.push('', 'Fixture build (not a measurement of ours): ' + liveRows.map((r) => `${r.layout} ${r.pods}: written in ${r.writeSeconds.toFixed(0)} s, ${r.readyEndpoints} ready endpoints after ${r.readySeconds.toFixed(0)} s more, then timed once the CPUs were ${(r.busy * 100).toFixed(0)}% busy (${r.quietSeconds.toFixed(0)} s later; the wait for at most 25% ends after 3 minutes)`).join('; ') + '.', '');
    md.push('The kubectl sequences (NS the namespace, x the Deployment and Service, POD one of its pods):', '');
    for (const [cmd, seq] of sequences) md.push(`- \`whoselects ${cmd}\`: ${seq.map((q) => `\`${q}\``).join('; ')}`);
    const logsNote = liveRows[0]?.commands.find((c) => c.note)?.note;
    if (logsNote) md.push(`- \`logs deploy/x\`: ${logsNote}.`);
    md.push('');
  }
  md.push(...wireTable(liveRows.flatMap((r) => (r.wire ? [r.wire] : []))));

  if (pairs.length) {
    md.push('## Offline: one command beside kubectl', '', `kubectl ${kubectlVersion} on PATH.`, '',
      '| whoselects | baseline | ours wall | baseline wall | wall ratio | ours RSS | baseline RSS | RSS ratio |', '|---|---|---:|---:|---:|---:|---:|---:|');
    for (const p of pairs) md.push(`| ${p.name} | ${p.baseline} | ${f1(p.ours.seconds)} s | ${f1(p.theirs.seconds)} s | ${ratio(p.ours.seconds, p.theirs.seconds)}× | ${mb(p.ours.maxRssMb)} MB | ${mb(p.theirs.maxRssMb)} MB | ${ratio(p.ours.maxRssMb, p.theirs.maxRssMb)}× |`);
    md.push('');
  }
  for (const n of notes) md.push(`- ${n}`);
  if (notes.length) md.push('');

  // Hand-written: what the numbers mean against the issue's targets, what is not measured and why.
  md.push(readFileSync(join(root, 'bench/notes.md'), 'utf8').trimEnd(), '');
  // Sections other bench scripts write between `<!-- NAME:begin -->` and `<!-- NAME:end -->`
  // (bench/endurance.ts: endurance; bench/startup.ts: startup) are theirs: kept as they last
  // wrote them, after this script's part.
  const resultsFile = join(root, 'bench/results.md');
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
  for (const m of previous.matchAll(/<!-- ([a-z-]+):begin[\s\S]*?<!-- \1:end -->/g)) md.push(m[0], '');
  writeFileSync(resultsFile, `${md.join('\n')}\n`);

  const series: Series[] = [];
  if (offline) {
    const spread = offline.rows.filter((r) => r.namespaces === 50 && r.format === 'json');
    series.push(
      { name: 'offline check -A', colour: '#1f77b4', dashed: false, points: spread.map((r) => ({ x: r.pods, y: r.check.seconds })) },
      { name: `offline kube-score ${KUBE_SCORE_VERSION}`, colour: '#1f77b4', dashed: true, points: spread.flatMap((r) => (r.kubeScore ? [{ x: r.pods, y: r.kubeScore.seconds }] : [])) },
      { name: 'offline core check()', colour: '#2ca02c', dashed: false, points: spread.map((r) => ({ x: r.pods, y: r.core.checkMs / 1000 })) },
    );
  }
  const colours: Record<string, string> = { 'svc/x': '#d62728', 'deploy/x': '#9467bd', 'check -A': '#ff7f0e' };
  for (const [cmd, colour] of Object.entries(colours)) {
    const rows = liveRows.filter((r) => r.layout === 'spread');
    const pick = (r: LiveRow) => r.commands.find((c) => c.command.replace(/app-0000/g, 'x') === cmd);
    series.push(
      { name: `live ${cmd}`, colour, dashed: false, points: rows.flatMap((r) => { const c = pick(r); return c ? [{ x: r.pods, y: c.ours.seconds }] : []; }) },
      { name: `live kubectl for ${cmd}`, colour, dashed: true, points: rows.flatMap((r) => { const c = pick(r); return c ? [{ x: r.pods, y: c.theirs.seconds }] : []; }) },
    );
  }
  writeFileSync(join(root, 'bench/results.svg'), plot('Time against cluster size (50 namespaces): ours solid, baseline dashed', 'pods', 'seconds (log)', series.filter((x) => x.points.length > 0)));
}
export type { OfflineRow };
