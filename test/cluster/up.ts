// `npm run cluster:up`: builds the binaries if needed, starts a cluster that outlives this
// command, records it in .cluster/state.json and prints how to use it.
import { buildBinaries, missingBinaries } from './bins.ts';
import { startCluster } from './harness.ts';
import { isRunning, release } from './processes.ts';
import { readState, removeState, statePath, writeState } from './state.ts';

const previous = readState();
if (previous) {
  if (previous.procs.some((p) => isRunning(p.pid, p.bin))) {
    console.error(`A cluster is already up (run dir ${previous.dir}, state ${statePath}).`);
    console.error('Stop it first with: npm run cluster:down');
    process.exit(1);
  }
  console.error(`Removing stale state of a cluster that is no longer running (${previous.dir}).`);
  removeState();
}

const binDir = missingBinaries().length > 0 ? await buildBinaries() : undefined;
const cluster = await startCluster({ detached: true, keep: true, log: (l) => console.error(l), ...(binDir ? { binDir } : {}) });
writeState({
  dir: cluster.dir, kubeconfig: cluster.kubeconfig, server: cluster.server, binDir: cluster.binDir,
  startedAt: new Date().toISOString(), procs: cluster.procs.map(({ name, pid, bin, log }) => ({ name, pid, bin, log })),
});
release(cluster.procs);
console.log(`Cluster up at ${cluster.server} in ${(cluster.startupMs / 1000).toFixed(1)} s; logs in ${cluster.dir}/logs.`);
console.log('Use it with (kubectl of the same version as the apiserver comes first on PATH):');
console.log(`export KUBECONFIG=${cluster.kubeconfig}`);
console.log(`export PATH=${cluster.binDir}:$PATH`);
console.log('Stop it with: npm run cluster:down');
process.exit(0);
