// `npm run cluster:down`: stops the processes `npm run cluster:up` recorded (and only those),
// then removes its run directory (unless --keep) and the state file.
import { rmSync } from 'node:fs';
import { stopProcs } from './processes.ts';
import { readState, removeState } from './state.ts';

const state = readState();
if (!state) {
  console.log('No cluster is up (no .cluster/state.json).');
} else {
  await stopProcs(state.procs);
  if (!process.argv.includes('--keep')) rmSync(state.dir, { recursive: true, force: true });
  removeState();
  console.log(`Stopped the cluster at ${state.server} (${state.procs.map((p) => `${p.name} ${p.pid}`).join(', ')}).`);
}
