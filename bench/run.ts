// Benchmarks: wall time and peak memory of whoselects against the kubectl commands a
// person would run for the same answer, measured in the same run on the same machine.
// Ratios, not absolute numbers, are the result. `npm run bench` (the live part needs the
// test control plane binaries: npm run cluster:build).
//
//   offline  whoselects -k examples/xdmod svc/mariadb   vs  kubectl kustomize examples/xdmod
//   live     whoselects svc/web -o json (200 pods)      vs  kubectl get svc + pods -l + endpointslices -l + replicasets

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

interface Sample { seconds: number; maxRssKb: number }

function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv): Sample {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { env, cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [s, m] = last.split(' ');
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { seconds: Number(s), maxRssKb: Number(m) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function series(steps: { cmd: string; args: string[] }[], env: NodeJS.ProcessEnv) {
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = 0;
    let m = 0;
    for (const s of steps) {
      const x = measure(s.cmd, s.args, env);
      t += x.seconds;
      m = Math.max(m, x.maxRssKb);
    }
    times.push(t);
    rss.push(m);
  }
  return { seconds: median(times), maxRssMb: median(rss) / 1024 };
}

function row(name: string, ours: { seconds: number; maxRssMb: number }, theirs: { seconds: number; maxRssMb: number }) {
  return { name, whoselectsS: ours.seconds, kubectlS: theirs.seconds, timeRatio: +(ours.seconds / theirs.seconds).toFixed(2), whoselectsMb: +ours.maxRssMb.toFixed(0), kubectlMb: +theirs.maxRssMb.toFixed(0), memRatio: +(ours.maxRssMb / theirs.maxRssMb).toFixed(2) };
}

const node = join(root, 'node_modules/node/bin/node');
const cli = join(root, 'src/cli/main.ts');
const results = [];

// Offline: the same kustomization, read by kubectl alone and analysed by whoselects.
{
  const kubectl = process.env.KUBECTL ?? 'kubectl';
  const env = { ...process.env };
  const ours = series([{ cmd: node, args: [cli, '--kubectl-version', '1.34', '-k', 'examples/xdmod', 'svc/mariadb', '-o', 'json'] }], env);
  const theirs = series([{ cmd: kubectl, args: ['kustomize', 'examples/xdmod'] }], env);
  results.push(row('offline xdmod (-k) vs kubectl kustomize', ours, theirs));
}

// Live: a real control plane with a 200-replica Deployment behind a Service.
const { missingBinaries, startCluster } = await import('../test/cluster/harness.ts');
if (missingBinaries().length === 0) {
  const cluster = await startCluster();
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-bench-'));
  try {
    const manifest = join(dir, 'web.yaml');
    writeFileSync(manifest, `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 200
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080, name: http}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
`);
    const env = { ...process.env, ...cluster.env };
    const kubectl = join(cluster.binDir, 'kubectl');
    execFileSync(kubectl, ['apply', '-f', manifest], { env });
    await cluster.waitFor(async () => {
      const out = execFileSync(kubectl, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'jsonpath={range .items[*]}{range .endpoints[*]}{.conditions.ready}{"\\n"}{end}{end}'], { env, encoding: 'utf8' });
      return out.split('\n').filter((l) => l === 'true').length >= 200;
    }, { timeoutMs: 180_000, what: '200 ready endpoints' });
    const ours = series([{ cmd: node, args: [cli, '--kubectl-version', '1.34', 'svc/web', '-o', 'json', '--fail-on', 'never'] }], env);
    const theirs = series([
      { cmd: kubectl, args: ['get', 'svc', 'web', '-o', 'json'] },
      { cmd: kubectl, args: ['get', 'pods', '-l', 'app=web', '-o', 'json'] },
      { cmd: kubectl, args: ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'json'] },
      { cmd: kubectl, args: ['get', 'replicasets,deployments', '-o', 'json'] },
    ], env);
    results.push(row('live svc/web, 200 pods vs the 4 kubectl gets', ours, theirs));
    const single = series([{ cmd: kubectl, args: ['get', 'pods', '-l', 'app=web', '-o', 'json'] }], env);
    results.push(row('live svc/web, 200 pods vs kubectl get pods -l alone', ours, single));
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  results.push({ name: 'live: skipped (no control plane binaries; npm run cluster:build)' });
}

console.table(results);
console.log(`median of ${RUNS} runs each; time ratio < 1 means whoselects is faster; kubectl ${execFileSync(process.env.KUBECTL ?? 'kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' }).match(/"gitVersion":\s*"([^"]+)"/)?.[1] ?? '?'} for the offline row`);
